#!/usr/bin/env bash
# Runs node's test runner over one package's test files.
#   unit: *.test.ts, pure and fast, no I/O
#   int:  *.int.test.ts, against the real Kafka, schema registry and PostgreSQL
set -euo pipefail
kind="${1:?usage: node-test.sh unit|int}"
if [ "$kind" = unit ]; then
  mapfile -t files < <(find src scripts e2e deploy -name '*.test.ts' ! -name '*.int.test.ts' 2>/dev/null | sort)
else
  mapfile -t files < <(find src scripts e2e deploy -name '*.int.test.ts' 2>/dev/null | sort)
fi
if [ "${#files[@]}" -eq 0 ]; then echo "no $kind tests in $(basename "$PWD")"; exit 0; fi
exec node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"

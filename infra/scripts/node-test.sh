#!/usr/bin/env bash
# Runs node's test runner over one package's test files.
#   unit: *.test.ts, pure and fast, no I/O
#   int:  *.int.test.ts, against the real Kafka, schema registry and PostgreSQL; each file on
#         its own, stopped (with every process it started) once it has run CSMS_TEST_FILE_TIMEOUT
#         (default 15m), so that a hang fails that file instead of holding up the whole run.
set -euo pipefail
kind="${1:?usage: node-test.sh unit|int}"
if [ "$kind" = unit ]; then
  mapfile -t files < <(find src scripts e2e deploy -name '*.test.ts' ! -name '*.int.test.ts' 2>/dev/null | sort)
else
  mapfile -t files < <(find src scripts e2e deploy -name '*.int.test.ts' 2>/dev/null | sort)
fi
if [ "${#files[@]}" -eq 0 ]; then echo "no $kind tests in $(basename "$PWD")"; exit 0; fi
run=(node --import tsx --test --test-concurrency=1 --test-reporter=spec)
if [ "$kind" = unit ]; then exec "${run[@]}" "${files[@]}"; fi

limit="${CSMS_TEST_FILE_TIMEOUT:-15m}"
failed=0
for file in "${files[@]}"; do
  # timeout runs the file in a process group of its own and signals the whole group.
  if timeout --kill-after=30s "$limit" "${run[@]}" "$file"; then continue; else code=$?; fi
  failed=1
  if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
    echo "✖ $file did not finish within $limit and was stopped"
    echo "ℹ fail 1"  # counted by npm test's tally like any failed test
  fi
done
exit "$failed"

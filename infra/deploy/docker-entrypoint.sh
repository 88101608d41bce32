#!/bin/sh
# Entry point of the CSMS image: the first argument names what to run, the rest is passed on.
# Each service runs as the compiled JavaScript that `npm start` runs (infra/scripts/services.ts):
# --conditions=csms-dist makes the @csms/* packages resolve to their dist/ as well.
set -eu
cd /app

run() {
  # exec: node becomes PID 1 and receives SIGTERM itself (every service stops cleanly on it).
  exec node --enable-source-maps --conditions=csms-dist "$@"
}

command="${1:-help}"
[ "$#" -gt 0 ] && shift

case "$command" in
  gateway)
    # A StatefulSet pod is named <set>-<ordinal>. On Kubernetes 1.28+ the manifests set
    # CSMS_GATEWAY_NODE from the pod's apps.kubernetes.io/pod-index label; on an older cluster
    # give the pod its own name in POD_NAME (downward API metadata.name) and the ordinal is
    # taken from its end here. POD_NAME is read by this script only, never by the service.
    if [ -z "${CSMS_GATEWAY_NODE:-}" ] && [ -n "${POD_NAME:-}" ]; then
      ordinal="${POD_NAME##*-}"
      case "$ordinal" in
        ''|*[!0-9]*) echo "csms: cannot take a gateway ordinal from POD_NAME=$POD_NAME" >&2; exit 64 ;;
      esac
      CSMS_GATEWAY_NODE="$ordinal"
      export CSMS_GATEWAY_NODE
    fi
    run gateway/dist/main.js "$@" ;;
  processors|projections|api)
    run "$command/dist/main.js" "$@" ;;
  migrate)
    # The database migrations alone (the api and the projections also run them at start-up).
    run infra/dist/migrate.js "$@" ;;
  rebuild-projection)
    # As `npm run rebuild-projection -- <name>|all [--parallel n]`, with the same young generation.
    exec node --max-semi-space-size=64 --enable-source-maps --conditions=csms-dist projections/dist/rebuild.js "$@" ;;
  redrive)
    # As `npm run redrive -- <id>... | --consumer <name> | --all`.
    run projections/dist/redrive.js "$@" ;;
  help|--help|-h)
    echo "usage: csms gateway|processors|projections|api|migrate|rebuild-projection|redrive [args...]"
    echo "configuration: environment variables, see README.md (Configuration)" ;;
  *)
    echo "csms: unknown command '$command' (gateway, processors, projections, api, migrate, rebuild-projection, redrive)" >&2
    exit 64 ;;
esac

#!/usr/bin/env bash
# Smoke test of the Helm release that was just installed: deploy.yml runs it after `helm upgrade`, and so can anyone
# whose kubeconfig reaches the cluster:   RELEASE=sightline NAMESPACE=sightline bash delivery/smoke-release.sh
#
# 1. Reads the release's own values back from Helm (the ingress hosts and which services are enabled), so the test
#    follows what was deployed rather than a second copy of the configuration.
# 2. Forwards a local port to each enabled service's health port (the gateway's admin port, every other service's
#    http port): the internal services have no route through the ingress, and a port-forward is not subject to the
#    chart's NetworkPolicies.
# 3. Runs delivery/smoke.mjs: the console and the gateway through the ingress, /healthz and /readyz of every service.
#
# CONSOLE_URL and GATEWAY_URL, when set, replace the https://<host> taken from the values (another entry point).
# SMOKE_ARGS adds options to smoke.mjs (e.g. "--attempts 20"); the forwards use local ports from
# SMOKE_LOCAL_PORT_BASE + 1 (19101 by default). Exits with smoke.mjs's status.
set -euo pipefail
: "${RELEASE:?set RELEASE to the Helm release name}"
: "${NAMESPACE:?set NAMESPACE to the release namespace}"
here="$(cd "$(dirname "$0")" && pwd)"

values="$(helm get values "$RELEASE" --namespace "$NAMESPACE" --all --output json)"
value() { jq -r "$1" <<< "$values"; }

# The chart names objects <fullname>-<service>; fullname is the release name when it already contains the chart's.
fullname="$(value '.fullnameOverride // ""')"
if [ -z "$fullname" ]; then
  chart="$(value '.nameOverride // ""')"
  chart="${chart:-sightline}"
  if [[ "$RELEASE" == *"$chart"* ]]; then fullname="$RELEASE"; else fullname="$RELEASE-$chart"; fi
fi

args=()
if [ "$(value '.ingress.enabled')" = true ]; then
  args+=(--console-url "${CONSOLE_URL:-https://$(value '.ingress.hosts.console')}")
  args+=(--gateway-url "${GATEWAY_URL:-https://$(value '.ingress.hosts.gateway')}")
fi

forwards=()
stop_forwards() {
  for pid in "${forwards[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${forwards[@]}"; do wait "$pid" 2> /dev/null || true; done
}
trap stop_forwards EXIT

local_port="${SMOKE_LOCAL_PORT_BASE:-19100}"
for entry in gateway:8090 auth:8081 collector:4318 alerting:9095 api:4000 dashboard:3000 reports:9096; do
  service="${entry%%:*}"
  port="${entry##*:}"
  [ "$(value ".${service}.enabled")" = true ] || continue
  local_port=$((local_port + 1))
  kubectl port-forward --namespace "$NAMESPACE" "svc/${fullname}-${service}" "${local_port}:${port}" \
    > "${TMPDIR:-/tmp}/smoke-forward-${service}.log" 2>&1 &
  forwards+=("$!")
  args+=(--service "${service}=http://127.0.0.1:${local_port}")
done

# shellcheck disable=SC2086 # SMOKE_ARGS is a list of options, split on purpose.
node "$here/smoke.mjs" "${args[@]}" ${SMOKE_ARGS:-}

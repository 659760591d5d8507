{{/*
sightline.managedEnv is the environment the chart sets itself for one service, as a YAML map. Values may not
set these names again (sightline.env fails the render if they do), so the wiring cannot drift from the chart.
Call with (dict "root" $ "service" "gateway" "values" .Values.gateway "catalog" $catalog).
*/}}
{{- define "sightline.managedEnv" -}}
{{- $root := .root -}}
{{- $c := index .catalog .service -}}
{{- $env := dict
  "NODE_ENV" "production"
  "HOST" "0.0.0.0"
  "LOG_LEVEL" (default $root.Values.global.logLevel .values.logLevel)
  $c.portEnv (toString $c.port)
-}}
{{- $url := dict
  "auth" (include "sightline.url" (dict "root" $root "service" "auth" "port" 8081))
  "collector" (include "sightline.url" (dict "root" $root "service" "collector" "port" 4318))
  "gatewayAdmin" (include "sightline.url" (dict "root" $root "service" "gateway" "port" 8090))
  "alerting" (include "sightline.url" (dict "root" $root "service" "alerting" "port" 9095))
  "reports" (include "sightline.url" (dict "root" $root "service" "reports" "port" 9096))
-}}
{{- $otlp := $root.Values.collector.enabled -}}
{{- if eq .service "gateway" -}}
{{- $_ := set $env "GATEWAY_ADMIN_PORT" (toString $c.adminPort) -}}
{{- $_ := set $env "AUTH_URL" $url.auth -}}
{{- /* The in-process fallback limiter divides each limit by this; the HPA floor keeps it conservative. */ -}}
{{- $_ := set $env "GATEWAY_REPLICAS" (include "sightline.replicasFloor" .values) -}}
{{- if $otlp }}{{ $_ := set $env "OTLP_ENDPOINT" $url.collector }}{{ end -}}
{{- if .values.tls.enabled -}}
{{- /* The proxy port speaks HTTPS only; the admin port (probes, /metrics) stays plain HTTP. */ -}}
{{- $_ := set $env "GATEWAY_TLS_CERT_FILE" (printf "%s/tls.crt" $c.tlsDir) -}}
{{- $_ := set $env "GATEWAY_TLS_KEY_FILE" (printf "%s/tls.key" $c.tlsDir) -}}
{{- $_ := set $env "GATEWAY_TLS_MIN_VERSION" .values.tls.minVersion -}}
{{- $_ := set $env "GATEWAY_TLS_CHECK_MS" (toString (int .values.tls.checkMs)) -}}
{{- end -}}
{{- else if eq .service "auth" -}}
{{- if $otlp }}{{ $_ := set $env "OTLP_ENDPOINT" $url.collector }}{{ end -}}
{{- else if eq .service "collector" -}}
{{- $_ := set $env "QUEUE_DIR" "/var/lib/sightline/collector/queue" -}}
{{- $_ := set $env "ARCHIVE_DIR" "/var/lib/sightline/collector/archive" -}}
{{- else if eq .service "alerting" -}}
{{- /* AUTH_URL is reserved in alerting (people reach it through the api), so no flow to auth is opened. */ -}}
{{- $_ := set $env "COLLECTOR_URL" $url.collector -}}
{{- $_ := set $env "CONSOLE_URL" (include "sightline.consoleUrl" $root) -}}
{{- if $otlp }}{{ $_ := set $env "OTLP_ENDPOINT" $url.collector }}{{ end -}}
{{- else if eq .service "api" -}}
{{- $_ := set $env "AUTH_URL" $url.auth -}}
{{- $_ := set $env "COLLECTOR_URL" $url.collector -}}
{{- $_ := set $env "GATEWAY_ADMIN_URL" $url.gatewayAdmin -}}
{{- $_ := set $env "ALERTING_URL" $url.alerting -}}
{{- $_ := set $env "REPORTS_URL" $url.reports -}}
{{- $_ := set $env "CONSOLE_ORIGINS" (include "sightline.consoleUrl" $root) -}}
{{- else if eq .service "dashboard" -}}
{{- /* API_URL is what the browser calls: the console host, where the IngressRoute sends /v1 and /socket.io to the api. */ -}}
{{- $_ := set $env "API_URL" (include "sightline.consoleUrl" $root) -}}
{{- $_ := set $env "NEXT_TELEMETRY_DISABLED" "1" -}}
{{- /* Next's server binds $HOSTNAME, which Kubernetes sets to the pod name. */ -}}
{{- $_ := set $env "HOSTNAME" "0.0.0.0" -}}
{{- else if eq .service "reports" -}}
{{- $_ := set $env "GATEWAY_ADMIN_URL" $url.gatewayAdmin -}}
{{- $_ := set $env "COLLECTOR_URL" $url.collector -}}
{{- $_ := set $env "ALERTING_URL" $url.alerting -}}
{{- $_ := set $env "CONSOLE_URL" (include "sightline.consoleUrl" $root) -}}
{{- /* Chromium (PDF printing) keeps its profile under $HOME; /tmp is the writable place. */ -}}
{{- $_ := set $env "HOME" "/tmp" -}}
{{- if $otlp }}{{ $_ := set $env "OTLP_ENDPOINT" $url.collector }}{{ end -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}

{{/*
sightline.env renders a container's env list: the chart's wiring, then values' plain env, then one
<NAME>_FILE per secretEnv entry pointing at the mounted secret file.
*/}}
{{- define "sightline.env" -}}
{{- $managed := include "sightline.managedEnv" . | fromYaml -}}
{{- $service := .service -}}
{{- if eq $service "gateway" }}
{{- /* The gateway's TLS files come from gateway.tls, which mounts them; a path or PEM given as env would not exist. */}}
{{- range $from := list "env" "secretEnv" }}
{{- range $name, $value := index $.values $from }}
{{- if and (hasPrefix "GATEWAY_TLS_" $name) (or (eq $from "env") $value) }}
{{- fail (printf "gateway.%s.%s: the gateway's TLS is set with gateway.tls (enabled, secretName, minVersion, checkMs); remove it from values" $from $name) }}
{{- end }}
{{- end }}
{{- end }}
{{- /* Through the TLS passthrough route no proxy adds X-Forwarded-For; trusting the ingress's range would let a
client send one and pick the IP its per-IP limits count against. */}}
{{- if and .values.tls.enabled .root.Values.ingress.enabled (get .values.env "TRUSTED_PROXY_CIDRS") }}
{{- fail "gateway.env.TRUSTED_PROXY_CIDRS: with gateway.tls.enabled the ingress passes TLS through and adds no X-Forwarded-For, so trusting a proxy range would let clients choose their own IP; set it to ''" }}
{{- end }}
{{- end }}
{{- range $name, $value := .values.env }}
{{- if hasKey $managed $name }}
{{- fail (printf "%s.env.%s: the chart sets %s itself; remove it from values" $service $name $name) }}
{{- end }}
{{- end }}
{{- range $name, $ref := .values.secretEnv }}
{{- if and $ref (or (hasKey $managed $name) (hasKey $.values.env $name)) }}
{{- fail (printf "%s.secretEnv.%s: %s is already set as plain env; a variable comes from one place" $service $name $name) }}
{{- end }}
{{- end }}
{{- range $name, $value := $managed }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- range $name, $value := .values.env }}
- name: {{ $name }}
  value: {{ toString $value | quote }}
{{- end }}
{{- range $name, $ref := .values.secretEnv }}
{{- if $ref }}
- name: {{ $name }}_FILE
  value: /var/run/secrets/sightline/{{ $name }}
{{- end }}
{{- end }}
{{- end -}}

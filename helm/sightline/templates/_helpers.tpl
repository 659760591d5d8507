{{/*
sightline.name is the chart name, or nameOverride.
*/}}
{{- define "sightline.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
sightline.fullname prefixes every object name; a release named like the chart is not repeated.
*/}}
{{- define "sightline.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
sightline.componentName is the object name of one service: <fullname>-<service>.
Call with (dict "root" $ "service" "gateway").
*/}}
{{- define "sightline.componentName" -}}
{{- printf "%s-%s" (include "sightline.fullname" .root) .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
sightline.labels are the recommended labels of every object; pass "service" for a component's objects.
*/}}
{{- define "sightline.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "sightline.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: sightline
{{- with .service }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{/*
sightline.selectorLabels select one service's pods; they never change across upgrades.
*/}}
{{- define "sightline.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sightline.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{/*
sightline.catalog is the platform's fixed shape: ports, health port, who calls whom and which external
destinations each service needs. It is architecture, not configuration, so it lives here and not in values.
*/}}
{{- define "sightline.catalog" -}}
gateway:
  port: 8080
  portEnv: GATEWAY_PORT
  adminPort: 8090
  healthPort: admin
  # With gateway.tls.enabled the tls.crt and tls.key of gateway.tls.secretName are mounted here (never by subPath,
  # so the kubelet's swap of the ..data symlink after a renewal reaches the files the gateway watches).
  tlsDir: /var/run/secrets/sightline-tls
  public: true
  calls:
    - { service: auth, port: 8081 }
    - { service: collector, port: 4318 }
  egress: [postgres, redis, upstreams]
auth:
  port: 8081
  portEnv: AUTH_PORT
  healthPort: http
  calls:
    - { service: collector, port: 4318 }
  egress: [postgres]
collector:
  port: 4318
  portEnv: COLLECTOR_PORT
  healthPort: http
  calls: []
  egress: [postgres, exporters, aws]
alerting:
  port: 9095
  portEnv: ALERTING_PORT
  healthPort: http
  calls:
    - { service: collector, port: 4318 }
  egress: [postgres, webhooks, smtp]
api:
  port: 4000
  portEnv: API_PORT
  healthPort: http
  public: true
  calls:
    - { service: gateway, port: 8090 }
    - { service: auth, port: 8081 }
    - { service: collector, port: 4318 }
    - { service: alerting, port: 9095 }
    - { service: reports, port: 9096 }
  # The api reads no Redis yet (no Socket.io Redis adapter), so it gets no way out to one.
  egress: []
dashboard:
  port: 3000
  portEnv: PORT
  healthPort: http
  # The console's /healthz answers while Next.js runs; its /readyz when the api answers too. It has no /metrics yet.
  livenessPath: /healthz
  readinessPath: /readyz
  noMetrics: true
  public: true
  calls:
    - { service: api, port: 4000 }
  egress: []
reports:
  port: 9096
  portEnv: REPORTS_PORT
  healthPort: http
  calls:
    - { service: gateway, port: 8090 }
    - { service: collector, port: 4318 }
    - { service: alerting, port: 9095 }
  egress: [postgres, smtp]
{{- end -}}

{{/*
sightline.serviceOrder lists the services in a fixed order, so renders are stable and readable.
*/}}
{{- define "sightline.serviceOrder" -}}
gateway auth collector alerting api dashboard reports
{{- end -}}

{{/*
sightline.gatewayTls is non-empty when the gateway is deployed and terminates TLS itself (gateway.tls.enabled).
*/}}
{{- define "sightline.gatewayTls" -}}
{{- if and .Values.gateway.enabled .Values.gateway.tls.enabled }}true{{ end -}}
{{- end -}}

{{/*
sightline.portName is the name of a service's main port: "https" on the gateway when it terminates TLS itself,
else "http". Call with (dict "root" $ "service" "gateway").
*/}}
{{- define "sightline.portName" -}}
{{- if and (eq .service "gateway") (include "sightline.gatewayTls" .root) }}https{{ else }}http{{ end -}}
{{- end -}}

{{/*
sightline.url is the in-cluster base URL of a service's port. Call with (dict "root" $ "service" "auth" "port" 8081).
*/}}
{{- define "sightline.url" -}}
{{- printf "http://%s:%v" (include "sightline.componentName" .) .port -}}
{{- end -}}

{{/*
sightline.image is a service's image reference: <registry>/<service>:<tag>, or @digest when one is pinned.
*/}}
{{- define "sightline.image" -}}
{{- $g := .root.Values.global.image -}}
{{- $i := .values.image -}}
{{- $repo := default (printf "%s/%s" $g.registry .service) $i.repository -}}
{{- if $i.digest -}}
{{- printf "%s@%s" $repo $i.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (default (default .root.Chart.AppVersion $g.tag) $i.tag) -}}
{{- end -}}
{{- end -}}

{{/*
sightline.replicasFloor is the fewest replicas a service runs: the HPA minimum, else the fixed count.
*/}}
{{- define "sightline.replicasFloor" -}}
{{- if .autoscaling.enabled -}}{{ .autoscaling.minReplicas }}{{- else -}}{{ .replicas }}{{- end -}}
{{- end -}}

{{/*
sightline.consoleUrl is the public console origin: the browser reaches the dashboard and the api there.
*/}}
{{- define "sightline.consoleUrl" -}}
{{- printf "https://%s" .Values.ingress.hosts.console -}}
{{- end -}}

{{/*
sightline.hasSecrets is non-empty when a service reads at least one secret file.
*/}}
{{- define "sightline.hasSecrets" -}}
{{- range $name, $ref := .secretEnv }}{{ if $ref }}true{{ end }}{{ end -}}
{{- end -}}

{{/*
sightline.secretKeys maps every Secret name the enabled services read to its sorted keys, as YAML.
*/}}
{{- define "sightline.secretKeys" -}}
{{- $wanted := dict -}}
{{- range $service := splitList " " (include "sightline.serviceOrder" $) -}}
{{- $v := index $.Values $service -}}
{{- if $v.enabled -}}
{{- range $envName, $ref := $v.secretEnv -}}
{{- if $ref -}}
{{- $keys := get $wanted $ref.secretName | default list -}}
{{- $_ := set $wanted $ref.secretName (append $keys $ref.key | uniq | sortAlpha) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $wanted -}}
{{- end -}}

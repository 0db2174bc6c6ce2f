{{/* Name of the release's objects: <release>-firstparty, or the release name when it says firstparty. */}}
{{- define "firstparty.fullname" -}}
{{- if contains "firstparty" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-firstparty" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects: <fullname>-<service in kebab case>. */}}
{{- define "firstparty.serviceName" -}}
{{- printf "%s-%s" (include "firstparty.fullname" .root) (kebabcase .name) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "firstparty.selectorLabels" -}}
app.kubernetes.io/name: firstparty
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "firstparty.labels" -}}
{{ include "firstparty.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one service ({root, name}). */}}
{{- define "firstparty.serviceSelectorLabels" -}}
{{ include "firstparty.selectorLabels" .root }}
app.kubernetes.io/component: {{ kebabcase .name }}
{{- end -}}

{{- define "firstparty.serviceLabels" -}}
{{ include "firstparty.labels" .root }}
app.kubernetes.io/component: {{ kebabcase .name }}
{{- end -}}

{{/*
The enabled services, each block merged over `defaults`, as YAML: {name: settings}. Also checks
what the schema cannot see across a block and `defaults`: autoscaler bounds in order, not both
autoscalers, KEDA only on a Kafka consumer.
*/}}
{{- define "firstparty.services" -}}
{{- $all := dict -}}
{{- range $name, $svc := .Values.services -}}
{{- if $svc.enabled -}}
{{- $merged := mustMergeOverwrite (deepCopy $.Values.defaults) (deepCopy $svc) -}}
{{- if and $merged.autoscaling.enabled (gt (int $merged.autoscaling.minReplicas) (int $merged.autoscaling.maxReplicas)) -}}
{{- fail (printf "services.%s.autoscaling.minReplicas (%v) must not exceed services.%s.autoscaling.maxReplicas (%v)" $name $merged.autoscaling.minReplicas $name $merged.autoscaling.maxReplicas) -}}
{{- end -}}
{{- if $merged.keda.enabled -}}
{{- if $merged.autoscaling.enabled -}}
{{- fail (printf "services.%s.keda.enabled and services.%s.autoscaling.enabled are both true (autoscaling may come from defaults.autoscaling.enabled): KEDA replaces the CPU autoscaler, set services.%s.autoscaling.enabled=false" $name $name $name) -}}
{{- end -}}
{{- if not $merged.consumer -}}
{{- fail (printf "services.%s.keda.enabled: %s consumes no Kafka topic (set services.%s.consumer), so KEDA cannot scale it on lag" $name $name $name) -}}
{{- end -}}
{{- if gt (int $merged.keda.minReplicas) (int $merged.keda.maxReplicas) -}}
{{- fail (printf "services.%s.keda.minReplicas (%v) must not exceed services.%s.keda.maxReplicas (%v)" $name $merged.keda.minReplicas $name $merged.keda.maxReplicas) -}}
{{- end -}}
{{- end -}}
{{- $_ := set $all $name $merged -}}
{{- end -}}
{{- end -}}
{{- toYaml $all -}}
{{- end -}}

{{- define "firstparty.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- $repo := printf "%s/%s" .root.Values.image.repository .svc.image -}}
{{- if .root.Values.image.registry -}}
{{- $repo = printf "%s/%s" .root.Values.image.registry $repo -}}
{{- end -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}

{{- define "firstparty.serviceAccountName" -}}
{{- .Values.serviceAccount.name | default (include "firstparty.fullname" .) -}}
{{- end -}}

{{/* Settings of one service ({root, name, svc}): the ConfigMap's data. */}}
{{- define "firstparty.settings" -}}
{{- $v := .root.Values -}}
{{- $settings := dict
  "FIRSTPARTY_DB_HOST" $v.database.host
  "FIRSTPARTY_DB_PORT" (toString $v.database.port)
  "FIRSTPARTY_DB_USER" $v.database.user
  "FIRSTPARTY_KAFKA" $v.kafka.bootstrapServers
  "FIRSTPARTY_TOPICS_REPLICATION_FACTOR" (toString $v.kafka.replicationFactor)
  "KAFKA_SECURITY_PROTOCOL" $v.kafka.securityProtocol
  "FIRSTPARTY_OIDC_URL" $v.oidc.authServerUrl
  "QUARKUS_HTTP_PORT" (toString .svc.port) -}}
{{- if $v.kafka.saslMechanism -}}
{{- $_ := set $settings "KAFKA_SASL_MECHANISM" $v.kafka.saslMechanism -}}
{{- end -}}
{{- if $v.kafka.caSecret.name -}}
{{- $_ := set $settings "KAFKA_SSL_TRUSTSTORE_TYPE" "PEM" -}}
{{- $_ := set $settings "KAFKA_SSL_TRUSTSTORE_LOCATION" (include "firstparty.kafkaCaFile" .root) -}}
{{- end -}}
{{- if and .svc.mailer $v.smtp.host -}}
{{- $_ := set $settings "QUARKUS_MAILER_HOST" $v.smtp.host -}}
{{- $_ := set $settings "QUARKUS_MAILER_PORT" (toString $v.smtp.port) -}}
{{- $_ := set $settings "QUARKUS_MAILER_FROM" $v.smtp.from -}}
{{- $_ := set $settings "QUARKUS_MAILER_START_TLS" $v.smtp.startTls -}}
{{- end -}}
{{- if and .svc.mailer $v.notices.publicUrl -}}
{{- $_ := set $settings "FIRSTPARTY_CONSENT_PUBLIC_URL" $v.notices.publicUrl -}}
{{- end -}}
{{- if .svc.javaOptions -}}
{{- $_ := set $settings "JDK_JAVA_OPTIONS" .svc.javaOptions -}}
{{- end -}}
{{- range $key, $value := .svc.env -}}
{{- $_ := set $settings $key (toString $value) -}}
{{- end -}}
{{- toYaml $settings -}}
{{- end -}}

{{/* Settings of one service read from existing Secrets, as container env entries. */}}
{{- define "firstparty.secretEnv" -}}
{{- $v := .root.Values -}}
{{- $refs := dict "QUARKUS_DATASOURCE_PASSWORD" (dict "secret" $v.database.passwordSecret.name "key" $v.database.passwordSecret.key) -}}
{{- if $v.kafka.saslJaasConfigSecret.name -}}
{{- $_ := set $refs "KAFKA_SASL_JAAS_CONFIG" (dict "secret" $v.kafka.saslJaasConfigSecret.name "key" $v.kafka.saslJaasConfigSecret.key) -}}
{{- end -}}
{{- if $v.oidc.clientSecret.name -}}
{{- $_ := set $refs "QUARKUS_OIDC_CREDENTIALS_SECRET" (dict "secret" $v.oidc.clientSecret.name "key" $v.oidc.clientSecret.key) -}}
{{- end -}}
{{- if and .svc.mailer $v.smtp.credentialsSecret.name -}}
{{- $_ := set $refs "QUARKUS_MAILER_USERNAME" (dict "secret" $v.smtp.credentialsSecret.name "key" $v.smtp.credentialsSecret.usernameKey) -}}
{{- $_ := set $refs "QUARKUS_MAILER_PASSWORD" (dict "secret" $v.smtp.credentialsSecret.name "key" $v.smtp.credentialsSecret.passwordKey) -}}
{{- end -}}
{{- if and .svc.mailer $v.notices.signingSecret.name -}}
{{- $_ := set $refs "FIRSTPARTY_OBJECTION_SECRET" (dict "secret" $v.notices.signingSecret.name "key" $v.notices.signingSecret.key) -}}
{{- end -}}
{{- range $key, $ref := .svc.secretEnv -}}
{{- $_ := set $refs $key $ref -}}
{{- end -}}
{{- range $key := keys $refs | sortAlpha }}
{{- $ref := get $refs $key }}
- name: {{ $key }}
  valueFrom:
    secretKeyRef:
      name: {{ $ref.secret | quote }}
      key: {{ $ref.key | quote }}
{{- end -}}
{{- end -}}

{{/* Where the brokers' CA certificate is mounted, when kafka.caSecret names one. */}}
{{- define "firstparty.kafkaCaFile" -}}
/etc/firstparty/kafka-ca/{{ .Values.kafka.caSecret.key }}
{{- end -}}

{{/* The volume and the mount of the brokers' CA certificate ({root}); nothing without kafka.caSecret. */}}
{{- define "firstparty.kafkaCaVolume" -}}
{{- with .Values.kafka.caSecret.name }}
- name: kafka-ca
  secret:
    secretName: {{ . | quote }}
{{- end -}}
{{- end -}}

{{- define "firstparty.kafkaCaMount" -}}
{{- if .Values.kafka.caSecret.name }}
- name: kafka-ca
  mountPath: /etc/firstparty/kafka-ca
  readOnly: true
{{- end -}}
{{- end -}}

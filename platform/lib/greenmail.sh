# shellcheck shell=bash
# GreenMail: a real SMTP server that keeps every mail it receives (any recipient, no
# authentication), with a REST API and a web page to read them.

FP_SMTP_PORT=3025
FP_GREENMAIL_API_PORT=8025
FP_GREENMAIL_URL="http://localhost:${FP_GREENMAIL_API_PORT}"

greenmail_version() { platform_property greenmail.version; }
greenmail_jar() { printf '%s/greenmail-%s/greenmail-standalone.jar\n' "$FP_DOWNLOADS" "$(greenmail_version)"; }

fetch_greenmail() {
  [[ -f "$(greenmail_jar)" ]] && return 0
  fetch_with_maven "greenmail-$(greenmail_version)" "${FP_PLATFORM}/greenmail/pom.xml" \
    "${FP_DOWNLOADS}/greenmail-$(greenmail_version)"
}

greenmail_up() {
  local conflicts
  if is_running greenmail; then
    ok "greenmail already running (pid $(component_pid greenmail), smtp localhost:${FP_SMTP_PORT})"
    return 0
  fi
  if ! conflicts="$(check_ports greenmail "$FP_SMTP_PORT" "$FP_GREENMAIL_API_PORT")"; then
    err "Cannot start greenmail: ${conflicts}"
    return 1
  fi
  rotate_log greenmail
  start_component greenmail java -Xmx128m -Dfirstparty.component=greenmail \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$FP_SMTP_PORT" \
    -Dgreenmail.auth.disabled \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$FP_GREENMAIL_API_PORT" \
    -jar "$(greenmail_jar)"
  info "greenmail: starting (pid $(component_pid greenmail))"
}

greenmail_ready() {
  [[ "$(http_status "${FP_GREENMAIL_URL}/api/service/readiness")" == "200" ]]
}

greenmail_wait() {
  wait_until greenmail "${FIRSTPARTY_GREENMAIL_TIMEOUT:-60}" "${FP_GREENMAIL_URL}/api/service/readiness" greenmail_ready ||
    return 1
  ok "greenmail ready (smtp localhost:${FP_SMTP_PORT}, mail viewer ${FP_GREENMAIL_URL}, +$(format_duration "$FP_WAITED_MS"))"
}

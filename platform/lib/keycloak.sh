# shellcheck shell=bash
# Keycloak: the OIDC provider, from the keycloak-quarkus-dist zip on Maven Central, in dev mode
# (embedded H2 database kept in the distribution's data/ folder) with the firstparty realm
# imported from platform/keycloak/firstparty-realm.json.

FP_KEYCLOAK_PORT=8180
FP_KEYCLOAK_URL="http://localhost:${FP_KEYCLOAK_PORT}"
FP_REALM="firstparty"
FP_ISSUER="${FP_KEYCLOAK_URL}/realms/${FP_REALM}"
FP_TOKEN_URL="${FP_ISSUER}/protocol/openid-connect/token"
FP_CLI_CLIENT="firstparty-cli"
FP_AUDIENCE="firstparty-services"
FP_KEYCLOAK_ADMIN_FILE="${FP_STATE}/keycloak-admin.env"
FP_REALM_FILE="${FP_PLATFORM}/keycloak/firstparty-realm.json"
# Demo users of the realm file: user name -> password (demo-only credentials).
# shellcheck disable=SC2034 # used by ./firstparty
FP_DEMO_USERS=(marketer privacy admin app)
demo_password() { printf 'demo-%s\n' "$1"; }
demo_roles() {
  case "$1" in
    marketer) printf 'marketer\n' ;;
    privacy) printf 'privacy-officer\n' ;;
    admin) printf 'admin, marketer, privacy-officer\n' ;;
    app) printf 'brand-app (a brand app reading the in-app notice feed)\n' ;;
  esac
}

keycloak_version() { platform_property keycloak.version; }
keycloak_home() {
  local v
  v="$(keycloak_version)"
  printf '%s/keycloak-%s/keycloak-%s\n' "$FP_DOWNLOADS" "$v" "$v"
}

fetch_keycloak() {
  local v
  v="$(keycloak_version)"
  [[ -x "$(keycloak_home)/bin/kc.sh" ]] && return 0
  fetch_with_maven "keycloak-${v}" "${FP_PLATFORM}/keycloak/pom.xml" "${FP_DOWNLOADS}/keycloak-${v}"
  chmod +x "$(keycloak_home)"/bin/*.sh
}

# The bootstrap administrator of the master realm: generated once, kept in a file only root can
# read, never printed.
ensure_keycloak_admin_credentials() {
  [[ -s "$FP_KEYCLOAK_ADMIN_FILE" ]] && return 0
  local password
  password="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  (
    umask 077
    printf 'KC_BOOTSTRAP_ADMIN_USERNAME=keycloak-admin\nKC_BOOTSTRAP_ADMIN_PASSWORD=%s\n' "$password" \
      >"$FP_KEYCLOAK_ADMIN_FILE"
  )
  chmod 600 "$FP_KEYCLOAK_ADMIN_FILE"
  # A new administrator only takes effect on an empty database.
  rm -rf "$(keycloak_home)/data/h2"
  info "keycloak: administrator credentials generated in ${FP_KEYCLOAK_ADMIN_FILE#"${FP_ROOT}"/}"
}

# Keycloak imports a realm only when it does not exist yet: when the realm file changes, the
# dev database is reset so that the new realm is imported (it holds nothing else).
prepare_keycloak_realm() {
  local home stamp sum
  home="$(keycloak_home)"
  stamp="${home}/data/firstparty-realm.sha256"
  sum="$(sha256sum "$FP_REALM_FILE" | cut -d' ' -f1)"
  if [[ -d "${home}/data/h2" && "$(cat "$stamp" 2>/dev/null)" != "$sum" ]]; then
    info "keycloak: realm file changed since the last import: resetting the dev database"
    rm -rf "${home}/data/h2"
  fi
  mkdir -p "${home}/data/import"
  cp "$FP_REALM_FILE" "${home}/data/import/firstparty-realm.json"
  printf '%s\n' "$sum" >"$stamp"
}

keycloak_up() {
  local conflicts home
  if is_running keycloak; then
    ok "keycloak already running (pid $(component_pid keycloak), ${FP_KEYCLOAK_URL})"
    return 0
  fi
  if ! conflicts="$(check_ports keycloak "$FP_KEYCLOAK_PORT")"; then
    err "Cannot start keycloak: ${conflicts}"
    return 1
  fi
  home="$(keycloak_home)"
  rotate_log keycloak
  ensure_keycloak_admin_credentials
  prepare_keycloak_realm
  (
    set -a
    # shellcheck disable=SC1090
    . "$FP_KEYCLOAK_ADMIN_FILE"
    set +a
    export JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m"
    start_component keycloak "${home}/bin/kc.sh" start-dev \
      --http-port "$FP_KEYCLOAK_PORT" --hostname "$FP_KEYCLOAK_URL" --import-realm \
      -Dfirstparty.component=keycloak
  )
  info "keycloak: starting (pid $(component_pid keycloak); 20 s to a minute on its first start)"
}

keycloak_ready() {
  [[ "$(http_status "${FP_ISSUER}/.well-known/openid-configuration")" == "200" ]]
}

keycloak_wait() {
  wait_until keycloak "${FIRSTPARTY_KEYCLOAK_TIMEOUT:-240}" "realm ${FP_REALM} at ${FP_ISSUER}" keycloak_ready ||
    return 1
  ok "keycloak ready (${FP_KEYCLOAK_URL}, realm ${FP_REALM}, Keycloak $(keycloak_version), +$(format_duration "$FP_WAITED_MS"))"
}

# keycloak_token USER PASSWORD: prints an access token of the firstparty-cli client.
keycloak_token() {
  local response token
  response="$(curl -s --max-time 15 -X POST "$FP_TOKEN_URL" \
    --data-urlencode grant_type=password --data-urlencode "client_id=${FP_CLI_CLIENT}" \
    --data-urlencode "username=$1" --data-urlencode "password=$2" 2>/dev/null || true)"
  token="$(jq -r '.access_token // empty' <<<"$response" 2>/dev/null || true)"
  if [[ -z "$token" ]]; then
    local reason
    reason="$(jq -r '.error_description // .error // empty' <<<"$response" 2>/dev/null || true)"
    err "No access token for user $1 from ${FP_TOKEN_URL}: ${reason:-no answer}"
    return 1
  fi
  printf '%s\n' "$token"
}

# Decodes the payload of a JWT (base64url) to JSON.
jwt_payload() {
  local p
  p="$(cut -d. -f2 <<<"$1" | tr '_-' '/+')"
  while ((${#p} % 4)); do p="${p}="; done
  base64 -d <<<"$p"
}

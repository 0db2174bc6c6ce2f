# shellcheck shell=bash
# Demo data for a local stack: a source 'demo-web' with a write key kept in
# .firstparty/demo/write-key, and a few events sent through the collection API.
#
# Sourced by ./firstparty (needs platform/lib/common.sh and keycloak.sh); `load_demo_data`
# returns non-zero after saying which step failed, with the HTTP status and the problem title.

FP_DEMO_DIR="${FP_STATE}/demo"
FP_DEMO_WRITE_KEY_FILE="${FP_DEMO_DIR}/write-key"
FP_DEMO_SOURCE_NAME="demo-web"
FP_INGESTION_URL="http://localhost:8081"

# demo_request STEP METHOD URL AUTH [JSON_BODY]
#   AUTH is a curl config line (e.g. header = "Authorization: Bearer ...") passed on stdin, so
#   no credential shows in the process list. Sets DEMO_STATUS and DEMO_BODY.
demo_request() {
  local step="$1" method="$2" url="$3" auth="$4" body="${5:-}" out args
  out="$(mktemp)"
  args=(-s -o "$out" -w '%{http_code}' --max-time 20 -X "$method" -K - -H 'Accept: application/json')
  if [[ -n "$body" ]]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$body")
  fi
  DEMO_STATUS="$(curl "${args[@]}" "$url" <<<"$auth" 2>/dev/null || true)"
  DEMO_BODY="$(cat "$out")"
  rm -f "$out"
  [[ -n "$DEMO_STATUS" && "$DEMO_STATUS" != "000" ]] || DEMO_STATUS="no answer"
  DEMO_STEP="$step"
}

# Says which step failed, with the status and the problem+json title/detail when there is one.
demo_failed() {
  local expected="$1" title detail
  title="$(jq -r '.title // empty' <<<"$DEMO_BODY" 2>/dev/null || true)"
  detail="$(jq -r '.detail // empty' <<<"$DEMO_BODY" 2>/dev/null || true)"
  err "Demo data: step '${DEMO_STEP}' failed: HTTP ${DEMO_STATUS} (expected ${expected})${title:+: ${title}}${detail:+ - ${detail}}"
  if [[ -z "$title" && -n "$DEMO_BODY" ]]; then
    printf '    response: %s\n' "$(head -c 300 <<<"$DEMO_BODY")" >&2
  fi
  return 1
}

is_2xx() { [[ "$DEMO_STATUS" =~ ^2[0-9][0-9]$ ]]; }

save_write_key() {
  mkdir -p "$FP_DEMO_DIR"
  (umask 077 && printf '%s\n' "$1" >"$FP_DEMO_WRITE_KEY_FILE")
  chmod 600 "$FP_DEMO_WRITE_KEY_FILE"
}

demo_write_key() {
  [[ -s "$FP_DEMO_WRITE_KEY_FILE" ]] && tr -d '\n' <"$FP_DEMO_WRITE_KEY_FILE"
}

# Makes sure the demo source exists and its write key is in .firstparty/demo/write-key.
ensure_demo_source() {
  local token bearer source_id key
  token="$(keycloak_token admin "$(demo_password admin)")" || {
    err "Demo data: step 'admin token from Keycloak' failed."
    return 1
  }
  bearer="header = \"Authorization: Bearer ${token}\""

  demo_request "list sources (GET /v1/sources)" GET "${FP_INGESTION_URL}/v1/sources" "$bearer"
  [[ "$DEMO_STATUS" == "200" ]] || { demo_failed 200; return 1; }
  source_id="$(jq -r --arg n "$FP_DEMO_SOURCE_NAME" \
    'if type == "array" then . else (.items // .content // .data // []) end
     | map(select(.name == $n)) | first | .id // empty' <<<"$DEMO_BODY" 2>/dev/null)" || {
    err "Demo data: GET /v1/sources did not answer a JSON array of sources."
    return 1
  }

  if [[ -n "$source_id" && -s "$FP_DEMO_WRITE_KEY_FILE" ]]; then
    ok "demo source ${FP_DEMO_SOURCE_NAME} exists (id ${source_id}); write key reused"
    return 0
  fi

  if [[ -n "$source_id" ]]; then
    demo_request "rotate the write key (POST /v1/sources/${source_id}/write-key)" POST \
      "${FP_INGESTION_URL}/v1/sources/${source_id}/write-key" "$bearer"
    [[ "$DEMO_STATUS" == "201" ]] || { demo_failed 201; return 1; }
    key="$(jq -r '.writeKey // empty' <<<"$DEMO_BODY" 2>/dev/null || true)"
    [[ -n "$key" ]] || { err "Demo data: the write-key answer has no writeKey."; return 1; }
    save_write_key "$key"
    ok "demo source ${FP_DEMO_SOURCE_NAME} exists (id ${source_id}); new write key issued"
    return 0
  fi

  demo_request "create the demo source (POST /v1/sources)" POST "${FP_INGESTION_URL}/v1/sources" "$bearer" \
    '{"brand":"Demo Brand","name":"demo-web","allowedOrigins":["http://localhost:8081"],"rateLimitPerSecond":100,"eventTypes":["identify","track","page","screen","group","alias"]}'
  [[ "$DEMO_STATUS" == "201" ]] || { demo_failed 201; return 1; }
  source_id="$(jq -r '.id // empty' <<<"$DEMO_BODY" 2>/dev/null || true)"
  key="$(jq -r '.writeKey // empty' <<<"$DEMO_BODY" 2>/dev/null || true)"
  [[ -n "$key" ]] || { err "Demo data: the created source has no writeKey in the answer."; return 1; }
  save_write_key "$key"
  ok "demo source ${FP_DEMO_SOURCE_NAME} created (id ${source_id:-?})"
}

send_demo_events() {
  local basic
  # HTTP Basic with the write key as user name and an empty password.
  basic="user = \"$(demo_write_key):\""

  demo_request "send an identify event (POST /v1/identify)" POST "${FP_INGESTION_URL}/v1/identify" "$basic" \
    '{"userId":"demo-user-1","traits":{"email":"ada@example.com","firstName":"Ada"}}'
  is_2xx || { demo_failed 200; return 1; }

  demo_request "send a track event (POST /v1/track)" POST "${FP_INGESTION_URL}/v1/track" "$basic" \
    '{"userId":"demo-user-1","event":"Quiz Completed","properties":{"quiz":"skin-type","answer":"dry"}}'
  is_2xx || { demo_failed 200; return 1; }

  ok "demo events sent (identify + track for demo-user-1)"
}

load_demo_data() {
  step "Demo data"
  ensure_demo_source || return 1
  send_demo_events || return 1
}

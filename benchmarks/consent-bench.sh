#!/usr/bin/env bash
# Consent phase of the benchmark (./firstparty bench consent, or benchmarks/consent-bench.sh).
#
# Starts its own Kafka broker (localhost:29192), its own database (firstparty_bench_consent,
# re-created, owned by the consent schema's owner role) and consent-service from its built jar on
# 127.0.0.1:28084, seeds PEOPLE people with a decision on every purpose, then measures:
#   1. check  POST /v1/consents/check, one person and purpose a request, at a fixed rate (open loop:
#             latency counts from the moment a request was due): p50, p99 against p99 <= 10 ms at 1,000/s
#   2. batch  POST /v1/consents/check/batch with 10,000 profile ids: time per answer against < 1 s
# Tokens are signed with a key made for the run, which the service is told to trust (no Keycloak).
# Everything it started is stopped when it ends. Results: terminal and .firstparty/bench/consent-<timestamp>.txt.
set -euo pipefail

# shellcheck source=benchmarks/platform.sh
. "$(dirname "${BASH_SOURCE[0]}")/platform.sh"

PEOPLE="${BENCH_CONSENT_PEOPLE:-100000}"
CHECK_RATE="${BENCH_CHECK_RATE:-1000}"
CHECK_WARMUP="${BENCH_CHECK_WARMUP:-20}"
CHECK_SECONDS="${BENCH_CHECK_SECONDS:-30}"
BATCH_SIZE=10000
BATCH_ROUNDS="${BENCH_BATCH_ROUNDS:-20}"
TARGET_CHECK_P99_MS=10
TARGET_BATCH_MS=1000

BENCH_KAFKA_PORT=29192
BENCH_KAFKA_CONTROLLER_PORT=29193
BENCH_PORT=28084
BENCH_DB=firstparty_bench_consent
SERVICE=bench-consent-service
BROKER=bench-consent-kafka
RUN_DIR="${FP_STATE}/bench/consent-$(date -u +%Y%m%dT%H%M%SZ)"
LOAD=(java "${FP_ROOT}/benchmarks/consent/ConsentLoad.java")
LOADGEN_JAR="${FP_ROOT}/benchmarks/loadgen/target/loadgen.jar"
LOADGEN=(java -cp "${LOADGEN_JAR}:${FP_ROOT}/benchmarks/loadgen/target/lib/*" io.firstparty.bench.LoadGen)

cleanup() {
  local rc=$?
  trap '' PIPE INT TERM HUP
  {
    step "Stopping what the benchmark started"
    stop_component "$SERVICE" 30
    stop_component "$BROKER" 30
    pg_ready && pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)" >/dev/null 2>&1
    rm -rf "${FP_STATE}/${BROKER}"
  } 2>/dev/null || true
  exit "$rc"
}

start_service() {
  check_ports "$SERVICE" "$BENCH_PORT" >/dev/null || die "port ${BENCH_PORT} is taken"
  rotate_log "$SERVICE"
  (
    cd "${FP_ROOT}/consent-service" || exit 1
    export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$BENCH_PORT" FIRSTPARTY_KAFKA="localhost:${BENCH_KAFKA_PORT}" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${FP_PG_HOST}:${FP_PG_PORT}/${BENCH_DB}" \
      QUARKUS_OIDC_AUTH_SERVER_URL="" QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" QUARKUS_OIDC_TOKEN_ISSUER=firstparty-bench \
      MALLOC_ARENA_MAX="$FP_SERVICE_MALLOC_ARENA_MAX"
    # shellcheck disable=SC2086 # the options are words
    start_component "$SERVICE" java $FP_SERVICE_JAVA_OPTS -Dfirstparty.component="$SERVICE" \
      -jar "$(service_jar consent-service)"
  )
  wait_until "$SERVICE" 180 "http://127.0.0.1:${BENCH_PORT}/q/health/ready" \
    http_ok "http://127.0.0.1:${BENCH_PORT}/q/health/ready" || exit 1
  ok "${SERVICE} ready on http://127.0.0.1:${BENCH_PORT}"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN}" -H 'Content-Type: application/json' \
    -d '{"purpose":"analytics","profileId":"bench-1"}' "http://127.0.0.1:${BENCH_PORT}/v1/consents/check")" == 200 ]] ||
    die "the service does not accept the benchmark's token (see $(log_file "$SERVICE"))"
}
http_ok() { [[ "$(http_status "$1")" == "200" ]]; }

# People and their decisions straight into the database: granted, refused, objected and no record,
# spread over the people and purposes.
seed_people() {
  psql -X -q -w -v ON_ERROR_STOP=1 -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d "$BENCH_DB" <<SQL
INSERT INTO person (profile_id) SELECT 'bench-' || n FROM generate_series(0, ${PEOPLE} - 1) n;
INSERT INTO consent_state (profile_id, purpose_code, status, status_since, expires_at, record_id)
SELECT 'bench-' || n, p.code,
       CASE WHEN p.lawful_basis = 'legitimate_interest' THEN 'objected' WHEN n % 3 = 0 THEN 'denied' ELSE 'granted' END,
       now() - interval '1 day',
       CASE WHEN p.lawful_basis = 'consent' AND n % 3 <> 0 THEN now() + interval '12 months' END,
       gen_random_uuid()
FROM generate_series(0, ${PEOPLE} - 1) n CROSS JOIN purpose p
WHERE n % 4 <> 0 AND (p.lawful_basis = 'consent' OR n % 10 = 1);
SQL
  pg_admin -d "$BENCH_DB" -c "ANALYZE person, consent_state, profile_link"
  ok "${PEOPLE} people seeded with $(psql -X -tA -h "$FP_PG_HOST" -U "$FP_PG_ROLE" -d "$BENCH_DB" -c 'SELECT count(*) FROM consent_state') decisions"
}

# gc_pauses: the service's GC collections so far (young and full), "count seconds".
gc_pauses() {
  jstat -gc "$(component_pid "$SERVICE")" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%d %.3f", $col["YGC"] + $col["FGC"], $col["YGCT"] + $col["FGCT"] }'
}

value() { sed -n "s/^RESULT $1=//p" "$2" | tail -n 1; }
verdict() { LC_ALL=C awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "PASS" : "MISS" }'; }

main() {
  for arg in "$@"; do
    case "$arg" in
      --build) BENCH_BUILD=1 ;;
      *) die "consent bench: unknown option '${arg}' (--build)" ;;
    esac
  done
  ensure_state_dirs
  mkdir -p "$RUN_DIR"
  figures_start consent
  figure_fact command "./firstparty bench consent $*"
  figure_fact settings "${PEOPLE} people, check at ${CHECK_RATE}/s for ${CHECK_SECONDS} s, ${BATCH_ROUNDS} batches of ${BATCH_SIZE}"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  step "Builds"
  if [[ ! -f "$(service_jar consent-service)" || -n "${BENCH_BUILD:-}" ]]; then
    (cd "$FP_ROOT" && "$(mvn_cmd)" -B -q -DskipTests package -pl consent-service -am) || die "consent-service did not build"
  fi
  if [[ ! -f "$LOADGEN_JAR" || -n "${BENCH_BUILD:-}" ]]; then
    (cd "$FP_ROOT" && "$(mvn_cmd)" -B -q -DskipTests -f benchmarks/pom.xml package) || die "the load generator did not build"
  fi
  ok "$(service_jar consent-service) ($(date -u -r "$(service_jar consent-service)" +%FT%TZ))"
  ensure_postgres
  step "Kafka, database, service"
  fetch_kafka
  rm -rf "${FP_STATE}/${BROKER}"
  mkdir -p "${FP_STATE}/${BROKER}"
  kafka_start "$BROKER" "$BENCH_KAFKA_PORT" "$BENCH_KAFKA_CONTROLLER_PORT" "${FP_STATE}/${BROKER}/storage" || exit 1
  kafka_wait "$BROKER" "$BENCH_KAFKA_PORT" || exit 1
  pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)" >/dev/null 2>&1
  pg_admin -d postgres -c "CREATE DATABASE ${BENCH_DB} OWNER ${FP_PG_ROLE}"
  ensure_consent_owner "$BENCH_DB"
  bench_key "$RUN_DIR"
  TOKEN="$(bench_jwt "$RUN_DIR" marketer)" PUBLIC_KEY="$BENCH_PUBLIC_KEY"
  start_service
  seed_people

  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  step "1. check: ${CHECK_RATE} requests/s, ${CHECK_WARMUP} s warm-up, ${CHECK_SECONDS} s measured"
  local gc_before gc_after
  gc_before="$(gc_pauses)"
  "${LOADGEN[@]}" http --method POST --url "http://127.0.0.1:${BENCH_PORT}/v1/consents/check" --token "$TOKEN" \
    --body '{"purpose":"{choice}","profileId":"bench-{n}"}' --choices email_marketing,personalization,analytics,ai_training \
    --people "$PEOPLE" --rate "$CHECK_RATE" --warmup "$CHECK_WARMUP" --seconds "$CHECK_SECONDS" >"${RUN_DIR}/check.log"
  gc_after="$(gc_pauses)"
  step "2. batch: ${BATCH_SIZE} people a request, ${BATCH_ROUNDS} requests (3 warm-up)"
  "${LOAD[@]}" batch "http://127.0.0.1:${BENCH_PORT}" "$TOKEN" "$BATCH_SIZE" 3 "$PEOPLE" >"${RUN_DIR}/batch-warmup.log"
  "${LOAD[@]}" batch "http://127.0.0.1:${BENCH_PORT}" "$TOKEN" "$BATCH_SIZE" "$BATCH_ROUNDS" "$PEOPLE" >"${RUN_DIR}/batch.log"

  local p99 batch_max
  p99="$(value p99_ms "${RUN_DIR}/check.log")"
  batch_max="$(value max_ms "${RUN_DIR}/batch.log")"
  {
    printf '\nconsent-service benchmark, %s, %s CPUs, commit %s\n' "$(date -u +%FT%TZ)" "$(nproc)" \
      "$(git -C "$FP_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
    printf 'load average before the phases: %s (other processes share the CPUs; figures under load are not comparable)\n' "$LOAD_BEFORE"
    printf '%s people; %s decisions\n' "$PEOPLE" "$(psql -X -tA -h "$FP_PG_HOST" -U "$FP_PG_ROLE" -d "$BENCH_DB" -c 'SELECT count(*) FROM consent_state')"
    printf '1 check   %s requests at %s/s (achieved %s/s), failures %s: p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms   target p99 <= %s ms  %s\n' \
      "$(value requests "${RUN_DIR}/check.log")" "$CHECK_RATE" "$(value rate "${RUN_DIR}/check.log")" \
      "$(value failures "${RUN_DIR}/check.log")" "$(value p50_ms "${RUN_DIR}/check.log")" "$p99" "$(value p999_ms "${RUN_DIR}/check.log")" \
      "$(value max_ms "${RUN_DIR}/check.log")" "$TARGET_CHECK_P99_MS" "$(verdict "$p99" "$TARGET_CHECK_P99_MS")"
    printf '2 batch   %s ids a request, %s requests, failures %s, allowed %s: median %s ms, max %s ms   target < %s ms  %s\n' \
      "$BATCH_SIZE" "$BATCH_ROUNDS" "$(value failures "${RUN_DIR}/batch.log")" "$(value allowed "${RUN_DIR}/batch.log")" \
      "$(value median_ms "${RUN_DIR}/batch.log")" "$batch_max" "$TARGET_BATCH_MS" "$(verdict "$batch_max" "$TARGET_BATCH_MS")"
    printf '  service GC during warm-up and check: %s collections, %s s of pauses\n' \
      "$((${gc_after% *} - ${gc_before% *}))" "$(LC_ALL=C awk -v a="${gc_after#* }" -v b="${gc_before#* }" 'BEGIN { printf "%.3f", a - b }')"
  } | tee "${RUN_DIR}/results.txt"
  local check="${RUN_DIR}/check.log"
  figure "check requests/s" "$(value rate "$check")" "requests/s" ">= ${CHECK_RATE}" \
    "$(LC_ALL=C awk -v v="$(value rate "$check")" -v t="$CHECK_RATE" 'BEGIN { print (v >= 0.95 * t) ? "PASS" : "MISS" }')" throughput
  figure "check p50" "$(value p50_ms "$check")" ms "" "" latency "check at ${CHECK_RATE}/s"
  figure "check p99" "$p99" ms "<= ${TARGET_CHECK_P99_MS}" "$(verdict "$p99" "$TARGET_CHECK_P99_MS")" latency "check at ${CHECK_RATE}/s"
  figure "check p99.9" "$(value p999_ms "$check")" ms "" "" latency "check at ${CHECK_RATE}/s"
  figure "batch of ${BATCH_SIZE}, median" "$(value median_ms "${RUN_DIR}/batch.log")" ms "" "" latency "batch of ${BATCH_SIZE}"
  figure "batch of ${BATCH_SIZE}, max" "$batch_max" ms "<= ${TARGET_BATCH_MS}" "$(verdict "$batch_max" "$TARGET_BATCH_MS")" latency "batch of ${BATCH_SIZE}"
  figure "consent-service RSS, at the end" "$(rss_mib "$(component_pid "$SERVICE")")" MiB "" "" memory consent-service
  figure_fact failures "check $(value failures "$check"), batch $(value failures "${RUN_DIR}/batch.log")"
}

main "$@"

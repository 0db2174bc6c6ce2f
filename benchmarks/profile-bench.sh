#!/usr/bin/env bash
# Benchmark of profile-service (./firstparty bench profile [--build], or benchmarks/profile-bench.sh).
#
# Starts its own Kafka broker (localhost:29392, fresh storage), its own database
# (firstparty_bench_profile, re-created) and profile-service from its built jar on 127.0.0.1:28382,
# stores PROFILE_BENCH_STORED profiles (default 200,000; the issue's figure is 1,000,000, set it for the
# full run), then measures:
#   1. resolution  after PROFILE_BENCH_WARMUP_EVENTS (not measured), PROFILE_BENCH_EVENTS accepted events
#                  (half for stored people) put on the topic at once: events resolved per second, publish
#                  to IdentityResolved, and the CPU each costs in the service and in PostgreSQL
#   2. freshness   accepted events at 2,000/s for PROFILE_BENCH_FRESHNESS_SECONDS: p99 from publishing
#                  an event to reading its IdentityResolved
#   3. lookup      GET /v1/profiles?identifier=email:... of stored people at 1,000 requests/s (open
#                  loop, 20 s warm-up, 30 s measured): p50, p99
# and the service's resident memory throughout, and the CPU a resolved event and a lookup cost. --jfr
# records the service during the measured resolution and lookup and prints their hottest frames. Tokens are signed with a key made for the run, which
# the service is told to trust (no Keycloak). Everything it started is stopped when it ends (trap).
set -euo pipefail

# shellcheck source=benchmarks/platform.sh
. "$(dirname "${BASH_SOURCE[0]}")/platform.sh"

STORED="${PROFILE_BENCH_STORED:-200000}"
EVENTS="${PROFILE_BENCH_EVENTS:-150000}"
WARMUP_EVENTS="${PROFILE_BENCH_WARMUP_EVENTS:-60000}"
FRESHNESS_RATE=2000
FRESHNESS_SECONDS="${PROFILE_BENCH_FRESHNESS_SECONDS:-30}"
LOOKUP_RATE=1000
LOOKUP_WARMUP="${PROFILE_BENCH_LOOKUP_WARMUP:-20}"
LOOKUP_SECONDS="${PROFILE_BENCH_LOOKUP_SECONDS:-30}"
TARGET_LOOKUP_P99_MS=10
TARGET_RATE=20000
TARGET_FRESHNESS_P99_MS=500
TARGET_RSS_MIB=300

KAFKA_PORT=29392
KAFKA_CONTROLLER_PORT=29393
SERVICE_PORT=28382
DB=firstparty_bench_profile
BROKER=bench-profile-kafka
SERVICE=bench-profile-service
LOADGEN_JAR="${FP_ROOT}/benchmarks/loadgen/target/loadgen.jar"
LOADGEN=(java -Xms256m -Xmx512m -cp "${LOADGEN_JAR}:${FP_ROOT}/benchmarks/loadgen/target/lib/*" io.firstparty.bench.LoadGen)
BUILD=""
JFR=""
SAMPLER=""
RUN_DIR="${FP_STATE}/bench/profile-$(date -u +%Y%m%dT%H%M%S)"

cleanup() {
  local rc=$?
  trap '' INT TERM HUP
  {
    [[ -n "$SAMPLER" ]] && kill -TERM "$SAMPLER"
    step "Stopping what the benchmark started"
    stop_component "$SERVICE" 30
    stop_component "$BROKER" 30
    pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null
    rm -rf "${FP_STATE}/bench-profile-kafka"
  } 2>/dev/null || true
  exit "$rc"
}

build() {
  local mvn
  mvn="$(mvn_cmd)"
  if [[ -n "$BUILD" || ! -f "$(service_jar profile-service)" ]]; then
    info "building profile-service (log: ${RUN_DIR}/build.log)"
    (cd "$FP_ROOT" && "$mvn" -B -q -DskipTests package -pl profile-service -am) >"${RUN_DIR}/build.log" 2>&1 ||
      { show_log_tail "${RUN_DIR}/build.log" 40; die "The profile-service build failed."; }
  fi
  if [[ -n "$BUILD" || ! -f "$LOADGEN_JAR" ]]; then
    info "building the load generator"
    (cd "$FP_ROOT" && "$mvn" -B -q -DskipTests -f benchmarks/pom.xml package) >"${RUN_DIR}/loadgen.log" 2>&1 ||
      { show_log_tail "${RUN_DIR}/loadgen.log" 40; die "The load generator's build failed."; }
  fi
  ok "profile-service jar built $(date -r "$(service_jar profile-service)" '+%F %T')"
}

start_service() {
  rm -rf "${FP_STATE}/bench-profile-kafka"
  mkdir -p "${FP_STATE}/bench-profile-kafka"
  kafka_start "$BROKER" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "${FP_STATE}/bench-profile-kafka/storage" || exit 1
  kafka_wait "$BROKER" "$KAFKA_PORT" || exit 1
  pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null
  pg_admin -d postgres -c "CREATE DATABASE ${DB} OWNER ${FP_PG_ROLE}" >/dev/null
  rotate_log "$SERVICE"
  (
    cd "${FP_ROOT}/profile-service" || exit 1
    export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$SERVICE_PORT" FIRSTPARTY_KAFKA="localhost:${KAFKA_PORT}" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${FP_PG_HOST}:${FP_PG_PORT}/${DB}" \
      QUARKUS_OIDC_AUTH_SERVER_URL="" QUARKUS_OIDC_PUBLIC_KEY="$BENCH_PUBLIC_KEY" QUARKUS_OIDC_TOKEN_ISSUER=firstparty-bench \
      MALLOC_ARENA_MAX="$FP_SERVICE_MALLOC_ARENA_MAX"
    # shellcheck disable=SC2086 # the options are words
    start_component "$SERVICE" java $FP_SERVICE_JAVA_OPTS ${JFR:+-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints} -Dfirstparty.component="$SERVICE" -jar "$(service_jar profile-service)"
  )
  wait_until "$SERVICE" 300 "readiness" ready || exit 1
  SERVICE_PID="$(component_pid "$SERVICE")"
  ok "profile-service ready (pid ${SERVICE_PID})"
}

ready() { [[ "$(http_status "http://127.0.0.1:${SERVICE_PORT}/q/health/ready")" == "200" ]]; }

# The stored population, as resolution would have left it: one profile with an e-mail and a device each.
store_profiles() {
  psql -X -q -w -v ON_ERROR_STOP=1 -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d "$DB" >/dev/null <<SQL
INSERT INTO profile (id) SELECT md5('p' || g)::uuid FROM generate_series(0, ${STORED} - 1) g;
INSERT INTO profile_identifier (type, value, profile_id, origin_profile_id)
SELECT 'email', 'stored-' || g || '@bench.example', md5('p' || g)::uuid, md5('p' || g)::uuid FROM generate_series(0, ${STORED} - 1) g
UNION ALL
SELECT 'anonymous_id', 'bench-anon-' || g, md5('p' || g)::uuid, md5('p' || g)::uuid FROM generate_series(0, ${STORED} - 1) g;
ANALYZE profile, profile_identifier;
SQL
  ok "$(fmt "$STORED") profiles stored"
}

fmt() { LC_ALL=C printf "%'d" "$1" 2>/dev/null || printf '%s' "$1"; }
value() { sed -n "s/^RESULT $1=//p" "$2" | tail -n 1; }
verdict() { LC_ALL=C awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { print ((op == ">=") ? (v >= t) : (v <= t)) ? "PASS" : "MISS" }'; }

main() {
  local option
  for option in "$@"; do
    case "$option" in
      --build) BUILD=1 ;;
      --jfr) JFR=1 ;;
      *) die "profile bench: unknown option '$option' (--build rebuilds the jars, --jfr records the measured resolution)" ;;
    esac
  done
  ensure_state_dirs
  mkdir -p "$RUN_DIR"
  figures_start profile
  figure_fact command "./firstparty bench profile $*"
  figure_fact settings "${STORED} profiles stored, ${EVENTS} events resolved, freshness ${FRESHNESS_RATE}/s for ${FRESHNESS_SECONDS} s, lookup ${LOOKUP_RATE}/s for ${LOOKUP_SECONDS} s"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  step "Builds"
  build
  ensure_postgres
  step "Broker, database and profile-service"
  fetch_kafka
  bench_key "$RUN_DIR"
  BENCH_TOKEN="$(bench_jwt "$RUN_DIR" marketer)"
  start_service
  store_profiles
  (while rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/${SERVICE_PID}/status" 2>/dev/null)" && [[ -n "$rss" ]]; do
    printf '%s\n' "$rss"; sleep 1; done) >"${RUN_DIR}/rss.log" &
  SAMPLER=$!

  step "1. resolution: $(fmt "$EVENTS") events at once, $(fmt "$STORED") profiles stored"
  local cpu_before cpu_after
  info "warm-up: $(fmt "$WARMUP_EVENTS") events first, not measured (the JIT compiles the hot path before the figures count)"
  "${LOADGEN[@]}" profile --bootstrap "localhost:${KAFKA_PORT}" --count "$WARMUP_EVENTS" --stored "$STORED" \
    --run-id "w$(date +%s)" --max-seconds 600 >"${RUN_DIR}/warmup.log"
  cpu_before="$(cpu_snapshot "$SERVICE_PID" "$DB")"
  jfr_start resolution 600
  "${LOADGEN[@]}" profile --bootstrap "localhost:${KAFKA_PORT}" --count "$EVENTS" --stored "$STORED" \
    --run-id "r$(date +%s)" --max-seconds 600 | tee "${RUN_DIR}/resolution.log"
  jfr_stop resolution
  cpu_after="$(cpu_snapshot "$SERVICE_PID" "$DB")"
  step "2. freshness: ${FRESHNESS_RATE} events/s for ${FRESHNESS_SECONDS}s"
  "${LOADGEN[@]}" profile --bootstrap "localhost:${KAFKA_PORT}" --count "$((FRESHNESS_RATE * FRESHNESS_SECONDS))" \
    --rate "$FRESHNESS_RATE" --stored "$STORED" --run-id "f$(date +%s)" --max-seconds 300 | tee "${RUN_DIR}/freshness.log"

  step "3. lookup: ${LOOKUP_RATE} requests/s by e-mail, ${LOOKUP_WARMUP} s warm-up, ${LOOKUP_SECONDS} s measured"
  local lookup_before lookup_after measured_start
  (sleep "$LOOKUP_WARMUP"; cpu_snapshot "$SERVICE_PID" "$DB" >"${RUN_DIR}/lookup-cpu.before"; jfr_start lookup "$LOOKUP_SECONDS") &
  measured_start=$!
  "${LOADGEN[@]}" http --url "http://127.0.0.1:${SERVICE_PORT}/v1/profiles?identifier=email:stored-{n}@bench.example" \
    --token "$BENCH_TOKEN" --people "$STORED" --rate "$LOOKUP_RATE" --warmup "$LOOKUP_WARMUP" --seconds "$LOOKUP_SECONDS" |
    tee "${RUN_DIR}/lookup.log"
  lookup_after="$(cpu_snapshot "$SERVICE_PID" "$DB")"
  wait "$measured_start"
  lookup_before="$(cat "${RUN_DIR}/lookup-cpu.before")"

  local rate p99 rss lookup_p99 cpu_service cpu_database ceiling lookup_service lookup_database
  rate="$(value resolved_per_second "${RUN_DIR}/resolution.log")"
  p99="$(value freshness_p99_ms "${RUN_DIR}/freshness.log")"
  rss="$(awk '$1 > m { m = $1 } END { printf "%.0f", m / 1024 }' "${RUN_DIR}/rss.log")"
  lookup_p99="$(value p99_ms "${RUN_DIR}/lookup.log")"
  step "profile-service figures ($(fmt "$STORED") profiles stored; $(nproc) cores)"
  printf '    %-44s %12s   target %-10s %s\n' \
    "resolution (events/s)" "$(fmt "${rate:-0}")" ">= ${TARGET_RATE}" "$(verdict "${rate:-0}" ">=" "$TARGET_RATE")" \
    "IdentityResolved freshness p99 at 2,000/s (ms)" "${p99:-?}" "<= ${TARGET_FRESHNESS_P99_MS}" "$(verdict "${p99:-1e9}" "<=" "$TARGET_FRESHNESS_P99_MS")" \
    "resident memory, max (MiB)" "${rss:-?}" "<= ${TARGET_RSS_MIB}" "$(verdict "${rss:-1e9}" "<=" "$TARGET_RSS_MIB")" \
    "lookup p99 at 1,000 requests/s (ms)" "${lookup_p99:-?}" "<= ${TARGET_LOOKUP_P99_MS}" "$(verdict "${lookup_p99:-1e9}" "<=" "$TARGET_LOOKUP_P99_MS")"
  read -r cpu_service cpu_database ceiling <<<"$(cpu_per_unit "$cpu_before" "$cpu_after" "$EVENTS")"
  info "CPU per resolved event: ${cpu_service} µs in profile-service, ${cpu_database} µs in its PostgreSQL backends;" \
    "on $(nproc) cores that bounds resolution at $(fmt "$ceiling") events/s (Kafka and the load generator not counted)"
  read -r lookup_service lookup_database _ <<<"$(cpu_per_unit "$lookup_before" "$lookup_after" "$(value requests "${RUN_DIR}/lookup.log")")"
  info "CPU per lookup: ${lookup_service} µs in profile-service, ${lookup_database} µs in its PostgreSQL backends"
  info "lookup: $(value requests "${RUN_DIR}/lookup.log") requests, $(value failures "${RUN_DIR}/lookup.log") failures, p50 $(value p50_ms "${RUN_DIR}/lookup.log") ms, p99.9 $(value p999_ms "${RUN_DIR}/lookup.log") ms"
  local recorded
  for recorded in resolution lookup; do
    [[ -n "$JFR" && -f "${RUN_DIR}/${recorded}.jfr" ]] || continue
    info "JFR of profile-service during the measured ${recorded}: ${RUN_DIR}/${recorded}.jfr"
    jfr_summary "${RUN_DIR}/${recorded}.jfr"
  done
  info "logs: ${RUN_DIR}"
  figure "resolution events/s" "$rate" "events/s" ">= ${TARGET_RATE}" "$(verdict "${rate:-0}" ">=" "$TARGET_RATE")" throughput
  figure "IdentityResolved freshness p50" "$(value freshness_p50_ms "${RUN_DIR}/freshness.log")" ms "" "" latency "IdentityResolved freshness"
  figure "IdentityResolved freshness p99" "$p99" ms "<= ${TARGET_FRESHNESS_P99_MS}" "$(verdict "${p99:-1e9}" "<=" "$TARGET_FRESHNESS_P99_MS")" latency "IdentityResolved freshness"
  figure "profile-service RSS, max" "$rss" MiB "<= ${TARGET_RSS_MIB}" "$(verdict "${rss:-1e9}" "<=" "$TARGET_RSS_MIB")" memory profile-service
  figure "lookup p50" "$(value p50_ms "${RUN_DIR}/lookup.log")" ms "" "" latency "lookup at ${LOOKUP_RATE}/s"
  figure "lookup p99" "$lookup_p99" ms "<= ${TARGET_LOOKUP_P99_MS}" "$(verdict "${lookup_p99:-1e9}" "<=" "$TARGET_LOOKUP_P99_MS")" latency "lookup at ${LOOKUP_RATE}/s"
  figure "lookup p99.9" "$(value p999_ms "${RUN_DIR}/lookup.log")" ms "" "" latency "lookup at ${LOOKUP_RATE}/s"
  figure "resolution ceiling from CPU per event" "$ceiling" "events/s" "" "" limit
  figure "resolution / CPU ceiling" "$(LC_ALL=C awk -v r="${rate:-0}" -v c="${ceiling:-0}" 'BEGIN { printf "%.3f", (c > 0) ? r / c : 0 }')" ratio "" "" ratio
  figure_fact cpu "CPU per resolved event: ${cpu_service} µs in profile-service, ${cpu_database} µs in its PostgreSQL backends; per lookup: ${lookup_service} µs and ${lookup_database} µs"
}

main "$@"

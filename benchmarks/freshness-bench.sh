#!/usr/bin/env bash
# Real-time freshness, end to end (./firstparty bench freshness, or benchmarks/freshness-bench.sh).
#
# Starts its own Kafka broker (localhost:29592), its own databases (firstparty_bench_e2e_<service>,
# re-created) and ingestion-, profile-, segment- and consent-service from their built jars on
# 127.0.0.1:28581-28584, with bearer tokens checked against a key pair made for the run (no Keycloak).
# A segment "sent the signal" is created, then:
#   1. entry       RATE events/s (default 2,000) posted to ingestion's POST /v1/batch for WARMUP + SECONDS
#                  (default 15 + 60) s, BATCH events a request, open loop; one event of each request is a
#                  newcomer's signal that puts them into the segment. For every signal of the measured
#                  seconds: from ingestion's 200 (acceptance) to the SegmentEntered record published on
#                  firstparty.segments.membership: p50, p99 against p99 <= 1 s
#   2. withdrawal  under the same load, WITHDRAWALS people (of a small segment with consent granted
#                  through the preference centre) withdraw one after the other through consent-service's
#                  PUT /v1/people/{id}/consents, one every WITHDRAWAL_EVERY_MS: from its answer to the
#                  person absent from the segment's member list and its export, both asked every 10 ms
#                  (benchmarks/freshness/Withdrawals.java): p50, p99 against p99 <= 1 s
# It also prints the cores each service, its PostgreSQL backends and the broker used over the load.
# Options: --build (rebuild the four services first), --no-withdrawal (without consent-service and
# phase 2), --jfr (record each service during the load and print its hottest frames). Everything it
# started is stopped when it ends. Results: terminal and
# .firstparty/bench/freshness-<time>/results.txt.
set -euo pipefail

# shellcheck source=benchmarks/platform.sh
. "$(dirname "${BASH_SOURCE[0]}")/platform.sh"

RATE="${BENCH_FRESHNESS_RATE:-2000}"
SECONDS_MEASURED="${BENCH_FRESHNESS_SECONDS:-60}"
WARMUP="${BENCH_FRESHNESS_WARMUP:-15}"
BATCH="${BENCH_FRESHNESS_BATCH:-20}"
WITHDRAWALS="${BENCH_FRESHNESS_WITHDRAWALS:-40}"
WITHDRAWAL_EVERY_MS="${BENCH_FRESHNESS_WITHDRAWAL_EVERY_MS:-1400}"
# One keeper withdraws before the load (the first export connects its Kafka admin client), and the
# segment keeps more than the 10 people an export needs once every measured keeper has withdrawn.
KEEPERS=$((WITHDRAWALS + 13))
TARGET_P99_MS=1000

KAFKA_PORT=29592
KAFKA_CONTROLLER_PORT=29593
BROKER=bench-e2e-kafka
DB_PREFIX=firstparty_bench_e2e
SOURCE_ID=00000000-0000-4000-8000-0000000e2e01
declare -A PORTS=([ingestion]=28581 [profile]=28582 [segment]=28583 [consent]=28584)
SERVICES=(ingestion profile segment consent)
BUILD=""
JFR=""
RUN_DIR="${FP_STATE}/bench/freshness-$(date -u +%Y%m%dT%H%M%SZ)"

for arg in "$@"; do
  case "$arg" in
    --build) BUILD=1 ;;
    --no-withdrawal) SERVICES=(ingestion profile segment) ;;
    --jfr) JFR=1 ;;
    -h | --help) sed -n '2,21p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "freshness bench: unknown option '${arg}' (--build, --no-withdrawal, --jfr)" ;;
  esac
done

component() { printf 'bench-e2e-%s\n' "$1"; }
url() { printf 'http://127.0.0.1:%s\n' "${PORTS[$1]}"; }
with_consent() { [[ " ${SERVICES[*]} " == *" consent "* ]]; }

cleanup() {
  local rc=$? service
  trap '' PIPE INT TERM HUP
  {
    step "Stopping what the benchmark started"
    [[ -n "${WITHDRAWER:-}" ]] && kill -TERM "$WITHDRAWER"
    for service in "${SERVICES[@]}"; do
      stop_component "$(component "$service")" 30
    done
    stop_component "$BROKER" 30
    if pg_ready; then
      for service in "${SERVICES[@]}"; do
        pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${DB_PREFIX}_${service} WITH (FORCE)" >/dev/null 2>&1
      done
    fi
    rm -rf "${FP_STATE:?}/${BROKER}"
  } 2>/dev/null || true
  exit "$rc"
}

sql() { psql -X -q -tA -w -v ON_ERROR_STOP=1 -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d "${DB_PREFIX}_$1" "${@:2}"; }
build() {
  local service missing=""
  for service in "${SERVICES[@]}"; do
    [[ -f "$(service_jar "${service}-service")" ]] || missing=1
  done
  if [[ -n "$BUILD" || -n "$missing" ]]; then
    info "building the services (log: ${RUN_DIR}/build.log)"
    (cd "$FP_ROOT" && "$(mvn_cmd)" -B -q -DskipTests package \
      -pl "$(printf '%s-service,' "${SERVICES[@]}" | sed 's/,$//')" -am) >"${RUN_DIR}/build.log" 2>&1 ||
      { show_log_tail "${RUN_DIR}/build.log" 40; die "The services did not build."; }
  fi
  for service in "${SERVICES[@]}"; do
    ok "$(service_jar "${service}-service" | sed "s|${FP_ROOT}/||") ($(date -u -r "$(service_jar "${service}-service")" +%FT%TZ))"
  done
}

# start_service NAME: the service from its jar, on its port, database and the run's broker; its
# collection replica does not archive (the archive is not on the measured path).
start_service() {
  local name="$1" db="${DB_PREFIX}_$1"
  check_ports "$(component "$name")" "${PORTS[$name]}" >/dev/null || die "port ${PORTS[$name]} is taken"
  pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" >/dev/null 2>&1
  pg_admin -d postgres -c "CREATE DATABASE ${db} OWNER ${FP_PG_ROLE}" >/dev/null
  [[ "$name" == consent ]] && ensure_consent_owner "$db" >/dev/null
  rotate_log "$(component "$name")"
  (
    cd "${FP_ROOT}/${name}-service" || exit 1
    export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="${PORTS[$name]}" FIRSTPARTY_KAFKA="localhost:${KAFKA_PORT}" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${FP_PG_HOST}:${FP_PG_PORT}/${db}" \
      QUARKUS_OIDC_AUTH_SERVER_URL="" QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" QUARKUS_OIDC_TOKEN_ISSUER=firstparty-bench \
      FIRSTPARTY_ARCHIVE_ENABLED=false MALLOC_ARENA_MAX="$FP_SERVICE_MALLOC_ARENA_MAX"
    # shellcheck disable=SC2086 # the options are words
    start_component "$(component "$name")" java $FP_SERVICE_JAVA_OPTS ${JFR:+-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints} -Dfirstparty.component="$(component "$name")" \
      -jar "$(service_jar "${name}-service")"
  )
}

ready() { [[ "$(http_status "$(url "$1")/q/health/ready")" == 200 ]]; }

# The benchmark's source, straight into ingestion's database (the admin API is not what is measured).
create_source() {
  WRITE_KEY="fpwk_bench_$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
  sql ingestion >/dev/null <<SQL
INSERT INTO source (id, brand, name, rate_limit_per_second, event_types)
VALUES ('${SOURCE_ID}', 'firstparty-bench', 'freshness benchmark', 1000000, '{identify,track,page,screen,group,alias}');
INSERT INTO write_key (key_hash, source_id, key_prefix)
VALUES ('$(printf '%s' "$WRITE_KEY" | sha256sum | cut -d' ' -f1)', '${SOURCE_ID}', '${WRITE_KEY:0:9}');
SQL
}

collect() { curl -s -o /dev/null -w '%{http_code}' -u "${WRITE_KEY}:" -H 'Content-Type: application/json' -d "$2" "$(url ingestion)/v1/$1"; }
as() { local role="$1"; shift; curl -s -H "Authorization: Bearer ${TOKENS[$role]}" "$@"; }

# create_segment NAME EVENT: a segment of everyone who sent EVENT today; prints its id.
create_segment() {
  local out
  out="$(as marketer -H 'Content-Type: application/json' -d "{\"name\": \"$1\", \"description\": \"benchmark\",
    \"purpose\": \"personalization\", \"owner\": \"bench\", \"significant\": false,
    \"rule\": {\"event\": {\"name\": \"$2\", \"within\": \"P1D\"}}}" "$(url segment)/v1/segments")"
  jq -r '.segment.id // empty' <<<"$out" | grep . || die "creating the segment '$1' failed: ${out}"
}

listed() { as marketer "$(url segment)/v1/segments/$1/members?limit=1000" | jq -r '.members[].profileId'; }
exported() { as marketer "$(url segment)/v1/segments/$1/export?format=ndjson"; }

# Keepers: people who sent "Bench Keeper" and granted consent to personalization in the preference centre.
prepare_keepers() {
  local i profile deadline
  for i in $(seq 1 "$KEEPERS"); do
    [[ "$(collect track "{\"userId\": \"keeper-${i}\", \"event\": \"Bench Keeper\"}")" == 200 ]] || die "ingestion refused a keeper's event"
  done
  deadline=$(($(now_ms) + 120000))
  until [[ "$(sql segment -c "SELECT count(*) FROM segment_membership WHERE segment_id = '${KEEPER_SEGMENT}'")" == "$KEEPERS" ]]; do
    (($(now_ms) < deadline)) || die "the keepers did not enter their segment within 120 s"
    sleep 0.5
  done
  sql segment -c "SELECT profile_id FROM segment_membership WHERE segment_id = '${KEEPER_SEGMENT}'" >"${RUN_DIR}/keepers"
  # consent-service answers 404 until it has heard of the person from the resolved events.
  while read -r profile; do
    until [[ "$(as privacy-officer -o "${RUN_DIR}/grant.json" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
      -H "Idempotency-Key: grant-${profile}" -d '{"choices": {"personalization": true}}' \
      "$(url consent)/v1/people/${profile}/consents")" == 200 ]]; do
      (($(now_ms) < deadline)) || die "consent-service refused a grant: $(cat "${RUN_DIR}/grant.json")"
      sleep 0.5
    done
  done <"${RUN_DIR}/keepers"
  until [[ "$(listed "$KEEPER_SEGMENT" | wc -l)" == "$KEEPERS" ]]; do
    (($(now_ms) < deadline)) || die "the keepers' consent did not reach segment-service within 120 s"
    sleep 0.5
  done
  ok "${KEEPERS} keepers listed in their segment with consent granted"
}

# withdraw EVERY_MS PROFILE...: the prober, one line a withdrawal.
withdraw() {
  java -Xmx64m "${FP_ROOT}/benchmarks/freshness/Withdrawals.java" "$(url consent)" "$(url segment)" "$KEEPER_SEGMENT" \
    "${TOKENS[privacy-officer]}" "${TOKENS[marketer]}" "$@"
}

# Once the warm-up is over, WITHDRAWALS keepers withdraw one after the other while the load runs.
withdrawals_under_load() {
  sleep "$((WARMUP + 2))"
  # shellcheck disable=SC2046 # one argument a profile id
  withdraw "$WITHDRAWAL_EVERY_MS" $(sed -n "2,$((WITHDRAWALS + 1))p" "${RUN_DIR}/keepers") >"${RUN_DIR}/withdrawals"
}

value() { sed -n "s/^RESULT $1=//p" "$2" | tail -n 1; }
verdict() { LC_ALL=C awk -v v="$1" -v t="$2" 'BEGIN { print (v >= 0 && v <= t) ? "PASS" : "MISS" }'; }
# percentiles FILE: "p50 p99 max" of the numbers listed one a line (-1 when there are none).
percentiles() {
  grep -E '^[0-9]+$' "$1" | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-1 -1 -1"; exit }
    i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999); print v[i50], v[i99], v[NR] }'
}

# sample_rss: each service's VmRSS (KiB) every second into RUN_DIR/rss-<service>.log, until the
# load has ended (RUN_DIR/load.done), the benchmark is gone, or the load's length plus five minutes.
sample_rss() {
  local i service pid
  for ((i = 0; i < WARMUP + SECONDS_MEASURED + 300; i++)); do
    [[ -f "${RUN_DIR}/load.done" ]] && return 0
    kill -0 "$$" 2>/dev/null || return 0
    for service in "${SERVICES[@]}"; do
      pid="$(component_pid "$(component "$service")" 2>/dev/null)" || continue
      awk '/^VmRSS:/ { print $2 }' "/proc/${pid}/status" 2>/dev/null >>"${RUN_DIR}/rss-${service}.log"
    done
    sleep 1
  done
}

# cpu_of_processes: "<name> <process ms> <its PostgreSQL backends ms>" for each service and the
# broker, with the time in ms on the first line; two of them give the cores each part used.
cpu_of_processes() {
  local service
  printf 'wall %s 0\n' "$(now_ms)"
  for service in "${SERVICES[@]}"; do
    printf '%s %s\n' "$service" "$(cpu_snapshot "$(component_pid "$(component "$service")")" "${DB_PREFIX}_${service}")"
  done
  printf 'kafka %s\n' "$(cpu_snapshot "$(component_pid "$BROKER")" none)"
}

cpu_seconds() {
  awk '$1 == "wall" { print $2 }' "${RUN_DIR}/cpu.before" "${RUN_DIR}/cpu.after" |
    LC_ALL=C awk 'NR == 1 { b = $1 } NR == 2 { printf "%.0f", ($1 - b) / 1000 }'
}

# cpu_shares EVENTS: "ingestion 0.31 + PostgreSQL 0.12 cores (155 + 60 µs an event), ..." from the two
# snapshots; the µs an event are what each part costs while it keeps up with the load.
cpu_shares() {
  LC_ALL=C awk -v events="$1" 'FNR == NR { b1[$1] = $2; b2[$1] = $3; next }
    $1 == "wall" { wall = $2 - b1["wall"]; next }
    { n++; name[n] = $1; own[n] = $2 - b1[$1]; db[n] = $3 - b2[$1] }
    END {
      for (i = 1; i <= n; i++) {
        total += own[i] + db[i]
        out = out sprintf("%s%s %.2f", (i > 1) ? ", " : "", name[i], own[i] / wall)
        if (db[i] > 0) out = out sprintf(" + PostgreSQL %.2f cores (%.0f + %.0f µs an event)", db[i] / wall, own[i] * 1000 / events, db[i] * 1000 / events)
        else out = out sprintf(" cores (%.0f µs an event)", own[i] * 1000 / events)
      }
      printf "%s; total %.2f cores, %.0f µs an event (the load generator and other processes not counted)", out, total / wall, total * 1000 / events
    }' "${RUN_DIR}/cpu.before" "${RUN_DIR}/cpu.after"
}

main() {
  local service
  ensure_state_dirs
  mkdir -p "$RUN_DIR"
  figures_start freshness
  figure_fact command "./firstparty bench freshness $*"
  figure_fact settings "${RATE} events/s, ${WARMUP} s warm-up + ${SECONDS_MEASURED} s measured, ${BATCH} a request, services: ${SERVICES[*]}"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  step "Builds"
  build
  ensure_postgres
  step "Kafka, databases, services"
  fetch_kafka
  rm -rf "${FP_STATE:?}/${BROKER}"
  mkdir -p "${FP_STATE}/${BROKER}"
  kafka_start "$BROKER" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "${FP_STATE}/${BROKER}/storage" || exit 1
  kafka_wait "$BROKER" "$KAFKA_PORT" || exit 1
  bench_key "$RUN_DIR"
  PUBLIC_KEY="$BENCH_PUBLIC_KEY"
  declare -gA TOKENS=([marketer]="$(bench_jwt "$RUN_DIR" marketer)" [privacy-officer]="$(bench_jwt "$RUN_DIR" privacy-officer)")
  for service in "${SERVICES[@]}"; do
    start_service "$service"
  done
  for service in "${SERVICES[@]}"; do
    wait_until "$(component "$service")" 300 "readiness" ready "$service" || exit 1
    ok "${service}-service ready on $(url "$service")"
  done
  create_source
  with_consent || sql segment -c "INSERT INTO consent_purpose (code, lawful_basis, version) VALUES ('personalization', 'consent', 1)"
  local deadline=$(($(now_ms) + 60000))
  until SEGMENT_ID="$(create_segment "Sent the signal" "Bench Signal" 2>/dev/null)"; do
    (($(now_ms) < deadline)) || die "segment-service did not learn the purposes from consent-service within 60 s"
    sleep 1
  done
  ok "segment ${SEGMENT_ID}: everyone who sent the signal today"
  if with_consent; then
    KEEPER_SEGMENT="$(create_segment "Keepers" "Bench Keeper")"
    prepare_keepers
    withdraw 0 "$(head -n 1 "${RUN_DIR}/keepers")" >"${RUN_DIR}/withdrawal-warmup"
    ok "a first withdrawal before the load: $(cat "${RUN_DIR}/withdrawal-warmup") ms (not counted)"
  fi

  LOAD_BEFORE="$(uptime)"
  cpu_of_processes >"${RUN_DIR}/cpu.before"
  for service in "${SERVICES[@]}"; do
    jfr_start "$service" "$((WARMUP + SECONDS_MEASURED))" "$(component_pid "$(component "$service")")"
  done
  sample_rss &
  step "1. entry: ${RATE} events/s for ${WARMUP} s of warm-up and ${SECONDS_MEASURED} s measured, ${BATCH} a request"
  if with_consent; then
    step "2. withdrawal: ${WITHDRAWALS} withdrawals under that load, one every ${WITHDRAWAL_EVERY_MS} ms"
    withdrawals_under_load &
    WITHDRAWER=$!
  fi
  java -Xmx384m -cp "$(kafka_lib)/*" "${FP_ROOT}/benchmarks/freshness/FreshnessLoad.java" "$(url ingestion)" "$WRITE_KEY" \
    "localhost:${KAFKA_PORT}" "$RATE" "$SECONDS_MEASURED" "$WARMUP" "$BATCH" >"${RUN_DIR}/load.log" 2>&1 ||
    { tail -n 20 "${RUN_DIR}/load.log"; die "the load generator failed"; }
  LOAD_AFTER="$(uptime)"
  cpu_of_processes >"${RUN_DIR}/cpu.after"
  : >"${RUN_DIR}/load.done"
  if with_consent; then
    wait "$WITHDRAWER" || true
    WITHDRAWER=""
  fi

  local log="${RUN_DIR}/load.log" p99 w50 w99 wmax
  p99="$(value p99_ms "$log")"
  {
    printf '\nend-to-end freshness benchmark, %s, %s CPUs, commit %s\n' "$(date -u +%FT%TZ)" "$(nproc)" \
      "$(git -C "$FP_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
    printf 'load before: %s\nload after:  %s\n(other processes share the CPUs; figures under load are not comparable)\n' \
      "$LOAD_BEFORE" "$LOAD_AFTER"
    printf '%s events posted at %s/s (achieved %s/s), failed requests %s, a request answered in p50 %s ms, p99 %s ms\n' \
      "$(value events "$log")" "$RATE" "$(value rate "$log")" "$(value failures "$log")" \
      "$(value answer_p50_ms "$log")" "$(value answer_p99_ms "$log")"
    printf '1 entry       %s of %s signals entered: accepted -> SegmentEntered published p50 %s ms, p99 %s ms, max %s ms   target p99 <= %s ms  %s\n' \
      "$(value entered "$log")" "$(value signals "$log")" "$(value p50_ms "$log")" "$p99" "$(value max_ms "$log")" \
      "$TARGET_P99_MS" "$(verdict "$p99" "$TARGET_P99_MS")"
    printf '              of which accepted -> IdentityResolved published p50 %s ms, p99 %s ms; IdentityResolved -> SegmentEntered p50 %s ms, p99 %s ms\n' \
      "$(value resolved_p50_ms "$log")" "$(value resolved_p99_ms "$log")" "$(value segment_p50_ms "$log")" \
      "$(value segment_p99_ms "$log")"
    if with_consent; then
      read -r w50 w99 wmax < <(percentiles "${RUN_DIR}/withdrawals")
      printf '2 withdrawal  %s of %s absent from members and export: answer -> absent p50 %s ms, p99 %s ms, max %s ms   target p99 <= %s ms  %s\n' \
        "$(grep -cE '^[0-9]+$' "${RUN_DIR}/withdrawals")" "$WITHDRAWALS" "$w50" "$w99" "$wmax" "$TARGET_P99_MS" \
        "$(verdict "$w99" "$TARGET_P99_MS")"
    fi
    printf 'CPU in cores over the load (%s s; the machine has %s): %s\n' "$(cpu_seconds)" "$(nproc)" "$(cpu_shares "$(value events "$log")")"
  } | tee "${RUN_DIR}/results.txt"
  for service in "${SERVICES[@]}"; do
    [[ -n "$JFR" ]] || break
    jfr_stop "$service" "$(component_pid "$(component "$service")")"
    [[ -f "${RUN_DIR}/${service}.jfr" ]] || continue
    info "JFR of ${service}-service during the load: ${RUN_DIR}/${service}.jfr"
    jfr_summary "${RUN_DIR}/${service}.jfr"
  done
  figure "accepted -> SegmentEntered p50" "$(value p50_ms "$log")" ms "" "" freshness "accepted -> SegmentEntered"
  figure "accepted -> SegmentEntered p99" "$p99" ms "<= ${TARGET_P99_MS}" "$(verdict "$p99" "$TARGET_P99_MS")" freshness "accepted -> SegmentEntered"
  figure "accepted -> SegmentEntered max" "$(value max_ms "$log")" ms "" "" freshness "accepted -> SegmentEntered"
  figure "accepted -> IdentityResolved p50" "$(value resolved_p50_ms "$log")" ms "" "" freshness "accepted -> IdentityResolved"
  figure "accepted -> IdentityResolved p99" "$(value resolved_p99_ms "$log")" ms "" "" freshness "accepted -> IdentityResolved"
  figure "IdentityResolved -> SegmentEntered p50" "$(value segment_p50_ms "$log")" ms "" "" freshness "IdentityResolved -> SegmentEntered"
  figure "IdentityResolved -> SegmentEntered p99" "$(value segment_p99_ms "$log")" ms "" "" freshness "IdentityResolved -> SegmentEntered"
  figure "events posted/s" "$(value rate "$log")" "events/s" ">= ${RATE}" \
    "$(LC_ALL=C awk -v v="$(value rate "$log")" -v t="$RATE" 'BEGIN { print (v >= 0.95 * t) ? "PASS" : "MISS" }')" throughput
  figure "/v1/batch answer p50" "$(value answer_p50_ms "$log")" ms "" "" latency "/v1/batch answer"
  figure "/v1/batch answer p99" "$(value answer_p99_ms "$log")" ms "" "" latency "/v1/batch answer"
  if with_consent; then
    read -r w50 w99 wmax < <(percentiles "${RUN_DIR}/withdrawals")
    figure "withdrawal -> out of the audience p50" "$w50" ms "" "" freshness "withdrawal -> out of the audience"
    figure "withdrawal -> out of the audience p99" "$w99" ms "<= ${TARGET_P99_MS}" "$(verdict "$w99" "$TARGET_P99_MS")" freshness "withdrawal -> out of the audience"
  fi
  for service in "${SERVICES[@]}"; do
    figure "${service}-service RSS, max under load" \
      "$(awk '$1 > m { m = $1 } END { if (NR) printf "%.0f", m / 1024 }' "${RUN_DIR}/rss-${service}.log" 2>/dev/null)" MiB "" "" memory "${service}-service"
  done
  figure_fact cpu "cores used over the load: $(cpu_shares "$(value events "$log")")"
  figure_fact failures "$(value failures "$log") failed requests; $(value entered "$log") of $(value signals "$log") signals entered"
}

main "$@"

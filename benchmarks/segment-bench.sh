#!/usr/bin/env bash
# Benchmark of segment-service (./firstparty bench segment, or benchmarks/segment-bench.sh).
#
# Starts its own Kafka broker (localhost:29392), its own database (firstparty_bench_segment,
# re-created) and segment-service from its built jar on 127.0.0.1:28383, with bearer tokens checked
# against a key pair made for the run (no Keycloak). It writes a history of N events over M profiles
# straight into the service's tables (the shape the stream writes), then measures:
#   1. backfill  POST /v1/segments of two behavioural segments (the issue's "bought at least 3
#                times in 90 days but not in the last 14", and "loyalty customers with spend over
#                200 in 90 days"): time until the answer, membership computed over all history
#   2. members   GET /v1/segments/{id}/members?limit=100 at random pages: p50 / p99
#   3. explain   GET /v1/segments/{id}/members/{profileId} for random profiles: p50 / p99
# Sizes: BENCH_SEGMENT_EVENTS (default 1,000,000) and BENCH_SEGMENT_PROFILES (100,000); --full runs
# the issue's 10,000,000 events over 1,000,000 profiles (loading them takes several minutes).
# Everything it started is stopped when it ends. Results: terminal and .firstparty/bench/segment-<time>.txt.
set -euo pipefail

# shellcheck source=benchmarks/platform.sh
. "$(dirname "${BASH_SOURCE[0]}")/platform.sh"

EVENTS="${BENCH_SEGMENT_EVENTS:-1000000}"
PROFILES="${BENCH_SEGMENT_PROFILES:-100000}"
REQUESTS="${BENCH_SEGMENT_REQUESTS:-300}"
PORT=28383
KAFKA_PORT=29392
KAFKA_CONTROLLER_PORT=29393
DB=firstparty_bench_segment
SERVICE=bench-segment-service
BROKER=bench-segment-kafka
TARGET_BACKFILL_S=30
TARGET_P99_MS=50
BUILD=""

for arg in "$@"; do
  case "$arg" in
    --full) EVENTS=10000000 PROFILES=1000000 ;;
    --build) BUILD=1 ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "segment bench: unknown option '${arg}' (--full, --build)" ;;
  esac
done

RUN_DIR="${FP_STATE}/bench/segment-$(date -u +%Y%m%dT%H%M%S)"
RESULTS="${RUN_DIR}.txt"
mkdir -p "$RUN_DIR"
figures_start segment
figure_fact command "./firstparty bench segment $*"
figure_fact settings "${EVENTS} events over ${PROFILES} profiles, ${REQUESTS} requests a page type (the backfill target is for 10M events over 1M profiles)"

cleanup() {
  is_running "$SERVICE" && stop_component "$SERVICE" 30
  is_running "$BROKER" && stop_component "$BROKER" 30
  return 0
}
trap cleanup EXIT

sql() { psql -X -q -v ON_ERROR_STOP=1 -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d "$DB" "$@"; }
# percentiles FILE: p50 and p99 in ms of the seconds listed one a line.
percentiles() {
  sort -n "$1" | awk '{ v[NR] = $1 * 1000 } END { i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1;
    if (i99 < 1) i99 = 1; printf "%.1f %.1f\n", v[i50], v[i99] }'
}

step "segment-service jar"
jar="${BENCH_SEGMENT_JAR:-$(service_jar segment-service)}"
if [[ -n "$BUILD" || ! -f "$jar" ]]; then
  (cd "$FP_ROOT" && "$(mvn_cmd)" -B -q -DskipTests package -pl segment-service -am) >"${RUN_DIR}/build.log" 2>&1 ||
    { show_log_tail "${RUN_DIR}/build.log" 40; die "The segment-service build failed."; }
fi
ok "${jar#"${FP_ROOT}"/} (built $(date -r "$jar" '+%F %T'))"

ensure_postgres
step "Broker, database and service"
is_running "$BROKER" && stop_component "$BROKER" 30
rm -rf "${FP_STATE}/bench-segment-kafka" && mkdir -p "${FP_STATE}/bench-segment-kafka"
kafka_start "$BROKER" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "${FP_STATE}/bench-segment-kafka/storage" || exit 1
kafka_wait "$BROKER" "$KAFKA_PORT" || exit 1
pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null 2>&1
pg_admin -d postgres -c "CREATE DATABASE ${DB} OWNER ${FP_PG_ROLE}"
bench_key "$RUN_DIR"
is_running "$SERVICE" && stop_component "$SERVICE" 30
(
  cd "${FP_ROOT}/segment-service" || exit 1
  export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" FIRSTPARTY_KAFKA="localhost:${KAFKA_PORT}" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${FP_PG_HOST}:${FP_PG_PORT}/${DB}" \
    QUARKUS_OIDC_PUBLIC_KEY="$BENCH_PUBLIC_KEY" QUARKUS_OIDC_AUTH_SERVER_URL="" QUARKUS_OIDC_TOKEN_ISSUER=firstparty-bench MALLOC_ARENA_MAX="$FP_SERVICE_MALLOC_ARENA_MAX"
  # shellcheck disable=SC2086 # the options are words
  start_component "$SERVICE" java $FP_SERVICE_JAVA_OPTS -Dfirstparty.component="$SERVICE" -jar "$jar"
)
wait_until "$SERVICE" 180 "http://127.0.0.1:${PORT}/q/health/ready" \
  bash -c "[[ \"\$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:${PORT}/q/health/ready)\" == 200 ]]" || exit 1
ok "segment-service ready on 127.0.0.1:${PORT}"

step "History: $(printf "%'d" "$EVENTS") events over $(printf "%'d" "$PROFILES") profiles"
load_start="$(now_ms)"
sql <<SQL
INSERT INTO consent_purpose (code, lawful_basis, version) VALUES ('personalization', 'consent', 1);
INSERT INTO segment_profile (profile_id, traits)
  SELECT 'p-' || i, CASE WHEN i % 5 = 0 THEN '{"loyalty_tier": "gold"}'::jsonb ELSE '{}'::jsonb END
  FROM generate_series(1, ${PROFILES}) i;
INSERT INTO consent_state (profile_id, purpose, status, status_since, evidence_id)
  SELECT 'p-' || i, 'personalization', 'granted', now(), 'ev-' || i FROM generate_series(1, ${PROFILES}) i WHERE i % 10 <> 0;
-- A bulk load builds the history's indexes once at the end, faster than keeping them up row by row.
ALTER TABLE segment_event DROP CONSTRAINT segment_event_pkey;
DROP INDEX segment_event_name_time;
SQL

# load_events FROM TO: events FROM..TO, one session; the sessions run side by side, one a CPU.
load_events() {
  sql <<SQL
INSERT INTO segment_event (profile_id, message_id, type, name, occurred_at, properties, context)
  SELECT 'p-' || (1 + (i::bigint * 7919) % ${PROFILES}), 'm-' || i, 'track',
    (ARRAY['Order Completed', 'Page Viewed', 'Product Viewed', 'Product Added', 'Quiz Completed',
           'Newsletter Signed Up', 'Products Searched', 'Checkout Started', 'Order Completed', 'Review Written'])[1 + i % 10],
    now() - random() * interval '180 days',
    jsonb_build_object('revenue', round((random() * 120)::numeric, 2), 'quiz', 'skin',
                       'answers', jsonb_build_object('skin_type', CASE WHEN random() < 0.3 THEN 'dry' ELSE 'oily' END)),
    jsonb_build_object('location', jsonb_build_object('city', CASE WHEN random() < 0.1 THEN 'Lyon' ELSE 'Paris' END))
  FROM generate_series($1, $2) i;
SQL
}
sessions="$(nproc)"
loaders=()
for s in $(seq 0 $((sessions - 1))); do
  load_events $((EVENTS * s / sessions + 1)) $((EVENTS * (s + 1) / sessions)) &
  loaders+=("$!")
done
for pid in "${loaders[@]}"; do
  wait "$pid" || die "loading the history failed"
done
ok "events inserted in $(format_duration $(($(now_ms) - load_start)))"
sql <<SQL
SET maintenance_work_mem = '512MB';
ALTER TABLE segment_event ADD CONSTRAINT segment_event_pkey PRIMARY KEY (profile_id, message_id);
CREATE INDEX segment_event_name_time ON segment_event (name, occurred_at);
VACUUM ANALYZE segment_event;
VACUUM ANALYZE segment_profile;
VACUUM ANALYZE consent_state;
SQL
ok "loaded and indexed in $(format_duration $(($(now_ms) - load_start)))"

MARKETER="$(bench_jwt "$RUN_DIR" marketer)"
api() { curl -s -H "Authorization: Bearer ${MARKETER}" "$@"; }

# create NAME RULE: creates the segment; prints "id wall_ms backfill_ms entered"
create() {
  local body start out
  body="{\"name\": \"$1\", \"description\": \"benchmark\", \"purpose\": \"personalization\", \"owner\": \"bench\", \"rule\": $2}"
  start="$(now_ms)"
  out="$(api -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:${PORT}/v1/segments")"
  printf '%s %s %s %s\n' "$(jq -r '.segment.id' <<<"$out")" "$(($(now_ms) - start))" \
    "$(jq -r '.backfillMillis' <<<"$out")" "$(jq -r '.entered' <<<"$out")"
  [[ "$(jq -r '.segment.id' <<<"$out")" != null ]] || printf '%s\n' "$out" >&2
}

step "1. Backfill"
read -r lapsed_id lapsed_ms lapsed_backfill lapsed_size < <(create "Lapsed repeat buyers" \
  '{"all": [{"event": {"name": "Order Completed", "within": "P90D", "count": {"gte": 3}}}, {"not": {"event": {"name": "Order Completed", "within": "P14D"}}}]}')
[[ -n "$lapsed_id" && "$lapsed_id" != null ]] || die "creating a segment failed"
ok "lapsed repeat buyers: ${lapsed_ms} ms (backfill ${lapsed_backfill} ms), $(printf "%'d" "$lapsed_size") members"
read -r loyal_id loyal_ms loyal_backfill loyal_size < <(create "Loyal big spenders" \
  '{"all": [{"trait": {"path": "loyalty_tier", "equals": "gold"}}, {"event": {"name": "Order Completed", "within": "P90D", "aggregate": {"sum": "properties.revenue", "gt": 200}}}]}')
[[ -n "$loyal_id" && "$loyal_id" != null ]] || die "creating a segment failed"
ok "loyal big spenders: ${loyal_ms} ms (backfill ${loyal_backfill} ms), $(printf "%'d" "$loyal_size") members"

step "2. Members pages (${REQUESTS} requests)"
cursors="${RUN_DIR}/cursors"
: >"$cursors"
cursor=""
for _ in $(seq 1 50); do
  next="$(api "http://127.0.0.1:${PORT}/v1/segments/${lapsed_id}/members?limit=100&cursor=${cursor}" | jq -r '.nextCursor')"
  [[ "$next" == null ]] && break
  printf '%s\n' "$next" >>"$cursors"
  cursor="$next"
done
: >"${RUN_DIR}/members.times"
for _ in $(seq 1 "$REQUESTS"); do
  cursor="$(shuf -n 1 "$cursors" 2>/dev/null || true)"
  api -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:${PORT}/v1/segments/${lapsed_id}/members?limit=100&cursor=${cursor}" \
    >>"${RUN_DIR}/members.times"
done
read -r members_p50 members_p99 < <(percentiles "${RUN_DIR}/members.times")
ok "p50 ${members_p50} ms, p99 ${members_p99} ms"

step "3. Explanations (${REQUESTS} requests)"
: >"${RUN_DIR}/explain.times"
for _ in $(seq 1 "$REQUESTS"); do
  api -o /dev/null -w '%{time_total}\n' \
    "http://127.0.0.1:${PORT}/v1/segments/${loyal_id}/members/p-$(( (RANDOM * 32768 + RANDOM) % PROFILES + 1 ))" \
    >>"${RUN_DIR}/explain.times"
done
read -r explain_p50 explain_p99 < <(percentiles "${RUN_DIR}/explain.times")
ok "p50 ${explain_p50} ms, p99 ${explain_p99} ms"

verdict() { LC_ALL=C awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "PASS" : "MISS" }'; }
{
  printf 'segment-service benchmark, %s, %s CPUs, %s events over %s profiles\n' "$(date -u '+%F %T UTC')" "$(nproc)" \
    "$(printf "%'d" "$EVENTS")" "$(printf "%'d" "$PROFILES")"
  printf '1 backfill, lapsed repeat buyers   %6.1f s  (target <= %s s at 10M/1M)  %s members\n' \
    "$(awk -v m="$lapsed_ms" 'BEGIN { print m / 1000 }')" "$TARGET_BACKFILL_S" "$lapsed_size"
  printf '  backfill, loyal big spenders     %6.1f s  %s members\n' "$(awk -v m="$loyal_ms" 'BEGIN { print m / 1000 }')" "$loyal_size"
  printf '2 members page p50 %s ms, p99 %s ms  (target p99 <= %s ms) %s\n' "$members_p50" "$members_p99" "$TARGET_P99_MS" \
    "$(verdict "$members_p99" "$TARGET_P99_MS")"
  printf '3 explanation  p50 %s ms, p99 %s ms  (target p99 <= %s ms) %s\n' "$explain_p50" "$explain_p99" "$TARGET_P99_MS" \
    "$(verdict "$explain_p99" "$TARGET_P99_MS")"
} | tee "$RESULTS"
figure "backfill, lapsed repeat buyers" "$(awk -v m="$lapsed_ms" 'BEGIN { print m / 1000 }')" s "<= ${TARGET_BACKFILL_S}" \
  "$( ((EVENTS >= 10000000 && PROFILES >= 1000000)) && verdict "$(awk -v m="$lapsed_ms" 'BEGIN { print m / 1000 }')" "$TARGET_BACKFILL_S")" duration
figure "backfill, loyal big spenders" "$(awk -v m="$loyal_ms" 'BEGIN { print m / 1000 }')" s "" "" duration
figure "backfill events/s, lapsed repeat buyers" "$(awk -v m="$lapsed_ms" -v e="$EVENTS" 'BEGIN { printf "%.0f", (m > 0) ? e * 1000 / m : 0 }')" "events/s" "" "" throughput
figure "members page p50" "$members_p50" ms "" "" latency "members page"
figure "members page p99" "$members_p99" ms "<= ${TARGET_P99_MS}" "$(verdict "$members_p99" "$TARGET_P99_MS")" latency "members page"
figure "explanation p50" "$explain_p50" ms "" "" latency explanation
figure "explanation p99" "$explain_p99" ms "<= ${TARGET_P99_MS}" "$(verdict "$explain_p99" "$TARGET_P99_MS")" latency explanation
figure "segment-service RSS, at the end" "$(rss_mib "$(component_pid "$SERVICE")")" MiB "" "" memory segment-service

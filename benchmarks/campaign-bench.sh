#!/usr/bin/env bash
# Campaign and erasure phase of the benchmark (./firstparty bench campaign, or benchmarks/campaign-bench.sh).
#
# Starts its own Kafka broker (localhost:29692, controller 28689), its own databases
# (firstparty_bench_campaign_<service>, re-created), an SMTP server on 127.0.0.1:28685 that counts what
# it received per recipient on 127.0.0.1:28686 (benchmarks/campaign/SmtpSink.java; with --smtp greenmail,
# GreenMail embedded by benchmarks/campaign/MailCount.java, whose linear mailbox search makes its own
# cost per e-mail grow with the number of recipients) and ingestion-,
# profile-, segment- and consent-service from their built jars on 127.0.0.1:28681-28684, with bearer
# tokens checked against a key pair made for the run (no Keycloak), then measures:
#   1. campaign  PEOPLE people (default 100,000, each with an e-mail address, seeded by SQL into
#                consent-service's tables) are told of a notice campaign for ai_training: from
#                POST /v1/campaigns/{id}/start to every e-mail marked sent and received by the SMTP server.
#                Target: <= 300 s, exactly one e-mail per person (received vs people, duplicates), one
#                in-app notice per person.
#   2. erasure   a person with EVENTS events (default 10,000, posted to ingestion's POST /v1/batch and
#                stored by profile-, segment- and consent-service) is erased by e-mail address through
#                POST /v1/erasure-requests; consent-service's report is polled until complete.
#                Target: every service done <= 60 s; each service's time from the request to its report.
# and consent-service's resident memory (RSS) throughout. Options: --build (rebuild the services first),
# --smtp sink|greenmail (the SMTP server, sink by default).
# Everything it started is stopped when it ends. Results: terminal and .firstparty/bench/campaign-<time>/results.txt.
set -euo pipefail

# shellcheck source=benchmarks/platform.sh
. "$(dirname "${BASH_SOURCE[0]}")/platform.sh"
# shellcheck source=platform/lib/greenmail.sh
. "${FP_ROOT}/platform/lib/greenmail.sh"

PEOPLE="${BENCH_CAMPAIGN_PEOPLE:-100000}"
EVENTS="${BENCH_ERASURE_EVENTS:-10000}"
# Longest the campaign is waited for before its figures are taken as they stand.
CAMPAIGN_TIMEOUT="${BENCH_CAMPAIGN_TIMEOUT:-900}"
ERASURE_TIMEOUT="${BENCH_ERASURE_TIMEOUT:-300}"
# The sender's settings: one replica, no pacing below the target, large claims, no idle wait.
MESSAGES_PER_SECOND="${BENCH_CAMPAIGN_MESSAGES_PER_SECOND:-100000}"
SENDER_BATCH="${BENCH_CAMPAIGN_BATCH:-500}"
TARGET_CAMPAIGN_S=300
TARGET_ERASURE_S=60

KAFKA_PORT=29692
KAFKA_CONTROLLER_PORT=28689
SMTP_PORT=28685
MAIL_API_PORT=28686
BROKER=bench-campaign-kafka
MAIL=bench-campaign-greenmail
DB_PREFIX=firstparty_bench_campaign
SOURCE_ID=00000000-0000-4000-8000-0000000ca301
ERASED_EMAIL="erase.me@bench.example"
declare -A PORTS=([ingestion]=28681 [profile]=28682 [segment]=28683 [consent]=28684)
SERVICES=(ingestion profile segment consent)
BUILD=""
SMTP=sink
RUN_DIR="${FP_STATE}/bench/campaign-$(date -u +%Y%m%dT%H%M%SZ)"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=1 ;;
    --smtp)
      [[ "${2:-}" == sink || "${2:-}" == greenmail ]] || die "campaign bench: --smtp takes sink or greenmail"
      SMTP="$2"
      shift ;;
    -h | --help) sed -n '2,23p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "campaign bench: unknown option '${1}' (--build, --smtp sink|greenmail)" ;;
  esac
  shift
done

component() { printf 'bench-campaign-%s\n' "$1"; }
url() { printf 'http://127.0.0.1:%s\n' "${PORTS[$1]}"; }

cleanup() {
  local rc=$? service
  trap '' PIPE INT TERM HUP
  {
    step "Stopping what the benchmark started"
    [[ -n "${SAMPLER:-}" ]] && kill -TERM "$SAMPLER"
    for service in "${SERVICES[@]}"; do
      stop_component "$(component "$service")" 30
    done
    stop_component "$MAIL" 10
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

start_mail() {
  check_ports "$MAIL" "$SMTP_PORT" "$MAIL_API_PORT" >/dev/null || die "port ${SMTP_PORT} or ${MAIL_API_PORT} is taken"
  rotate_log "$MAIL"
  if [[ "$SMTP" == greenmail ]]; then
    fetch_greenmail
    # Every e-mail stays in memory until the end of the run (about 6 KB each).
    start_component "$MAIL" java -Xmx3g -Dfirstparty.component="$MAIL" -cp "$(greenmail_jar)" \
      "${FP_ROOT}/benchmarks/campaign/MailCount.java" "$SMTP_PORT" "$MAIL_API_PORT"
  else
    start_component "$MAIL" java -Xmx256m -Dfirstparty.component="$MAIL" \
      "${FP_ROOT}/benchmarks/campaign/SmtpSink.java" "$SMTP_PORT" "$MAIL_API_PORT"
  fi
}
mail_ready() { [[ "$(http_status "http://127.0.0.1:${MAIL_API_PORT}/ready")" == 200 ]]; }
# mail_count KEY [COUNTS]: messages, recipients or duplicates received so far (or in COUNTS, one answer of /counts).
mail_count() { { [[ -n "${2:-}" ]] && printf '%s' "$2" || curl -s "http://127.0.0.1:${MAIL_API_PORT}/counts"; } | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# start_service NAME: the service from its jar, on its port, database and the run's broker.
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
      FIRSTPARTY_ARCHIVE_ENABLED=false MALLOC_ARENA_MAX="$FP_SERVICE_MALLOC_ARENA_MAX" \
      FIRSTPARTY_SMTP_HOST=127.0.0.1 FIRSTPARTY_SMTP_PORT="$SMTP_PORT" FIRSTPARTY_OBJECTION_SECRET="$OBJECTION_SECRET" \
      FIRSTPARTY_CONSENT_PUBLIC_URL="$(url consent)" \
      FIRSTPARTY_CONSENT_CAMPAIGNS_SEND_EVERY=1s FIRSTPARTY_CONSENT_CAMPAIGNS_MESSAGES_PER_SECOND="$MESSAGES_PER_SECOND" \
      FIRSTPARTY_CONSENT_CAMPAIGNS_BATCH_SIZE="$SENDER_BATCH" FIRSTPARTY_CONSENT_CAMPAIGNS_REMINDER_EVERY=off
    # shellcheck disable=SC2086 # the options are words
    start_component "$(component "$name")" java $FP_SERVICE_JAVA_OPTS -Dfirstparty.component="$(component "$name")" \
      -jar "$(service_jar "${name}-service")"
  )
}

ready() { [[ "$(http_status "$(url "$1")/q/health/ready")" == 200 ]]; }
as() { local role="$1"; shift; curl -s -H "Authorization: Bearer ${TOKENS[$role]}" "$@"; }
rss_mib() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$(component_pid "$(component consent)")/status" 2>/dev/null || echo 0; }

# consent-service's RSS every second, "epoch_ms MiB" a line.
sample_rss() {
  while sleep 1; do
    printf '%s %s\n' "$(now_ms)" "$(rss_mib)"
  done >>"${RUN_DIR}/consent-rss"
}

# The people of the campaign straight into consent-service's tables, as if it had seen them through
# the resolved events: a person, an e-mail address and a language (one in five French).
seed_people() {
  sql consent <<SQL
INSERT INTO person (profile_id) SELECT 'bench-' || n FROM generate_series(0, ${PEOPLE} - 1) n;
INSERT INTO contact (profile_id, email, language, updated_at)
SELECT 'bench-' || n, 'person' || n || '@bench.example', CASE WHEN n % 5 = 0 THEN 'fr' ELSE 'en' END, now()
FROM generate_series(0, ${PEOPLE} - 1) n;
SQL
  pg_admin -d "${DB_PREFIX}_consent" -c "ANALYZE person, contact" >/dev/null
  ok "$(sql consent -c 'SELECT count(*) FROM contact') people with an e-mail address seeded"
}

# Phase 1: the campaign. Sets CAMPAIGN_MS (or -1 on time-out).
run_campaign() {
  local body out campaign started deadline sent received now
  body="$(jq -n --arg starts "$(date -u -d '+31 days' +%FT%TZ)" '{purpose: "ai_training",
    subject: {en: "How we will use your activity to train recommendations", fr: "Comment vos usages entraineront nos recommandations"},
    text: {en: "From the date below we train recommendation models on how you use our shop. You can object at any time.",
           fr: "A partir de la date ci-dessous, nous entrainons nos modeles sur vos usages. Vous pouvez vous y opposer a tout moment."},
    processingStartsAt: $starts}')"
  out="$(as privacy-officer -H 'Content-Type: application/json' -d "$body" "$(url consent)/v1/campaigns")"
  campaign="$(jq -r '.id // empty' <<<"$out")"
  [[ -n "$campaign" ]] || die "creating the campaign failed: ${out}"
  CAMPAIGN_ID="$campaign"
  started="$(now_ms)"
  out="$(as privacy-officer -X POST "$(url consent)/v1/campaigns/${campaign}/start")"
  jq -e '.status == "started"' <<<"$out" >/dev/null || die "starting the campaign failed: ${out}"
  ENROL_MS=$(($(now_ms) - started))
  ok "campaign ${campaign} started (enrolment ${ENROL_MS} ms); waiting for ${PEOPLE} e-mails"
  deadline=$((started + CAMPAIGN_TIMEOUT * 1000))
  CAMPAIGN_MS=-1
  while :; do
    sent="$(sql consent -c "SELECT count(*) FROM notice_delivery WHERE campaign_id = '${campaign}' AND channel = 'email' AND status = 'sent'")"
    received="$(mail_count messages)"
    now="$(now_ms)"
    printf '%s %s %s\n' "$(((now - started) / 1000))" "$sent" "$received" >>"${RUN_DIR}/campaign-progress"
    CAMPAIGN_ELAPSED_MS=$((now - started)) CAMPAIGN_RECEIVED="$received"
    if ((sent >= PEOPLE && received >= PEOPLE)); then
      CAMPAIGN_MS=$((now - started))
      break
    fi
    ((now < deadline)) || break
    sleep 1
  done
}

# Ingestion's source for the erasure phase, straight into its database.
create_source() {
  WRITE_KEY="fpwk_bench_$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
  sql ingestion >/dev/null <<SQL
INSERT INTO source (id, brand, name, rate_limit_per_second, event_types)
VALUES ('${SOURCE_ID}', 'firstparty-bench', 'campaign and erasure benchmark', 1000000, '{identify,track,page,screen,group,alias}');
INSERT INTO write_key (key_hash, source_id, key_prefix)
VALUES ('$(printf '%s' "$WRITE_KEY" | sha256sum | cut -d' ' -f1)', '${SOURCE_ID}', '${WRITE_KEY:0:9}');
SQL
}

# The person to erase: an identify with their e-mail address, then track events, EVENTS in all,
# 100 a request through the collection API; waits until segment-service holds all of them.
seed_person() {
  local sent=0 request n code deadline
  create_source
  code="$(curl -s -o "${RUN_DIR}/identify.json" -w '%{http_code}' -u "${WRITE_KEY}:" -H 'Content-Type: application/json' \
    -d "{\"userId\": \"erase-me\", \"traits\": {\"email\": \"${ERASED_EMAIL}\", \"first_name\": \"Ada\"}}" "$(url ingestion)/v1/identify")"
  [[ "$code" == 200 ]] || die "ingestion refused the identify (${code}): $(cat "${RUN_DIR}/identify.json")"
  sent=1
  while ((sent < EVENTS)); do
    n=$((EVENTS - sent < 100 ? EVENTS - sent : 100))
    request="$(awk -v n="$n" -v base="$sent" 'BEGIN { printf "{\"batch\": ["; for (i = 0; i < n; i++) {
      printf "%s{\"type\": \"track\", \"userId\": \"erase-me\", \"event\": \"Product Viewed\", \"properties\": {\"sku\": \"SKU-%d\", \"price\": %d}}",
        (i ? "," : ""), base + i, (base + i) % 90 + 10 } printf "]}" }')"
    code="$(curl -s -o "${RUN_DIR}/batch.json" -w '%{http_code}' -u "${WRITE_KEY}:" -H 'Content-Type: application/json' \
      -d "$request" "$(url ingestion)/v1/batch")"
    [[ "$code" == 200 ]] || die "ingestion refused a batch (${code}): $(cat "${RUN_DIR}/batch.json")"
    sent=$((sent + n))
  done
  ok "${sent} events of the person accepted by ingestion"
  deadline=$(($(now_ms) + ERASURE_TIMEOUT * 1000))
  until [[ "$(sql segment -c 'SELECT count(*) FROM segment_event')" -ge "$EVENTS" ]]; do
    (($(now_ms) < deadline)) || die "segment-service did not store the person's ${EVENTS} events within ${ERASURE_TIMEOUT} s"
    sleep 1
  done
  ERASED_PROFILE="$(sql segment -c 'SELECT profile_id FROM segment_event GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')"
  until [[ "$(sql consent -c "SELECT count(*) FROM person WHERE profile_id = '${ERASED_PROFILE}'")" == 1 ]]; do
    (($(now_ms) < deadline)) || die "consent-service did not hear of the person within ${ERASURE_TIMEOUT} s"
    sleep 1
  done
  # Every service has read all of the person's events (none is still in flight when the erasure begins).
  until [[ "$(group_lag consent-capture)" == 0 && "$(group_lag segment-history)" == 0 ]]; do
    (($(now_ms) < deadline)) || die "consent- or segment-service did not read every resolved event within ${ERASURE_TIMEOUT} s"
    sleep 1
  done
  HELD="profile-service $(sql profile -c "SELECT count(*) FROM profile_event WHERE profile_id = '${ERASED_PROFILE}'") events, segment-service $(sql segment -c "SELECT count(*) FROM segment_event WHERE profile_id = '${ERASED_PROFILE}'") events"
  ok "profile ${ERASED_PROFILE}: ${HELD}"
}

# group_lag GROUP: records of its topics the consumer group has not read yet (-1 before its first commit).
group_lag() {
  java -cp "$(kafka_lib)/*" "${FP_ROOT}/benchmarks/campaign/GroupLag.java" "localhost:${KAFKA_PORT}" "$1" 2>/dev/null || echo -1
}

# Phase 2: the erasure. Sets ERASURE_MS (or -1) and writes the final report to erasure.json.
run_erasure() {
  local out id requested deadline status
  requested="$(now_ms)"
  out="$(as privacy-officer -H 'Content-Type: application/json' -d "{\"identifier\": \"email:${ERASED_EMAIL}\"}" \
    "$(url consent)/v1/erasure-requests")"
  id="$(jq -r '.id // empty' <<<"$out")"
  [[ -n "$id" ]] || die "the erasure request was refused: ${out}"
  deadline=$((requested + ERASURE_TIMEOUT * 1000))
  ERASURE_MS=-1
  while :; do
    as privacy-officer "$(url consent)/v1/erasure-requests/${id}" >"${RUN_DIR}/erasure.json"
    status="$(jq -r '.status // empty' "${RUN_DIR}/erasure.json")"
    if [[ "$status" == complete ]]; then
      ERASURE_MS=$(($(now_ms) - requested))
      break
    fi
    [[ "$status" == failed ]] && break
    (($(now_ms) < deadline)) || break
    sleep 0.1
  done
}

# Each service's line of the completeness report, with its time from the request to its report.
per_service() {
  local requested service outcome items reported
  requested="$(date -u -d "$(jq -r '.requestedAt' "${RUN_DIR}/erasure.json")" +%s%3N)"
  jq -r '.services[] | "\(.service) \(.outcome) \(.itemsErased) \(.reportedAt // "-")"' "${RUN_DIR}/erasure.json" |
    while read -r service outcome items reported; do
      if [[ "$reported" == - ]]; then
        printf '            %s: %s, no report yet\n' "$service" "$outcome"
      else
        printf '            %s: %s, %s items, reported %s after the request\n' "$service" "$outcome" "$items" \
          "$(seconds $(($(date -u -d "$reported" +%s%3N) - requested)))"
      fi
    done
}

verdict() { LC_ALL=C awk -v v="$1" -v t="$2" 'BEGIN { print (v >= 0 && v <= t) ? "PASS" : "MISS" }'; }
seconds() { LC_ALL=C awk -v ms="$1" 'BEGIN { if (ms < 0) print "not done"; else printf "%.1f s", ms / 1000 }'; }

main() {
  local service
  ensure_state_dirs
  mkdir -p "$RUN_DIR"
  figures_start campaign
  figure_fact settings "${PEOPLE} people, SMTP server: ${SMTP}, erasure of a person with ${EVENTS} events"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  step "Builds"
  build
  ensure_postgres
  step "Kafka, SMTP server, databases, services"
  fetch_kafka
  rm -rf "${FP_STATE:?}/${BROKER}"
  mkdir -p "${FP_STATE}/${BROKER}"
  kafka_start "$BROKER" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "${FP_STATE}/${BROKER}/storage" || exit 1
  start_mail
  kafka_wait "$BROKER" "$KAFKA_PORT" || exit 1
  wait_until "$MAIL" 120 "the SMTP server" mail_ready || exit 1
  ok "SMTP server (${SMTP}): 127.0.0.1:${SMTP_PORT}, counts on http://127.0.0.1:${MAIL_API_PORT}/counts"
  bench_key "$RUN_DIR"
  PUBLIC_KEY="$BENCH_PUBLIC_KEY"
  OBJECTION_SECRET="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
  declare -gA TOKENS=([privacy-officer]="$(bench_jwt "$RUN_DIR" privacy-officer)" [brand-app]="$(bench_jwt "$RUN_DIR" brand-app)")
  for service in "${SERVICES[@]}"; do
    start_service "$service"
  done
  for service in "${SERVICES[@]}"; do
    wait_until "$(component "$service")" 300 "readiness" ready "$service" || exit 1
    ok "${service}-service ready on $(url "$service")"
  done
  sample_rss &
  SAMPLER=$!
  seed_people

  LOAD_BEFORE="$(uptime)"
  step "1. campaign: ${PEOPLE} people told by e-mail and in-app"
  run_campaign
  LOAD_AFTER_CAMPAIGN="$(uptime)"
  local received recipients duplicates in_app feed
  local counts
  counts="$(curl -s "http://127.0.0.1:${MAIL_API_PORT}/counts")"
  received="$(mail_count messages "$counts")" recipients="$(mail_count recipients "$counts")"
  duplicates="$(mail_count duplicates "$counts")"
  in_app="$(sql consent -c "SELECT count(*) FROM notice_delivery WHERE campaign_id = '${CAMPAIGN_ID}' AND channel = 'in_app'")"
  feed="$(as brand-app "$(url consent)/v1/notices/feed?profileId=bench-1" | jq 'length' 2>/dev/null || echo '?')"
  CAMPAIGN_RSS_MAX="$(awk '$2 > m { m = $2 } END { print m + 0 }' "${RUN_DIR}/consent-rss")"

  step "2. erasure: a person with ${EVENTS} events, by e-mail address"
  seed_person
  run_erasure
  LOAD_AFTER="$(uptime)"
  local leftovers
  leftovers="profile events $(sql profile -c "SELECT count(*) FROM profile_event WHERE profile_id = '${ERASED_PROFILE}'"), segment events $(sql segment -c "SELECT count(*) FROM segment_event WHERE profile_id = '${ERASED_PROFILE}'"), consent person $(sql consent -c "SELECT count(*) FROM person WHERE profile_id = '${ERASED_PROFILE}'") and contact $(sql consent -c "SELECT count(*) FROM contact WHERE profile_id = '${ERASED_PROFILE}'")"

  {
    printf '\ncampaign and erasure benchmark, %s, %s CPUs, commit %s\n' "$(date -u +%FT%TZ)" "$(nproc)" \
      "$(git -C "$FP_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
    printf 'load before: %s\nload after the campaign: %s\nload after: %s\n(other processes share the CPUs; figures under load are not comparable)\n' \
      "$LOAD_BEFORE" "$LOAD_AFTER_CAMPAIGN" "$LOAD_AFTER"
    printf '1 campaign  %s people: all e-mails sent and received in %s (enrolment %s ms); %s e-mails received in the first %s: %s e-mails/s   target <= %s s  %s\n' \
      "$PEOPLE" "$(seconds "$CAMPAIGN_MS")" "$ENROL_MS" "$CAMPAIGN_RECEIVED" "$(seconds "$CAMPAIGN_ELAPSED_MS")" \
      "$(LC_ALL=C awk -v n="$CAMPAIGN_RECEIVED" -v ms="$CAMPAIGN_ELAPSED_MS" 'BEGIN { printf "%.1f", n / (ms / 1000) }')" \
      "$TARGET_CAMPAIGN_S" "$(verdict "$CAMPAIGN_MS" $((TARGET_CAMPAIGN_S * 1000)))"
    printf '            at the end of the phase: e-mails received %s for %s people (%s addresses), duplicates %s   target exactly one each  %s\n' \
      "$received" "$PEOPLE" "$recipients" "$duplicates" \
      "$([[ "$received" == "$PEOPLE" && "$recipients" == "$PEOPLE" && "$duplicates" == 0 ]] && echo PASS || echo MISS)"
    printf '            in-app notices created %s (a sample person'"'"'s feed holds %s)   target one each  %s\n' \
      "$in_app" "$feed" "$([[ "$in_app" == "$PEOPLE" ]] && echo PASS || echo MISS)"
    printf '2 erasure   held before: %s\n' "$HELD"
    printf '            %s events: request -> complete in %s, status %s   target <= %s s  %s\n' \
      "$EVENTS" "$(seconds "$ERASURE_MS")" "$(jq -r '.status' "${RUN_DIR}/erasure.json")" "$TARGET_ERASURE_S" \
      "$(verdict "$ERASURE_MS" $((TARGET_ERASURE_S * 1000)))"
    per_service
    printf '            rows of the person left: %s\n' "$leftovers"
    printf 'consent-service RSS: max %s MiB during the campaign, max %s MiB overall, %s MiB at the end\n' \
      "$CAMPAIGN_RSS_MAX" "$(awk '$2 > m { m = $2 } END { print m + 0 }' "${RUN_DIR}/consent-rss")" "$(rss_mib)"
  } | tee "${RUN_DIR}/results.txt"
  local campaign_s erasure_s rate
  campaign_s="$(LC_ALL=C awk -v ms="$CAMPAIGN_MS" 'BEGIN { if (ms >= 0) printf "%.1f", ms / 1000 }')"
  erasure_s="$(LC_ALL=C awk -v ms="$ERASURE_MS" 'BEGIN { if (ms >= 0) printf "%.1f", ms / 1000 }')"
  rate="$(LC_ALL=C awk -v n="$CAMPAIGN_RECEIVED" -v ms="$CAMPAIGN_ELAPSED_MS" 'BEGIN { if (ms > 0) printf "%.1f", n / (ms / 1000) }')"
  figure "campaign of ${PEOPLE} people, all e-mails received" "$campaign_s" s "<= ${TARGET_CAMPAIGN_S}" \
    "$(verdict "$CAMPAIGN_MS" $((TARGET_CAMPAIGN_S * 1000)))" duration
  figure "notice e-mails received per second" "$rate" "e-mails/s" "" "" throughput
  figure "duplicate e-mails" "$duplicates" "e-mails" "<= 0" "$([[ "$duplicates" == 0 ]] && echo PASS || echo MISS)" ratio
  figure "erasure of a person with ${EVENTS} events, complete" "$erasure_s" s "<= ${TARGET_ERASURE_S}" \
    "$(verdict "$ERASURE_MS" $((TARGET_ERASURE_S * 1000)))" duration
  figure "consent-service RSS, max" "$(awk '$2 > m { m = $2 } END { print m + 0 }' "${RUN_DIR}/consent-rss")" MiB "" "" memory consent-service
}

main "$@"

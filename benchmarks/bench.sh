#!/usr/bin/env bash
# Performance benchmark of ingestion-service (./firstparty bench, or benchmarks/bench.sh).
#
# Starts its own Kafka broker (localhost:29092, fresh storage in .firstparty/bench-kafka), its own
# database (firstparty_bench_ingestion, re-created) and ingestion-service from its built jar on
# 127.0.0.1:28081 as a collection replica (FIRSTPARTY_ARCHIVE_ENABLED=false), then measures, in
# this order:
#   1. raw     the Kafka producer alone, configured as the service's, on the records the service
#              would publish (reference for the ratio)
#   2. batch   POST /v1/batch, 100 messages of ~500 bytes per request (wrk, closed loop)
#   3. track   POST /v1/track, one ~500-byte message per request (wrk, closed loop)
#   4. archive a second ingestion-service, an archiver replica (127.0.0.1:28082), writing what
#              phases 2 and 3 accepted into PostgreSQL: records/s
#   5. both    /v1/batch at full rate while the archiver replica writes: both rates and the
#              archive's lag every second
# and the collection replica's resident memory every second throughout. Sends traffic only to 127.0.0.1,
# every load is bounded in time, and everything it started is stopped when it ends (trap).
# Results: terminal and .firstparty/bench/results-<timestamp>.txt. See benchmarks/README.md.
set -euo pipefail

# shellcheck source=benchmarks/platform.sh
. "$(dirname "${BASH_SOURCE[0]}")/platform.sh"

BENCH_HOME="${FP_ROOT}/benchmarks"
BENCH_STATE="${FP_STATE}/bench"

# --- Settings (environment variables override them) ------------------------------------------
BATCH_WARMUP="${BENCH_BATCH_WARMUP:-15}"
BATCH_SECONDS="${BENCH_BATCH_SECONDS:-60}"
BATCH_SIZE="${BENCH_BATCH_SIZE:-100}"
BATCH_CONNECTIONS="${BENCH_BATCH_CONNECTIONS:-8}"
TRACK_WARMUP="${BENCH_TRACK_WARMUP:-15}"
TRACK_SECONDS="${BENCH_TRACK_SECONDS:-30}"
TRACK_CONNECTIONS="${BENCH_TRACK_CONNECTIONS:-32}"
RAW_WARMUP="${BENCH_RAW_WARMUP:-10}"
RAW_SECONDS="${BENCH_RAW_SECONDS:-30}"
# Longest wait, before each phase, for other processes on the machine to calm down (see wait_quiet).
QUIET_WAIT="${BENCH_QUIET_WAIT:-300}"
# How long the archiver replica is measured for (it stops earlier when it has caught up).
ARCHIVE_SECONDS="${BENCH_ARCHIVE_SECONDS:-60}"
# Rows of the archive the raw PostgreSQL COPY is measured on (phase 4, after the archiver replica).
COPY_ROWS="${BENCH_COPY_ROWS:-200000}"
# How long both roles run together under full batch load (phase 5).
BOTH_SECONDS="${BENCH_BOTH_SECONDS:-60}"
# The service's JVM: by default the flags ./firstparty up runs every service with (services.sh).
SERVICE_JAVA_OPTS="${BENCH_SERVICE_JAVA_OPTS:-$FP_SERVICE_JAVA_OPTS}"
SERVICE_MALLOC_ARENA_MAX="${BENCH_MALLOC_ARENA_MAX:-$FP_SERVICE_MALLOC_ARENA_MAX}"
# Kafka compression of the service's producer, and so of the raw producer: see decide_compression.
COMPRESSION=""

# Targets of the issue.
TARGET_BATCH_RATE=25000
TARGET_RATIO=0.25
TARGET_TRACK_RATE=5000
TARGET_TRACK_P99_MS=25
TARGET_RSS_MIB=300

BENCH_KAFKA_PORT=29092
BENCH_KAFKA_CONTROLLER_PORT=29093
BENCH_SERVICE_PORT=28081
BENCH_ARCHIVER_PORT=28082
BENCH_DB=firstparty_bench_ingestion
BENCH_RAW_TOPIC=firstparty.bench.raw-events
BENCH_SOURCE_ID=00000000-0000-4000-8000-00000000be0c
ACCEPTED_TOPIC=firstparty.events.accepted
SERVICE=bench-ingestion-service
ARCHIVER=bench-ingestion-archiver
BROKER=bench-kafka

usage() {
  cat <<EOF
Usage: ./firstparty bench [--build] [--jfr] [--quick]
       ./firstparty bench all [--phases a,b] [--quick] [--build]
                                     (every phase in sequence: ingestion, profile, segment, consent, freshness, and
                                     campaign when benchmarks/campaign-bench.sh exists; then the report, below)
       ./firstparty bench report [DIR...]
                                     (benchmarks/report.md and PNG charts under benchmarks/report/ from the figures.tsv
                                     of the latest bench all run, or of the run directories given; benchmarks/report.sh)
       ./firstparty bench profile    (profile-service: resolution rate, freshness, lookup p99; benchmarks/profile-bench.sh)
       ./firstparty bench segment    (segment-service: backfill, members and explanation p99; benchmarks/segment-bench.sh)
       ./firstparty bench consent    (consent-service: check API p99 at 1,000/s, batch of 10,000; benchmarks/consent-bench.sh)
       ./firstparty bench freshness  (event accepted -> SegmentEntered, and a withdrawal -> out of the audience, under
                                     2,000 events/s through the four services; benchmarks/freshness-bench.sh)
       ./firstparty bench campaign   (a notice campaign to 100,000 people by e-mail and in-app in <= 5 min, and erasure of a
                                     person with 10,000 events across every service in <= 60 s; benchmarks/campaign-bench.sh)

Benchmarks ingestion-service on this machine (its own Kafka broker on localhost:${BENCH_KAFKA_PORT},
its own database ${BENCH_DB}, a collection replica on 127.0.0.1:${BENCH_SERVICE_PORT}, then an archiver
replica on 127.0.0.1:${BENCH_ARCHIVER_PORT}) and prints each figure next to its target. Takes about
$(((RAW_WARMUP + RAW_SECONDS + BATCH_WARMUP + BATCH_SECONDS + TRACK_WARMUP + TRACK_SECONDS + ARCHIVE_SECONDS) / 60 + 2)) minutes on a quiet machine.

  --build   rebuild ingestion-service first (otherwise only when its jar is missing)
  --jfr     record the service with JFR during the measured batch and track phases and print their hottest frames
  --quick   short phases (a smoke test of the benchmark itself; its figures are not comparable)

Phases and load are set by BENCH_* variables (see benchmarks/README.md), e.g.
  BENCH_BATCH_SECONDS=60 BENCH_BATCH_CONNECTIONS=8 BENCH_TRACK_CONNECTIONS=32 ./firstparty bench
EOF
}

# --- Small helpers ---------------------------------------------------------------------------
RUN_DIR=""
RESULTS=""
CHILD=""
SAMPLER=""
QUICK=""
JFR=""
BUILD=""
SERVICE_PID=""
ARCHIVER_PID=""
BROKER_PID=""

# result LINE: one line of the report (printed at the end and written to the results file).
result() { printf '%s\n' "$*" >>"$RESULTS"; }

# A RESULT key=value from a log written by wrk's script or the load generator.
value() { sed -n "s/^RESULT $1=//p" "$2" | tail -n 1; }

fmt_int() { LC_ALL=C awk -v v="${1:-0}" 'BEGIN { s = sprintf("%.0f", v); r = ""; n = length(s);
  for (i = 1; i <= n; i++) { r = r substr(s, i, 1); if ((n - i) % 3 == 0 && i < n) r = r "," } print r }'; }
# calc EXPRESSION [FORMAT]: floating-point arithmetic (the expression is parenthesised, so that a
# comparison such as "a > b" is not read by awk as a redirection to a file).
calc() { LC_ALL=C awk "BEGIN { printf \"${2:-%.2f}\", ($1) }"; }
# verdict VALUE OP TARGET: PASS or MISS
verdict() { LC_ALL=C awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "PASS" : "MISS" }'; }

phase() { printf '%s\n' "$1" >"${RUN_DIR}/phase"; }

# CPU clock ticks used so far by a process (user + system), 0 when it is gone.
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Ticks of waited-for children of this shell (wrk and the load generator, once they ended).
children_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; }
postgres_ticks() {
  local total=0 pid
  for pid in $(pgrep -x postgres 2>/dev/null || true); do
    total=$((total + $(proc_ticks "$pid")))
  done
  echo "$total"
}
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }

# GC counters of the service (jstat): young collections, their seconds, full collections, their seconds.
gc_counters() {
  jstat -gc "$SERVICE_PID" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { print $col["YGC"], $col["YGCT"], $col["FGC"], $col["FGCT"] }'
}

# cpu_mark: remembers the counters; cpu_report LABEL: CPU use (in cores) since the mark.
# thread_ticks PID: CPU ticks of the process's threads, summed by thread name without its number
# (executor-thread-7 -> executor-thread), one "name ticks" line each.
thread_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    printf '%s %s\n' "$(tr ' ' '_' <"${task}/comm" 2>/dev/null)" "$(awk '{ print $14 + $15 }' "${task}/stat" 2>/dev/null)"
  done | awk 'NF == 2 { name = $1; sub(/[-_#]*[0-9]+$/, "", name); ticks[name] += $2 } END { for (n in ticks) print n, ticks[n] }'
}

cpu_mark() {
  thread_ticks "$SERVICE_PID" >"${RUN_DIR}/threads-mark.txt"
  CPU_T0="$(now_ms)"
  CPU_SERVICE0="$(proc_ticks "$SERVICE_PID")"
  CPU_BROKER0="$(proc_ticks "$BROKER_PID")"
  CPU_CHILDREN0="$(children_ticks)"
  CPU_PG0="$(postgres_ticks)"
  read -r CPU_BUSY0 CPU_ALL0 < <(machine_ticks)
  read -r GC_Y0 GC_YT0 GC_F0 GC_FT0 < <(gc_counters || echo "0 0 0 0")
}
cpu_report() {
  local label="$1" ms hz busy all service broker load pg machine other
  ms=$(($(now_ms) - CPU_T0))
  hz="$(getconf CLK_TCK)"
  read -r busy all < <(machine_ticks)
  service="$(calc "($(proc_ticks "$SERVICE_PID") - $CPU_SERVICE0) / $hz / ($ms / 1000)")"
  broker="$(calc "($(proc_ticks "$BROKER_PID") - $CPU_BROKER0) / $hz / ($ms / 1000)")"
  load="$(calc "($(children_ticks) - $CPU_CHILDREN0) / $hz / ($ms / 1000)")"
  pg="$(calc "($(postgres_ticks) - $CPU_PG0) / $hz / ($ms / 1000)")"
  machine="$(calc "($busy - $CPU_BUSY0) / ($all - $CPU_ALL0) * $(nproc)")"
  other="$(calc "$machine - $service - $broker - $load - $pg")"
  local y yt f ft
  read -r y yt f ft < <(gc_counters || echo "0 0 0 0")
  result "$(printf '   service GC: %s young collections (%s s of pauses), %s full collections (%s s of pauses), in %s s' \
    "$((y - GC_Y0))" "$(calc "$yt - $GC_YT0")" "$((f - GC_F0))" "$(calc "$ft - $GC_FT0")" "$(calc "$ms / 1000" "%.0f")")"
  result "$(printf '   CPU (cores of %s): service %s, broker %s, load generator %s, PostgreSQL %s, anything else %s; machine busy %s' \
    "$(nproc)" "$service" "$broker" "$load" "$pg" "$other" "$machine")"
  result "   service CPU by thread (cores): $(thread_ticks "$SERVICE_PID" | awk -v hz="$hz" -v s="$(calc "$ms / 1000")" '
    NR == FNR { before[$1] = $2; next }
    { used = ($2 - before[$1]) / hz / s; if (used >= 0.005) printf "%.2f %s\n", used, $1 }' "${RUN_DIR}/threads-mark.txt" - |
    sort -rn | head -n 8 | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }')"
  if [[ "$(calc "$other > 0.25" "%d")" == 1 ]]; then
    result "   WARNING: other processes used ${other} cores during ${label}: the figures above are lower than on a quiet machine."
    BUSY_WARNINGS=$((BUSY_WARNINGS + 1))
  fi
}

# wait_quiet: a shared machine (builds, tests) would make the figures meaningless; waits, up to
# QUIET_WAIT seconds, until processes other than the benchmark's (service, broker, PostgreSQL) use
# less than 0.3 of a core over 3 seconds. Goes on anyway after that; cpu_report tells.
wait_quiet() {
  local start busy0 all0 busy all ours0 ours other said=""
  start="$(now_ms)"
  while true; do
    read -r busy0 all0 < <(machine_ticks)
    ours0=$(($(proc_ticks "$SERVICE_PID") + $(proc_ticks "$BROKER_PID") + $(postgres_ticks)))
    sleep 3
    read -r busy all < <(machine_ticks)
    ours=$(($(proc_ticks "$SERVICE_PID") + $(proc_ticks "$BROKER_PID") + $(postgres_ticks)))
    other="$(calc "(($busy - $busy0) / ($all - $all0) * $(nproc)) - ($ours - $ours0) / $(getconf CLK_TCK) / 3")"
    if [[ "$(calc "$other < 0.3" "%d")" == 1 ]]; then
      [[ -n "$said" ]] && ok "the machine is quiet again (other processes: ${other} cores)"
      return 0
    fi
    if (($(now_ms) - start > QUIET_WAIT * 1000)); then
      warn "other processes still use ${other} cores after ${QUIET_WAIT} s: measuring anyway (the report says so)"
      return 0
    fi
    if [[ -z "$said" ]]; then
      info "other processes use ${other} cores (a build or tests?): waiting up to ${QUIET_WAIT} s for a quiet machine"
      said=1
    fi
  done
}

# run_bounded SECONDS LOG COMMAND...: runs a load with a hard time limit, in the background so the
# trap can stop it, and waits for it. Returns the command's exit code.
run_bounded() {
  local limit="$1" log="$2" rc=0
  shift 2
  timeout --kill-after=10 "$limit" "$@" >"$log" 2>&1 &
  CHILD=$!
  wait "$CHILD" || rc=$?
  CHILD=""
  return "$rc"
}

service_metric() {
  curl -s --max-time 5 "http://127.0.0.1:${BENCH_SERVICE_PORT}/q/metrics" 2>/dev/null |
    awk -v name="$1" '$1 == name { printf "%.0f\n", $2; found = 1 } END { if (!found) print 0 }'
}

# --- One run at a time -------------------------------------------------------------------------
claim_bench_run() {
  local file pid
  file="$(pid_file bench)"
  pid=""
  [[ -f "$file" ]] && pid="$(tr -dc '0-9' <"$file")"
  if [[ -n "$pid" && "$pid" != "$$" ]] && { tr '\0' ' ' <"/proc/${pid}/cmdline"; } 2>/dev/null | grep -q 'bench'; then
    die "Another benchmark (pid ${pid}) is running in this working tree; wait for it to end."
  fi
  printf '%s\n' "$$" >"$file"
}

# --- Clean-up: always, whatever happened ---------------------------------------------------------
cleanup() {
  local rc=$?
  trap '' PIPE INT TERM HUP
  {
    [[ -n "$CHILD" ]] && kill -TERM "$CHILD" 2>/dev/null
    [[ -n "$SAMPLER" ]] && kill -TERM "$SAMPLER" 2>/dev/null
    step "Stopping what the benchmark started"
    stop_component "$SERVICE" 30
    stop_component "$ARCHIVER" 30
    stop_component "$BROKER" 30
    if [[ -z "${BENCH_KEEP_DB:-}" ]] && pg_ready; then
      pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)" >/dev/null 2>&1 &&
        info "database ${BENCH_DB} dropped"
    fi
    rm -rf "${FP_STATE}/bench-kafka"
    rm -f "$(pid_file bench)"
  } 2>/dev/null || true
  exit "$rc"
}

# --- Build ---------------------------------------------------------------------------------------
ensure_service_jar() {
  local jar mvn log newer
  jar="$(service_jar ingestion-service)"
  mvn="$(mvn_cmd)"
  log="$(log_file bench-build)"
  if [[ -n "$BUILD" || ! -f "$jar" ]]; then
    info "building ingestion-service: ${mvn#"${FP_ROOT}"/} -B -q -DskipTests package -pl ingestion-service -am (log: ${log#"${FP_ROOT}"/})"
    if ! (cd "$FP_ROOT" && "$mvn" -B -q -DskipTests -Dstyle.color=never package -pl ingestion-service -am) >"$log" 2>&1; then
      show_log_tail "$log" 40
      die "The ingestion-service build failed."
    fi
  fi
  [[ -f "$jar" ]] || die "${jar} is missing after the build."
  newer="$(find "${FP_ROOT}/event-contracts" "${FP_ROOT}/service-kit" "${FP_ROOT}/ingestion-service" \
    \( -name target -o -name '.*' \) -prune -o -type f \( -name pom.xml -o -path '*/src/main/*' \) \
    -newer "$jar" -print -quit 2>/dev/null || true)"
  if [[ -n "$newer" ]]; then
    warn "${newer#"${FP_ROOT}"/} is newer than the jar: measuring the jar as built ($(date -r "$jar" '+%F %T')); --build rebuilds"
  fi
  ok "ingestion-service jar: ${jar#"${FP_ROOT}"/} (built $(date -r "$jar" '+%F %T'))"
}

# The raw producer must compress as the service does. Since fed5b28 the service's compression is
# firstparty.collection.compression (default in CollectionConfig.java: none); before, EventPublisher
# always used lz4. The benchmark sets it explicitly (BENCH_COMPRESSION, default: the source's
# default) on both sides, or uses lz4 on both sides for a jar that cannot be configured.
decide_compression() {
  local app_jar default
  app_jar="$(find "${FP_ROOT}/ingestion-service/target/quarkus-app/app" -name 'ingestion-service-*.jar' -print -quit 2>/dev/null)"
  if [[ -n "$app_jar" ]] && unzip -p "$app_jar" io/firstparty/ingestion/config/CollectionConfig.class 2>/dev/null | grep -q -a compression; then
    default="$(sed -n '/@WithDefault/h; /String compression()/{x; s/.*@WithDefault("\([^"]*\)").*/\1/p}' \
      "${FP_ROOT}/ingestion-service/src/main/java/io/firstparty/ingestion/config/CollectionConfig.java" 2>/dev/null)"
    COMPRESSION="${BENCH_COMPRESSION:-${default:-none}}"
    COMPRESSION_NOTE="firstparty.collection.compression=${COMPRESSION} (FIRSTPARTY_COLLECTION_COMPRESSION; the source's default: ${default:-?})"
  else
    COMPRESSION=lz4
    COMPRESSION_NOTE="lz4 (this jar's EventPublisher always compresses with lz4)"
    if [[ -n "${BENCH_COMPRESSION:-}" && "$BENCH_COMPRESSION" != lz4 ]]; then
      warn "BENCH_COMPRESSION=${BENCH_COMPRESSION} ignored: this jar always compresses with lz4"
    fi
  fi
  ok "Kafka compression of the service and of the raw producer: ${COMPRESSION_NOTE}"
}

LOADGEN_JAR="${BENCH_HOME}/loadgen/target/loadgen.jar"
ensure_loadgen() {
  local mvn log newer=""
  if [[ -f "$LOADGEN_JAR" ]]; then
    newer="$(find "${BENCH_HOME}/pom.xml" "${BENCH_HOME}/loadgen/pom.xml" "${BENCH_HOME}/loadgen/src" \
      "${FP_ROOT}/event-contracts/src/main" "${FP_ROOT}/event-contracts/pom.xml" \
      -type f -newer "$LOADGEN_JAR" -print -quit 2>/dev/null || true)"
  fi
  if [[ ! -f "$LOADGEN_JAR" || -n "$newer" ]]; then
    mvn="$(mvn_cmd)"
    log="$(log_file bench-loadgen-build)"
    info "building the load generator: ${mvn#"${FP_ROOT}"/} -B -q -DskipTests -f benchmarks/pom.xml package (log: ${log#"${FP_ROOT}"/})"
    if ! (cd "$FP_ROOT" && "$mvn" -B -q -DskipTests -Dstyle.color=never -f benchmarks/pom.xml package) >"$log" 2>&1; then
      show_log_tail "$log" 40
      die "The load generator's build failed."
    fi
  fi
  ok "load generator: ${LOADGEN_JAR#"${FP_ROOT}"/}"
}

# The load generator's command (an array, so that `timeout` can run it).
LOADGEN=(java -Xms256m -Xmx512m -XX:+UseParallelGC -cp "${LOADGEN_JAR}:${BENCH_HOME}/loadgen/target/lib/*"
  io.firstparty.bench.LoadGen)

# --- Infrastructure ------------------------------------------------------------------------------
start_broker() {
  if is_running "$BROKER"; then
    info "a benchmark broker of an earlier run is still running: stopping it"
    stop_component "$BROKER" 30
  fi
  rm -rf "${FP_STATE}/bench-kafka"
  mkdir -p "${FP_STATE}/bench-kafka"
  kafka_start "$BROKER" "$BENCH_KAFKA_PORT" "$BENCH_KAFKA_CONTROLLER_PORT" "${FP_STATE}/bench-kafka/storage" || exit 1
  kafka_wait "$BROKER" "$BENCH_KAFKA_PORT" || exit 1
  BROKER_PID="$(component_pid "$BROKER")"
}

recreate_bench_database() {
  pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)" >/dev/null 2>&1
  pg_admin -d postgres -c "CREATE DATABASE ${BENCH_DB} OWNER ${FP_PG_ROLE}"
  ok "database ${BENCH_DB} re-created"
}

# start_ingestion COMPONENT PORT ARCHIVE: ingestion-service from its jar; ARCHIVE true makes it an
# archiver replica, false a collection replica. Sets INGESTION_PID.
start_ingestion() {
  local component="$1" port="$2" archive="$3" conflicts
  if is_running "$component"; then
    info "${component} of an earlier run is still running: stopping it"
    stop_component "$component" 30
  fi
  if ! conflicts="$(check_ports "$component" "$port")"; then
    die "Cannot start ${component}: ${conflicts}"
  fi
  rotate_log "$component"
  (
    cd "${FP_ROOT}/ingestion-service" || exit 1
    # OIDC guards only the admin endpoints, which the benchmark does not call: no Keycloak needed.
    export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
      FIRSTPARTY_KAFKA="localhost:${BENCH_KAFKA_PORT}" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${FP_PG_HOST}:${FP_PG_PORT}/${BENCH_DB}" \
      QUARKUS_OIDC_TENANT_ENABLED=false MALLOC_ARENA_MAX="$SERVICE_MALLOC_ARENA_MAX" \
      FIRSTPARTY_COLLECTION_COMPRESSION="$COMPRESSION" FIRSTPARTY_ARCHIVE_ENABLED="$archive"
    # With --jfr, samples are attributed to the exact line, not to the nearest safepoint (which can
    # blame a loop for the whole method it was inlined into).
    # shellcheck disable=SC2086 # the options are words
    start_component "$component" java $SERVICE_JAVA_OPTS ${JFR:+-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints} \
      -Dfirstparty.component="$component" -jar "$(service_jar ingestion-service)"
  )
  wait_until "$component" 180 "http://127.0.0.1:${port}/q/health/ready" \
    http_ok "http://127.0.0.1:${port}/q/health/ready" || exit 1
  INGESTION_PID="$(component_pid "$component")"
  [[ "$(readlink "/proc/${INGESTION_PID}/exe")" == */java ]] || die "pid ${INGESTION_PID} is not the service's JVM."
  ok "${component} ready on http://127.0.0.1:${port} (pid ${INGESTION_PID}, +$(format_duration "$FP_WAITED_MS"))"
}

http_ok() { [[ "$(http_status "$1")" == "200" ]]; }

# The benchmark's source, written straight into the database (the admin API needs Keycloak):
# every call type, a rate limit far above the load, the write key stored as its SHA-256 hash.
create_source() {
  WRITE_KEY="fpwk_bench_$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
  local hash
  hash="$(printf '%s' "$WRITE_KEY" | sha256sum | cut -d' ' -f1)"
  psql -X -q -w -v ON_ERROR_STOP=1 -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d "$BENCH_DB" >/dev/null <<SQL
INSERT INTO source (id, brand, name, rate_limit_per_second, event_types)
VALUES ('${BENCH_SOURCE_ID}', 'firstparty-bench', 'ingestion benchmark', 1000000,
        '{identify,track,page,screen,group,alias}');
INSERT INTO write_key (key_hash, source_id, key_prefix) VALUES ('${hash}', '${BENCH_SOURCE_ID}', '${WRITE_KEY:0:9}');
SQL
  BENCH_AUTH="Basic $(printf '%s:' "$WRITE_KEY" | base64 -w0)"
  ok "source ${BENCH_SOURCE_ID} created (rate limit 1,000,000 messages/s, all call types)"
}

# RSS of the service every second, with the phase it was taken in, until the service is gone.
start_rss_sampler() {
  (
    trap 'exit 0' TERM
    for ((i = 0; i < 7200; i++)); do
      rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/${SERVICE_PID}/status" 2>/dev/null)" || break
      [[ -n "$rss" ]] || break
      printf '%s %s %s\n' "$(date +%s)" "$(cat "${RUN_DIR}/phase")" "$rss"
      sleep 1
    done
  ) >"${RUN_DIR}/rss.log" 2>/dev/null &
  SAMPLER=$!
}

# rss_max PATTERN: highest RSS (MiB) over the samples whose phase matches PATTERN.
rss_max() { awk -v p="$1" '$2 ~ p && $3 > m { m = $3 } END { printf "%.0f\n", m / 1024 }' "${RUN_DIR}/rss.log"; }

smoke_check() {
  local status body
  body="$(sed -n 1p "${RUN_DIR}/messages.jsonl" | sed 's/@MID@/bench-smoke-1/')"
  status="$(curl -s -o "${RUN_DIR}/smoke.json" -w '%{http_code}' --max-time 15 -H "Authorization: ${BENCH_AUTH}" \
    -H 'Content-Type: application/json' --data-binary "$body" "http://127.0.0.1:${BENCH_SERVICE_PORT}/v1/track" || true)"
  [[ "$status" == 200 ]] || { cat "${RUN_DIR}/smoke.json" >&2 2>/dev/null; die "POST /v1/track answered ${status} to a benchmark message."; }
  ok "POST /v1/track of a benchmark message: 200 $(cat "${RUN_DIR}/smoke.json")"
}

# --- Phases --------------------------------------------------------------------------------------
# wrk_phase NAME MODE THREADS CONNECTIONS SECONDS: one wrk run; RESULT lines in ${RUN_DIR}/NAME.log
wrk_phase() {
  local name="$1" mode="$2" threads="$3" connections="$4" seconds="$5"
  phase "$name"
  BENCH_MODE="$mode" BENCH_MESSAGES="${RUN_DIR}/messages.jsonl" BENCH_AUTH="$BENCH_AUTH" \
    BENCH_BATCH_SIZE="$BATCH_SIZE" BENCH_RUN_ID="${RUN_ID}${name}" \
    run_bounded $((seconds + 60)) "${RUN_DIR}/${name}.log" \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 15s -s "${BENCH_HOME}/wrk/collect.lua" \
    "http://127.0.0.1:${BENCH_SERVICE_PORT}" ||
    { cat "${RUN_DIR}/${name}.log" >&2; die "wrk failed in phase ${name}."; }
  [[ -n "$(value requests "${RUN_DIR}/${name}.log")" ]] || { cat "${RUN_DIR}/${name}.log" >&2; die "wrk printed no result in phase ${name}."; }
}

# errors_of LOG: every non-2xx answer and socket error of a wrk run.
errors_of() {
  local log="$1"
  echo $(($(value non_2xx "$log") + $(value errors_connect "$log") + $(value errors_read "$log") +
    $(value errors_write "$log") + $(value errors_timeout "$log")))
}
error_line() {
  local log="$1"
  printf 'non-2xx %s (statuses %s), socket errors: connect %s, read %s, write %s, timeout %s' \
    "$(value non_2xx "$log")" "$(value statuses "$log")" "$(value errors_connect "$log")" \
    "$(value errors_read "$log")" "$(value errors_write "$log")" "$(value errors_timeout "$log")"
}

phase_raw() {
  step "Phase 1/5: raw Kafka producer (${RAW_WARMUP} s warm-up + ${RAW_SECONDS} s), service idle"
  phase raw
  wait_quiet
  cpu_mark
  run_bounded $((RAW_WARMUP + RAW_SECONDS + 120)) "${RUN_DIR}/raw.log" \
    "${LOADGEN[@]}" raw --bootstrap "localhost:${BENCH_KAFKA_PORT}" --topic "$BENCH_RAW_TOPIC" --partitions 12 \
    --messages "${RUN_DIR}/messages.jsonl" --source-id "$BENCH_SOURCE_ID" \
    --warmup "$RAW_WARMUP" --seconds "$RAW_SECONDS" --run-id "$RUN_ID" --compression "$COMPRESSION" ||
    { tail -n 30 "${RUN_DIR}/raw.log" >&2; die "The raw producer failed."; }
  RAW_RATE="$(value raw_rate "${RUN_DIR}/raw.log")"
  ok "raw producer: $(fmt_int "$RAW_RATE") records/s acknowledged ($(value raw_mib_per_s "${RUN_DIR}/raw.log") MiB/s before compression), errors $(value raw_errors "${RUN_DIR}/raw.log")"
}

phase_batch() {
  local log="${RUN_DIR}/batch.log" before after
  step "Phase 2/5: POST /v1/batch, ${BATCH_SIZE} messages a request, ${BATCH_CONNECTIONS} connections (${BATCH_WARMUP} s warm-up + ${BATCH_SECONDS} s)"
  wait_quiet
  wrk_phase batch-warmup batch 1 "$BATCH_CONNECTIONS" "$BATCH_WARMUP"
  info "warm-up: $(fmt_int "$(calc "$(value accepted_messages "${RUN_DIR}/batch-warmup.log") / $(value duration_s "${RUN_DIR}/batch-warmup.log")")") messages/s"
  before="$(service_metric firstparty_events_accepted_total)"
  cpu_mark
  jfr_start batch "$BATCH_SECONDS"
  wrk_phase batch batch 1 "$BATCH_CONNECTIONS" "$BATCH_SECONDS"
  after="$(service_metric firstparty_events_accepted_total)"
  BATCH_RATE="$(calc "$(value accepted_messages "$log") / $(value duration_s "$log")" "%.1f")"
  BATCH_METRIC_DELTA=$((after - before))
  BATCH_ERRORS="$(errors_of "$log")"
  ok "batch: $(fmt_int "$BATCH_RATE") messages/s accepted, $(calc "$(value requests "$log") / $(value duration_s "$log")" "%.1f") requests/s, errors ${BATCH_ERRORS}"
}

phase_track() {
  local log="${RUN_DIR}/track.log"
  step "Phase 3/5: POST /v1/track, ${TRACK_CONNECTIONS} connections (${TRACK_WARMUP} s warm-up + ${TRACK_SECONDS} s)"
  wait_quiet
  wrk_phase track-warmup track 2 "$TRACK_CONNECTIONS" "$TRACK_WARMUP"
  info "warm-up: $(fmt_int "$(calc "$(value requests "${RUN_DIR}/track-warmup.log") / $(value duration_s "${RUN_DIR}/track-warmup.log")")") requests/s"
  cpu_mark
  jfr_start track "$TRACK_SECONDS"
  wrk_phase track track 2 "$TRACK_CONNECTIONS" "$TRACK_SECONDS"
  TRACK_RATE="$(calc "$(value requests "$log") / $(value duration_s "$log")" "%.1f")"
  TRACK_OK_RATE="$(calc "$(value accepted_messages "$log") / $(value duration_s "$log")" "%.1f")"
  TRACK_P50="$(value latency_p50_ms "$log")"
  TRACK_P99="$(value latency_p99_ms "$log")"
  TRACK_ERRORS="$(errors_of "$log")"
  ok "track: $(fmt_int "$TRACK_RATE") requests/s, p50 ${TRACK_P50} ms, p99 ${TRACK_P99} ms, errors ${TRACK_ERRORS}"
}

# Phase 4: an archiver replica writes what the collection replica accepted. It is measured on its
# own, as it would run on its own replicas, so it takes no CPU from the collection phases.
phase_archive() {
  local log="${RUN_DIR}/archive.log" hz
  step "Phase 4/5: archiver replica writing the accepted events into PostgreSQL (up to ${ARCHIVE_SECONDS} s)"
  phase archive
  start_ingestion "$ARCHIVER" "$BENCH_ARCHIVER_PORT" true
  ARCHIVER_PID="$INGESTION_PID"
  ARCHIVER_TICKS0="$(proc_ticks "$ARCHIVER_PID")"
  ARCHIVER_PG0="$(postgres_ticks)"
  jfr_start archive "$ARCHIVE_SECONDS" "$ARCHIVER_PID"
  run_bounded $((ARCHIVE_SECONDS + 60)) "$log" \
    "${LOADGEN[@]}" lag --bootstrap "localhost:${BENCH_KAFKA_PORT}" --topic "$ACCEPTED_TOPIC" --group ingestion-archive \
    --max-seconds "$ARCHIVE_SECONDS" || { tail -n 20 "$log" >&2; warn "could not read the archiver's lag"; return 0; }
  hz="$(getconf CLK_TCK)"
  ARCHIVER_CPU="$(calc "($(proc_ticks "$ARCHIVER_PID") - $ARCHIVER_TICKS0) / $hz / $(value lag_seconds "$log")")"
  ARCHIVER_PG_CPU="$(calc "($(postgres_ticks) - $ARCHIVER_PG0) / $hz / $(value lag_seconds "$log")")"
  ARCHIVER_RSS="$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/${ARCHIVER_PID}/status" 2>/dev/null || echo '?')"
  ok "archiver: $(fmt_int "$(value lag_drain_rate "$log")") records/s, $(fmt_int "$(value lag_end "$log")") still to write"
}

# The machine's own limit for the archive: psql's COPY (text format, client side) of the rows the
# archiver replica wrote, at most COPY_ROWS of them, into a new table like archived_event (same
# primary key and index) in the same database. Measured once the archiver has stopped writing load.
phase_copy() {
  local file="${RUN_DIR}/archive-rows.copy" rows t0 ms
  step "Raw PostgreSQL COPY of ${COPY_ROWS} archived rows at most (the archive's reference)"
  bench_psql -c "\\copy (SELECT * FROM archived_event LIMIT ${COPY_ROWS}) TO '${file}'" >/dev/null ||
    { warn "could not export archived rows: raw COPY not measured"; return 0; }
  rows="$(wc -l <"$file")"
  ((rows > 0)) || { warn "the archive is empty: raw COPY not measured"; return 0; }
  bench_psql -c "DROP TABLE IF EXISTS copy_reference; CREATE TABLE copy_reference (LIKE archived_event INCLUDING ALL)" >/dev/null
  t0="$(now_ms)"
  bench_psql -c "\\copy copy_reference FROM '${file}'" >/dev/null ||
    { warn "raw COPY failed"; return 0; }
  ms=$(($(now_ms) - t0))
  bench_psql -c "DROP TABLE copy_reference" >/dev/null || true
  rm -f "$file"
  COPY_ROWS_DONE="$rows"
  COPY_RATE="$(calc "$rows / ($ms / 1000)" "%.0f")"
  ok "raw COPY: $(fmt_int "$rows") rows in ${ms} ms, $(fmt_int "$COPY_RATE") rows/s"
}
bench_psql() { psql -X -q -w -v ON_ERROR_STOP=1 -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d "$BENCH_DB" "$@"; }

# Phase 5: both roles at once, as a deployment runs them: the collection replica under full /v1/batch
# load while the archiver replica (still running from phase 4) writes. The lag is watched every
# second; it stays bounded when the archiver keeps up. Both replicas, the broker, PostgreSQL and wrk
# share the machine's CPUs here, so each role's rate is below what it reaches alone.
phase_both_roles() {
  local log="${RUN_DIR}/both.log"
  step "Phase 5/5: collection (/v1/batch at full rate) and archiver replicas together, lag every second (${BOTH_SECONDS} s)"
  [[ -n "${ARCHIVER_PID:-}" ]] || { warn "no archiver replica: phase 5 skipped"; return 0; }
  "${LOADGEN[@]}" watch --bootstrap "localhost:${BENCH_KAFKA_PORT}" --topic "$ACCEPTED_TOPIC" --group ingestion-archive \
    --seconds "$BOTH_SECONDS" >"$log" 2>&1 &
  local watcher=$!
  wrk_phase both-batch batch 1 "$BATCH_CONNECTIONS" "$BOTH_SECONDS"
  wait "$watcher" || { tail -n 20 "$log" >&2; warn "could not watch the archiver's lag"; return 0; }
  result "5  both roles at once, ${BOTH_SECONDS} s: collection accepted $(fmt_int "$(calc "$(value accepted_messages "${RUN_DIR}/both-batch.log") / $(value duration_s "${RUN_DIR}/both-batch.log")")") messages/s (wrk), topic written $(fmt_int "$(value watch_written_rate "$log")")/s, archive $(fmt_int "$(value watch_archived_rate "$log")")/s"
  result "   archive lag (records): at start $(fmt_int "$(value watch_lag_start "$log")"), highest $(fmt_int "$(value watch_lag_max "$log")"), at end $(fmt_int "$(value watch_lag_end "$log")"); per second in ${log#"${FP_ROOT}"/}"
  ok "both roles: written $(fmt_int "$(value watch_written_rate "$log")")/s, archived $(fmt_int "$(value watch_archived_rate "$log")")/s, lag $(fmt_int "$(value watch_lag_start "$log")") -> $(fmt_int "$(value watch_lag_end "$log")") (max $(fmt_int "$(value watch_lag_max "$log")"))"
}

# --- The report ------------------------------------------------------------------------------------
machine_line() {
  local cpu os mem
  cpu="$(sed -n 's/^model name[[:space:]]*: //p;T;q' /proc/cpuinfo)"
  mem="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  os="$(. /etc/os-release 2>/dev/null && printf '%s' "${PRETTY_NAME:-unknown}")"
  printf '%s CPUs (nproc), %s, %s RAM, %s, kernel %s' "$(nproc)" "${cpu:-unknown CPU}" "$mem" "$os" "$(uname -r)"
}

service_build_line() {
  local jar version quarkus commit dirty
  jar="$(service_jar ingestion-service)"
  version="$(sed -n 's:^ *<version>\([^<]*\)</version>.*:\1:p;T;q' "${FP_ROOT}/ingestion-service/pom.xml")"
  quarkus="$(quarkus_version)"
  commit="$(git -C "$FP_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  dirty="$(git -C "$FP_ROOT" status --porcelain -- ingestion-service service-kit event-contracts 2>/dev/null | wc -l)"
  printf 'ingestion-service %s (Quarkus %s), jar built %s, git %s%s' "${version:-?}" "$quarkus" \
    "$(date -r "$jar" '+%F %T %Z')" "$commit" \
    "$( ((dirty > 0)) && printf ' + %s uncommitted file(s) in ingestion-service, service-kit, event-contracts' "$dirty")"
}

report() {
  local batch_log="${RUN_DIR}/batch.log" track_log="${RUN_DIR}/track.log" ratio rss_load rss_idle
  ratio="$(calc "$BATCH_RATE / $RAW_RATE" "%.3f")"
  rss_load="$(rss_max '^(batch|track)')"
  rss_idle="$(rss_max '^idle$')"
  FINAL="${RUN_DIR}/report.txt"
  {
    printf '\n==== firstparty ingestion-service benchmark, %s ====%s\n' "$(date -u '+%F %T UTC')" \
      "$([[ -n "$QUICK" ]] && printf '  [QUICK RUN: short phases, figures not comparable]')"
    printf 'Command      : %s\n' "$BENCH_COMMAND"
    printf 'Machine      : %s\n' "$(machine_line)"
    printf 'Java         : %s\n' "$(java -version 2>&1 | head -n 1)"
    printf 'Kafka        : %s, single-node KRaft broker on localhost:%s (fresh storage, -Xmx512m), same machine; topic %s, %s partitions\n' \
      "$(kafka_version)" "$BENCH_KAFKA_PORT" "$ACCEPTED_TOPIC" "$(value topic_partitions "${RUN_DIR}/sample.log")"
    printf 'PostgreSQL   : %s, database %s (the archiver replica writes every accepted event there)\n' \
      "$(psql -X -tA -w -h "$FP_PG_HOST" -U "$FP_PG_ROLE" -d postgres -c 'SHOW server_version' 2>/dev/null || echo '?')" "$BENCH_DB"
    printf 'Service      : %s\n' "$(service_build_line)"
    printf 'Service JVM  : %s  (MALLOC_ARENA_MAX=%s)\n' "$SERVICE_JAVA_OPTS" "$SERVICE_MALLOC_ARENA_MAX"
    printf 'Compression  : %s, the same for the raw producer\n' "$COMPRESSION_NOTE"
    printf 'Load         : wrk %s, closed loop (each connection sends its next request when the previous answer arrives),\n' \
      "$(wrk -v 2>&1 | sed -n 's/^wrk \([^ ]*\).*/\1/p;T;q')"
    printf '               to 127.0.0.1:%s; wrk, the raw producer, the broker and PostgreSQL share the same %s CPUs with the service\n' \
      "$BENCH_SERVICE_PORT" "$(nproc)"
    printf 'Messages     : Segment track messages, %s bytes on average (%s to %s), %s templates, a distinct messageId each,\n' \
      "$(value message_bytes_avg "${RUN_DIR}/messages.log")" "$(value message_bytes_min "${RUN_DIR}/messages.log")" \
      "$(value message_bytes_max "${RUN_DIR}/messages.log")" "$(value messages "${RUN_DIR}/messages.log")"
    printf '               250 userIds and 500 anonymousIds (about half the messages carry a userId)\n'
    printf '\nPhases (warm-up not counted)   warm-up   measured\n'
    printf '  1 raw Kafka producer         %4s s    %s s\n' "$RAW_WARMUP" "$(value raw_seconds "${RUN_DIR}/raw.log")"
    printf '  2 /v1/batch                  %4s s    %s s   (%s connections, %s messages per request)\n' \
      "$BATCH_WARMUP" "$(value duration_s "$batch_log")" "$BATCH_CONNECTIONS" "$BATCH_SIZE"
    printf '  3 /v1/track                  %4s s    %s s   (%s connections)\n' \
      "$TRACK_WARMUP" "$(value duration_s "$track_log")" "$TRACK_CONNECTIONS"
    printf '  4 archiver replica              -    %s s   (at most %s s, less when it caught up)\n' \
      "$(value lag_seconds "${RUN_DIR}/archive.log")" "$ARCHIVE_SECONDS"
    printf '  whole run                    %s\n' "$(format_duration $(($(now_ms) - RUN_START)))"
    printf '\n%-48s %16s   %-14s %s\n' "Figure" "measured" "target" "verdict"
    printf '%-48s %16s   %-14s %s\n' "1 /v1/batch messages/s (acks=all)" "$(fmt_int "$BATCH_RATE")" \
      ">= $(fmt_int "$TARGET_BATCH_RATE")" "$(verdict "$BATCH_RATE" ">=" "$TARGET_BATCH_RATE")"
    printf '%-48s %16s   %-14s %s\n' "  raw Kafka producer records/s (same records)" "$(fmt_int "$RAW_RATE")" "(reference)" ""
    printf '%-48s %16s   %-14s %s\n' "  ratio service / raw" "$ratio" ">= ${TARGET_RATIO}" "$(verdict "$ratio" ">=" "$TARGET_RATIO")"
    printf '%-48s %16s   %-14s %s\n' "2 /v1/track requests/s" "$(fmt_int "$TRACK_RATE")" \
      ">= $(fmt_int "$TARGET_TRACK_RATE")" "$(verdict "$TRACK_RATE" ">=" "$TARGET_TRACK_RATE")"
    printf '%-48s %16s   %-14s %s\n' "  /v1/track latency p50" "${TRACK_P50} ms" "(reported)" ""
    printf '%-48s %16s   %-14s %s\n' "  /v1/track latency p99" "${TRACK_P99} ms" "<= ${TARGET_TRACK_P99_MS} ms" \
      "$(verdict "$TRACK_P99" "<=" "$TARGET_TRACK_P99_MS")"
    printf '%-48s %16s   %-14s %s\n' "3 service RSS, max during batch and track load" "${rss_load} MiB" \
      "<= ${TARGET_RSS_MIB} MiB" "$(verdict "$rss_load" "<=" "$TARGET_RSS_MIB")"
    if [[ -n "${COPY_RATE:-}" ]]; then
      printf '%-48s %16s   %-14s %s\n' "  archiver records/s (alone)" "$(fmt_int "$(value lag_drain_rate "${RUN_DIR}/archive.log")")" "(reported)" ""
      printf '%-48s %16s   %-14s %s\n' "  raw PostgreSQL COPY rows/s (archive's rows)" "$(fmt_int "$COPY_RATE")" "(reference)" ""
    fi
    local total_errors=$((BATCH_ERRORS + TRACK_ERRORS + $(value raw_errors "${RUN_DIR}/raw.log")))
    printf '\nErrors       : %s in the measured phases%s\n' "$total_errors" \
      "$( ((total_errors > 0)) && printf '  <-- THIS RUN HAD ERRORS: the figures count only 2xx answers')"
    printf 'Service log  : %s ERROR and %s WARN lines (%s)\n' \
      "$(grep -c '"level":"ERROR"' "$(log_file "$SERVICE")" || true)" "$(grep -c '"level":"WARN"' "$(log_file "$SERVICE")" || true)" \
      "$(log_file "$SERVICE" | sed "s|^${FP_ROOT}/||")"
    cat "$RESULTS"
  } >"$FINAL"
  {
    printf '\nDetails\n'
    printf '  raw producer : %s records acknowledged in %s s, %s MiB/s of JSON (before any compression), %s bytes a record on average;\n' \
      "$(fmt_int "$(value raw_acked "${RUN_DIR}/raw.log")")" "$(value raw_seconds "${RUN_DIR}/raw.log")" \
      "$(value raw_mib_per_s "${RUN_DIR}/raw.log")" "$(value raw_record_bytes "${RUN_DIR}/raw.log")"
    printf '                 topic %s (12 partitions); producer settings of EventPublisher (acks=all, idempotent, compression %s, linger.ms=2, batch.size=256 KiB)\n' "$BENCH_RAW_TOPIC" "$COMPRESSION"
    printf '  record check : records the service published average %s bytes (first %s read back), the raw producer'\''s %s bytes\n' \
      "$(value sample_record_bytes "${RUN_DIR}/sample.log")" "$(value sample_records "${RUN_DIR}/sample.log")" \
      "$(value raw_record_bytes "${RUN_DIR}/raw.log")"
    printf '  /v1/batch    : %s requests (%s/s), %s messages accepted by the answers, %s by the service counter\n' \
      "$(fmt_int "$(value requests "$batch_log")")" "$(calc "$(value requests "$batch_log") / $(value duration_s "$batch_log")" "%.1f")" \
      "$(fmt_int "$(value accepted_messages "$batch_log")")" "$(fmt_int "$BATCH_METRIC_DELTA")"
    printf '                 request latency p50 %s ms, p90 %s ms, p99 %s ms, max %s ms\n' \
      "$(value latency_p50_ms "$batch_log")" "$(value latency_p90_ms "$batch_log")" "$(value latency_p99_ms "$batch_log")" \
      "$(value latency_max_ms "$batch_log")"
    printf '                 %s\n' "$(error_line "$batch_log")"
    printf '  /v1/track    : %s requests, %s/s answered 200; latency p50 %s ms, p90 %s ms, p99 %s ms, p99.9 %s ms, max %s ms\n' \
      "$(fmt_int "$(value requests "$track_log")")" "$(fmt_int "$TRACK_OK_RATE")" "$(value latency_p50_ms "$track_log")" \
      "$(value latency_p90_ms "$track_log")" "$(value latency_p99_ms "$track_log")" "$(value latency_p999_ms "$track_log")" \
      "$(value latency_max_ms "$track_log")"
    printf '                 %s\n' "$(error_line "$track_log")"
    printf '  RSS (MiB)    : idle after start %s, raw phase %s, batch warm-up %s, batch %s, track warm-up %s, track %s;\n' \
      "$rss_idle" "$(rss_max '^raw$')" "$(rss_max '^batch-warmup$')" "$(rss_max '^batch$')" "$(rss_max '^track-warmup$')" "$(rss_max '^track$')"
    printf '                 VmRSS of pid %s every second, %s samples in %s\n' "$SERVICE_PID" \
      "$(wc -l <"${RUN_DIR}/rss.log")" "${RUN_DIR#"${FP_ROOT}"/}/rss.log"
    printf '  archive      : the archiver replica (pid %s) started %s records behind and wrote %s records/s for %s s (%s left);\n' \
      "${ARCHIVER_PID:-?}" "$(fmt_int "$(value lag_start "${RUN_DIR}/archive.log")")" \
      "$(fmt_int "$(value lag_drain_rate "${RUN_DIR}/archive.log")")" "$(value lag_seconds "${RUN_DIR}/archive.log")" \
      "$(fmt_int "$(value lag_end "${RUN_DIR}/archive.log")")"
    printf '                 CPU (cores): archiver %s, PostgreSQL %s; archiver RSS at the end %s MiB\n' \
      "${ARCHIVER_CPU:-?}" "${ARCHIVER_PG_CPU:-?}" "${ARCHIVER_RSS:-?}"
    if ((BUSY_WARNINGS > 0)); then
      printf '\nWARNING: other processes were busy during %s phase(s) (see "anything else" above): run again on a quiet machine.\n' "$BUSY_WARNINGS"
    fi
    for jfr_phase in batch track archive; do
      [[ -n "$JFR" && -f "${RUN_DIR}/${jfr_phase}.jfr" ]] || continue
      printf '\nJFR of the %s during the measured %s phase: %s\n' "$([[ $jfr_phase == archive ]] && echo "archiver replica" || echo service)" "$jfr_phase" "${RUN_DIR#"${FP_ROOT}"/}/${jfr_phase}.jfr"
      jfr_summary "${RUN_DIR}/${jfr_phase}.jfr"
    done
    printf '\nLogs and raw output: %s\n' "${RUN_DIR#"${FP_ROOT}"/}"
  } >>"$FINAL"
  write_figures "$ratio" "$rss_load" "$rss_idle"
  cp "$FINAL" "$RESULT_FILE"
  cat "$FINAL"
  printf '\nResults written to %s\n' "${RESULT_FILE#"${FP_ROOT}"/}"
}

# write_figures RATIO RSS_LOAD RSS_IDLE: the report's figures in RUN_DIR/figures.tsv (platform.sh).
write_figures() {
  local track_log="${RUN_DIR}/track.log" batch_log="${RUN_DIR}/batch.log" archive_rate
  archive_rate="$(value lag_drain_rate "${RUN_DIR}/archive.log")"
  figure "/v1/batch messages/s" "$BATCH_RATE" "messages/s" ">= ${TARGET_BATCH_RATE}" "$(verdict "$BATCH_RATE" ">=" "$TARGET_BATCH_RATE")" throughput
  figure "raw Kafka producer records/s" "$RAW_RATE" "records/s" "" "" limit
  figure "/v1/batch / raw Kafka producer" "$1" "ratio" ">= ${TARGET_RATIO}" "$(verdict "$1" ">=" "$TARGET_RATIO")" ratio
  figure "/v1/track requests/s" "$TRACK_RATE" "requests/s" ">= ${TARGET_TRACK_RATE}" "$(verdict "$TRACK_RATE" ">=" "$TARGET_TRACK_RATE")" throughput
  figure "/v1/track p50" "$TRACK_P50" ms "" "" latency /v1/track
  figure "/v1/track p99" "$TRACK_P99" ms "<= ${TARGET_TRACK_P99_MS}" "$(verdict "$TRACK_P99" "<=" "$TARGET_TRACK_P99_MS")" latency /v1/track
  figure "/v1/track p99.9" "$(value latency_p999_ms "$track_log")" ms "" "" latency /v1/track
  figure "/v1/batch request p50" "$(value latency_p50_ms "$batch_log")" ms "" "" latency "/v1/batch request"
  figure "/v1/batch request p99" "$(value latency_p99_ms "$batch_log")" ms "" "" latency "/v1/batch request"
  figure "ingestion-service RSS, max under load" "$2" MiB "<= ${TARGET_RSS_MIB}" "$(verdict "$2" "<=" "$TARGET_RSS_MIB")" memory ingestion-service
  figure "ingestion-service RSS, idle" "$3" MiB "" "" memory
  [[ -n "$archive_rate" ]] && figure "archiver records/s" "$archive_rate" "records/s" "" "" throughput
  if [[ -n "${COPY_RATE:-}" ]]; then
    figure "raw PostgreSQL COPY rows/s" "$COPY_RATE" "rows/s" "" "" limit
    [[ -n "$archive_rate" ]] && figure "archiver / raw PostgreSQL COPY" "$(calc "$archive_rate / $COPY_RATE" "%.3f")" ratio "" "" ratio
    figure_fact copy "raw COPY: psql \\copy (text format) of ${COPY_ROWS_DONE} archived rows into a table like archived_event"
  fi
  [[ -n "${ARCHIVER_RSS:-}" && "$ARCHIVER_RSS" != "?" ]] && figure "archiver replica RSS, at the end" "$ARCHIVER_RSS" MiB "" "" memory
  figure_fact errors "$((BATCH_ERRORS + TRACK_ERRORS)) in the measured phases"
  ((BUSY_WARNINGS > 0)) && figure_fact warning "other processes were busy during ${BUSY_WARNINGS} phase(s)"
  return 0
}

# --- Main ------------------------------------------------------------------------------------------
main() {
  local arg
  # ./firstparty bench all: every phase in sequence, then the report (bench-all.sh).
  [[ "${1:-}" == all ]] && { shift; exec "${BENCH_HOME}/bench-all.sh" "$@"; }
  # ./firstparty bench report [DIR...]: the report again from the phases' figures (report.sh).
  [[ "${1:-}" == report ]] && { shift; exec "${BENCH_HOME}/report.sh" "$@"; }
  # The consent phase is its own script: its own broker, database and service.
  [[ "${1:-}" == consent ]] && { shift; exec "${BENCH_HOME}/consent-bench.sh" "$@"; }
  # ./firstparty bench freshness: ingestion, profile, segment and consent services together (freshness-bench.sh).
  [[ "${1:-}" == freshness ]] && { shift; exec "${BENCH_HOME}/freshness-bench.sh" "$@"; }
  # ./firstparty bench campaign [--build]: notice campaign and erasure through the four services (campaign-bench.sh).
  [[ "${1:-}" == campaign ]] && { shift; exec "${BENCH_HOME}/campaign-bench.sh" "$@"; }
  # ./firstparty bench segment [--full]: the segment-service benchmark (segment-bench.sh).
  if [[ "${1:-}" == "segment" ]]; then
    shift
    exec "${BENCH_HOME}/segment-bench.sh" "$@"
  fi
  # ./firstparty bench profile [--build]: the profile-service phase, a script of its own.
  if [[ "${1:-}" == "profile" ]]; then
    shift
    exec "${BENCH_HOME}/profile-bench.sh" "$@"
  fi
  BENCH_COMMAND="./firstparty bench $*"
  for arg in "$@"; do
    case "$arg" in
      --build) BUILD=1 ;;
      --jfr) JFR=1 ;;
      --quick) QUICK=1 ;;
      -h | --help | help) usage; exit 0 ;;
      *) usage >&2; die "bench: unknown option '${arg}'" ;;
    esac
  done
  if [[ -n "$QUICK" ]]; then
    RAW_WARMUP=3 RAW_SECONDS=5 BATCH_WARMUP=5 BATCH_SECONDS=10 TRACK_WARMUP=3 TRACK_SECONDS=5 ARCHIVE_SECONDS=10
    BOTH_SECONDS=10
  fi
  RUN_START="$(now_ms)"
  RUN_ID="$(date -u +%Y%m%dT%H%M%S)"
  BUSY_WARNINGS=0
  ensure_state_dirs
  mkdir -p "$BENCH_STATE"
  RUN_DIR="${BENCH_STATE}/run-${RUN_ID}"
  RESULT_FILE="${BENCH_STATE}/results-${RUN_ID}.txt"
  mkdir -p "$RUN_DIR"
  RESULTS="${RUN_DIR}/results.part"
  : >"$RESULTS"
  figures_start ingestion
  figure_fact command "$BENCH_COMMAND"
  [[ -n "$QUICK" ]] && figure_fact quick "short phases (--quick): figures not comparable"
  phase setup
  claim_bench_run
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP

  step "Tools"
  ensure_base_tools
  need_cmd wrk
  need_cmd timeout coreutils
  need_cmd pgrep procps
  need_cmd unzip
  ok "wrk $(wrk -v 2>&1 | sed -n 's/^wrk \([^ ]*\).*/\1/p;T;q'), $(java -version 2>&1 | head -n 1)"
  ensure_postgres
  step "Builds"
  ensure_service_jar
  decide_compression
  ensure_loadgen
  step "Kafka benchmark broker (localhost:${BENCH_KAFKA_PORT})"
  fetch_kafka
  start_broker
  step "Database and service"
  recreate_bench_database
  start_ingestion "$SERVICE" "$BENCH_SERVICE_PORT" false
  SERVICE_PID="$INGESTION_PID"
  create_source
  "${LOADGEN[@]}" messages --out "${RUN_DIR}/messages.jsonl" --count 1000 --users 250 >"${RUN_DIR}/messages.log" 2>&1 ||
    { cat "${RUN_DIR}/messages.log" >&2; die "Could not write the benchmark messages."; }
  ok "messages: $(value messages "${RUN_DIR}/messages.log") templates, $(value message_bytes_avg "${RUN_DIR}/messages.log") bytes on average"
  smoke_check
  phase idle
  start_rss_sampler
  sleep 3

  # 1. raw producer
  phase_raw
  result "1  raw Kafka producer"
  cpu_report "the raw producer phase"

  # 2. /v1/batch
  phase_batch
  result "2  /v1/batch"
  cpu_report "the batch phase"
  [[ -n "$JFR" ]] && sleep 3
  run_bounded 120 "${RUN_DIR}/sample.log" "${LOADGEN[@]}" sample --bootstrap "localhost:${BENCH_KAFKA_PORT}" \
    --topic "$ACCEPTED_TOPIC" --count 2000 || warn "could not read back the service's records"

  # 3. /v1/track
  phase_track
  result "3  /v1/track"
  cpu_report "the track phase"

  # 4. archive
  phase_archive

  phase_copy

  # 5. both roles at once
  phase_both_roles
  phase finished

  report
}

main "$@"

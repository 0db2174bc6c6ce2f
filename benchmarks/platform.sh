# shellcheck shell=bash
# What every benchmark script starts with: the repository root and the platform's shell library
# (PostgreSQL, Kafka, the services' JVM settings), as ./firstparty itself loads them.
FP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FP_ROOT
# shellcheck source=platform/lib/common.sh
. "${FP_ROOT}/platform/lib/common.sh"
# shellcheck source=platform/lib/postgres.sh
. "${FP_ROOT}/platform/lib/postgres.sh"
# shellcheck source=platform/lib/kafka.sh
. "${FP_ROOT}/platform/lib/kafka.sh"
# shellcheck source=platform/lib/services.sh
. "${FP_ROOT}/platform/lib/services.sh"

# A key pair made for the run, which the services are told to trust instead of Keycloak
# (QUARKUS_OIDC_PUBLIC_KEY, issuer firstparty-bench), and tokens signed with it.
# bench_key DIR: writes DIR/key.pem and sets BENCH_PUBLIC_KEY (the public key as Quarkus takes it).
bench_key() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1/key.pem" 2>/dev/null
  BENCH_PUBLIC_KEY="$(openssl pkey -in "$1/key.pem" -pubout | grep -v -- '-----' | tr -d '\n')"
}

# bench_jwt DIR ROLE: prints an hour-long RS256 token signed with DIR/key.pem, carrying ROLE.
bench_jwt() {
  local header payload now
  b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
  now="$(date +%s)"
  header="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)"
  payload="$(printf '{"iss":"firstparty-bench","sub":"bench","aud":"firstparty-services","iat":%s,"exp":%s,"realm_access":{"roles":["%s"]}}' \
    "$now" "$((now + 3600))" "$2" | b64url)"
  printf '%s.%s.%s' "$header" "$payload" \
    "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$1/key.pem" -binary | b64url)"
}

# CPU time spent by a service and by the PostgreSQL backends serving its database, so a phase can say
# what bounds it on this machine: a rate times the CPU each unit costs cannot pass the cores there are.
# cpu_snapshot PID DB: prints "<service CPU ms> <database backends' CPU ms>" (clock ticks are 10 ms).
cpu_snapshot() {
  local tick service database pids
  tick="$(getconf CLK_TCK)"
  service="$(awk -v t="$tick" '{ printf "%.0f", ($14 + $15) * 1000 / t }' "/proc/$1/stat" 2>/dev/null || echo 0)"
  pids="$(pg_admin -tA -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$2' AND pid <> pg_backend_pid()" 2>/dev/null)"
  database=0
  for pid in $pids; do
    database=$((database + $(awk -v t="$tick" '{ printf "%.0f", ($14 + $15) * 1000 / t }' "/proc/${pid}/stat" 2>/dev/null || echo 0)))
  done
  printf '%s %s\n' "$service" "$database"
}

# cpu_per_unit BEFORE AFTER UNITS: prints "<service µs> <database µs> <ceiling units/s on nproc cores>"
# per unit between two snapshots. Backends that came or went between them are counted only as far
# as they were seen, which is why the pools keep their connections for the measured phases.
cpu_per_unit() {
  LC_ALL=C awk -v b="$1" -v a="$2" -v n="$3" -v cores="$(nproc)" 'BEGIN {
    split(b, x, " "); split(a, y, " ")
    s = (y[1] - x[1]) * 1000 / n; d = (y[2] - x[2]) * 1000 / n
    printf "%.0f %.0f %.0f\n", s, d, (s + d > 0) ? cores * 1e6 / (s + d) : 0 }'
}

# --- JFR ------------------------------------------------------------------------------------
# With JFR set (a bench's --jfr), the phases record the service under load; RUN_DIR and SERVICE_PID
# are the calling bench's.
# jfr_start PHASE SECONDS [PID]: with --jfr, records the service (or the replica PID) during the
# measured part of a phase.
jfr_start() {
  [[ -n "$JFR" ]] || return 0
  jcmd "${3:-$SERVICE_PID}" JFR.start name="bench-$1" duration="$2s" filename="${RUN_DIR}/$1.jfr" >/dev/null 2>&1 ||
    warn "JFR could not be started"
}

# jfr_stop PHASE [PID]: ends a recording started without a known duration and writes it.
jfr_stop() {
  [[ -n "$JFR" ]] || return 0
  jcmd "${2:-$SERVICE_PID}" JFR.stop name="bench-$1" filename="${RUN_DIR}/$1.jfr" >/dev/null 2>&1 ||
    warn "JFR could not be stopped"
}

# jfr_summary FILE: where the service's CPU samples are, by top frame (self) and by method on the
# stack (inclusive; the service's own methods and the main library entry points).
jfr_summary() {
  jfr print --stack-depth 128 --events jdk.ExecutionSample "$1" 2>/dev/null | awk '
    function flush() { if (frames > 0) { samples++; self[top]++; for (f in seen) incl[f]++ } frames = 0; delete seen }
    /^jdk.ExecutionSample/ { flush() }
    /stackTrace = \[/ { in_stack = 1; next }
    in_stack && /^[ \t]*\]/ { in_stack = 0; next }
    in_stack {
      line = $0; sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*/, "", line); sub(/\(.*/, "", line)
      if (line == "...") next
      if (frames == 0) top = line
      frames++; seen[line] = 1
    }
    END {
      flush()
      printf "%d execution samples (Java code only; GC and JIT compiler threads are not sampled)\n", samples
      printf "Hottest top frames (self):\n"
      for (f in self) printf "%6d %5.1f%%  %s\n", self[f], 100 * self[f] / samples, f | "sort -rn | head -n 20"
      close("sort -rn | head -n 20")
      printf "On the stack (inclusive), service code and main library entry points:\n"
      for (f in incl) if (f ~ /^io\.firstparty\./ || f ~ /KafkaProducer\.(send|doSend)$/ || f ~ /Sender\.run$/ ||
          f ~ /LZ4.*compress/ || f ~ /ObjectMapper\.(readTree|writeValueAsBytes|writeValueAsString)$/ ||
          f ~ /PgPreparedStatement\.execute(Update|Query)$/ || f ~ /CopyIn|BinaryCopyRows|EventArchiver/ || f ~ /KafkaConsumer\.poll$/ || f ~ /ContractDeserializer/ ||
          f ~ /resteasy.*RestInitialHandler\.handle$/ || f ~ /VertxHttpRecorder.*handle$/ || f ~ /JsonNode\.toString$/)
        printf "%6d %5.1f%%  %s\n", incl[f], 100 * incl[f] / samples, f | "sort -rn | head -n 30"
      close("sort -rn | head -n 30")
    }' | sed 's/^/  /'
}

# --- Machine-readable figures ------------------------------------------------------------------
# Every phase also writes its figures to RUN_DIR/figures.tsv, which the report generator reads
# (./firstparty bench report; benchmarks/README.md). Tab-separated columns:
#   name  value  unit  target  verdict  kind  series
# target is empty or ">= N" / "<= N", verdict PASS, MISS or empty; kind is one of throughput,
# latency, freshness, memory, limit, ratio, duration; series groups a latency's percentiles
# (kind latency, name "<series> p50" ...). Lines starting with # are "#key<TAB>value" facts.
# figures_start PHASE: (re)starts RUN_DIR/figures.tsv and, under ./firstparty bench all, tells it
# where this phase's run directory is (BENCH_ALL_RUNS, one directory a line).
figures_start() {
  local phase="$1"
  FIGURES="${RUN_DIR}/figures.tsv"
  {
    printf '#phase\t%s\n' "$phase"
    printf '#started\t%s\n' "$(date -u '+%F %T UTC')"
    printf '#commit\t%s\n' "$(git -C "$FP_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  } >"$FIGURES"
  [[ -n "${BENCH_ALL_RUNS:-}" ]] && printf '%s\n' "$RUN_DIR" >>"$BENCH_ALL_RUNS"
  return 0
}
# figure NAME VALUE UNIT TARGET VERDICT KIND [SERIES]: one figure (empty VALUE becomes "?").
figure() {
  [[ -n "${FIGURES:-}" ]] || return 0
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "${2:-?}" "$3" "$4" "$5" "$6" "${7:-}" >>"$FIGURES"
}
# figure_fact KEY VALUE: a fact about the run (settings, warnings) shown with the phase's figures.
figure_fact() {
  [[ -n "${FIGURES:-}" ]] || return 0
  printf '#%s\t%s\n' "$1" "$2" >>"$FIGURES"
}
# rss_mib PID: the process's resident memory now, in MiB (empty when it is gone).
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null; }

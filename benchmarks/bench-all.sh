#!/usr/bin/env bash
# Every benchmark phase in sequence, then the report (./firstparty bench all, or benchmarks/bench-all.sh):
#   ingestion (bench.sh), profile, segment, consent, freshness, and campaign when
#   benchmarks/campaign-bench.sh exists; then benchmarks/report.sh writes benchmarks/report.md and
#   the PNG charts under benchmarks/report/ from the figures the phases wrote.
# Each phase starts and stops its own broker, database and services. A phase that fails is named in
# the report's run directory (failed) and the others still run. The run's directory,
# .firstparty/bench/all-<timestamp>, lists the phases' run directories (runs) and the machine's
# facts (machine.tsv), so `./firstparty bench report` can rebuild the report later.
#
# Options: --phases a,b,...  only these phases (in the order above)
#          --quick           short phases (a smoke test of the pipeline; figures not comparable)
#          --build           rebuild the services' jars first (each phase's --build)
set -euo pipefail

# shellcheck source=benchmarks/report.sh
. "$(dirname "${BASH_SOURCE[0]}")/report.sh"

# Ports a phase listens on; before a phase starts, bench all waits (up to BENCH_ALL_PORT_WAIT
# seconds) until none of them is taken, e.g. by a phase someone else runs on the same machine.
declare -A PHASE_PORTS=(
  [ingestion]="29092 29093 28081 28082"
  [profile]="29392 29393 28382"
  [segment]="29392 29393 28383"
  [consent]="29192 29193 28084"
  [freshness]="29592 29593 28581 28582 28583 28584"
  [campaign]="29692 28689 28685 28686  28681 28682 28683 28684"
)
PORT_WAIT="${BENCH_ALL_PORT_WAIT:-1800}"

# The phases there are, in pipeline order: campaign only when its script is there.
all_phases() {
  printf '%s\n' ingestion profile segment consent freshness
  [[ -x "${BENCH_HOME}/campaign-bench.sh" || -f "${BENCH_HOME}/campaign-bench.sh" ]] && printf '%s\n' campaign
  return 0
}

# phase_command PHASE: the command that runs it.
phase_command() {
  case "$1" in
    ingestion) PHASE_CMD=("${BENCH_HOME}/bench.sh" ${QUICK:+--quick} ${BUILD:+--build}) ;;
    profile) PHASE_CMD=("${BENCH_HOME}/profile-bench.sh" ${BUILD:+--build}) ;;
    segment) PHASE_CMD=("${BENCH_HOME}/segment-bench.sh" ${BUILD:+--build}) ;;
    consent) PHASE_CMD=(env ${BUILD:+BENCH_BUILD=1} "${BENCH_HOME}/consent-bench.sh") ;;
    freshness) PHASE_CMD=("${BENCH_HOME}/freshness-bench.sh" ${BUILD:+--build}) ;;
    *) PHASE_CMD=(bash "${BENCH_HOME}/$1-bench.sh") ;;
  esac
}

# --quick: short settings for the phases that have no --quick of their own (a variable already set wins).
quick_settings() {
  export PROFILE_BENCH_STORED="${PROFILE_BENCH_STORED:-20000}" PROFILE_BENCH_EVENTS="${PROFILE_BENCH_EVENTS:-5000}" \
    PROFILE_BENCH_FRESHNESS_SECONDS="${PROFILE_BENCH_FRESHNESS_SECONDS:-5}" \
    PROFILE_BENCH_LOOKUP_WARMUP="${PROFILE_BENCH_LOOKUP_WARMUP:-3}" PROFILE_BENCH_LOOKUP_SECONDS="${PROFILE_BENCH_LOOKUP_SECONDS:-5}" \
    BENCH_SEGMENT_EVENTS="${BENCH_SEGMENT_EVENTS:-50000}" BENCH_SEGMENT_PROFILES="${BENCH_SEGMENT_PROFILES:-5000}" \
    BENCH_SEGMENT_REQUESTS="${BENCH_SEGMENT_REQUESTS:-30}" \
    BENCH_CONSENT_PEOPLE="${BENCH_CONSENT_PEOPLE:-5000}" BENCH_CHECK_WARMUP="${BENCH_CHECK_WARMUP:-3}" \
    BENCH_CHECK_SECONDS="${BENCH_CHECK_SECONDS:-5}" BENCH_BATCH_ROUNDS="${BENCH_BATCH_ROUNDS:-3}" \
    BENCH_FRESHNESS_SECONDS="${BENCH_FRESHNESS_SECONDS:-10}" BENCH_FRESHNESS_WARMUP="${BENCH_FRESHNESS_WARMUP:-5}" \
    BENCH_FRESHNESS_WITHDRAWALS="${BENCH_FRESHNESS_WITHDRAWALS:-2}" BENCH_QUIET_WAIT="${BENCH_QUIET_WAIT:-10}"
}

ports_free() {
  local port
  for port in ${PHASE_PORTS[$1]:-}; do
    ss -ltnH "sport = :${port}" 2>/dev/null | grep -q . && { BUSY_PORT="$port"; return 1; }
  done
  return 0
}

wait_for_ports() {
  local start said=""
  start="$(now_ms)"
  until ports_free "$1"; do
    if (($(now_ms) - start > PORT_WAIT * 1000)); then
      warn "port ${BUSY_PORT} is still taken after ${PORT_WAIT} s: phase $1 skipped"
      return 1
    fi
    [[ -n "$said" ]] || info "port ${BUSY_PORT} is taken (another run of the $1 phase?): waiting up to ${PORT_WAIT} s"
    said=1
    sleep 10
  done
}

main_all() {
  local phase selected="" rc t0 kafka
  QUICK="" BUILD=""
  COMMAND="./firstparty bench all $*"
  while (($# > 0)); do
    case "$1" in
      --quick) QUICK=1 ;;
      --build) BUILD=1 ;;
      --phases) selected="${2:?--phases needs a list}"; shift ;;
      --phases=*) selected="${1#--phases=}" ;;
      -h | --help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
      *) die "bench all: unknown option '$1' (--phases a,b, --quick, --build)" ;;
    esac
    shift
  done
  # Ctrl-C or a TERM to bench all stops it after the running phase has cleaned up (a phase ending
  # with 130 or 143 alone, e.g. because a load generator was killed, only fails that phase).
  trap 'die "bench all interrupted"' INT TERM
  ensure_state_dirs
  ALL_DIR="${BENCH_STATE}/all-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$ALL_DIR"
  export BENCH_ALL_RUNS="${ALL_DIR}/runs"
  : >"$BENCH_ALL_RUNS"
  : >"${ALL_DIR}/failed"
  [[ -n "$QUICK" ]] && quick_settings
  machine_facts "${ALL_DIR}/machine.tsv" "$COMMAND"
  [[ -n "$QUICK" ]] && printf 'quick\tshort phases: figures not comparable\n' >>"${ALL_DIR}/machine.tsv"
  for phase in $(all_phases); do
    if [[ -n "$selected" && ",${selected}," != *",${phase},"* ]]; then
      continue
    fi
    step "bench all: phase ${phase}"
    wait_for_ports "$phase" || { printf '%s\tports taken\n' "$phase" >>"${ALL_DIR}/failed"; continue; }
    phase_command "$phase"
    t0="$(now_ms)"
    rc=0
    "${PHASE_CMD[@]}" || rc=$?
    printf '%s\t%s\n' "$phase" "$(format_duration $(($(now_ms) - t0)))" >>"${ALL_DIR}/durations"
    if ((rc != 0)); then
      warn "phase ${phase} ended with exit code ${rc}: the report shows the figures it wrote, if any"
      printf '%s\texit code %s\n' "$phase" "$rc" >>"${ALL_DIR}/failed"
    fi
  done
  # PostgreSQL's server and Kafka's versions, now that the phases have started the one and fetched the other.
  local pg
  pg="$(psql -X -tA -w -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d postgres -c 'SHOW server_version' 2>/dev/null || true)"
  kafka="$(kafka_version 2>/dev/null || true)"
  awk -v pg="$pg" -v kafka="$kafka" 'BEGIN { FS = OFS = "\t" }
    $1 == "postgresql" && pg != "" { $2 = pg } $1 == "kafka" && kafka != "" { sub(/^\?/, kafka, $2) } { print }' \
    "${ALL_DIR}/machine.tsv" >"${ALL_DIR}/machine.tsv.new" && mv "${ALL_DIR}/machine.tsv.new" "${ALL_DIR}/machine.tsv"
  [[ -s "${ALL_DIR}/failed" ]] && printf 'failed phases\t%s\n' "$(paste -sd ';' "${ALL_DIR}/failed" | tr '\t' ' ')" >>"${ALL_DIR}/machine.tsv"
  [[ -s "${ALL_DIR}/durations" ]] && printf 'phase durations\t%s\n' "$(paste -sd ';' "${ALL_DIR}/durations" | tr '\t' ' ')" >>"${ALL_DIR}/machine.tsv"
  step "bench all: report"
  main "$ALL_DIR"
  info "run: ${ALL_DIR#"${FP_ROOT}"/}; rebuild the report with ./firstparty bench report ${ALL_DIR#"${FP_ROOT}"/}"
}

main_all "$@"

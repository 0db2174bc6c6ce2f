#!/usr/bin/env bash
# The benchmark report (./firstparty bench report [DIR...], or benchmarks/report.sh): writes
# benchmarks/report.md and its PNG charts under benchmarks/report/ from the figures.tsv the phases
# wrote in their run directories, without running any phase again.
#
# DIR is a phase's run directory (.firstparty/bench/run-*, profile-*, segment-*, consent-*,
# freshness-*, campaign-*) or the directory of a `bench all` run (.firstparty/bench/all-*, which
# lists its phases' directories and holds the machine's facts of the run). Without DIR: the latest
# `bench all` run, or else the latest run directory of each phase that wrote figures.
# BENCH_REPORT_OUT and BENCH_REPORT_CHARTS change where the report and its charts are written.
set -euo pipefail

# shellcheck source=benchmarks/platform.sh
. "$(dirname "${BASH_SOURCE[0]}")/platform.sh"

BENCH_HOME="${FP_ROOT}/benchmarks"
BENCH_STATE="${FP_STATE}/bench"
REPORT_OUT="${BENCH_REPORT_OUT:-${BENCH_HOME}/report.md}"
REPORT_CHARTS="${BENCH_REPORT_CHARTS:-${BENCH_HOME}/report}"
LOADGEN_JAR="${BENCH_HOME}/loadgen/target/loadgen.jar"
PHASE_PREFIXES=(run profile segment consent freshness campaign)

# machine_facts FILE [COMMAND]: the machine and software the report names, "key TAB value" a line.
machine_facts() {
  local pg kafka
  pg="$(psql -X -tA -w -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d postgres -c 'SHOW server_version' 2>/dev/null ||
    psql --version 2>/dev/null | sed 's/^psql (PostgreSQL) /client /' || echo '?')"
  {
    printf 'date\t%s\n' "$(date -u '+%F %T UTC')"
    printf 'command\t%s\n' "${2:-./firstparty bench report}"
    printf 'commit\t%s\n' "$(git -C "$FP_ROOT" log -1 --format='%h (%cd, branch '"$(git -C "$FP_ROOT" branch --show-current 2>/dev/null)"')' --date=format:'%F %H:%M' 2>/dev/null || echo unknown)$(
      [[ -n "$(git -C "$FP_ROOT" status --porcelain -- . ':!benchmarks/report.md' ':!benchmarks/report' 2>/dev/null)" ]] && printf ' (+ uncommitted changes)')"
    printf 'nproc\t%s\n' "$(nproc)"
    printf 'cpu\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p;T;q' /proc/cpuinfo)"
    printf 'memory\t%s\n' "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    printf 'kernel\t%s\n' "$(uname -sr)"
    printf 'os\t%s\n' "$(. /etc/os-release 2>/dev/null && printf '%s' "${PRETTY_NAME:-unknown}")"
    printf 'java\t%s\n' "$(java -version 2>&1 | head -n 1)"
    printf 'postgresql\t%s\n' "$pg"
    kafka="$(kafka_version 2>/dev/null || true)"
    printf 'kafka\t%s\n' "${kafka:-?} (single-node KRaft broker started by each phase, same machine)"
  } >"$1"
}

ensure_report_jar() {
  local newer=""
  [[ -f "$LOADGEN_JAR" ]] && newer="$(find "${BENCH_HOME}/loadgen/src/main" "${BENCH_HOME}/loadgen/pom.xml" -type f -newer "$LOADGEN_JAR" -print -quit)"
  if [[ ! -f "$LOADGEN_JAR" || -n "$newer" ]]; then
    info "building the load generator (benchmarks/pom.xml)"
    (cd "$FP_ROOT" && "$(mvn_cmd)" -B -q -DskipTests -Dstyle.color=never -f benchmarks/pom.xml package) >"$(log_file bench-loadgen-build)" 2>&1 ||
      { show_log_tail "$(log_file bench-loadgen-build)" 40; die "The load generator's build failed."; }
  fi
}

# The phase directories to report on (one a line) and, for a `bench all` run, its machine facts.
resolve_dirs() {
  local dir prefix latest
  MACHINE=""
  DIRS=()
  if (($# == 0)); then
    latest="$(find "$BENCH_STATE" -maxdepth 1 -type d -name 'all-*' 2>/dev/null | sort | tail -n 1)"
    if [[ -n "$latest" ]]; then
      set -- "$latest"
    else
      for prefix in "${PHASE_PREFIXES[@]}"; do
        latest="$(find "$BENCH_STATE" -maxdepth 2 -path "*/${prefix}-*/figures.tsv" 2>/dev/null | sort | tail -n 1)"
        [[ -n "$latest" ]] && set -- "$@" "${latest%/figures.tsv}"
      done
    fi
  fi
  for dir in "$@"; do
    dir="${dir%/}"
    if [[ -f "${dir}/runs" ]]; then
      [[ -f "${dir}/machine.tsv" ]] && MACHINE="${dir}/machine.tsv"
      while read -r run; do
        [[ -f "${run}/figures.tsv" ]] && DIRS+=("$run")
      done <"${dir}/runs"
    elif [[ -f "${dir}/figures.tsv" ]]; then
      DIRS+=("$dir")
    else
      warn "${dir}: no figures.tsv (a run from before the phases wrote figures?): skipped"
    fi
  done
  ((${#DIRS[@]} > 0)) || die "No phase figures to report on (run ./firstparty bench all, or a phase, first)."
}

main() {
  case "${1:-}" in
    -h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  esac
  ensure_state_dirs
  resolve_dirs "$@"
  ensure_report_jar
  if [[ -z "$MACHINE" ]]; then
    MACHINE="$(mktemp)"
    machine_facts "$MACHINE" "./firstparty bench report $*"
    printf 'facts\tgathered when the report was written, not during the phases\n' >>"$MACHINE"
  fi
  rm -f "${REPORT_CHARTS}"/*.png
  java -Djava.awt.headless=true -Xmx256m -cp "${LOADGEN_JAR}:${BENCH_HOME}/loadgen/target/lib/*" \
    io.firstparty.bench.report.BenchReport --out "$REPORT_OUT" --charts "$REPORT_CHARTS" --machine "$MACHINE" "${DIRS[@]}" >/dev/null
  ok "report: ${REPORT_OUT#"${FP_ROOT}"/}, charts: ${REPORT_CHARTS#"${FP_ROOT}"/}/ ($(find "$REPORT_CHARTS" -name '*.png' | wc -l) PNG), from ${#DIRS[@]} phase run(s)"
}

# Sourced by bench-all.sh for machine_facts; run, it writes the report.
[[ "${BASH_SOURCE[0]}" == "$0" ]] && main "$@"
true

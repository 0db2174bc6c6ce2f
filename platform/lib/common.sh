# shellcheck shell=bash
# Shared helpers of ./firstparty: paths, messages, processes, ports, waiting.
# Sourced by ./firstparty; expects FP_ROOT to be set to the repository root.

FP_STATE="${FP_ROOT}/.firstparty"
FP_DOWNLOADS="${FP_STATE}/downloads"
FP_DATA="${FP_STATE}/data"
FP_LOGS="${FP_STATE}/logs"
FP_RUN="${FP_STATE}/run"
FP_PLATFORM="${FP_ROOT}/platform"

# Used only if the root pom cannot be read (the root pom is the one place to change it).
FP_DEFAULT_QUARKUS_VERSION="3.40.1.1"

# ---------------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------------
if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
  FP_BOLD=$'\e[1m' FP_RED=$'\e[31m' FP_GREEN=$'\e[32m' FP_YELLOW=$'\e[33m' FP_RESET=$'\e[0m'
else
  FP_BOLD="" FP_RED="" FP_GREEN="" FP_YELLOW="" FP_RESET=""
fi

step() { printf '%s==>%s %s\n' "$FP_BOLD" "$FP_RESET" "$*"; }
info() { printf '    %s\n' "$*"; }
ok()   { printf '    %s[ok]%s %s\n' "$FP_GREEN" "$FP_RESET" "$*"; }
warn() { printf '    %s[warn]%s %s\n' "$FP_YELLOW" "$FP_RESET" "$*" >&2; }
err()  { printf '%s[error]%s %s\n' "$FP_RED" "$FP_RESET" "$*" >&2; }
die()  { err "$*"; exit 1; }

# Makes JSON log lines (the services' format) readable; other lines pass unchanged.
format_log_lines() {
  jq --unbuffered -rR '. as $line
    | try (fromjson
        | "\(.timestamp // "") \(.level // "") [\(.loggerName // "")] \(.message // "")"
          + (if .exception then "\n    \(.exception.exceptionType // ""): \(.exception.message // "")"
             else "" end))
      catch $line'
}

# Prints the last lines of a component's log to stderr, indented.
show_log_tail() {
  local log="$1" lines="${2:-40}"
  if [[ -s "$log" ]]; then
    printf '    --- last %s lines of %s ---\n' "$lines" "${log#"${FP_ROOT}"/}" >&2
    tail -n "$lines" "$log" | format_log_lines | cut -c1-400 | sed 's/^/    | /' >&2
    printf '    ---\n' >&2
  else
    printf '    (log %s is empty)\n' "${log#"${FP_ROOT}"/}" >&2
  fi
}

# Seconds since the epoch with millisecond precision, and a duration formatter.
now_ms() { date +%s%3N; }
format_duration() {
  local ms="$1" s
  s=$((ms / 1000))
  if ((s >= 60)); then
    printf '%dm%02ds' $((s / 60)) $((s % 60))
  else
    printf '%d.%ds' "$s" $(((ms % 1000) / 100))
  fi
}

ensure_state_dirs() {
  mkdir -p "$FP_DOWNLOADS" "$FP_DATA" "$FP_LOGS" "$FP_RUN"
}

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "'$*' needs root (and sudo is not available)."
  fi
}

FP_APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: please install $* by hand."
  if [[ -z "$FP_APT_UPDATED" ]]; then
    info "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    FP_APT_UPDATED=1
  fi
  info "apt-get install -y $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# need_cmd COMMAND [DEBIAN_PACKAGE]: installs the package when the command is missing.
need_cmd() {
  local cmd="$1" pkg="${2:-$1}"
  if ! command -v "$cmd" >/dev/null 2>&1; then
    apt_install "$pkg"
    command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' still missing after installing $pkg."
  fi
}

ensure_base_tools() {
  need_cmd curl
  need_cmd jq
  need_cmd ss iproute2
  need_cmd ps procps
  need_cmd java openjdk-17-jdk-headless
  need_cmd javac openjdk-17-jdk-headless
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "${major%%.*}" -ge 17 ]] 2>/dev/null || die "Java 17 or newer is needed (found: ${major:-unknown})."
}

# Maven: the project's wrapper when present, the system's Maven otherwise.
mvn_cmd() {
  if [[ -x "${FP_ROOT}/mvnw" ]]; then
    printf '%s\n' "${FP_ROOT}/mvnw"
  else
    need_cmd mvn maven
    command -v mvn
  fi
}

# The Quarkus platform version of the root pom (so platform components match the services).
quarkus_version() {
  local v=""
  if [[ -f "${FP_ROOT}/pom.xml" ]]; then
    v="$(sed -n 's:.*<quarkus\.platform\.version>\([^<]*\)</quarkus\.platform\.version>.*:\1:p;T;q' \
      "${FP_ROOT}/pom.xml")"
  fi
  printf '%s\n' "${v:-$FP_DEFAULT_QUARKUS_VERSION}"
}

# A property of platform/pom.xml (versions of Keycloak, GreenMail, ...).
platform_property() {
  sed -n "s:.*<$1>\\([^<]*\\)</$1>.*:\\1:p;T;q" "${FP_PLATFORM}/pom.xml"
}

# fetch_with_maven NAME POM DEST: runs the small fetch pom into a temporary directory and moves
# the result to DEST only when complete, so an interrupted download is never mistaken for one.
fetch_with_maven() {
  local name="$1" pom="$2" dest="$3" mvn tmp log start
  mvn="$(mvn_cmd)"
  tmp="${dest}.partial"
  log="${FP_LOGS}/fetch-${name}.log"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$dest")"
  start="$(now_ms)"
  info "fetching ${name} from Maven Central (log: ${log#"${FP_ROOT}"/})"
  if ! "$mvn" -B -ntp -Dstyle.color=never -f "$pom" \
      -Dquarkus.platform.version="$(quarkus_version)" -Dfetch.dir="$tmp" \
      generate-resources >"$log" 2>&1; then
    err "Fetching ${name} failed."
    show_log_tail "$log" 30
    rm -rf "$tmp"
    exit 1
  fi
  rm -rf "$dest"
  mv "$tmp" "$dest"
  ok "${name} fetched in $(format_duration $(($(now_ms) - start)))"
}

# ---------------------------------------------------------------------------------------------
# Processes started by this script
#
# Every process is started in its own session (setsid) so it outlives the terminal, with its
# pid in .firstparty/run/<component>.pid. A pid counts as ours only while it is alive and its
# command line carries the marker -Dfirstparty.component=<component> and this repository's path,
# so a recycled pid is never mistaken for one of ours.
# ---------------------------------------------------------------------------------------------
pid_file() { printf '%s/%s.pid\n' "$FP_RUN" "$1"; }
log_file() { printf '%s/%s.log\n' "$FP_LOGS" "$1"; }

# Prints the pid of a running component of ours, or nothing (and removes a stale pid file).
component_pid() {
  local name="$1" file pid cmdline
  file="$(pid_file "$name")"
  [[ -f "$file" ]] || return 0
  pid="$(tr -dc '0-9' <"$file")"
  if [[ -n "$pid" && -r "/proc/${pid}/cmdline" ]]; then
    cmdline="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null || true)"
    if [[ "$cmdline" == *"-Dfirstparty.component=${name}"* && "$cmdline" == *"${FP_ROOT}"* ]]; then
      printf '%s\n' "$pid"
      return 0
    fi
  fi
  rm -f "$file"
}

is_running() { [[ -n "$(component_pid "$1")" ]]; }

# Keeps the log of the previous run as <component>.log.1, so each log holds one run.
rotate_log() {
  local log
  log="$(log_file "$1")"
  if [[ -s "$log" ]]; then
    mv -f "$log" "${log}.1"
  fi
  : >"$log"
}

# start_component NAME COMMAND...: starts COMMAND detached, output appended to the log.
start_component() {
  local name="$1" log pid
  shift
  log="$(log_file "$name")"
  if [[ "$*" == *consent-service* ]]; then
    # consent-service, however it is started (./firstparty up, its container, the benchmarks), gets the
    # key that signs its objection links in its environment only: it refuses to start without one.
    # The key is read before the fork, so the child execs at once and its pid names the service.
    local secret
    secret="$(objection_secret)"
    FIRSTPARTY_OBJECTION_SECRET="$secret" setsid "$@" >>"$log" 2>&1 </dev/null &
  else
    setsid "$@" >>"$log" 2>&1 </dev/null &
  fi
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$name")"
}

# The key that signs consent-service's objection links (it refuses a default or short one in
# production): generated once per working tree into .firstparty/data (mode 600), so links already sent
# keep working across restarts. A FIRSTPARTY_OBJECTION_SECRET set by the caller wins.
objection_secret() {
  if [[ -n "${FIRSTPARTY_OBJECTION_SECRET:-}" ]]; then
    printf '%s\n' "$FIRSTPARTY_OBJECTION_SECRET"
    return 0
  fi
  local file="${FP_DATA}/objection-secret"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$FP_DATA"
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_' >"$file")
  fi
  cat "$file"
}

# stop_component NAME [GRACE_SECONDS]: SIGTERM to the component's process group, SIGKILL after
# the grace period. Prints what it did; does nothing for a component that is not ours.
stop_component() {
  local name="$1" grace="${2:-30}" pid waited=0
  pid="$(component_pid "$name")"
  if [[ -z "$pid" ]]; then
    info "${name}: not running"
    return 0
  fi
  kill -TERM -- "-${pid}" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((waited < grace * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "${name} (pid ${pid}) did not stop within ${grace}s: killing it"
    kill -KILL -- "-${pid}" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  # Children left in the process group (e.g. the JVM under kc.sh) go with it.
  kill -KILL -- "-${pid}" 2>/dev/null || true
  rm -f "$(pid_file "$name")"
  ok "${name} stopped (pid ${pid}, $(format_duration $((waited * 100))))"
}

# ---------------------------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------------------------
# Pid of the process listening on a TCP port (any address), or nothing.
port_listener_pid() {
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p;T;q'
}

port_in_use() {
  [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

process_description() {
  local pid="$1"
  [[ -n "$pid" ]] || { printf 'an unknown process'; return; }
  printf '%s (pid %s)' "$(ps -o args= -p "$pid" 2>/dev/null | cut -c1-80)" "$pid"
}

# True when PID is LEADER or lives in LEADER's process group (the session we started).
pid_belongs_to() {
  local pid="$1" leader="$2" pgid
  [[ "$pid" == "$leader" ]] && return 0
  pgid="$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')"
  [[ "$pgid" == "$leader" ]]
}

# True when PID runs in a container of `up --containers` for COMPONENT of this repository: the
# marker rides in its JDK_JAVA_OPTIONS (see platform/lib/containers.sh).
pid_is_container_of() {
  local pid="$1" name="$2" environ
  environ="$(tr '\0' '\n' <"/proc/${pid}/environ" 2>/dev/null | grep '^JDK_JAVA_OPTIONS=')" || return 1
  [[ "$environ" == *"-Dfirstparty.component=${name} "* && "$environ" == *"-Dfirstparty.root=${FP_ROOT}"* ]]
}

# check_ports COMPONENT PORT...: prints one line per port that is taken by something other than
# this component's running process; returns 1 if any.
check_ports() {
  local name="$1" pid port owner conflicts=0
  shift
  pid="$(component_pid "$name")"
  for port in "$@"; do
    port_in_use "$port" || continue
    owner="$(port_listener_pid "$port")"
    if [[ -n "$pid" && -n "$owner" ]] && { pid_belongs_to "$owner" "$pid" || pid_is_container_of "$owner" "$name"; }; then
      continue
    fi
    printf 'port %s (needed by %s) is taken by %s\n' "$port" "$name" "$(process_description "$owner")"
    conflicts=1
  done
  return "$conflicts"
}

# ---------------------------------------------------------------------------------------------
# Waiting
# ---------------------------------------------------------------------------------------------
tcp_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

http_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-5}" "$1" 2>/dev/null || true
}

# wait_until NAME TIMEOUT_SECONDS DESCRIPTION COMMAND...: polls COMMAND until it succeeds.
# Fails early (with the log's tail) if the component's process dies; on time-out, stops the
# component and shows the tail of its log.
wait_until() {
  local name="$1" timeout="$2" what="$3" start
  shift 3
  start="$(now_ms)"
  while ! "$@"; do
    if [[ -z "$(component_pid "$name")" ]]; then
      err "${name} exited while starting (waiting for ${what})."
      show_log_tail "$(log_file "$name")"
      return 1
    fi
    if (($(now_ms) - start > timeout * 1000)); then
      err "${name} did not become ready within ${timeout}s (waiting for ${what})."
      show_log_tail "$(log_file "$name")"
      stop_component "$name" 10 >/dev/null
      return 1
    fi
    sleep 0.5
  done
  # shellcheck disable=SC2034 # read by the callers
  FP_WAITED_MS=$(($(now_ms) - start))
}

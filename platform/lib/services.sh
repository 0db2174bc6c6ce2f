# shellcheck shell=bash
# The four firstparty services: built by Maven at the root, each run from its Quarkus fast-jar.

FP_SERVICES=(ingestion-service profile-service segment-service consent-service)
service_port() {
  case "$1" in
    ingestion-service) printf '8081\n' ;;
    profile-service) printf '8082\n' ;;
    segment-service) printf '8083\n' ;;
    consent-service) printf '8084\n' ;;
    *) return 1 ;;
  esac
}
service_url() { printf 'http://localhost:%s\n' "$(service_port "$1")"; }
service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar\n' "$FP_ROOT" "$1"; }

# Prints the reason a build is needed, or nothing when every service jar is newer than every
# source and pom of the build.
services_build_reason() {
  local svc jar oldest="" newer
  for svc in "${FP_SERVICES[@]}"; do
    jar="$(service_jar "$svc")"
    [[ -f "$jar" ]] || { printf '%s is not built\n' "$svc"; return 0; }
    if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then oldest="$jar"; fi
  done
  newer="$(find "${FP_ROOT}/pom.xml" "${FP_ROOT}/event-contracts" "${FP_ROOT}/service-kit" \
    "${FP_SERVICES[@]/#/${FP_ROOT}/}" \
    \( -name target -o -name node_modules -o -name '.*' \) -prune -o \
    -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$oldest" -print -quit 2>/dev/null)"
  [[ -n "$newer" ]] && printf '%s changed since the last build\n' "${newer#"${FP_ROOT}"/}"
  return 0
}

build_services() {
  local force="${1:-}" reason running=() svc mvn log start
  step "Services: build"
  [[ -f "${FP_ROOT}/pom.xml" ]] || die "No pom.xml at ${FP_ROOT}: the services cannot be built."
  for svc in "${FP_SERVICES[@]}"; do
    is_running "$svc" && running+=("$svc")
  done
  reason="$(services_build_reason)"
  [[ -n "$force" ]] && reason="${reason:-a build was asked for}"
  if [[ -z "$reason" ]]; then
    ok "services are up to date (no source newer than their jars)"
    return 0
  fi
  if ((${#running[@]})); then
    warn "${reason}, but ${running[*]} running: not rebuilding under them (./firstparty restart rebuilds)"
    return 0
  fi
  mvn="$(mvn_cmd)"
  log="$(log_file build)"
  info "${reason}: ${mvn#"${FP_ROOT}"/} -B -q -DskipTests package (log: ${log#"${FP_ROOT}"/})"
  start="$(now_ms)"
  if ! (cd "$FP_ROOT" && "$mvn" -B -q -DskipTests -Dstyle.color=never package) >"$log" 2>&1; then
    err "The services' build failed."
    show_log_tail "$log" 60
    exit 1
  fi
  for svc in "${FP_SERVICES[@]}"; do
    [[ -f "$(service_jar "$svc")" ]] || die "The build passed but $(service_jar "$svc") is missing."
  done
  ok "services built in $(format_duration $(($(now_ms) - start)))"
}

# The services' JVM: a fixed heap (so resident memory does not depend on when the heap grows), the
# serial collector, and capped metaspace, code cache, stacks and native buffers. With these an
# ingestion-service collection replica stays under 300 MiB resident at full load (./firstparty bench
# measures it; benchmarks/README.md says what each flag saves). FIRSTPARTY_SERVICE_JAVA_OPTS replaces
# them, for all services.
FP_SERVICE_JAVA_OPTS="${FIRSTPARTY_SERVICE_JAVA_OPTS:--Xms128m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=5000 -Dio.netty.allocator.numDirectArenas=1 -Djdk.nio.maxCachedBufferSize=262144}"
# glibc's per-thread malloc arenas would otherwise add tens of MiB on a busy service.
FP_SERVICE_MALLOC_ARENA_MAX=2

# service_up SERVICE [LAUNCHER]: starts the service unless it runs; LAUNCHER SERVICE PORT starts it
# (a process by default; platform/lib/containers.sh has the container's).
service_up() {
  local svc="$1" launcher="${2:-start_service_process}" port conflicts
  port="$(service_port "$svc")"
  if is_running "$svc"; then
    ok "${svc} already running (pid $(component_pid "$svc"), $(service_url "$svc"))"
    return 0
  fi
  if ! conflicts="$(check_ports "$svc" "$port")"; then
    err "Cannot start ${svc}: ${conflicts}"
    return 1
  fi
  rotate_log "$svc"
  "$launcher" "$svc" "$port"
  info "${svc}: starting (pid $(component_pid "$svc"))"
}

start_service_process() {
  local svc="$1" port="$2"
  (
    cd "${FP_ROOT}/${svc}" || exit 1
    export QUARKUS_HTTP_PORT="$port" MALLOC_ARENA_MAX="$FP_SERVICE_MALLOC_ARENA_MAX"
    # shellcheck disable=SC2086 # the options are words
    start_component "$svc" java $FP_SERVICE_JAVA_OPTS -Dfirstparty.component="$svc" -jar "$(service_jar "$svc")"
  )
}

service_ready() {
  [[ "$(http_status "$(service_url "$1")/q/health/ready")" == "200" ]]
}

service_wait() {
  local svc="$1"
  wait_until "$svc" "${FIRSTPARTY_SERVICE_TIMEOUT:-180}" "$(service_url "$svc")/q/health/ready" service_ready "$svc" ||
    return 1
  ok "${svc} ready on $(service_url "$svc") (+$(format_duration "$FP_WAITED_MS"))"
}

# shellcheck shell=bash
# Apache Kafka: a single-node KRaft broker from the Maven Central jars pinned by the Quarkus BOM.
#   kafka       the broker of `up`   (9092, controller 9093), storage kept in .firstparty/data/kafka
#   test-kafka  the broker of `test` (19092, controller 19093), fresh storage at every run

FP_KAFKA_PORT=9092
FP_KAFKA_CONTROLLER_PORT=9093
# A second working tree can run its tests beside this one with its own broker port and databases
# (FIRSTPARTY_TEST_KAFKA_PORT, FIRSTPARTY_TEST_DB_PREFIX).
FP_TEST_KAFKA_PORT="${FIRSTPARTY_TEST_KAFKA_PORT:-19092}"
FP_TEST_KAFKA_CONTROLLER_PORT=$((FP_TEST_KAFKA_PORT + 1))

kafka_home() { printf '%s/kafka-quarkus-%s\n' "$FP_DOWNLOADS" "$(quarkus_version)"; }
kafka_lib() { printf '%s/lib\n' "$(kafka_home)"; }

kafka_version() {
  local jar
  jar="$(find "$(kafka_lib)" -maxdepth 1 -name 'kafka_2.13-*.jar' -print -quit 2>/dev/null)"
  jar="${jar##*/kafka_2.13-}"
  printf '%s\n' "${jar%.jar}"
}

# What the broker's jars were fetched from: a change of the fetch pom or of the logging backend
# version fetches again (the Quarkus version is in the directory's name).
kafka_fetch_stamp() {
  printf '%s %s\n' "$(sha256sum "${FP_PLATFORM}/kafka/pom.xml" | cut -d' ' -f1)" \
    "$(platform_property log4j2.backend.version)"
}

# Fetches the broker (once per Quarkus version) and compiles the small client check used to
# tell when a broker is ready.
fetch_kafka() {
  local home stamp
  home="$(kafka_home)"
  stamp="$(kafka_fetch_stamp)"
  if ! compgen -G "${home}/lib/kafka_2.13-*.jar" >/dev/null ||
    [[ "$(cat "${home}/fetch.stamp" 2>/dev/null)" != "$stamp" ]]; then
    fetch_with_maven kafka "${FP_PLATFORM}/kafka/pom.xml" "$home"
    printf '%s\n' "$stamp" >"${home}/fetch.stamp"
    # Brokers of other Quarkus versions are no longer needed (unless one is still running).
    if ! is_running kafka && ! is_running test-kafka; then
      find "$FP_DOWNLOADS" -mindepth 1 -maxdepth 1 -name 'kafka-quarkus-*' ! -path "$home" -exec rm -rf {} +
    fi
  fi
  if [[ ! -f "${home}/check/KafkaCheck.class" || "${FP_PLATFORM}/kafka/KafkaCheck.java" -nt "${home}/check/KafkaCheck.class" ]]; then
    mkdir -p "${home}/check"
    javac -nowarn -d "${home}/check" -cp "${home}/lib/*" "${FP_PLATFORM}/kafka/KafkaCheck.java" ||
      die "Could not compile platform/kafka/KafkaCheck.java."
  fi
}

# kafka_check ready|roundtrip|topics BOOTSTRAP
kafka_check() {
  java -cp "$(kafka_home)/check:$(kafka_lib)/*" KafkaCheck "$@"
}

# kafka_write_config CONFIG_FILE BROKER_PORT CONTROLLER_PORT DATA_DIR
kafka_write_config() {
  sed -e "s#@BROKER_PORT@#$2#g" -e "s#@CONTROLLER_PORT@#$3#g" -e "s#@LOG_DIRS@#$4#g" \
    "${FP_PLATFORM}/kafka/server.properties.template" >"$1"
}

# KRaft cluster ids are 16 random bytes in URL-safe base64 without padding.
kafka_random_cluster_id() {
  head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

# kafka_java_opts NAME: JVM options shared by the storage tool and the broker.
kafka_java_opts() {
  printf '%s\n' "-Dfirstparty.component=$1" \
    "-Dlog4j2.configurationFile=${FP_PLATFORM}/kafka/log4j2.xml" \
    "-Dfirstparty.kafka.log.file=$(log_file "$1")"
}

# kafka_format NAME CONFIG DATA_DIR: formats the storage unless it already is.
kafka_format() {
  local name="$1" config="$2" data="$3" opts
  [[ -f "${data}/meta.properties" ]] && return 0
  mkdir -p "$data"
  mapfile -t opts < <(kafka_java_opts "$name")
  if ! java "${opts[@]}" -cp "$(kafka_lib)/*" kafka.tools.StorageTool format --standalone \
      --cluster-id="$(kafka_random_cluster_id)" --config "$config" >>"$(log_file "$name")" 2>&1; then
    err "Formatting the Kafka storage in ${data#"${FP_ROOT}"/} failed."
    show_log_tail "$(log_file "$name")"
    return 1
  fi
  info "${name}: storage formatted (${data#"${FP_ROOT}"/})"
}

# kafka_start NAME BROKER_PORT CONTROLLER_PORT DATA_DIR: formats if needed, starts and waits.
kafka_start() {
  local name="$1" port="$2" cport="$3" data="$4" config opts conflicts
  config="$(dirname "$data")/${name}.server.properties"
  if is_running "$name"; then
    ok "${name} already running (pid $(component_pid "$name"), localhost:${port})"
    return 0
  fi
  if ! conflicts="$(check_ports "$name" "$port" "$cport")"; then
    err "Cannot start ${name}: ${conflicts}"
    return 1
  fi
  rotate_log "$name"
  kafka_write_config "$config" "$port" "$cport" "$data"
  kafka_format "$name" "$config" "$data" || return 1
  mapfile -t opts < <(kafka_java_opts "$name")
  start_component "$name" java -Xms128m -Xmx512m "${opts[@]}" -cp "$(kafka_lib)/*" kafka.Kafka "$config"
  info "${name}: starting (pid $(component_pid "$name"))"
}

# kafka_wait NAME PORT: the port accepts connections and the broker answers a metadata request.
kafka_wait() {
  local name="$1" port="$2"
  local start
  start="$(now_ms)"
  if ! wait_until "$name" "${FIRSTPARTY_KAFKA_TIMEOUT:-60}" "port ${port}" tcp_open "$port"; then
    if [[ "$name" == kafka ]]; then
      info "If the log says the storage was written by a newer Kafka (the Quarkus version of the root"
      info "pom went down), remove ${FP_DATA#"${FP_ROOT}"/}/kafka to start from empty local topics."
    fi
    return 1
  fi
  if ! kafka_check ready "localhost:${port}" >/dev/null; then
    err "${name} accepts connections on ${port} but does not answer metadata requests."
    show_log_tail "$(log_file "$name")"
    return 1
  fi
  ok "${name} ready on localhost:${port} (Kafka $(kafka_version), +$(format_duration $(($(now_ms) - start))))"
}

kafka_up() {
  kafka_start kafka "$FP_KAFKA_PORT" "$FP_KAFKA_CONTROLLER_PORT" "${FP_DATA}/kafka"
}

# The test broker: fresh storage every run.
test_kafka_start() {
  local data="${FP_STATE}/test-kafka"
  if is_running test-kafka; then
    info "a test broker of an earlier run is still running: stopping it"
    stop_component test-kafka 20
  fi
  rm -rf "$data"
  mkdir -p "$data"
  kafka_start test-kafka "$FP_TEST_KAFKA_PORT" "$FP_TEST_KAFKA_CONTROLLER_PORT" "${data}/storage"
}

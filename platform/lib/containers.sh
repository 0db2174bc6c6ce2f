# shellcheck shell=bash
# Container images of the four services, built and run with podman (no registry, no Docker needed).
#
#   ./firstparty images            the JRE base image (once), then one image per service
#   ./firstparty up --containers   the platform of `up`, with the services as containers
#
# No registry is reachable from every machine, so the JRE 17 base image is made here from Debian's
# packages (debootstrap) and imported into podman's store; the Dockerfiles default to a public JRE
# image (BASE_IMAGE) and are given this one instead.

FP_IMAGE_TAG="${FIRSTPARTY_IMAGE_TAG:-dev}"
FP_BASE_IMAGE="localhost/firstparty/jre17-base:bookworm"
FP_DEBIAN_MIRROR="${FIRSTPARTY_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

service_image() { printf 'localhost/firstparty/%s:%s\n' "$1" "$FP_IMAGE_TAG"; }
service_dockerfile() { printf '%s/%s/src/main/docker/Dockerfile\n' "$FP_ROOT" "$1"; }

# podman as this machine allows it: cgroupfs and runc (the sandbox refuses systemd cgroups and
# crun), events in a file (there is no journald).
fp_podman() {
  podman --cgroup-manager=cgroupfs --runtime runc --events-backend=file "$@"
}

ensure_container_tools() {
  need_cmd podman
  need_cmd buildah
  need_cmd runc
  need_cmd debootstrap
}

base_image_present() { fp_podman image exists "$FP_BASE_IMAGE" 2>/dev/null; }

# Debian bookworm with the JRE 17 only, as a root directory imported into podman.
ensure_base_image() {
  local root log start
  if base_image_present; then
    ok "base image ${FP_BASE_IMAGE} present"
    return 0
  fi
  ensure_state_dirs
  root="${FP_DATA}/jre17-rootfs"
  log="$(log_file images)"
  start="$(now_ms)"
  info "making ${FP_BASE_IMAGE}: debootstrap bookworm with openjdk-17-jre-headless (log: ${log#"${FP_ROOT}"/})"
  rm -rf "$root"
  if ! debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$root" "$FP_DEBIAN_MIRROR" >>"$log" 2>&1; then
    err "debootstrap failed."
    show_log_tail "$log" 30
    return 1
  fi
  # Package caches, lists and documentation are of no use in an image.
  rm -rf "${root}/var/cache/apt/archives/"*.deb "${root}/var/lib/apt/lists/"* \
    "${root}/usr/share/doc" "${root}/usr/share/man" "${root}/usr/share/info" "${root}/usr/share/locale"
  if ! tar -C "$root" -c . | fp_podman import \
      --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
      --change 'CMD ["/bin/bash"]' - "$FP_BASE_IMAGE" >>"$log" 2>&1; then
    err "podman import of the base image failed."
    show_log_tail "$log" 30
    return 1
  fi
  rm -rf "$root"
  ok "base image ${FP_BASE_IMAGE} made in $(format_duration $(($(now_ms) - start)))"
}

# build_service_image SERVICE: one image from the service's fast-jar (target/quarkus-app).
build_service_image() {
  local svc="$1" log start
  [[ -f "$(service_jar "$svc")" ]] || die "$(service_jar "$svc") is missing: build the services first."
  log="$(log_file images)"
  start="$(now_ms)"
  if ! fp_podman build --format docker --quiet --build-arg BASE_IMAGE="$FP_BASE_IMAGE" \
      -f "$(service_dockerfile "$svc")" -t "$(service_image "$svc")" "${FP_ROOT}/${svc}" >>"$log" 2>&1; then
    err "The image of ${svc} did not build."
    show_log_tail "$log" 30
    return 1
  fi
  # The image this one replaced under the same tag is of no further use.
  fp_podman image prune -f --filter "label=org.opencontainers.image.title=firstparty ${svc}" >/dev/null 2>&1 || true
  ok "$(service_image "$svc")  $(image_size "$svc")  ($(format_duration $(($(now_ms) - start))))"
}

image_size() {
  fp_podman image inspect --format '{{.Size}}' "$(service_image "$1")" |
    awk '{ printf "%.0f MB", $1 / 1000000 }'
}

# images [--no-build] [SERVICE...]: the base image when missing, the services' jars when stale
# (--no-build: the jars as they are, e.g. from the Maven build that runs the image test), then the
# images.
cmd_images() {
  local start svc build=1 services=()
  for svc in "$@"; do
    case "$svc" in
      --no-build) build="" ;;
      -*) die "images: unknown option '${svc}' (see ./firstparty help)" ;;
      *) services+=("$svc") ;;
    esac
  done
  ((${#services[@]})) || services=("${FP_SERVICES[@]}")
  for svc in "${services[@]}"; do
    service_port "$svc" >/dev/null || die "images: unknown service '${svc}' (one of: ${FP_SERVICES[*]})"
  done
  start="$(now_ms)"
  ensure_state_dirs
  ensure_base_tools
  step "Container tools"
  ensure_container_tools
  ok "podman $(podman --version | awk '{print $3}')"
  step "Base image"
  ensure_base_image || exit 1
  [[ -n "$build" ]] && build_services ""
  step "Service images"
  for svc in "${services[@]}"; do
    build_service_image "$svc" || exit 1
  done
  printf '\nfirstparty images: %s image(s) in %s.\n' "${#services[@]}" "$(format_duration $(($(now_ms) - start)))"
}

# A service as a container of `up --containers` (the launcher given to service_up). The attached
# `podman run` is the component's process, so status, logs and down treat it as they treat a
# service process: the marker of component_pid rides in JDK_JAVA_OPTIONS, which is on podman's
# command line, and SIGTERM to podman stops the container (podman forwards signals).
start_service_container() {
  local svc="$1" port="$2" key=()
  # By name: podman takes the value from the environment start_component gives consent-service.
  if [[ "$svc" == consent-service ]]; then
    key=(-e FIRSTPARTY_OBJECTION_SECRET)
  fi
  fp_podman rm -f --ignore "firstparty-${svc}" >/dev/null 2>&1 || true
  start_component "$svc" podman --cgroup-manager=cgroupfs --runtime runc --events-backend=file \
    run --rm --name "firstparty-${svc}" --network host \
    --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 --read-only --tmpfs /tmp \
    -e QUARKUS_HTTP_PORT="$port" \
    -e FIRSTPARTY_DB_HOST=127.0.0.1 -e FIRSTPARTY_DB_PORT="$FP_PG_PORT" -e FIRSTPARTY_DB_USER="$FP_PG_ROLE" \
    -e FIRSTPARTY_KAFKA="localhost:${FP_KAFKA_PORT}" -e FIRSTPARTY_OIDC_URL="$FP_ISSUER" \
    -e MALLOC_ARENA_MAX="$FP_SERVICE_MALLOC_ARENA_MAX" "${key[@]}" \
    -e JDK_JAVA_OPTIONS="${FP_SERVICE_JAVA_OPTS} -Dfirstparty.component=${svc} -Dfirstparty.root=${FP_ROOT}" \
    "$(service_image "$svc")"
}

# Containers whose podman process went away without them (e.g. after a SIGKILL).
remove_service_containers() {
  command -v podman >/dev/null 2>&1 || return 0
  local svc
  for svc in "${FP_SERVICES[@]}"; do
    fp_podman rm -f --ignore "firstparty-${svc}" >/dev/null 2>&1 || true
  done
}

# For `up --containers`: the images of the current jars (an unchanged jar reuses podman's cache).
ensure_service_images() {
  local svc
  step "Service images"
  ensure_container_tools
  ensure_base_image || exit 1
  for svc in "${FP_SERVICES[@]}"; do
    build_service_image "$svc" || exit 1
  done
}

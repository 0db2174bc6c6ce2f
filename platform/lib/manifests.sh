# shellcheck shell=bash
# Plain Kubernetes manifests for teams without Helm: the chart k8s/firstparty rendered with its
# defaults into k8s/manifests/firstparty.yaml. The chart tests render the same way and fail when
# the committed file differs, so it never drifts from the chart.

cmd_manifests() {
  local mvn log start
  ensure_state_dirs
  ensure_base_tools
  mvn="$(mvn_cmd)"
  log="$(log_file manifests)"
  start="$(now_ms)"
  step "Rendering k8s/firstparty into k8s/manifests/firstparty.yaml (log: ${log#"${FP_ROOT}"/})"
  if ! (cd "$FP_ROOT" && "$mvn" -B -Dstyle.color=never -pl k8s/chart-tests -am test \
      -Dtest=PlainManifestsTest -Dsurefire.failIfNoSpecifiedTests=false -Dfirstparty.manifests.update=true) >"$log" 2>&1; then
    err "Rendering the manifests failed."
    show_log_tail "$log" 40
    exit 1
  fi
  ok "k8s/manifests/firstparty.yaml written ($(grep -c '^kind:' "${FP_ROOT}/k8s/manifests/firstparty.yaml") objects, $(format_duration $(($(now_ms) - start))))"
}

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

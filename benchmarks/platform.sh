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

# bench_token DIR ROLE: a key pair in DIR and a JWT signed with it (RS256, issuer firstparty-bench,
# an hour long, carrying ROLE), so that a service told to trust the key admits the benchmark without
# Keycloak. Sets BENCH_TOKEN and BENCH_PUBLIC_KEY (the key as QUARKUS_OIDC_PUBLIC_KEY takes it).
bench_token() {
  local dir="$1" role="$2" header payload signature now
  b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "${dir}/key.pem" 2>/dev/null
  BENCH_PUBLIC_KEY="$(openssl pkey -in "${dir}/key.pem" -pubout | grep -v -- '-----' | tr -d '\n')"
  now="$(date +%s)"
  header="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)"
  payload="$(printf '{"iss":"firstparty-bench","sub":"bench","aud":"firstparty-services","iat":%s,"exp":%s,"realm_access":{"roles":["%s"]}}' \
    "$now" "$((now + 3600))" "$role" | b64url)"
  signature="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "${dir}/key.pem" -binary | b64url)"
  BENCH_TOKEN="${header}.${payload}.${signature}"
}

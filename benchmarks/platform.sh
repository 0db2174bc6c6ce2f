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

# shellcheck shell=bash
# PostgreSQL: the system's own server (Debian packages). ./firstparty installs and starts it when
# needed, creates the role and the databases, and never stops it.

FP_PG_HOST="127.0.0.1"
FP_PG_PORT="5432"
FP_PG_ROLE="firstparty"
FP_DATABASES=(firstparty_ingestion firstparty_profile firstparty_segment firstparty_consent)
FP_TEST_DB_PREFIX="${FIRSTPARTY_TEST_DB_PREFIX:-firstparty_test}"
# Each service's own tests use <prefix>_<service>; the system tests run the four services together on
# <prefix>_system_<service>.
FP_TEST_DATABASES=()
for _db in ingestion profile segment consent; do
  FP_TEST_DATABASES+=("${FP_TEST_DB_PREFIX}_${_db}" "${FP_TEST_DB_PREFIX}_system_${_db}")
done
unset _db

# psql as the postgres superuser over the local socket (peer or trust authentication).
pg_admin() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$FP_PG_PORT" "$@")
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    (cd / && sudo -n -u postgres psql -X -q -v ON_ERROR_STOP=1 -p "$FP_PG_PORT" "$@")
  else
    psql -X -q -v ON_ERROR_STOP=1 -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U postgres "$@"
  fi
}

pg_ready() {
  pg_isready -q -h "$FP_PG_HOST" -p "$FP_PG_PORT" 2>/dev/null
}

ensure_postgres() {
  step "PostgreSQL"
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    info "PostgreSQL is not installed: installing Debian's postgresql package"
    apt_install postgresql
  fi
  if ! pg_ready; then
    local version
    version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$version" ]] || die "No PostgreSQL cluster found under /etc/postgresql."
    if [[ ! -d "/etc/postgresql/${version}/main" ]]; then
      info "creating cluster ${version}/main"
      as_root pg_createcluster "$version" main --port "$FP_PG_PORT" >/dev/null
    fi
    info "starting cluster ${version}/main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
      die "Could not start PostgreSQL ${version}/main (see /var/log/postgresql/)."
    for _ in $(seq 1 60); do
      pg_ready && break
      sleep 0.5
    done
    pg_ready || die "PostgreSQL does not accept connections on ${FP_PG_HOST}:${FP_PG_PORT}."
  fi
  ok "PostgreSQL accepts connections on ${FP_PG_HOST}:${FP_PG_PORT}"
  ensure_pg_role
}

ensure_pg_role() {
  if [[ "$(pg_admin -tA -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '${FP_PG_ROLE}'")" != "1" ]]; then
    pg_admin -d postgres -c "CREATE ROLE ${FP_PG_ROLE} LOGIN"
    ok "role ${FP_PG_ROLE} created"
  fi
  ensure_pg_passwordless_login
}

# The services connect as 'firstparty' over TCP without a password. A machine set up with trust
# authentication needs nothing; a fresh Debian install asks for a password on TCP, so the role
# gets a trust rule for the loopback addresses only.
ensure_pg_passwordless_login() {
  if psql -X -q -w -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
    return 0
  fi
  local hba
  hba="$(pg_admin -tA -d postgres -c 'SHOW hba_file')"
  [[ -n "$hba" ]] || die "Role ${FP_PG_ROLE} cannot log in without a password, and pg_hba.conf was not found."
  info "allowing role ${FP_PG_ROLE} to connect from loopback without a password (${hba})"
  as_root sed -i "1i host all ${FP_PG_ROLE} 127.0.0.1/32 trust\nhost all ${FP_PG_ROLE} ::1/128 trust" "$hba"
  pg_admin -d postgres -c 'SELECT pg_reload_conf()' >/dev/null
  sleep 0.5
  psql -X -q -w -h "$FP_PG_HOST" -p "$FP_PG_PORT" -U "$FP_PG_ROLE" -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 ||
    die "Role ${FP_PG_ROLE} still cannot log in on ${FP_PG_HOST}:${FP_PG_PORT}."
}

pg_database_exists() {
  [[ "$(pg_admin -tA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" == "1" ]]
}

ensure_databases() {
  local db created=()
  for db in "${FP_DATABASES[@]}"; do
    if ! pg_database_exists "$db"; then
      pg_admin -d postgres -c "CREATE DATABASE ${db} OWNER ${FP_PG_ROLE}"
      created+=("$db")
    fi
  done
  if ((${#created[@]})); then
    ok "databases created: ${created[*]}"
  else
    ok "databases present: ${FP_DATABASES[*]}"
  fi
  ensure_consent_owner firstparty_consent
}

recreate_test_databases() {
  local db
  for db in "${FP_TEST_DATABASES[@]}"; do
    pg_admin -d postgres -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)"
    pg_admin -d postgres -c "CREATE DATABASE ${db} OWNER ${FP_PG_ROLE}"
  done
  ok "test databases re-created: ${FP_TEST_DATABASES[*]}"
  ensure_consent_owner "${FP_TEST_DB_PREFIX}_consent" "${FP_TEST_DB_PREFIX}_system_consent"
}

# The consent ledger is append-only even for consent-service itself: its migrations run as a second
# role that owns the consent database and its tables, while the role the service runs with may only
# read and insert ledger rows (the migrations grant exactly that).
FP_CONSENT_OWNER_ROLE="firstparty_consent_owner"

ensure_consent_owner() {
  local db
  if [[ "$(pg_admin -tA -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '${FP_CONSENT_OWNER_ROLE}'")" != "1" ]]; then
    pg_admin -d postgres -c "CREATE ROLE ${FP_CONSENT_OWNER_ROLE} LOGIN"
    ok "role ${FP_CONSENT_OWNER_ROLE} created"
  fi
  FP_PG_ROLE="$FP_CONSENT_OWNER_ROLE" ensure_pg_passwordless_login
  for db in "$@"; do
    pg_database_exists "$db" || continue
    # Tables an earlier version created as the service's role change hands too.
    pg_admin -d "$db" -c "ALTER DATABASE ${db} OWNER TO ${FP_CONSENT_OWNER_ROLE}" \
      -c "DO \$\$ DECLARE t record; BEGIN
            FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = '${FP_PG_ROLE}' LOOP
              EXECUTE format('ALTER TABLE public.%I OWNER TO ${FP_CONSENT_OWNER_ROLE}', t.tablename);
            END LOOP; END \$\$"
  done
}

postgres_status_line() {
  if pg_ready; then
    printf '%-18s %-8s %-8s %-12s %s\n' postgresql running "-" "$FP_PG_PORT" "ok (system service)"
  else
    printf '%-18s %-8s %-8s %-12s %s\n' postgresql stopped "-" "$FP_PG_PORT" "-"
  fi
}

#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, on 127.0.0.1 only.
#
#   scripts/services/postgres.sh start   # idempotent; writes $MCPEMAILS_TEST_ENV_DIR/postgres.env
#   scripts/services/postgres.sh stop    # leaves no process behind
#
# Layout under ${MCPEMAILS_TEST_ENV_DIR:-/tmp/mcpemails-test}/postgres: data/ (the cluster), run/ (Unix socket),
# server.log, password (the role's password, generated once). The cluster runs as the `postgres` system user when
# this script runs as root (PostgreSQL refuses to run as root), else as the calling user.
# Environment: MCPEMAILS_TEST_POSTGRES_PORT (default 15432).
set -euo pipefail

env_dir="${MCPEMAILS_TEST_ENV_DIR:-/tmp/mcpemails-test}"
base="$env_dir/postgres"
data="$base/data"
run="$base/run"
log="$base/server.log"
port="${MCPEMAILS_TEST_POSTGRES_PORT:-15432}"
role="mcpemails"
database="mcpemails_test"
wait_seconds=60

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && [ -x "$dir/postgres" ] || die "PostgreSQL binaries not found in /usr/lib/postgresql/*/bin (run scripts/install-deps)"
  echo "$dir"
}

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

owner() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

is_running() { [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

init_cluster() {
  mkdir -p "$base" "$run"
  chmod 0755 "$env_dir" 2>/dev/null || true
  chown "$(owner)" "$base" "$run"
  chmod 0700 "$base"
  as_owner test -w "$base" || die "the $(owner) user cannot reach $base: choose an MCPEMAILS_TEST_ENV_DIR it can traverse"
  if [ ! -s "$base/password" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$base/password")
    chown "$(owner)" "$base/password"
  fi
  [ -f "$data/PG_VERSION" ] && return 0
  rm -rf "$data"
  as_owner "$bin/initdb" -D "$data" --username=postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; die "initdb failed"; }
  cat >>"$data/postgresql.conf" <<EOF
# Throw-away test cluster (scripts/services/postgres.sh).
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$run'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 64MB
EOF
  cat >"$data/pg_hba.conf" <<EOF
local all postgres trust
host  all all 127.0.0.1/32 scram-sha-256
EOF
}

start_server() {
  as_owner "$bin/pg_ctl" -D "$data" -l "$log" -o "-p $port" -w -t "$wait_seconds" start >/dev/null \
    || { tail -n 30 "$log" >&2 || true; die "server did not start within ${wait_seconds}s"; }
  local i
  for i in $(seq 1 "$wait_seconds"); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && return 0
    sleep 1
  done
  die "server not ready on 127.0.0.1:$port within ${wait_seconds}s"
}

provision() {
  local password sql
  password="$(cat "$base/password")"
  sql="DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
      CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
    ELSE
      ALTER ROLE $role LOGIN CREATEDB PASSWORD '$password';
    END IF;
  END \$\$;"
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$run" -p "$port" -U postgres -d postgres -c "$sql" >/dev/null
  if ! as_owner "$bin/psql" -X -tA -h "$run" -p "$port" -U postgres -d postgres \
      -c "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$run" -p "$port" -U postgres -d postgres \
      -c "CREATE DATABASE $database OWNER $role" >/dev/null
  fi
  mkdir -p "$env_dir"
  printf 'export MCPEMAILS_TEST_POSTGRES_URL=postgres://%s:%s@127.0.0.1:%s/%s\n' \
    "$role" "$password" "$port" "$database" >"$env_dir/postgres.env"
}

stop_server() {
  [ -d "$data" ] || return 0
  local pid="" i
  if is_running; then
    pid="$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)"
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    as_owner "$bin/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
  fi
  # pg_ctl returns once postmaster.pid is gone, a moment before the process itself exits: wait for it.
  for i in $(seq 1 100); do
    { [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; } && break
    [ "$i" -eq 50 ] && { kill -9 "$pid" 2>/dev/null || true; }
    sleep 0.1
  done
  rm -f "$env_dir/postgres.env"
}

bin="$(find_bin)"
case "${1:-}" in
  start)
    init_cluster
    is_running || start_server
    provision
    echo "postgres.sh: ready on 127.0.0.1:$port (env in $env_dir/postgres.env)"
    ;;
  stop)
    stop_server
    ;;
  *)
    die "usage: $0 start|stop"
    ;;
esac

# Shared shell helpers for a private PostgreSQL cluster (sourced by scripts/test and scripts/bench).
# A cluster lives in one folder; when run as root, everything runs as the `postgres` user,
# because PostgreSQL refuses to run as root.

pg_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_packages() {
  local missing=()
  command -v swift >/dev/null 2>&1 || { echo "swift is not on PATH (expected /opt/swift/usr/bin)" >&2; return 1; }
  pg_bin_dir >/dev/null || missing+=(postgresql)
  [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
  [ -f /usr/include/openssl/sha.h ] || missing+=(libssl-dev)
  [ -n "${EXTRA_PACKAGES:-}" ] && for p in $EXTRA_PACKAGES; do command -v "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# as_pg_owner CMD...: run CMD as the cluster owner (postgres when we are root).
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_cluster DIR PORT: initdb DIR if new, then start it listening on 127.0.0.1:PORT
# with its socket inside DIR. Prints nothing on success.
start_cluster() {
  local dir="$1" port="$2" bin
  bin="$(pg_bin_dir)"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg_owner "$bin/initdb" -D "$dir/data" -U atelier --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  as_pg_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
    || { cat "$dir/postgres.log" >&2; return 1; }
}

stop_cluster() {
  local dir="$1" bin
  bin="$(pg_bin_dir)"
  [ -f "$dir/data/postmaster.pid" ] && as_pg_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  return 0
}

# Shared shell helpers, sourced by scripts/start, scripts/test and scripts/bench.
#
# A private PostgreSQL cluster lives in one folder DIR:
#   DIR/data            the cluster (initdb), DIR/postgres.log  the server log,
#   DIR/initdb.log      initdb's output,      DIR/.s.PGSQL.PORT the unix socket.
# When run as root, initdb/pg_ctl run as the `postgres` user (PostgreSQL refuses to run as
# root) and DIR is chowned to it. The cluster listens on 127.0.0.1 only, with trust auth for
# a superuser `atelier`: fine for a private, loopback-only, throw-away or developer cluster.

# ensure_swift: put the toolchain on PATH when it is installed in /opt/swift but not on PATH.
ensure_swift() {
  if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
  fi
  command -v swift >/dev/null 2>&1 || {
    echo "error: swift is not on PATH (install Swift 6 or put /opt/swift/usr/bin on PATH)" >&2
    return 1
  }
}

# pg_bin_dir: the newest /usr/lib/postgresql/N/bin holding initdb (numeric sort: 17 > 9).
pg_bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | while read -r d; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && echo "$d"; done | tail -n1)"
  [ -n "$dir" ] || return 1
  echo "$dir"
}

# ensure_packages [EXTRA_DEB...]: apt-get install whatever is missing among PostgreSQL's server,
# libpq-dev, libssl-dev, pkg-config (SwiftPM reads libpq's and openssl's flags through it) and
# the extra Debian packages named (each checked by `command -v NAME`). apt-get update runs only
# when something is missing, so a second run costs nothing.
ensure_packages() {
  local missing=() p
  pg_bin_dir >/dev/null || missing+=(postgresql)
  [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
  [ -f /usr/include/openssl/sha.h ] || missing+=(libssl-dev)
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
  for p in "$@"; do command -v "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing with apt: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq >/dev/null || { echo "error: apt-get update failed" >&2; return 1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "error: apt-get install ${missing[*]} failed" >&2; return 1; }
  pg_bin_dir >/dev/null || { echo "error: PostgreSQL installed but no /usr/lib/postgresql/*/bin/initdb found" >&2; return 1; }
}

# as_pg_owner CMD...: run CMD as the cluster owner (postgres when we are root).
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# port_in_use PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port [LOW] [HIGH]: print a port in [LOW, HIGH] that nothing listens on. The default,
# 20000-29999, lies below Linux's ephemeral range (32768-60999), so no outgoing connection of
# a test or of wrk can be holding it.
free_port() {
  local low="${1:-20000}" high="${2:-29999}" port
  for _ in $(seq 1 50); do
    port=$(( low + RANDOM % (high - low + 1) ))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  echo "error: no free port found in $low-$high" >&2
  return 1
}

# start_cluster DIR PORT [POSTGRES_OPTION...]: initdb DIR/data if new (UTF8, C.UTF-8, fsync on),
# then start it on 127.0.0.1:PORT with its socket in DIR. Extra options go to postgres, e.g.
# "-c fsync=off" for a throw-away test cluster. Prints nothing on success; on failure prints the
# log that explains it and returns 1.
start_cluster() {
  local dir="$1" port="$2" bin
  shift 2
  bin="$(pg_bin_dir)" || { echo "error: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)" >&2; return 1; }
  case "$dir" in *" "* | *"'"*) echo "error: cluster folder must not contain spaces or quotes: $dir" >&2; return 1 ;; esac
  if [ $(( ${#dir} + 15 )) -gt 107 ]; then
    echo "error: cluster folder path too long for a unix socket (max ~92 chars): $dir" >&2; return 1
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir"
    runuser -u postgres -- test -w "$dir" || {
      echo "error: user postgres cannot reach $dir (a parent folder is not searchable by others)" >&2; return 1; }
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg_owner "$bin/initdb" -D "$dir/data" -U atelier --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { echo "error: initdb failed, see $dir/initdb.log:" >&2; cat "$dir/initdb.log" >&2; return 1; }
  fi
  # setsid: the server gets its own session, so a Ctrl-C meant for the caller does not reach it;
  # the caller's trap stops it in order instead.
  as_pg_owner setsid -w "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 $*" start >"$dir/pg_ctl.log" 2>&1 \
    || { echo "error: PostgreSQL did not start on 127.0.0.1:$port, see $dir/postgres.log:" >&2
         tail -n 20 "$dir/postgres.log" >&2 2>/dev/null; return 1; }
}

# start_cluster_on_free_port DIR [POSTGRES_OPTION...]: like start_cluster on a free port,
# retrying on another port if the chosen one was taken meanwhile. Sets PG_PORT.
start_cluster_on_free_port() {
  local dir="$1"
  shift
  for _ in 1 2 3 4 5; do
    PG_PORT="$(free_port)" || return 1
    if start_cluster "$dir" "$PG_PORT" "$@" 2>"$dir.start-error"; then
      rm -f "$dir.start-error"; return 0
    fi
    grep -q "could not bind\|Address already in use" "$dir/postgres.log" 2>/dev/null || break
    : >"$dir/postgres.log"
  done
  cat "$dir.start-error" >&2; rm -f "$dir.start-error"
  return 1
}

# stop_cluster DIR: fast shutdown if running (rolls back open transactions, waits). Never fails.
stop_cluster() {
  local dir="$1" bin
  bin="$(pg_bin_dir)" || return 0
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_pg_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
    || as_pg_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  return 0
}

# make_temp_dir PREFIX: a new empty folder under /tmp (short path: the socket lives in it, and
# /tmp is searchable by the postgres user, unlike /root).
make_temp_dir() {
  mktemp -d "/tmp/$1.XXXXXX"
}

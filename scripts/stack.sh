#!/usr/bin/env bash
# Sets up and starts the project's local services. Sourced by the Makefile's targets:
#   scripts/stack.sh setup [--browser]    system packages, virtualenv, npm packages, translations
#   scripts/stack.sh up PROFILE            start PostgreSQL and Redis for PROFILE (dev|test), print env
#   scripts/stack.sh down PROFILE          stop what `up` started for PROFILE
#   scripts/stack.sh env PROFILE           print the environment for PROFILE (no start)
#
# Each profile keeps its own PostgreSQL cluster and Redis under var/<profile>/ (or under /tmp when the
# checkout's parent folders are not traversable by the postgres user), so `make test` never touches the
# data of `make run`. Only processes this script started are ever stopped: pids come from pid files.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
PG_BIN=${PG_BIN:-}
log() { printf '\033[1;34m[satu-inovasi]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[satu-inovasi]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        die "Need root (or sudo) to run: $*"; fi
}

find_pg_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && PG_BIN=$d
    done
    [ -n "$PG_BIN" ]
}

apt_install() {
    # apt-get update once per setup, then install the named packages without recommends.
    if [ -z "${_APT_UPDATED:-}" ]; then
        log "apt-get update"
        as_root apt-get update -qq >/dev/null
        _APT_UPDATED=1
    fi
    # The project runs its own clusters: Debian's package must not create and start a system one on 5432.
    if [[ " $* " == *" postgresql "* ]]; then
        as_root mkdir -p /etc/postgresql-common
        echo "create_main_cluster = false" | as_root tee /etc/postgresql-common/createcluster.conf >/dev/null
    fi
    log "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confold "$@" >/dev/null
    # Nor should a system Redis keep running on 6379 beside ours.
    if [[ " $* " == *" redis-server "* ]] && command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
        as_root systemctl disable --now redis-server >/dev/null 2>&1 || true
    fi
}

setup_system() {
    local want=()
    find_pg_bin || want+=(postgresql)
    command -v redis-server >/dev/null || want+=(redis-server)
    command -v msgfmt >/dev/null || want+=(gettext)
    command -v npm >/dev/null || want+=(nodejs npm)
    python3 -c 'import venv, ensurepip' 2>/dev/null || want+=(python3-venv)
    # WeasyPrint (the scorecard PDF) draws text with Pango and HarfBuzz and needs fonts it can embed.
    ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || want+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b)
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || want+=(fonts-dejavu-core)
    if [ "${1:-}" = "--browser" ]; then
        [ -x /usr/bin/chromium ] || want+=(chromium)
    fi
    if [ ${#want[@]} -gt 0 ]; then apt_install "${want[@]}"; fi
    find_pg_bin || die "PostgreSQL server binaries not found after install"
}

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

setup_python() {
    local sum
    sum=$(cat "$ROOT/requirements.lock" "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)
    if [ ! -x "$VENV/bin/python" ]; then
        log "creating virtual environment"
        python3 -m venv "$VENV"
    fi
    if ! stamp_ok "$VENV/.lock-stamp" "$sum"; then
        log "installing Python packages (requirements.lock)"
        if [ ! -x "$VENV/bin/uv" ]; then
            "$VENV/bin/python" -m pip --version >/dev/null 2>&1 || "$VENV/bin/python" -m ensurepip >/dev/null
            # uv installs the locked set in seconds; pip's own "Location ... is ignored" noise is dropped.
            "$VENV/bin/python" -m pip install -q --disable-pip-version-check uv 2>&1 | { grep -v 'is ignored' || true; }
        fi
        UV_PYTHON_DOWNLOADS=never VIRTUAL_ENV="$VENV" "$VENV/bin/uv" pip sync -q --python "$VENV/bin/python" \
            "$ROOT/requirements.lock"
        VIRTUAL_ENV="$VENV" "$VENV/bin/uv" pip install -q --python "$VENV/bin/python" uv >/dev/null
        echo "$sum" >"$VENV/.lock-stamp"
    fi
}

setup_node() {
    local sum
    sum=$(sha256sum "$ROOT/package-lock.json" | cut -c1-16)
    if ! stamp_ok "$ROOT/node_modules/.lock-stamp" "$sum"; then
        log "installing front-end packages (npm ci)"
        (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
        echo "$sum" >"$ROOT/node_modules/.lock-stamp"
    fi
}

setup_messages() {
    # compilemessages only when a .po file is newer than its .mo
    local po mo stale=0
    while IFS= read -r po; do
        mo="${po%.po}.mo"
        if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then stale=1; fi
    done < <(find "$ROOT/locale" -name '*.po')
    if [ $stale = 1 ]; then
        log "compiling translations"
        (cd "$ROOT" && DJANGO_SETTINGS_MODULE=config.settings.base "$VENV/bin/python" manage.py compilemessages \
            --ignore=.venv --ignore=node_modules -v0)
    fi
}

# --- services ---------------------------------------------------------------------------------------------

var_dir() {
    # var/<profile> inside the checkout when postgres can reach it, otherwise a folder under /tmp keyed by
    # the checkout path (postgres must traverse every parent of its data directory).
    local profile=$1 base="$ROOT/var"
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
        # /var/lib survives a reboot (Debian empties /tmp at boot).
        base="/var/lib/satu-inovasi/$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
    fi
    echo "$base/$profile"
}

free_port() {
    "$VENV/bin/python" - "$1" <<'PY'
import socket, sys
start = int(sys.argv[1])
for port in range(start, start + 200):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
PY
}

port_for() {
    # Keep a port per profile and service in var/, so that a restart reuses it when it is still free.
    local file=$1 start=$2 port
    if [ -f "$file" ]; then
        port=$(cat "$file")
    else
        port=$(free_port "$start")
        echo "$port" >"$file"
    fi
    echo "$port"
}

pg_running() { [ -f "$1/postmaster.pid" ] && "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

run_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_up() {
    local profile=$1 dir pgdata port opts
    dir=$(var_dir "$profile")
    pgdata="$dir/pgdata"
    mkdir -p "$dir"
    find_pg_bin || die "PostgreSQL is not installed: run 'make setup'"
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        log "initialising PostgreSQL cluster in $pgdata"
        mkdir -p "$pgdata"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir" "$pgdata"
        chmod 0700 "$pgdata"
        run_pg "$PG_BIN/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    port=$(port_for "$dir/pg.port" 54320)
    if ! run_pg "$PG_BIN/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        # Only the throwaway test cluster trades durability for speed.
        [ "$profile" = test ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        if [ "$(free_port "$port")" != "$port" ]; then
            port=$(free_port 54320); echo "$port" >"$dir/pg.port"
            opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
            [ "$profile" = test ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        fi
        log "starting PostgreSQL ($profile) on 127.0.0.1:$port"
        run_pg "$PG_BIN/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -o "$opts" start >/dev/null
        touch "$dir/pg.started-by-us"
    fi
    local db=satu_inovasi
    if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$db'" \
        | grep -q 1; then
        "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
    fi
}

redis_running() {
    # The pid file is ours only if that pid is still a redis-server (after a reboot it may be anything).
    local pidfile=$1/redis.pid pid
    [ -f "$pidfile" ] || return 1
    pid=$(cat "$pidfile")
    [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q redis-server
}

redis_up() {
    local profile=$1 dir port
    dir=$(var_dir "$profile")/redis
    mkdir -p "$dir"
    port=$(port_for "$dir/redis.port" 63790)
    if redis_running "$dir"; then return; fi
    rm -f "$dir/redis.pid"
    if [ "$(free_port "$port")" != "$port" ]; then port=$(free_port 63790); echo "$port" >"$dir/redis.port"; fi
    log "starting Redis ($profile) on 127.0.0.1:$port"
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$dir" --save '' --appendonly no \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    for _ in $(seq 50); do [ -f "$dir/redis.pid" ] && break; sleep 0.1; done
}

print_env() {
    local profile=$1 dir
    dir=$(var_dir "$profile")
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$(cat "$dir/pg.port")/satu_inovasi"
    echo "export REDIS_URL=redis://127.0.0.1:$(cat "$dir/redis/redis.port")/0"
    echo "export SATU_VAR_DIR=$dir"
}

services_down() {
    local profile=$1 dir
    dir=$(var_dir "$profile")
    if redis_running "$dir/redis"; then
        local pid
        pid=$(cat "$dir/redis/redis.pid")
        kill "$pid" 2>/dev/null || true
        # Wait until it is gone (up to 5 s), so that "stopped" is true when the caller goes on.
        for _ in $(seq 50); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
    fi
    rm -f "$dir/redis/redis.pid"
    if find_pg_bin && [ -f "$dir/pgdata/postmaster.pid" ]; then
        run_pg "$PG_BIN/pg_ctl" -D "$dir/pgdata" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -f "$dir/pg.started-by-us"
}

cmd=${1:-}
case "$cmd" in
    setup)
        setup_system "${2:-}"
        setup_python
        setup_node
        setup_messages
        ;;
    up)
        pg_up "$2"
        redis_up "$2"
        print_env "$2"
        ;;
    env) print_env "$2" ;;
    running)
        # Exit 0 when both services of PROFILE are up (used to stop only what a command started).
        dir=$(var_dir "$2")
        find_pg_bin && run_pg "$PG_BIN/pg_ctl" -D "$dir/pgdata" status >/dev/null 2>&1 && redis_running "$dir/redis"
        ;;
    down) services_down "$2" ;;
    *) die "usage: $0 setup [--browser] | up PROFILE | down PROFILE | env PROFILE | running PROFILE" ;;
esac

#!/usr/bin/env bash
# `make run`: set up, start PostgreSQL, Redis, a Celery worker, Celery beat and gunicorn; Ctrl-C stops them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# Python keeps the bytecode it compiles (some machines set PYTHONDONTWRITEBYTECODE): every process of a run
# (pytest's workers, manage.py, the web and Celery processes) would otherwise compile Django and the project
# again, about 5 s of CPU each.
unset PYTHONDONTWRITEBYTECODE
STACK=scripts/stack.sh
PY=.venv/bin/python
PORT=${PORT:-8000}
export DEMO_PASSWORD=${DEMO_PASSWORD:-ambon-manise-2026}

bash $STACK setup
# Remember whether the services were already running, so that we stop only what we start.
was_up=0
if bash $STACK running dev 2>/dev/null; then was_up=1; fi
pids=()
stopping=0
cleanup() {
    local status=$?
    # Once only, and not to be cut short: a second Ctrl-C or SIGTERM while stopping is ignored.
    trap '' INT TERM
    trap - EXIT
    [ $stopping = 1 ] && return
    stopping=1
    echo
    echo "[satu-inovasi] stopping web, worker and beat"
    # Each was started in its own process group (set -m below): the group takes gunicorn's and Celery's own
    # children with it. Whatever is still running after 20 s is killed.
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    if [ ${#pids[@]} -gt 0 ]; then
        (sleep 20; for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done) &
        local killer=$!
        for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
        kill "$killer" 2>/dev/null || true
        wait "$killer" 2>/dev/null || true
    fi
    if [ $was_up = 0 ]; then bash $STACK down dev; echo "[satu-inovasi] PostgreSQL and Redis stopped"; fi
    # Never carry on with the script after a signal: it would start the next service against stopped ones.
    exit "$status"
}
# Set before the services start, so that a signal during start-up stops them too.
trap cleanup INT TERM EXIT
env_out=$(bash $STACK up dev)  # a failure here stops the script (set -e), unlike inside eval "$(...)"
eval "$env_out"
export DJANGO_SETTINGS_MODULE=config.settings.base

if ! $PY -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$PORT" 2>/dev/null; then
    echo "[satu-inovasi] port $PORT is taken by another program; choose another with PORT=8001 make run" >&2
    exit 1
fi

$PY manage.py migrate --no-input -v0
# With DEBUG on (the local default) whitenoise serves static files straight from the source folders.
if [ "${DJANGO_DEBUG:-True}" = "False" ]; then $PY manage.py collectstatic --no-input -v0; fi
# Bump DEMO_VERSION when the demo gains data, so that existing databases get it once (seed_demo is idempotent).
DEMO_VERSION=5
if [ ! -f "$SATU_VAR_DIR/.demo-seeded-v$DEMO_VERSION" ]; then
    echo "[satu-inovasi] loading the demo city (Kota Ambon)"
    $PY manage.py seed_demo
    touch "$SATU_VAR_DIR/.demo-seeded-v$DEMO_VERSION"
fi

# Job control: every background command below leads its own process group (see cleanup).
set -m
.venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 -n "worker@%h" \
    >"$SATU_VAR_DIR/worker.log" 2>&1 &
pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO --scheduler django_celery_beat.schedulers:DatabaseScheduler \
    --pidfile= >"$SATU_VAR_DIR/beat.log" 2>&1 &
pids+=($!)
# Workers, threads and keep-alive: config/gunicorn.py (WEB_WORKERS, WEB_THREADS override them).
.venv/bin/gunicorn config.wsgi --config config/gunicorn.py --bind "127.0.0.1:$PORT" --graceful-timeout 10 \
    --access-logfile "${ACCESS_LOG:--}" \
    --error-logfile - --log-level warning &
pids+=($!)

# "Ready" means the page answers and a worker replies to a ping (up to 30 s, then say what is down).
health=""
for _ in $(seq 150); do
    health=$($PY -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode())' \
        "http://127.0.0.1:$PORT/healthz/" 2>/dev/null || true)
    case "$health" in *'"worker": "ok"'*) break ;; esac
    sleep 0.2
done
echo "[satu-inovasi] health: ${health:-no answer}"
cat <<MSG

  Satu Inovasi is ready: http://127.0.0.1:$PORT/   (health: http://127.0.0.1:$PORT/healthz/)
  Demo logins, all with password "$DEMO_PASSWORD" (set DEMO_PASSWORD to change it):
    admin          administrator
    walikota       mayor's office reviewer (Bagian Organisasi)
    kadinkes       head of Dinas Kesehatan
    staf.dinkes    staff (operator) of Dinas Kesehatan
    camat.sirimau  head of Kecamatan Sirimau
    juri1, juri2   competition evaluators
  Logs of the worker and beat: $SATU_VAR_DIR/{worker,beat}.log.  Ctrl-C stops everything.

MSG
wait -n "${pids[@]}" || true

#!/usr/bin/env bash
# `make load`: 50 people of every role for 60 s against the running `make run` stack (scripts/locustfile.py),
# no think time. Prints throughput, p50/p95/p99 per page and errors, and the machine's load while it ran.
#   USERS=50 DURATION=60s PORT=8000 make load
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PORT=${PORT:-8000}
USERS=${USERS:-50}
DURATION=${DURATION:-60s}
HOST=http://127.0.0.1:$PORT
if ! .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=60)' "$HOST/accounts/login/" 2>/dev/null; then
    echo "[satu-inovasi] nothing answers on $HOST: start the app with \`make run\` first (PORT=$PORT)" >&2
    exit 1
fi
mkdir -p var/load
# The mayor's office and the administrator log in with a code: an authenticator each for the run, removed after.
env_out=$(bash scripts/stack.sh env dev)
eval "$env_out"
export DJANGO_SETTINGS_MODULE=config.settings.base LOAD_AUTHENTICATORS=var/load/authenticators.json
.venv/bin/python manage.py load_authenticators --out "$LOAD_AUTHENTICATORS" admin walikota
trap '.venv/bin/python manage.py load_authenticators --remove; rm -f "$LOAD_AUTHENTICATORS"' EXIT
echo "[satu-inovasi] load before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
# The logins are a warm-up (scripts/locustfile.py, WarmUp): DURATION is measured from the moment everyone is in;
# --run-time only caps a run whose logins never finish.
seconds=${DURATION%s}
.venv/bin/locust -f scripts/locustfile.py --headless --host "$HOST" --users "$USERS" --spawn-rate "$USERS" \
    --measure "$seconds" --run-time "$((seconds + 180))s" --stop-timeout 10 --csv var/load/run --only-summary \
    --loglevel WARNING "$@" || status=$?
echo "[satu-inovasi] load after: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; $(nproc) cores)"
exit $status

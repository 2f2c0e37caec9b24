#!/usr/bin/env bash
# `make benchmark-pages` / `make benchmark-admin`: run a management command on seed_scale's national-scale data
# in a scratch database (satu_inovasi_scale), seeding it first unless KEEP=1 finds it seeded. The database
# is migrated every time, so a kept one gets new indexes; it is dropped afterwards unless KEEP=1.
#   scripts/scale.sh COMMAND [ARGS...]     SEED="--regions 50" seeds less
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STACK=scripts/stack.sh
PY=.venv/bin/python
SEED=${SEED:---regions 550 --agencies-per-region 110 --years 5}
bash $STACK setup >/dev/null
env_out=$(bash $STACK up dev)
eval "$env_out"
base=${DATABASE_URL%/*}
export DATABASE_URL=$base/satu_inovasi_scale REDIS_URL=${REDIS_URL%/*}/15
export DJANGO_SETTINGS_MODULE=config.settings.base DJANGO_DEBUG=False
cleanup() {
    redis-cli -u "$REDIS_URL" flushdb >/dev/null || true
    if [ -z "${KEEP:-}" ]; then psql "$base/postgres" -q -c "DROP DATABASE IF EXISTS satu_inovasi_scale"; fi
}
trap cleanup EXIT
if [ -z "${KEEP:-}" ] || ! psql "$DATABASE_URL" -Atqc "select 1 from agencies_agency limit 1" 2>/dev/null | grep -q 1; then
    psql "$base/postgres" -q -c "DROP DATABASE IF EXISTS satu_inovasi_scale" -c "CREATE DATABASE satu_inovasi_scale"
    $PY manage.py migrate -v0
    # shellcheck disable=SC2086  # SEED is a list of options
    $PY manage.py seed_scale $SEED
else
    $PY manage.py migrate -v0
fi
$PY manage.py "$@"

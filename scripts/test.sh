#!/usr/bin/env bash
# `make test`: set up (with Chromium), start the test PostgreSQL and Redis, run every check, stop them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# Python keeps the bytecode it compiles (some machines set PYTHONDONTWRITEBYTECODE): every process of a run
# (pytest's workers, manage.py, the web and Celery processes) would otherwise compile Django and the project
# again, about 5 s of CPU each.
unset PYTHONDONTWRITEBYTECODE
STACK=scripts/stack.sh
bash $STACK setup --browser
was_up=0
if bash $STACK running test 2>/dev/null; then was_up=1; fi
env_out=$(bash $STACK up test)
eval "$env_out"
# Stop the test services only if this run started them (another run may be using them).
if [ $was_up = 0 ]; then trap 'bash $STACK down test' EXIT; fi
export DJANGO_SETTINGS_MODULE=config.settings.test
PY=.venv/bin/python

echo "[satu-inovasi] ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "[satu-inovasi] mypy"
.venv/bin/mypy
echo "[satu-inovasi] makemigrations --check"
$PY manage.py makemigrations --check --dry-run -v1
echo "[satu-inovasi] docker-compose.yml against the Compose specification"
.venv/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
echo "[satu-inovasi] pytest"
# One pytest process per core (at most 4: each needs its own test database and two Redis databases, see
# config/settings/test.py); tests are handed out one by one. Arguments given to `make test ARGS=...` come
# after and win: ARGS="-n 0 ..." runs in this process (for pdb, or to compare).
set +e
.venv/bin/pytest -n auto --maxprocesses=4 --dist loadgroup --durations=25 "$@"
rc=$?
set -e
# pytest exits 5 when it collected no test: that is a failure here.
if [ $rc = 5 ]; then echo "[satu-inovasi] no test ran"; exit 1; fi
exit $rc

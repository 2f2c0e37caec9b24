# One entry point. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
STACK := scripts/stack.sh
ARGS ?=

.PHONY: help setup run test manage lint fmt stop messages shell benchmark-quota benchmark-pages benchmark-admin load backup restore

help: ## List the targets
	@grep -E '^[a-z-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

setup: ## Install what is missing: system packages, virtualenv, npm packages, translations
	@bash $(STACK) setup --browser

run: ## Set up and start everything (PostgreSQL, Redis, worker, beat, web on :8000; PORT overrides)
	@bash scripts/run.sh

test: ## Set up and run every check: ruff, mypy, migrations, compose, pytest with browser tests
	@bash scripts/test.sh $(ARGS)

manage: ## Run a management command against the local services: make manage ARGS="check_quotas"
	@bash $(STACK) setup >/dev/null
	@env_out=$$(bash $(STACK) up dev) && eval "$$env_out" && DJANGO_SETTINGS_MODULE=config.settings.base .venv/bin/python manage.py $(ARGS)

lint: ## ruff and mypy only
	@.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy

fmt: ## Format and fix with ruff
	@.venv/bin/ruff format . && .venv/bin/ruff check --fix .

messages: ## Update the Indonesian message catalogue after changing strings
	@DJANGO_SETTINGS_MODULE=config.settings.base .venv/bin/python manage.py makemessages -l id --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=var --ignore=tests

stop: ## Stop the dev PostgreSQL and Redis left running by `make manage`
	@bash $(STACK) down dev

benchmark-quota: ## Time the quota sweep on 60,000 agencies in a scratch database (prints the figures)
	@bash $(STACK) setup >/dev/null
	@env_out=$$(bash $(STACK) up dev) && eval "$$env_out" && \
		base=$${DATABASE_URL%/*} && bench=$$base/satu_inovasi_bench && \
		psql "$$base/postgres" -q -c "DROP DATABASE IF EXISTS satu_inovasi_bench" -c "CREATE DATABASE satu_inovasi_bench" && \
		DATABASE_URL=$$bench REDIS_URL=$${REDIS_URL%/*}/15 DJANGO_SETTINGS_MODULE=config.settings.base \
			.venv/bin/python manage.py migrate -v0 && \
		DATABASE_URL=$$bench REDIS_URL=$${REDIS_URL%/*}/15 DJANGO_SETTINGS_MODULE=config.settings.base DJANGO_DEBUG=False \
			.venv/bin/python manage.py benchmark_quota $(ARGS); \
		status=$$?; redis-cli -u "$${REDIS_URL%/*}/15" flushdb >/dev/null; \
		psql "$$base/postgres" -q -c "DROP DATABASE IF EXISTS satu_inovasi_bench"; exit $$status

benchmark-pages: ## Time every page on national-scale data in a scratch database (SEED="--regions 50" for less; KEEP=1 keeps it)
	@bash scripts/scale.sh benchmark_pages $(ARGS)

benchmark-admin: ## Our agency directory and innovation list beside Django admin's changelists, on the same scale data
	@bash scripts/scale.sh benchmark_admin $(ARGS)

load: ## 50 people of every role for 60 s against the running `make run` (locust; USERS=, DURATION= override)
	@bash scripts/load.sh $(ARGS)

backup: ## Back up the database and uploaded files to var/backups/<time>/ (BACKUP_DIR, BACKUP_KEEP=14 override)
	@bash $(STACK) setup >/dev/null
	@env_out=$$(bash $(STACK) up dev) && eval "$$env_out" && bash scripts/backup.sh backup

restore: ## Put back the newest backup, or BACKUP=var/backups/<time>; stop `make run` first
	@bash $(STACK) setup >/dev/null
	@env_out=$$(bash $(STACK) up dev) && eval "$$env_out" && bash scripts/backup.sh restore $(BACKUP)

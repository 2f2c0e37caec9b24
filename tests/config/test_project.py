"""Checks of the project as a whole: migrations, translations, deployment files, production settings."""

import os
import secrets
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


def test_every_message_has_an_indonesian_translation(tmp_path):
    """Run makemessages on a copy of the code: any new, untranslated or fuzzy string fails the test."""
    for name in [
        "core",
        "agencies",
        "innovations",
        "competition",
        "compliance",
        "reports",
        "config",
        "templates",
        "locale",
        "manage.py",
    ]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "PYTHONPATH": str(tmp_path)}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        env=env,
        check=True,
    )

    catalogue = polib.pofile(str(tmp_path / "locale/id/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in catalogue.untranslated_entries()] + [e.msgid for e in catalogue.fuzzy_entries()]
    assert missing == []


def test_docker_compose_file_is_valid_against_the_compose_specification():
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.compose-spec",
            str(ROOT / "docker-compose.yml"),
        ],
        capture_output=True,
        text=True,
    )

    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_compose_describes_every_service_of_the_stack():
    import yaml

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]

    assert set(services) == {"migrate", "web", "worker", "beat", "db", "redis", "backup"}
    assert all("healthcheck" in services[name] for name in ["web", "worker", "db", "redis"])


def _check_deploy(secret: str) -> subprocess.CompletedProcess[str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secret,
        "DJANGO_ALLOWED_HOSTS": "inovasi.ambon.go.id",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy_with_real_secrets():
    result = _check_deploy(secrets.token_urlsafe(64))

    assert (result.returncode, result.stdout.strip()) == (0, "System check identified no issues (0 silenced).")


def test_production_settings_refuse_the_development_key():
    result = _check_deploy("dev-insecure-key-only-for-local-use")

    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be a random string of at least 50 characters" in result.stderr


def test_production_settings_refuse_the_env_example_secret():
    example = next(
        line.split("=", 1)[1]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line.startswith("DJANGO_SECRET_KEY=")
    )

    result = _check_deploy(example)

    assert result.returncode == 1
    assert (
        "(satu.E001) DJANGO_SECRET_KEY is a placeholder (from .env.example or a development default)." in result.stderr
    )


def test_production_reports_errors_to_sentry_only_when_a_dsn_is_set():
    def active(**extra: str) -> str:
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SENTRY_DSN")},
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            **extra,
        }
        code = "import django, sentry_sdk; django.setup(); print(sentry_sdk.get_client().is_active())"
        return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True).stdout

    assert (active(), active(SENTRY_DSN="https://public@errors.invalid/1")) == ("False\n", "True\n")

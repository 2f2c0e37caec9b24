"""Deployment checks (`manage.py check --deploy`): refuse secrets that are placeholders.

`.env.example` ships values meant to be replaced; a deployment that copied the file without editing it would
run with a secret key everyone can read in the repository. Known development defaults are refused the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

#: Words that only a placeholder contains.
PLACEHOLDER_WORDS = ("change-me", "changeme", "change_me", "dev-insecure", "placeholder", "not-a-secret", "xxxxxxxx")
#: The .env.example keys whose values are secrets.
SECRET_KEYS = ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "DJANGO_EMAIL_HOST_PASSWORD", "SENTRY_DSN")


def example_values(path: Path) -> set[str]:
    """The non-empty secret values written in an env example file."""
    if not path.exists():
        return set()
    values = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition("=")
        if sep and name.strip() in SECRET_KEYS and value.strip():
            values.add(value.strip())
    return values


def is_placeholder(value: str, examples: set[str]) -> bool:
    lowered = value.lower()
    return value in examples or any(word in lowered for word in PLACEHOLDER_WORDS)


@register(Tags.security, deploy=True)
def placeholder_secrets(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    examples = example_values(Path(settings.BASE_DIR) / ".env.example")
    secrets = {
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "POSTGRES_PASSWORD (in DATABASE_URL)": str(settings.DATABASES["default"].get("PASSWORD") or ""),
        "DJANGO_EMAIL_HOST_PASSWORD": settings.EMAIL_HOST_PASSWORD,
    }
    return [
        Error(
            f"{name} is a placeholder (from .env.example or a development default).",
            hint="Set a random value of your own, e.g. python -c 'import secrets; print(secrets.token_urlsafe(64))'.",
            id="satu.E001",
        )
        for name, value in secrets.items()
        if value and is_placeholder(value, examples)
    ]

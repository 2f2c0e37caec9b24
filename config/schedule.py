"""Every periodic job of the project, in one place. django-celery-beat's DatabaseScheduler copies these
entries into its tables at start, where an administrator can see them (and pause them) in the admin."""

from typing import Any

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {}

"""Celery task of readiness."""

import datetime

from celery import shared_task
from django.utils import timezone

from compliance.readiness import services


@shared_task(name="readiness.warn")
def warn_readiness(*, day: str | None = None) -> dict[str, int]:
    """Daily: heads warned of items not ready at 30, 14 and 3 days before the deadline; late units to the
    mayor's office the day after. Each notice goes once, however often the job runs."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    result = services.readiness_warn(today=today)
    return {"warned": result.warned, "late_notices": result.late_notices}

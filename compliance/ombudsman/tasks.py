"""Celery task of the improvement notes (its `name=` is the one beat rows in existing databases refer to)."""

import datetime

from celery import shared_task
from django.utils import timezone

from compliance.ombudsman import services


@shared_task(name="compliance.mark_overdue_findings")
def mark_overdue_findings(*, day: str | None = None) -> dict[str, int]:
    """Daily: improvement notes past their due date are marked overdue; each responsible head is told once."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    result = services.findings_mark_overdue(today=today)
    return {"marked": result.marked, "notified": result.notified}

"""Celery task of service standards."""

import datetime

from celery import shared_task
from django.utils import timezone

from compliance.standards import services


@shared_task(name="standards.mark_review_due")
def mark_review_due(*, day: str | None = None) -> dict[str, int]:
    """Daily: published standards whose review date has come become due for review; each head is told once."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    result = services.standards_mark_review_due(today=today)
    return {"moved": result.moved, "notified": result.notified}

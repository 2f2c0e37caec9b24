"""Celery tasks of the competition: thin, idempotent (notify() sends each key once per person)."""

import datetime

from celery import shared_task

from competition.services import organiser


@shared_task(name="competition.send_review_reminders")
def send_review_reminders(*, day: str | None = None) -> int:
    """The daily reminder to evaluators with reviews pending before a scored stage closes."""
    return organiser.send_reminders(today=datetime.date.fromisoformat(day) if day else None)

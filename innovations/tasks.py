"""Thin Celery tasks of the innovation register. Names are stable: config/schedule.py and running beats use them."""

from celery import shared_task

from innovations.catalogue import running


@shared_task(name="innovations.send_still_running_reminders")
def send_still_running_reminders() -> int:
    """Daily: remind agencies with unanswered running innovations (once per agency and milestone)."""
    return running.send_reminders()

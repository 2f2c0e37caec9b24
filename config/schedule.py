"""Every periodic job of the project, in one place. django-celery-beat's DatabaseScheduler copies these
entries into its tables at start, where an administrator can see (and pause) them in the admin."""

from typing import Any

from celery.schedules import crontab

from config.env import env

# "06:00" by default: before office hours in Indonesia, so that the day's pages are fresh (SATU_QUOTA_SWEEP_TIME).
_SWEEP_HOUR, _SWEEP_MINUTE = (int(part) for part in env("SATU_QUOTA_SWEEP_TIME", "06:00").split(":"))
# The mayor's office reads the digest on Monday morning by default (SATU_QUOTA_DIGEST_DAY: monday ... sunday).
_DIGEST_DAY = env("SATU_QUOTA_DIGEST_DAY", "monday")


def _after_sweep(minutes: int, **kwargs: Any) -> crontab:
    """`minutes` after the daily sweep, so that each job reads what the sweep wrote; never past the sweep's hour
    (a late sweep time puts the followers at :59 rather than into the next hour)."""
    minute = _SWEEP_MINUTE + minutes if 60 - minutes > _SWEEP_MINUTE else 59
    return crontab(hour=_SWEEP_HOUR, minute=minute, **kwargs)


def _job(task: str, schedule: crontab | float) -> dict[str, Any]:
    return {"task": task, "schedule": schedule}


BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "quota-daily-sweep": _job("compliance.sweep_quotas", _after_sweep(0)),
    "quota-weekly-digest": _job("compliance.send_quota_digest", _after_sweep(30, day_of_week=_DIGEST_DAY)),
    "findings-daily-overdue": _job("compliance.mark_overdue_findings", _after_sweep(15)),
    # Evaluators with pending reviews, a round's `reminder_days` before a scored stage closes (each once).
    "competition-review-reminders": _job("competition.send_review_reminders", _after_sweep(15)),
    # Published service standards whose review date has come become due for review (heads told once).
    "standards-daily-review": _job("standards.mark_review_due", _after_sweep(20)),
    # Ombudsman readiness: heads warned 30/14/3 days before the deadline, the mayor's office of late units.
    "readiness-daily-warnings": _job("readiness.warn", _after_sweep(25)),
    # Downloads are refused from their expiry on; this removes the files (and the rows) once a day.
    "exports-daily-cleanup": _job("reports.delete_expired_exports", crontab(hour=2, minute=30)),
    # The outbox's safety net: whatever a request could not hand to the broker (Redis down) goes out within a minute.
    "outbox-relay": _job("core.relay_outbox", 60.0),
    # Agencies with running innovations not yet confirmed in their region's yearly check (each milestone once).
    "innovations-still-running-reminders": _job("innovations.send_still_running_reminders", _after_sweep(20)),
    # Innovation index: what is missing, to the people responsible, on each milestone before the national window.
    "iid-window-reminders": _job("iid.send_window_reminders", _after_sweep(25)),
    # Tokens of sent create forms (core.idempotency) are needed for minutes; a week is plenty.
    "form-tokens-daily-cleanup": _job("core.forget_form_tokens", crontab(hour=2, minute=45)),
}

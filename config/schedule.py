"""Every periodic job of the project, in one place. django-celery-beat's DatabaseScheduler copies these
entries into its tables at start, where an administrator can see (and pause) them in the admin."""

from typing import Any

from celery.schedules import crontab

from config.env import env

# "06:00" by default: before office hours in Indonesia, so that the day's pages are fresh (SATU_QUOTA_SWEEP_TIME).
_SWEEP_HOUR, _SWEEP_MINUTE = (int(part) for part in env("SATU_QUOTA_SWEEP_TIME", "06:00").split(":"))
# The mayor's office reads the digest on Monday morning by default (SATU_QUOTA_DIGEST_DAY: monday ... sunday).
_DIGEST_DAY = env("SATU_QUOTA_DIGEST_DAY", "monday")

BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "quota-daily-sweep": {
        "task": "compliance.sweep_quotas",
        "schedule": crontab(hour=_SWEEP_HOUR, minute=_SWEEP_MINUTE),
    },
    "quota-weekly-digest": {
        "task": "compliance.send_quota_digest",
        "schedule": crontab(
            hour=_SWEEP_HOUR, minute=_SWEEP_MINUTE + 30 if _SWEEP_MINUTE < 30 else 59, day_of_week=_DIGEST_DAY
        ),
    },
    "findings-daily-overdue": {
        "task": "compliance.mark_overdue_findings",
        "schedule": crontab(hour=_SWEEP_HOUR, minute=_SWEEP_MINUTE + 15 if _SWEEP_MINUTE < 45 else 59),
    },
    # Evaluators with pending reviews, a round's `reminder_days` before a scored stage closes (each once).
    "competition-review-reminders": {
        "task": "competition.send_review_reminders",
        "schedule": crontab(hour=_SWEEP_HOUR, minute=_SWEEP_MINUTE + 15 if _SWEEP_MINUTE < 45 else 59),
    },
    # Published service standards whose review date has come become due for review (heads told once).
    "standards-daily-review": {
        "task": "standards.mark_review_due",
        "schedule": crontab(hour=_SWEEP_HOUR, minute=_SWEEP_MINUTE + 20 if _SWEEP_MINUTE < 40 else 59),
    },
    # Ombudsman readiness: heads warned 30/14/3 days before the deadline, the mayor's office of late units.
    "readiness-daily-warnings": {
        "task": "readiness.warn",
        "schedule": crontab(hour=_SWEEP_HOUR, minute=_SWEEP_MINUTE + 25 if _SWEEP_MINUTE < 35 else 59),
    },
    # Downloads are refused from their expiry on; this removes the files (and the rows) once a day.
    "exports-daily-cleanup": {
        "task": "reports.delete_expired_exports",
        "schedule": crontab(hour=2, minute=30),
    },
    # The outbox's safety net: whatever a request could not hand to the broker (Redis down) goes out within a minute.
    "outbox-relay": {
        "task": "core.relay_outbox",
        "schedule": 60.0,
    },
    # Agencies with running innovations not yet confirmed in their region's yearly check (each milestone once).
    "innovations-still-running-reminders": {
        "task": "innovations.send_still_running_reminders",
        "schedule": crontab(hour=_SWEEP_HOUR, minute=_SWEEP_MINUTE + 20 if _SWEEP_MINUTE < 40 else 59),
    },
    # Innovation index: what is missing, to the people responsible, on each milestone before the national window.
    "iid-window-reminders": {
        "task": "iid.send_window_reminders",
        "schedule": crontab(hour=_SWEEP_HOUR, minute=_SWEEP_MINUTE + 25 if _SWEEP_MINUTE < 35 else 59),
    },
    # Tokens of sent create forms (core.idempotency) are needed for minutes; a week is plenty.
    "form-tokens-daily-cleanup": {
        "task": "core.forget_form_tokens",
        "schedule": crontab(hour=2, minute=45),
    },
}

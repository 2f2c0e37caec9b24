"""Thin Celery tasks of the innovation index: the portal export, and the reminders before the national window."""

from celery import shared_task

from compliance.iid import portal, reminders
from compliance.iid.models import PortalExport
from core.tasks import run_job


@shared_task(name="iid.run_portal_export")
def run_portal_export(*, job_id: int) -> str:
    return run_job(PortalExport, job_id, portal.export_run, what="IID export")


@shared_task(name="iid.send_window_reminders")
def send_window_reminders() -> int:
    """Daily: remind the people responsible for missing evidence, once per item and milestone."""
    return reminders.send_reminders()

"""Thin Celery tasks of the innovation index: the portal export, and the reminders before the national window."""

import logging

from celery import shared_task

from compliance.iid import portal, reminders
from compliance.iid.models import PortalExport

log = logging.getLogger(__name__)


@shared_task(name="iid.run_portal_export")
def run_portal_export(*, job_id: int) -> str:
    if not PortalExport.objects.filter(pk=job_id).exists():
        log.info("IID export %s vanished before it ran", job_id)
        return "vanished"
    job = portal.export_run(job_id=job_id)
    return job.state if job is not None else "not claimed"


@shared_task(name="iid.send_window_reminders")
def send_window_reminders() -> int:
    """Daily: remind the people responsible for missing evidence, once per item and milestone."""
    return reminders.send_reminders()

"""Celery tasks of the reports: thin wrappers around reports.services."""

import logging

from celery import shared_task

from reports import services
from reports.models import ExportJob

log = logging.getLogger(__name__)


@shared_task(name="reports.run_export")
def run_export(*, job_id: int) -> str:
    """Write an export's file. A job that vanished (deleted when it expired) or that another worker holds is left."""
    if not ExportJob.objects.filter(pk=job_id).exists():
        log.info("export %s vanished before it ran", job_id)
        return "vanished"
    job = services.export_run(job_id=job_id)
    return job.state if job is not None else "not claimed"


@shared_task(name="reports.delete_expired_exports")
def delete_expired_exports() -> int:
    """Daily: the files and rows of exports past their expiry."""
    return services.exports_delete_expired()

"""What the export tests share: the Download buttons' URL, the files read back, and a small register."""

import csv
import io
from urllib.parse import urlencode

import openpyxl
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from innovations.models import State
from tests.agencies.factories import user_with_role


def today():
    """The city's date when the file is made: read at assertion time, since a run may cross midnight (WIT)."""
    return timezone.localdate()


def start_url(kind, **params):
    url = reverse("exports:start", args=[kind])
    return f"{url}?{urlencode(params)}" if params else url


def csv_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def file_rows(job):
    job.refresh_from_db()
    with default_storage.open(job.file.name, "rb") as handle:
        data = handle.read()
    if job.format == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def small_register(people, chart, make_innovation):
    """Four innovations of three agencies: what each person sees of them differs."""
    rijali_staff = user_with_role("staff", agency=chart["rijali"], username="staf.rijali")
    return {
        "posyandu": make_innovation(
            chart["dinkes"], people["staff"], State.ACCEPTED, title="Posyandu Digital", sdgs=[3], beneficiaries=1200
        ),
        "klinik": make_innovation(
            chart["dinkes"], people["staff"], State.SUBMITTED, year=2024, title="Klinik Keliling"
        ),
        "sekolah": make_innovation(chart["disdik"], people["other_staff"], title="Sekolah Ramah Anak", sdgs=[4]),
        "kelurahan": make_innovation(
            chart["rijali"], rijali_staff, State.SUBMITTED, title="Posyandu Kelurahan", bentuk="lainnya", sdgs=[3, 11]
        ),
    }


def queued_job(client, owner, url, fmt):
    """The same download asked for above the direct-download limit: its background job, run to the end."""
    from django.test import override_settings

    from core import export_jobs
    from core.models import ExportJob

    with override_settings(EXPORT_DIRECT_MAX_ROWS=-1):  # every download queued, an empty one too
        queued = client.post(url, {"format": fmt})
    job = ExportJob.objects.filter(owner=owner).latest("created", "id")
    assert queued.url == reverse("exports:detail", args=[job.token])
    return export_jobs.export_run(job_id=job.pk)


def page_download_and_job(client, page, table, fmt, owner):
    """The rows of the file a page's Download button gives (its `export_query` posted to the table's download) and
    of the same download made by a background job (the same request above the direct-download limit):
    (direct rows, job rows)."""
    url = f"{reverse('exports:start', args=[table.slug])}?{page.context['export_query']}"
    direct = client.post(url, {"format": fmt})
    job = queued_job(client, owner, url, fmt)
    if fmt == "csv":
        rows = csv_rows(direct)
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(direct.content), read_only=True).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return rows, file_rows(job)

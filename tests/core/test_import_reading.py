"""Uploaded tables on the import pages: a hostile file is refused in the request within milliseconds, a large one
is read by a real worker while the preview page shows progress, and every outcome has a page (issue #17)."""

import datetime
import io
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from config.celery import app as celery_app
from core.imports import MAX_READ_ATTEMPTS, batch_read
from core.models import ImportBatch
from tests.agencies.test_imports import GOOD_CSV
from tests.conftest import client_for
from tests.core.workbooks import shared_strings_bomb, with_content_types
from tests.innovations.test_notifications import wait_for


def named(data: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = name
    return file


def a_workbook() -> bytes:
    book = Workbook()
    book.active.append(["code", "name"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


@pytest.mark.django_db
def test_the_bomb_and_a_damaged_workbook_get_their_message_within_a_second_on_the_import_pages(people, chart):
    staff, reviewer = client_for(people["staff"]), client_for(people["reviewer"])
    staff.get(reverse("compliance:survey-import"))  # warm up: time the file alone
    bomb = {
        "agency": chart["dinkes"].pk,
        "year": 2026,
        "period": "Semester I",
        "file": named(shared_strings_bomb(), "skm.xlsx"),
    }
    damaged = named(with_content_types(a_workbook(), b"<Types><Override"), "instansi.xlsx")

    started = time.monotonic()
    refused = staff.post(reverse("compliance:survey-import"), bomb)
    seconds = time.monotonic() - started
    broken = reviewer.post(reverse("agencies:import"), {"region": chart["pemda"].region_id, "file": damaged})

    assert (refused.status_code, broken.status_code, seconds < 1) == (400, 400, True)
    assert refused.context["form"].errors["file"] == [
        "Buku kerja terlalu besar setelah dibuka. Pecah menjadi beberapa berkas atau simpan sebagai CSV."
    ]
    assert broken.context["form"].errors["file"] == [
        "Buku kerja rusak (daftar bagiannya tidak dapat dibaca). Simpan ulang dari Excel."
    ]
    assert ImportBatch.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_read_by_the_worker_while_the_preview_shows_progress(people, chart, settings):
    settings.IMPORT_INLINE_MAX_BYTES = 0  # every file counts as large
    reviewer = client_for(people["reviewer"])

    upload = reviewer.post(
        reverse("agencies:import"),
        {"region": chart["pemda"].region_id, "file": named(GOOD_CSV.encode(), "instansi.csv")},
    )
    batch = ImportBatch.objects.get()
    status_url = reverse("import-status", args=[batch.pk])
    waiting = reviewer.get(upload["Location"]).content.decode()
    before = reviewer.get(status_url).json()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert wait_for(lambda: reviewer.get(status_url).json()["finished"], seconds=30)
    preview = reviewer.get(upload["Location"]).content.decode()

    batch.refresh_from_db()
    assert upload["Location"] == reverse("agencies:import-preview", args=[batch.pk])
    assert f'data-import-status-url="{status_url}"' in waiting and "Sedang dibaca" in waiting
    assert before == {"status": "reading", "label": "Sedang dibaca", "finished": False}
    assert (batch.status, len(batch.rows), batch.source, batch.attempts) == ("ready", 3, None, 1)
    assert "Simpan 3 instansi" in preview


@pytest.mark.django_db
def test_the_import_status_is_its_uploaders_only(people, chart, other_region):
    mine = ImportBatch.objects.create(kind="agencies", scope_id=chart["pemda"].region_id, filename="a.csv",
                                      status="reading", created_by=people["reviewer"])  # fmt: skip
    elsewhere = ImportBatch.objects.create(kind="agencies", scope_id=other_region.pk, filename="b.csv",
                                           status="reading", created_by=people["reviewer"])  # fmt: skip
    url = reverse("import-status", args=[mine.pk])

    codes = {
        "uploader": client_for(people["reviewer"]).get(url).status_code,
        "admin": client_for(people["admin"]).get(url).status_code,
        "staff": client_for(people["staff"]).get(url).status_code,
        "anonymous": client_for(None).get(url).status_code,
        "uploader, scope no longer theirs": client_for(people["reviewer"])
        .get(reverse("import-status", args=[elsewhere.pk]))
        .status_code,
    }

    assert codes == {
        "uploader": 200,
        "admin": 404,
        "staff": 404,
        "anonymous": 302,
        "uploader, scope no longer theirs": 403,
    }


@pytest.mark.django_db
def test_a_file_the_worker_cannot_read_says_why_and_a_reading_that_stopped_says_so(people, chart, settings):
    settings.IMPORT_MAX_CELL_CHARS = 10
    reviewer = client_for(people["reviewer"])
    region = chart["pemda"].region_id
    unreadable = ImportBatch.objects.create(kind="agencies", scope_id=region, filename="a.csv", status="reading",
                                            source=b"code,name\nA,Puskesmas Waihaong\n", created_by=people["reviewer"])  # fmt: skip
    killer = ImportBatch.objects.create(kind="agencies", scope_id=region, filename="b.csv", status="reading",
                                        source=b"code\nA\n", attempts=MAX_READ_ATTEMPTS, created_by=people["reviewer"])  # fmt: skip
    stalled = ImportBatch.objects.create(kind="agencies", scope_id=region, filename="c.csv", status="reading",
                                         updated=timezone.now() - datetime.timedelta(minutes=3), created_by=people["reviewer"])  # fmt: skip

    batch_read(batch_id=unreadable.pk)
    batch_read(batch_id=killer.pk)
    pages = {
        b.pk: reviewer.get(reverse("agencies:import-preview", args=[b.pk])).content.decode()
        for b in (unreadable, killer, stalled)
    }

    unreadable.refresh_from_db()
    killer.refresh_from_db()
    assert (unreadable.status, unreadable.problem, unreadable.source) == (
        "unreadable",
        "Baris 2 memiliki sel yang lebih panjang dari 10 karakter.",
        None,
    )
    assert (killer.status, killer.problem) == (
        "unreadable",
        "Pembacaan berkas ini terhenti beberapa kali. Periksa berkasnya atau pecah menjadi beberapa berkas, lalu unggah lagi.",
    )
    assert "Baris 2 memiliki sel yang lebih panjang dari 10 karakter." in pages[unreadable.pk]
    assert "Pembacaan berkas terhenti (server yang mengerjakannya terputus)." in pages[stalled.pk]
    assert reviewer.get(reverse("import-status", args=[stalled.pk])).json() == {
        "status": "stopped",
        "label": "Terhenti",
        "finished": True,
    }
    assert all(f'href="{reverse("agencies:import")}"' in page for page in pages.values())
    assert batch_read(batch_id=unreadable.pk) is None  # already read: a second delivery of the task does nothing

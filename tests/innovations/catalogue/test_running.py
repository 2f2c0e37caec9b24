"""The yearly "still running?" check: reminders once per agency and milestone (also through a real worker), the
mayor's office sees who has not answered, a stopped innovation leaves both catalogues with its history kept."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.celery import app as celery_app
from core.models import Notification
from innovations.catalogue import running, selectors
from innovations.models import RunningConfirmation, RunningReminder, RunningRound, StopReason, Transition
from innovations.public.selectors import published
from tests.innovations.catalogue.factories import round_of, running_original

TODAY = datetime.date(2026, 1, 10)


def reminded():
    return sorted(Notification.objects.filter(kind="innovation.still_running").values_list("user__username", "key"))


@pytest.mark.django_db
def test_reminders_go_once_per_agency_and_milestone(people, chart, original, disdik_head):
    running_original(chart["dinkes"], people["staff"], title="Posyandu Remaja")
    check = round_of(chart["dinkes"].region, people["reviewer"])

    assert running.send_reminders(today=TODAY) == 2
    assert running.send_reminders(today=TODAY) == 0
    first = reminded()
    assert [user for user, _key in first] == ["kadinkes", "kadisdik", "staf.dinkes", "staf.disdik"]
    assert {key for _user, key in first} == {
        f"still-running:{check.pk}:{chart['dinkes'].pk}:opened",
        f"still-running:{check.pk}:{chart['disdik'].pk}:opened",
    }

    # Dinas Kesehatan answers; only Dinas Pendidikan hears again when the due date comes near.
    running.confirmation_record(
        round=check, innovation=chart["dinkes"].innovations.get(), by=people["staff"], answer="running"
    )
    assert running.send_reminders(today=datetime.date(2026, 1, 25)) == 1
    assert running.send_reminders(today=datetime.date(2026, 1, 25)) == 0
    assert sorted(RunningReminder.objects.values_list("agency__code", "milestone")) == [
        ("DINDIK", "due_soon"),
        ("DINDIK", "opened"),
        ("DINKES", "opened"),
    ]
    assert [(a.name, a.running, a.answered, a.waiting) for a in running.progress(check)] == [
        ("Dinas Pendidikan", 1, 0, 1),
        ("Dinas Kesehatan", 1, 1, 0),
    ]


@pytest.mark.django_db
def test_a_stopped_answer_takes_it_out_of_both_catalogues_and_keeps_its_history(people, chart, original):
    check = round_of(chart["dinkes"].region, people["reviewer"])
    with pytest.raises(ValidationError):
        running.confirmation_record(
            round=check, innovation=original, by=people["other_staff"], answer="stopped", stop_reason="budget"
        )

    running.confirmation_record(
        round=check,
        innovation=original,
        by=people["other_staff"],
        answer="stopped",
        stop_reason=StopReason.BUDGET,
        note="Kapal operasional rusak.",
    )

    assert list(selectors.catalogue_visible_to(people["staff"])) == []
    assert list(published(chart["dinkes"].region.code)) == []
    original.refresh_from_db()
    assert (original.running, original.stopped_reason) == (
        "stopped",
        "Tidak ada anggaran lagi: Kapal operasional rusak.",
    )
    assert Transition.objects.filter(innovation=original, action="stop").count() == 1
    assert RunningConfirmation.objects.get().answer == "stopped"
    assert [(a.running, a.answered, a.waiting) for a in running.progress(check)] == [(1, 1, 0)]


@pytest.mark.django_db
def test_the_still_running_page_by_role(people, chart, original, as_user):
    round_of(chart["dinkes"].region, people["reviewer"], opens="2000-01-01", due="2099-12-31")
    url = reverse("catalogue:running")
    assert [as_user(people[n]).get(url).status_code for n in ("other_staff", "reviewer", "evaluator")] == [
        200,
        200,
        403,
    ]
    page = as_user(people["reviewer"]).get(url).content.decode()
    assert "Dinas Pendidikan" in page and 'id="running-progress"' in page
    region = chart["dinkes"].region
    assert as_user(people["outsider"]).post(reverse("catalogue:setting", args=[region.pk])).status_code == 404
    answer = reverse("catalogue:answer", args=[original.pk])
    assert as_user(people["staff"]).post(answer, {f"i{original.pk}-answer": "running"}).status_code == 404
    response = as_user(people["other_staff"]).post(answer, {f"i{original.pk}-answer": "changed"})
    assert response.status_code == 400
    assert "Sebutkan apa yang berubah." in response.content.decode()
    assert RunningConfirmation.objects.count() == 0
    new_round = reverse("catalogue:round", args=[region.pk])
    dates = {f"r{region.pk}-year": 2027, f"r{region.pk}-opens_on": "2027-01-04", f"r{region.pk}-due_on": "2027-01-29"}
    codes = [as_user(people[n]).post(new_round, dates).status_code for n in ("other_staff", "outsider", "reviewer")]
    assert codes == [404, 404, 302]
    assert list(RunningRound.objects.order_by("year").values_list("year", flat=True)) == [2026, 2027]


@pytest.mark.django_db
def test_the_still_running_page_query_count_does_not_grow(people, chart, disdik_head, as_user, _media_root):
    round_of(chart["dinkes"].region, people["reviewer"], opens="2000-01-01", due="2099-12-31")
    reviewer, staff = as_user(people["reviewer"]), as_user(people["other_staff"])
    url = reverse("catalogue:running")
    running_original(chart["disdik"], people["other_staff"], title="Satu")
    reviewer.get(url), staff.get(url)  # the header's count of work waiting is gathered once, then cached
    with CaptureQueriesContext(connection) as one:
        reviewer.get(url), staff.get(url)
    for title in ("Dua", "Tiga"):
        running_original(chart["disdik"], people["other_staff"], title=title)
    with CaptureQueriesContext(connection) as three:
        reviewer.get(url), staff.get(url)
    assert len(one) == len(three)


@pytest.fixture
def worker(transactional_db):
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running_worker:
        yield running_worker


def test_the_reminder_job_runs_twice_in_the_worker_and_reminds_once(
    people, chart, disdik_head, worker, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    running_original(chart["disdik"], people["other_staff"])
    round_of(chart["dinkes"].region, people["reviewer"], opens="2000-01-01", due="2099-12-31")
    from innovations.tasks import send_still_running_reminders

    results = [send_still_running_reminders.delay().get(timeout=30) for _ in range(2)]

    assert results == [1, 0]
    assert [user for user, _key in reminded()] == ["kadisdik", "staf.disdik"]

"""The organiser's services: rounds from the templates, criteria, administrative selection, moving on,
publication and reminders; every change recorded."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from competition.models import EntryState, StageKind
from competition.selectors.ranking import ranking, top_entry_ids
from competition.services.organiser import (
    CriterionData,
    criteria_replace,
    entries_advance,
    entry_fail,
    entry_pass,
    round_publish,
    send_reminders,
)
from core.models import Notification
from tests.competition.conftest import (
    CHECKLIST,
    accepted,
    enter,
)

pytestmark = pytest.mark.django_db


def test_round_from_templates_has_six_stages_and_the_template_weights(round_):
    stages = list(round_.stages.order_by("order"))

    assert [s.kind for s in stages] == [
        "registration",
        "admin_selection",
        "proposal",
        "presentation",
        "field_verification",
        "announcement",
    ]
    proposal = round_.stages.get(kind="proposal")
    assert [(c.slug, c.weight) for c in proposal.criteria.all()] == [
        ("background", 10),
        ("novelty", 15),
        ("implementation", 5),
        ("significance", 30),
        ("adaptability", 20),
        ("resources", 5),
        ("sustainability", 15),
    ]
    presentation = round_.stages.get(kind="presentation")
    assert [(c.slug, c.weight) for c in presentation.criteria.all()] == [
        ("delivery", 30),
        ("substance", 50),
        ("video", 10),
        ("head-presence", 10),
    ]


def test_criteria_weights_must_sum_to_100(round_, people):
    stage = round_.stages.get(kind="proposal")

    with pytest.raises(ValidationError) as error:
        criteria_replace(
            stage=stage,
            by=people["reviewer"],
            criteria=[CriterionData("Kebaruan", 60), CriterionData("Dampak", 30)],
        )

    assert error.value.messages == ["Bobot berjumlah 90; harus berjumlah 100."]
    assert stage.criteria.count() == 7


def test_fail_needs_a_reason_the_agency_sees(round_, people, chart):
    entry = enter(round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"])

    with pytest.raises(ValidationError):
        entry_fail(entry=entry, by=people["reviewer"], checklist={}, note=" ")
    entry = entry_fail(
        entry=entry, by=people["reviewer"], checklist={"complete": True}, note="Video tidak bisa dibuka."
    )

    assert (entry.state, entry.admin_reason) == (EntryState.FAILED, "Video tidak bisa dibuka.")
    assert entry.admin_checklist == {
        "complete": True,
        "age": False,
        "documents": False,
        "video": False,
        "unique": False,
    }
    other = enter(round_, accepted(chart["dinkes"], "Lain"), people["staff"])
    with pytest.raises(PermissionDenied):
        entry_pass(entry=other, by=people["staff"], checklist=CHECKLIST)
    with pytest.raises(ValidationError):
        entry_pass(entry=entry, by=people["reviewer"], checklist=CHECKLIST)


def test_ranking_advance_and_publish_mark_the_winner(round_, scored, people, django_capture_on_commit_callbacks):
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)

    rows = ranking(proposal)
    top = top_entry_ids(proposal, 1)
    entries_advance(round_=round_, by=people["reviewer"], entry_ids=top)
    with django_capture_on_commit_callbacks(execute=True):
        round_publish(round_=round_, by=people["reviewer"])

    assert [(r.entry.innovation.title, r.result.mean, r.result.rank) for r in rows] == [
        ("Posyandu Remaja", Decimal("85.00"), 1),
        ("Antar Obat", Decimal("75.00"), 2),
        ("Guru Kunjung", Decimal("60.00"), 3),
    ]
    winner = scored[2]
    winner.refresh_from_db()
    assert (winner.stage.kind, winner.final_rank, winner.is_winner) == ("presentation", 1, True)
    assert [e.pk for e in round_.entries.filter(is_winner=True)] == [winner.pk]
    assert winner.transitions.last().action == "advance"
    assert round_.events.filter(action="publish").count() == 1
    assert Notification.objects.filter(kind="competition.published", user__username="staf.dinkes").count() == 1
    with pytest.raises(ValidationError):
        round_publish(round_=round_, by=people["reviewer"])


def test_reminders_once_per_evaluator_and_stage(reminder_due):
    first = send_reminders()
    second = send_reminders()

    assert (first, second) == (1, 0)
    assert list(Notification.objects.filter(kind="competition.reminder").values_list("user__username", "key")) == [
        ("juri1", f"competition.reminder.{reminder_due.pk}")
    ]

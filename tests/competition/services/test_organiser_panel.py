"""The panel's assignment: never a conflicted evaluator, k per entry, loads within one of each other."""

import pytest
from django.core.exceptions import ValidationError

from competition.models import StageKind
from competition.services.evaluator import conflict_declare
from competition.services.organiser_panel import assignment_add, assignment_run, panelist_add
from tests.agencies.factories import role, user_with_role
from tests.competition.conftest import accepted, enter

pytestmark = pytest.mark.django_db


def test_assignment_run_skips_an_evaluator_working_above_or_below_the_entrant(round_, people, chart, panel, juri2):
    # juri2 is also staff of the Puskesmas under Dinas Kesehatan: conflicted with the Dinkes entry only.
    role(juri2, "staff", agency=chart["pkm"])
    staff_disdik = people["other_staff"]
    dinkes = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    disdik = enter(round_, accepted(chart["disdik"], "Guru"), staff_disdik, passed=True, organiser=people["reviewer"])
    third = user_with_role("evaluator", region=chart["dinkes"].region, username="juri3")
    panelist_add(round_=round_, user=third, by=people["reviewer"])
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)

    plan = assignment_run(stage=proposal, by=people["reviewer"])

    assigned = {(r.entry_id, r.panelist.user.username) for r in proposal.reviews.select_related("panelist__user")}
    assert assigned == {
        (dinkes.pk, "juri1"),
        (dinkes.pk, "juri3"),
        (disdik.pk, "juri2"),
        (disdik.pk, "juri1"),
    } or assigned == {(dinkes.pk, "juri1"), (dinkes.pk, "juri3"), (disdik.pk, "juri2"), (disdik.pk, "juri3")}
    assert plan.short == {}
    assert max(plan.load.values()) - min(plan.load.values()) <= 1
    assert round_.events.filter(action="assign").count() == 1


def test_declared_conflict_is_never_assigned_and_removes_pending_review(round_, people, chart, panel):
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    assignment_run(stage=proposal, by=people["reviewer"])

    conflict_declare(panelist=panel[0], entry=entry, reason="Suami kepala dinas", by=people["reviewer"])
    plan = assignment_run(stage=proposal, by=people["reviewer"])

    assert list(entry.reviews.values_list("panelist__user__username", flat=True)) == ["juri2"]
    assert plan.short == {entry.pk: 1}
    with pytest.raises(ValidationError):
        assignment_add(entry=entry, stage=proposal, panelist=panel[0], by=people["reviewer"])

"""The organiser's panel page as one read: each entry's evaluators and conflicts, entries short of k, loads."""

import pytest

from competition.models import StageKind
from competition.selectors.rounds import panel_overview
from competition.services.organiser_panel import assignment_run
from tests.agencies.factories import role
from tests.competition.conftest import accepted, enter

pytestmark = pytest.mark.django_db


def test_panel_overview_shows_evaluators_conflicts_short_entries_and_loads(round_, people, chart, panel, juri2):
    # juri2 is also staff of the Puskesmas under Dinas Kesehatan: conflicted with the Dinkes entry only, which
    # is left with one evaluator of the two the round asks for.
    role(juri2, "staff", agency=chart["pkm"])
    organiser = people["reviewer"]
    dinkes = enter(round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=organiser)
    disdik = enter(round_, accepted(chart["disdik"], "Guru"), people["other_staff"], passed=True, organiser=organiser)
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    assignment_run(stage=proposal, by=organiser)

    overview = panel_overview(round_, proposal)

    assert [
        (r.entry.pk, {rv.panelist.user.username for rv in r.reviews}, [p.user.username for p in r.conflicted], r.short)
        for r in overview.rows
    ] == [
        (dinkes.pk, {"juri1"}, ["juri2"], True),
        (disdik.pk, {"juri1", "juri2"}, [], False),
    ]
    assert [r.entry.pk for r in overview.short] == [dinkes.pk]
    assert {p.user.username: n for p, n in overview.load} == {"juri1": 2, "juri2": 1}

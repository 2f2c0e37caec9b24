"""A passing grade per stage, as data (KIPP 2025 proposal stage: 85, kabar24 / semarak.co; domain.md §1.5): a new
round's stage takes it, the ranking marks entries below it "tidak lolos", and they do not go on."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from competition.models import StageKind
from competition.scoring import below_passing_grade
from competition.selectors.ranking import ranking, top_entry_ids
from competition.services.organiser import entries_advance
from tests.competition.factories import RoundFactory
from tests.conftest import client_for


def test_below_the_grade_edges():
    grade = Decimal("85")

    assert [below_passing_grade(Decimal(s), grade) for s in ("84.99", "85.00", "97.10")] == [True, False, False]
    assert (below_passing_grade(None, grade), below_passing_grade(Decimal("10"), None)) == (False, False)


@pytest.mark.django_db
def test_a_new_round_takes_the_grade_of_its_year(region, people):
    grades_2026 = dict(RoundFactory(region=region, by=people["reviewer"]).stages.values_list("kind", "passing_grade"))
    grades_2024 = dict(
        RoundFactory(region=region, by=people["reviewer"], name="Kompetisi 2024", year=2024).stages.values_list(
            "kind", "passing_grade"
        )
    )

    assert (grades_2026["proposal"], grades_2026["presentation"]) == (Decimal("85.00"), None)
    assert grades_2024["proposal"] is None


@pytest.mark.django_db
def test_entries_below_the_grade_are_marked_and_do_not_go_on(round_, scored, people):
    # Means 85 (Posyandu Remaja), 75 (Antar Obat), 60 (Guru Kunjung) against the proposal grade 85.
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)

    rows = [(r.entry.innovation.title, r.final, r.below_grade) for r in ranking(proposal)]

    assert [(title, below) for title, _final, below in rows] == [
        ("Posyandu Remaja", False),
        ("Antar Obat", True),
        ("Guru Kunjung", True),
    ]
    assert top_entry_ids(proposal, 3) == [scored[2].pk]
    with pytest.raises(ValidationError) as refused:
        entries_advance(round_=round_, by=people["reviewer"], entry_ids=[scored[0].pk])
    assert rows[1][1] == Decimal("75.00")
    assert refused.value.messages == [
        "Antar Obat memperoleh 75.00, di bawah nilai ambang batas 85.00 tahap Evaluasi proposal: tidak lanjut ke "
        "tahap berikutnya."
    ]
    page = client_for(people["reviewer"]).get(reverse("competition:ranking", args=[round_.pk]) + "?stage=proposal")
    assert (
        page.content.decode().count('<span class="badge text-bg-danger fw-normal below-grade">tidak lolos</span>') == 2
    )

"""The searches of the panel page, for the organiser only: the region's evaluators not on the panel yet, and the
entries of a scored stage; and the page's assignment table in pages."""

import pytest
from django.urls import reverse

from competition.forms import ManualAssignForm, PanelistForm
from competition.models import StageKind
from competition.selectors.rounds import evaluator_candidates
from tests.agencies.factories import user_with_role
from tests.agencies.test_autocomplete import names
from tests.competition.conftest import ORGANISER_ONLY, accepted, enter, status_by_role
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def juri_bitung(other_region):
    return user_with_role("evaluator", region=other_region, username="juri.bitung")


def test_search_permission_matrix_and_rows(round_, people, juri2, juri_bitung):
    url = reverse("competition:evaluator-autocomplete", args=[round_.pk])

    assert status_by_role(url, people) == ORGANISER_ONLY
    assert names(client_for(people["reviewer"]).get(url)) == sorted(
        [people["evaluator"].display_name, juri2.display_name]
    )
    assert names(client_for(people["reviewer"]).get(url, {"q": "juri2"})) == [juri2.display_name]


@pytest.mark.parametrize("extra", [0, 2])
def test_search_query_count_does_not_grow(round_, people, region, extra, django_assert_num_queries):
    for i in range(extra):
        user_with_role("evaluator", region=region, username=f"juri.tambahan{i}")
    client = client_for(people["reviewer"])
    url = reverse("competition:evaluator-autocomplete", args=[round_.pk])
    client.get(url)

    with django_assert_num_queries(6):
        assert len(names(client.get(url))) == 1 + extra


def test_panel_form_carries_only_the_chosen_evaluator_and_refuses_another_regions(round_, people, juri_bitung):
    def form(user):
        return PanelistForm({"user": user.pk}, candidates=evaluator_candidates(round_), round_id=round_.pk)

    chosen, foreign = form(people["evaluator"]), form(juri_bitung)

    assert chosen.is_valid()
    assert str(chosen["user"]).count("<option") == 2
    assert not foreign.is_valid()
    assert foreign.errors["user"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]


@pytest.fixture
def guru_kunjung(assigned, round_, people, chart):
    """A second entry at the proposal stage, after Dinas Kesehatan's "Antar Obat" (`assigned`)."""
    return enter(
        round_,
        accepted(chart["disdik"], "Guru Kunjung"),
        people["other_staff"],
        passed=True,
        organiser=people["reviewer"],
    )


def test_entry_search_of_a_stage_permission_matrix_and_rows(guru_kunjung, round_, people):
    """The panel's "assign by hand" searches the stage's entries (a province round holds thousands)."""
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    url = f"{reverse('competition:entry-autocomplete', args=[round_.pk])}?stage={proposal.pk}"

    assert status_by_role(url, people) == ORGANISER_ONLY
    reviewer = client_for(people["reviewer"])
    assert names(reviewer.get(url)) == ["Antar Obat — Dinas Kesehatan", "Guru Kunjung — Dinas Pendidikan"]
    assert names(reviewer.get(url, {"q": "pendidikan"})) == [f"{guru_kunjung.innovation.title} — Dinas Pendidikan"]
    registration = round_.stages.get(kind=StageKind.REGISTRATION)  # not a scored stage: nothing to assign
    everything = reverse("competition:entry-autocomplete", args=[round_.pk])
    assert reviewer.get(everything, {"stage": registration.pk}).status_code == 404
    # Without a stage: every entry not withdrawn, for a declared conflict.
    assert names(reviewer.get(everything)) == ["Antar Obat — Dinas Kesehatan", "Guru Kunjung — Dinas Pendidikan"]


def test_panel_assign_form_carries_only_the_chosen_entry(assigned, round_, people, panel):
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    form = ManualAssignForm(
        {"entry": assigned.pk, "panelist": panel[0].pk}, stage=proposal, panel=round_.panel.select_related("user")
    )

    assert form.is_valid()
    assert str(form["entry"]).count("<option") == 2  # the empty choice and the chosen entry
    assert f'data-autocomplete-url="/kompetisi/{round_.pk}/panel/entries/?stage={proposal.pk}"' in str(form["entry"])


def test_panel_table_is_paged(guru_kunjung, round_, people, monkeypatch):
    from competition.views import organiser

    monkeypatch.setattr(organiser, "PANEL_PAGE_SIZE", 1)
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    url = reverse("competition:panel", args=[round_.pk])
    reviewer = client_for(people["reviewer"])

    first = reviewer.get(url, {"stage": proposal.pk}).content.decode()
    second = reviewer.get(url, {"stage": proposal.pk, "page": 2}).content.decode()

    assert ">Antar Obat</a>" in first and ">Guru Kunjung</a>" not in first
    assert ">Guru Kunjung</a>" in second and ">Antar Obat</a>" not in second
    assert f'href="?stage={proposal.pk}&page=2"' in first
    assert "Halaman 1 dari 2" in first

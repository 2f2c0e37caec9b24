"""The pages every actor opens: who may see what (outsiders 404, read-only members 403), query counts."""

import pytest
from django.urls import reverse

from competition.models import StageKind
from competition.services.organiser import (
    stage_set_override,
)
from competition.services.organiser_panel import assignment_run
from tests.agencies.factories import user_with_role
from tests.competition.conftest import ORGANISER_ONLY, accepted, enter, score_all, status_by_role
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

#: Dinas Kesehatan's entry: the organiser, its own agency and the head above, and its assigned evaluator see it;
#: other agencies of the region do not learn it exists.
SEES_DINKES_ENTRY = {
    "admin": 200,
    "reviewer": 200,
    "head": 200,
    "staff": 200,
    "other_staff": 404,
    "camat": 404,
    "evaluator": 200,
    "outsider": 404,
}


def test_entry_page_permission_matrix(scored, people, round_):
    url = reverse("competition:entry", args=[scored[0].pk])  # Dinas Kesehatan's entry
    juri3 = user_with_role("evaluator", region=round_.region, username="juri3")

    assert status_by_role(url, people, {"unassigned_evaluator": juri3}) == {
        **SEES_DINKES_ENTRY,
        "unassigned_evaluator": 404,
    }
    assert client_for(None).get(url).status_code == 302


def test_round_pages_permission_matrix(scored, people, round_):
    stage = round_.stages.get(kind=StageKind.PROPOSAL)

    assert status_by_role(reverse("competition:round", args=[round_.pk]), people) == {
        **dict.fromkeys(people, 200),
        "outsider": 404,  # another region's round is not theirs to know of
    }
    for name, args in [
        ("competition:round-update", [round_.pk]),
        ("competition:criteria", [round_.pk, stage.pk]),
        ("competition:panel", [round_.pk]),
    ]:
        assert status_by_role(reverse(name, args=args), people) == ORGANISER_ONLY, name
    assert status_by_role(reverse("competition:create"), people) == {**ORGANISER_ONLY, "outsider": 403}
    # Entering is for agency people of the region; the organiser and evaluators only read.
    assert status_by_role(reverse("competition:enter", args=[round_.pk]), people) == {
        "admin": 403,
        "reviewer": 403,
        "head": 200,
        "staff": 200,
        "other_staff": 200,
        "camat": 200,
        "evaluator": 403,
        "outsider": 404,
    }


@pytest.mark.parametrize(
    "name", ["competition:nomination", "competition:nomination-docx", "competition:nomination-pdf"]
)
def test_nomination_download_permission_matrix(scored, people, name):
    url = reverse(name, args=[scored[0].pk])  # Dinas Kesehatan's entry

    assert status_by_role(url, people) == SEES_DINKES_ENTRY
    assert client_for(None).get(url).status_code == 302


def test_round_history_reads_in_words(round_, people):
    stage_set_override(stage=round_.stages.get(kind=StageKind.PROPOSAL), by=people["reviewer"], override="open")

    html = client_for(people["reviewer"]).get(reverse("competition:round", args=[round_.pk])).content.decode()

    assert "babak dibuat: 2026" in html
    assert "tahap dibuka atau ditutup manual (Evaluasi proposal): mengikuti tanggal → dibuka" in html


def _more_entries(round_, people, chart, n):
    staff = user_with_role("staff", agency=chart["disdik"], username="staf.dua")
    for i in range(n):
        enter(round_, accepted(chart["disdik"], f"Tambahan {i}"), staff, passed=True, organiser=people["reviewer"])


@pytest.mark.parametrize("extra", [0, 1])
def test_query_counts_do_not_grow_with_entries_and_reviews(
    extra, round_, people, chart, panel, django_assert_num_queries
):
    # Two entries from two agencies (max 2 per agency); with extra=1 a third, and all reviewed.
    enter(round_, accepted(chart["dinkes"], "A"), people["staff"], passed=True, organiser=people["reviewer"])
    if extra:
        _more_entries(round_, people, chart, 2)
    stage = round_.stages.get(kind=StageKind.PROPOSAL)
    stage_set_override(stage=stage, by=people["reviewer"], override="open")
    assignment_run(stage=stage, by=people["reviewer"])
    for review in stage.reviews.select_related("panelist__user"):
        score_all(review, review.panelist.user, 70)
    organiser, evaluator = client_for(people["reviewer"]), client_for(people["evaluator"])
    # The header's count of work waiting is gathered on a person's first page, then cached under the data version.
    evaluator.get(reverse("competition:my-reviews"))
    organiser.get(reverse("competition:ranking", args=[round_.pk]))

    with django_assert_num_queries(7):  # with the two two-factor lookups of a person without a device
        assert evaluator.get(reverse("competition:my-reviews")).status_code == 200
    # The organiser's pages read the verified two-factor device of the session too (required for managers).
    with django_assert_num_queries(14):
        assert organiser.get(reverse("competition:ranking", args=[round_.pk])).status_code == 200
    with django_assert_num_queries(12):
        assert organiser.get(reverse("competition:round", args=[round_.pk])).status_code == 200

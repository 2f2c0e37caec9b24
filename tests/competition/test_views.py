"""Pages and API of the competition: who may see what (outsiders 404, read-only members 403), query counts."""

import pytest
from django.urls import reverse

from competition import services
from competition.models import StageKind
from tests.competition.conftest import accepted, enter, score_all
from tests.conftest import client_for
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def status_by_role(url, people, extra=None):
    users = {**people, **(extra or {})}
    return {name: client_for(user).get(url).status_code for name, user in users.items()}


def test_entry_page_permission_matrix(scored, people, round_):
    url = reverse("competition:entry", args=[scored[0].pk])  # Dinas Kesehatan's entry
    juri3 = user_with_role("evaluator", region=round_.region, username="juri3")

    assert status_by_role(url, people, {"unassigned_evaluator": juri3}) == {
        "admin": 200,
        "reviewer": 200,
        "head": 200,
        "staff": 200,
        "other_staff": 404,
        "camat": 404,
        "evaluator": 200,
        "outsider": 404,
        "unassigned_evaluator": 404,
    }
    assert client_for(None).get(url).status_code == 302


def test_unassigned_evaluator_gets_404_by_page_and_by_api(scored, round_):
    juri3 = user_with_role("evaluator", region=round_.region, username="juri3")
    services.panelist_add(round_=round_, user=juri3, by=round_.created_by)
    stage = round_.stages.get(kind=StageKind.PROPOSAL)
    client = client_for(juri3)

    page = client.get(reverse("competition:review", args=[scored[0].pk, stage.pk]))
    api = client.get(f"/api/v1/competition-entries/{scored[0].pk}/")
    ranking = client.get(f"/api/v1/competitions/{round_.pk}/ranking/")

    assert (page.status_code, api.status_code, ranking.status_code) == (404, 404, 404)


def test_edit_and_ranking_are_forbidden_to_read_only_members(scored, people, round_):
    edit = reverse("competition:entry-edit", args=[scored[0].pk])
    ranking = reverse("competition:ranking", args=[round_.pk])

    assert status_by_role(edit, people) == {
        "admin": 403,
        "reviewer": 403,
        "head": 403,
        "staff": 403,
        "other_staff": 404,
        "camat": 404,
        "evaluator": 403,
        "outsider": 404,
    }
    assert status_by_role(ranking, people) == {
        "admin": 200,
        "reviewer": 200,
        "head": 403,
        "staff": 403,
        "other_staff": 403,
        "camat": 403,
        "evaluator": 403,
        "outsider": 404,
    }


def test_evaluator_sees_others_only_after_submitting(round_, people, chart, panel):
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    stage = round_.stages.get(kind=StageKind.PROPOSAL)
    services.stage_set_override(stage=stage, by=people["reviewer"], override="open")
    services.assignment_run(stage=stage, by=people["reviewer"])
    score_all(entry.reviews.get(panelist=panel[1]), panel[1].user, 80)
    url = reverse("competition:review", args=[entry.pk, stage.pk])
    client = client_for(people["evaluator"])

    before = client.get(url).content.decode()
    score_all(entry.reviews.get(panelist=panel[0]), people["evaluator"], 70)
    after = client.get(url).content.decode()

    name = panel[1].user.display_name
    assert (name in before, "80,00" in before) == (False, False)
    assert (name in after, "80,00" in after) == (True, True)


def test_bad_score_keeps_what_was_typed(round_, people, chart, panel):
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    stage = round_.stages.get(kind=StageKind.PROPOSAL)
    services.stage_set_override(stage=stage, by=people["reviewer"], override="open")
    services.assignment_run(stage=stage, by=people["reviewer"])
    first, second = list(stage.criteria.all())[:2]

    response = client_for(people["evaluator"]).post(
        reverse("competition:review", args=[entry.pk, stage.pk]),
        {f"score_{first.pk}": "150", f"score_{second.pk}": "77", f"comment_{second.pk}": "Jelas"},
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Beri skor 0 sampai 100." in body
    assert 'value="77"' in body and "Jelas" in body


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
    services.stage_set_override(stage=stage, by=people["reviewer"], override="open")
    services.assignment_run(stage=stage, by=people["reviewer"])
    for review in stage.reviews.select_related("panelist__user"):
        score_all(review, review.panelist.user, 70)
    organiser, evaluator = client_for(people["reviewer"]), client_for(people["evaluator"])

    with django_assert_num_queries(5):
        assert evaluator.get(reverse("competition:my-reviews")).status_code == 200
    with django_assert_num_queries(13):
        assert organiser.get(reverse("competition:ranking", args=[round_.pk])).status_code == 200
    with django_assert_num_queries(11):
        assert organiser.get(reverse("competition:round", args=[round_.pk])).status_code == 200


def test_api_ranking_for_the_organiser_and_after_publication(scored, round_, people):
    url = f"/api/v1/competitions/{round_.pk}/ranking/"

    organiser = client_for(people["reviewer"]).get(url)
    staff_before = client_for(people["staff"]).get(url)
    services.round_publish(round_=round_, by=people["reviewer"])
    staff_after = client_for(people["staff"]).get(url)

    assert (staff_before.status_code, staff_after.status_code) == (404, 200)
    assert [
        (
            r["innovation"],
            r["agency"],
            r["category"],
            r["group"],
            r["stage"],
            r["mean"],
            r["median"],
            r["normalised"],
            r["spread"],
            r["rank"],
        )
        for r in organiser.json()
    ] == [
        ("Posyandu Remaja", "PKM-01", "kesehatan", "umum", "proposal", "85.00", "85.00", "86.01", "10.00", 1),
        ("Antar Obat", "DINKES", "kesehatan", "umum", "proposal", "75.00", "75.00", "74.81", "10.00", 2),
        ("Guru Kunjung", "DINDIK", "kesehatan", "umum", "proposal", "60.00", "60.00", "59.18", "0.00", 3),
    ]
    assert [r["name"] for r in client_for(people["staff"]).get("/api/v1/competitions/").json()["results"]] == [
        "Kompetisi Inovasi 2026"
    ]


def test_ranking_csv_export_has_raw_and_normalised(scored, round_, people):
    response = client_for(people["reviewer"]).get(reverse("competition:ranking", args=[round_.pk]) + "?export=csv")

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith(
        "Peringkat,Pendaftaran,Instansi,Kategori,Kelompok,Tahapan,Rata-rata,Median,Dinormalisasi,Selisih"
    )
    assert len(lines) == 4


ORGANISER_ONLY = {
    "admin": 200,
    "reviewer": 200,
    "head": 403,
    "staff": 403,
    "other_staff": 403,
    "camat": 403,
    "evaluator": 403,
    "outsider": 404,
}


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


def test_nomination_download_permission_matrix(scored, people):
    url = reverse("competition:nomination", args=[scored[0].pk])  # Dinas Kesehatan's entry

    assert status_by_role(url, people) == {
        "admin": 200,
        "reviewer": 200,
        "head": 200,
        "staff": 200,
        "other_staff": 404,
        "camat": 404,
        "evaluator": 200,  # assigned to it
        "outsider": 404,
    }
    assert client_for(None).get(url).status_code == 302


def test_round_history_reads_in_words(round_, people):
    services.stage_set_override(
        stage=round_.stages.get(kind=StageKind.PROPOSAL), by=people["reviewer"], override="open"
    )

    html = client_for(people["reviewer"]).get(reverse("competition:round", args=[round_.pk])).content.decode()

    assert "babak dibuat: 2026" in html
    assert "tahap dibuka atau ditutup manual (Evaluasi proposal): mengikuti tanggal → dibuka" in html


def test_cached_ranking_follows_a_newly_submitted_score(
    round_, people, chart, panel, settings, django_capture_on_commit_callbacks
):
    settings.RANKING_CACHE_SECONDS = 600
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    stage = round_.stages.get(kind=StageKind.PROPOSAL)
    with django_capture_on_commit_callbacks(execute=True):
        services.stage_set_override(stage=stage, by=people["reviewer"], override="open")
        services.assignment_run(stage=stage, by=people["reviewer"])
        score_all(entry.reviews.get(panelist=panel[0]), people["evaluator"], 70)
    client = client_for(people["reviewer"])
    url = reverse("competition:ranking", args=[round_.pk]) + "?stage=proposal"

    assert [str(r.result.mean) for r in client.get(url).context["rows"]] == ["70.00"]
    assert [str(r.result.mean) for r in client.get(url).context["rows"]] == ["70.00"]  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        score_all(entry.reviews.get(panelist=panel[1]), panel[1].user, 90)

    assert [str(r.result.mean) for r in client.get(url).context["rows"]] == ["80.00"]

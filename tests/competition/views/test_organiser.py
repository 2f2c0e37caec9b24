"""The organiser's pages: the ranking, its export and its cache."""

import logging

import pytest
from django.urls import reverse

from competition.models import StageKind
from competition.services.organiser import (
    stage_set_override,
)
from competition.services.organiser_panel import assignment_run
from tests.competition.conftest import accepted, enter, score_all
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_ranking_csv_export_has_raw_and_normalised(scored, round_, people):
    response = client_for(people["reviewer"]).get(reverse("competition:ranking", args=[round_.pk]) + "?export=csv")

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith(
        "Peringkat,Pendaftaran,Instansi,Kategori,Kelompok,Tahapan,Rata-rata,Median,Dinormalisasi,Selisih"
    )
    assert len(lines) == 4


def test_cached_ranking_follows_a_newly_submitted_score(
    round_, people, chart, panel, settings, django_capture_on_commit_callbacks
):
    settings.RANKING_CACHE_SECONDS = 600
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    stage = round_.stages.get(kind=StageKind.PROPOSAL)
    with django_capture_on_commit_callbacks(execute=True):
        stage_set_override(stage=stage, by=people["reviewer"], override="open")
        assignment_run(stage=stage, by=people["reviewer"])
        score_all(entry.reviews.get(panelist=panel[0]), people["evaluator"], 70)
    client = client_for(people["reviewer"])
    url = reverse("competition:ranking", args=[round_.pk]) + "?stage=proposal"

    assert [str(r.result.mean) for r in client.get(url).context["rows"]] == ["70.00"]
    assert [str(r.result.mean) for r in client.get(url).context["rows"]] == ["70.00"]  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        score_all(entry.reviews.get(panelist=panel[1]), panel[1].user, 90)

    assert [str(r.result.mean) for r in client.get(url).context["rows"]] == ["80.00"]


def test_the_round_settings_page_opens_without_logging_a_form_error(round_, people, caplog):
    with caplog.at_level(logging.WARNING):
        response = client_for(people["reviewer"]).get(reverse("competition:round-update", args=[round_.pk]))

    assert (response.status_code, [r.getMessage() for r in caplog.records]) == (200, [])

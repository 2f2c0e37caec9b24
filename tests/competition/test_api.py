"""The competition's API: the ranking for the organiser, and for the region once published."""

import pytest

from competition.services.organiser import (
    round_publish,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_api_ranking_for_the_organiser_and_after_publication(scored, round_, people):
    url = f"/api/v1/competitions/{round_.pk}/ranking/"

    organiser = client_for(people["reviewer"]).get(url)
    staff_before = client_for(people["staff"]).get(url)
    round_publish(round_=round_, by=people["reviewer"])
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

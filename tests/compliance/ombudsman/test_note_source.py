"""Where an improvement note comes from (report card, corrective action of a complaint, own field check): set in
the form, shown on the note and the list, filtered in the list and the API."""

import datetime

import pytest
from django.urls import reverse

from compliance.ombudsman.models import Finding
from tests.conftest import api_for, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(assessment, write_note, chart):
    def note(text, source):
        return write_note(text, chart["dinkes"], datetime.date(2026, 12, 31), source_type=source)

    return (
        assessment,
        note("Maklumat belum dipajang.", "report_card"),
        note("Tindak LAHP 0012/2024.", "corrective_action"),
    )


def test_the_form_records_a_corrective_action_note(notes, chart, people):
    assessment, _card, _lahp = notes
    data = {
        "text": "LAHP 0099/2024: loket antrean",
        "source_type": "corrective_action",
        "responsible": chart["dinkes"].pk,
        "due": "2026-12-01",
    }

    client_for(people["reviewer"]).post(reverse("compliance:finding-create", args=[assessment.pk]), data)

    saved = Finding.objects.get(text="LAHP 0099/2024: loket antrean")
    assert saved.source_type == "corrective_action"
    page = client_for(people["head"]).get(reverse("compliance:finding", args=[saved.pk])).content.decode()
    assert '<dd class="col-sm-8" id="finding-source">Tindakan korektif (LAHP) pengaduan</dd>' in page


def test_the_list_shows_and_filters_the_source(notes, people):
    client = client_for(people["reviewer"])
    url = reverse("compliance:findings")

    every = client.get(url)
    only_lahp = client.get(url, {"source": "corrective_action"})

    assert [(f.text, f.get_source_type_display()) for f in every.context["page"]] == [
        ("Maklumat belum dipajang.", "Rapor hasil penilaian"),
        ("Tindak LAHP 0012/2024.", "Tindakan korektif (LAHP) pengaduan"),
    ]
    assert [f.text for f in only_lahp.context["page"]] == ["Tindak LAHP 0012/2024."]


def test_the_api_gives_and_filters_the_source_with_the_list_visibility(notes, people):
    url = "/api/v1/compliance/findings/"

    mine = api_for(people["reviewer"]).get(url, {"source_type": "corrective_action"}).json()["results"]
    wrong = api_for(people["reviewer"]).get(url, {"source_type": "rumor"})

    assert [(r["text"], r["source_type"], r["responsible"], r["assessment_year"]) for r in mine] == [
        ("Tindak LAHP 0012/2024.", "corrective_action", "DINKES", 2024)
    ]
    assert wrong.status_code == 400
    assert wrong.json() == {"source_type": ["Gunakan salah satu: report_card, corrective_action, field_check."]}
    assert api_for(people["outsider"]).get(url).json()["results"] == []

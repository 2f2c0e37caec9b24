"""The Puskesmas Rijali's 2024 report card (opini-2022, 52.80: red) that the improvement notes of these tests
hang on, and its first note: the Dinas Kesehatan must display its service notice by 31 March 2026."""

import datetime

import pytest
from django.urls import reverse

from compliance.ombudsman import services
from compliance.ombudsman.models import AssessmentMethod
from tests.conftest import client_for


@pytest.fixture
def assessment(chart, record_assessment):
    return record_assessment(chart["pkm"], 2024, "opini-2022", "52.80")


@pytest.fixture
def write_note(assessment, people):
    """Write a note on the assessment as the mayor's office does: write_note(text, responsible, due, **more)."""

    def write(text, responsible, due, **more):
        return services.finding_create(
            assessment=assessment, text=text, responsible=responsible, due=due, by=people["reviewer"], **more
        )

    return write


@pytest.fixture
def note(write_note, chart):
    return write_note("Maklumat pelayanan belum dipajang.", chart["dinkes"], datetime.date(2026, 3, 31))


@pytest.fixture
def enter_assessment(people):
    """Send the assessment entry form as the mayor's office does: enter_assessment(agency, year, method slug or ""
    for the year's own method, score as typed, **more fields); what is not given is sent empty, as the form would."""

    def enter(agency, year, slug, score, **fields):
        method = AssessmentMethod.objects.get(slug=slug).pk if slug else ""
        blank = dict.fromkeys(["zone", "published", "source_url", "note"], "")
        data = {**blank, "agency": agency.pk, "year": str(year), "method": method, "score": score, **fields}
        return client_for(people["reviewer"]).post(reverse("compliance:assessment-create"), data)

    return enter

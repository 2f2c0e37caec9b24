"""The Puskesmas Rijali's 2024 report card (opini-2022, 52.80: red) that the improvement notes of these tests
hang on, and its first note: the Dinas Kesehatan must display its service notice by 31 March 2026."""

import datetime

import pytest

from compliance.ombudsman import services


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

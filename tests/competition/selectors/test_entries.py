"""Eligibility as read from the database: every rule with its reason, and the service refusing what fails."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from competition.eligibility import whole_years
from competition.models import CompetitionGroup
from competition.selectors.entries import eligibility_of
from competition.services.agency import entry_create
from tests.competition.conftest import (
    accepted,
    enter,
    kesehatan,
    umum,
)

pytestmark = pytest.mark.django_db


def test_eligibility_lists_every_rule_with_the_reason(round_, people, chart):
    young = accepted(chart["dinkes"], "Baru", launch=timezone.localdate() - datetime.timedelta(days=100))

    checks = eligibility_of(round_=round_, innovation=young, group=umum()).checks

    close = round_.stages.get(kind="registration").closes_on
    years = whole_years(young.launch_date, close)
    assert [(c.slug, c.ok) for c in checks] == [
        ("accepted", True),
        ("agency_type", True),
        ("age", False),
        ("max_entries", True),
        ("previous_winner", True),
    ]
    assert checks[2].detail == (
        f"Baru diterapkan {years} tahun penuh saat pendaftaran ditutup ({close:%d-%m-%Y}); paling sedikit 1 tahun."
    )
    with pytest.raises(ValidationError):
        entry_create(round_=round_, innovation=young, category=kesehatan(), group=umum(), by=people["staff"])


def test_max_entries_per_agency_and_replication_original(round_, people, chart):
    enter(round_, accepted(chart["dinkes"], "Satu"), people["staff"])
    enter(round_, accepted(chart["dinkes"], "Dua"), people["staff"])
    third = accepted(chart["dinkes"], "Tiga")
    replika = CompetitionGroup.objects.get(slug="replikasi")

    checks = {c.slug: c for c in eligibility_of(round_=round_, innovation=third, group=replika).checks}

    assert (checks["max_entries"].ok, checks["max_entries"].detail) == (
        False,
        "Instansi sudah memiliki 2 pendaftaran; paling banyak 2.",
    )
    assert (checks["original"].ok, checks["original"].detail) == (
        False,
        "Sebutkan inovasi asli yang direplikasi oleh inovasi ini.",
    )

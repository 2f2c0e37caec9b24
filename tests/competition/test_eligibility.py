"""Eligibility as pure functions, on worked examples: the round's rules, one candidate, every rule's answer."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from competition.eligibility import (
    Candidate,
    Check,
    Eligibility,
    GroupFacts,
    RoundRules,
    check,
    missing_sections,
    whole_years,
)

RULES = RoundRules(
    registration_closes=datetime.date(2026, 3, 31),
    min_years=Decimal("1.0"),
    max_entries_per_agency=2,
    allowed_agency_types={},
)
DINAS = Candidate(accepted=True, agency_type_id=1, agency_type="Dinas", years_implemented=2, other_entries=0)


def test_an_eligible_innovation_meets_every_rule_and_a_group_adds_its_own():
    result = check(RULES, Candidate(**{**DINAS.__dict__, "group": GroupFacts(is_replication=False)}))

    assert result == Eligibility(
        ok=True,
        checks=(
            Check("accepted", "Diterima Bagian Organisasi", True),
            Check("agency_type", "Jenis instansi diperbolehkan", True),
            Check("age", "Cukup lama diterapkan", True),
            Check("max_entries", "Dalam batas jumlah pendaftaran per instansi", True),
            Check("previous_winner", "Bukan pemenang sebelumnya di kelompok ini", True),
        ),
    )


def test_each_failed_rule_says_why():
    # 0 whole years at the close of 31 March 2026, against the 1 the round asks; the agency's two other entries
    # fill its quota of 2; a kecamatan where only dinas may enter; it won 2025's round in this group; a
    # replication without its original.
    rules = RoundRules(
        registration_closes=datetime.date(2026, 3, 31),
        min_years=Decimal("1.0"),
        max_entries_per_agency=2,
        allowed_agency_types={1: "Dinas", 2: "Badan"},
    )
    candidate = Candidate(
        accepted=False,
        agency_type_id=3,
        agency_type="Kecamatan",
        years_implemented=0,
        other_entries=2,
        group=GroupFacts(is_replication=True, won_in="Kompetisi 2025"),
    )

    with translation.override("en"):
        result = check(rules, candidate)

    assert result.ok is False
    assert [(c.slug, c.ok, c.detail) for c in result.checks] == [
        ("accepted", False, "The innovation has not been accepted yet."),
        ("agency_type", False, "Kecamatan may not enter this round; allowed: Dinas, Badan."),
        ("age", False, "Implemented 0 full years at registration close (31-03-2026); at least 1 needed."),
        ("max_entries", False, "The agency already has 2 entries; at most 2."),
        ("previous_winner", False, "It won Kompetisi 2025 in this group."),
        ("original", False, "Name the original innovation that this one replicates."),
    ]


def test_no_launch_by_the_close_fails_the_age_rule_and_failures_read_as_messages():
    candidate = Candidate(**{**DINAS.__dict__, "years_implemented": None})

    with translation.override("en"):
        result = check(RULES, candidate)

    assert result.failures() == ["Implemented long enough: No launch date (penerapan) on or before 31-03-2026."]


def test_age_is_met_exactly_at_the_minimum_and_a_named_original_passes():
    candidate = Candidate(
        **{
            **DINAS.__dict__,
            "years_implemented": 1,
            "group": GroupFacts(is_replication=True, original_name="Sistem Antrean Online Kota Bitung"),
        }
    )

    result = check(RULES, candidate)

    assert (result.ok, [c.slug for c in result.checks]) == (
        True,
        ["accepted", "agency_type", "age", "max_entries", "previous_winner", "original"],
    )


def test_missing_sections_counts_words_and_skips_replication_sections_outside_that_group():
    texts = {"summary": "kata " * 201, "background": "   "}

    with translation.override("en"):
        general = missing_sections(texts, replication=False)
        replication = missing_sections(texts, replication=True)

    assert general[:2] == ["summary has 201 words; at most 200.", "Fill in: background and aims."]
    assert len(general) == 8  # the eight sections every group fills
    assert replication[8:] == [
        "Fill in: inspiration (the original innovation).",
        "Fill in: replication process.",
        "Fill in: what is different from the original.",
    ]


@pytest.mark.parametrize(
    ("launched", "close", "years"),
    [
        # KIPP counts "implemented at least N years" back from the close of registration (menpan.go.id, KIPP
        # 2021: umum and khusus 2 years, replikasi 1 year): whole calendar years, complete on the anniversary.
        (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31), 0),  # the example: not one year old
        (datetime.date(2025, 4, 1), datetime.date(2026, 4, 1), 1),  # one year on the anniversary itself
        (datetime.date(2024, 4, 1), datetime.date(2026, 3, 31), 1),  # a day short of two
        (datetime.date(2024, 3, 31), datetime.date(2026, 3, 31), 2),  # two years exactly
        (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28), 0),  # a leap day's anniversary is 1 March
        (datetime.date(2024, 2, 29), datetime.date(2025, 3, 1), 1),
        (datetime.date(2026, 4, 1), datetime.date(2026, 3, 31), None),  # launched after the close
        (None, datetime.date(2026, 3, 31), None),
    ],
)
def test_whole_years_are_calendar_years_by_the_close(launched, close, years):
    assert whole_years(launched, close) == years


def test_launched_2025_04_01_is_refused_for_a_one_year_rule_closing_2026_03_31():
    candidate = Candidate(
        **{**DINAS.__dict__, "years_implemented": whole_years(datetime.date(2025, 4, 1), RULES.registration_closes)}
    )

    result = check(RULES, candidate)

    assert [(c.slug, c.ok) for c in result.checks if c.slug == "age"] == [("age", False)]


def test_a_group_asks_for_its_own_age():
    """KIPP 2021 (menpan.go.id): umum at least 2 years, replikasi at least 1, counted back from the close."""
    launched = whole_years(datetime.date(2024, 6, 1), RULES.registration_closes)  # 1 whole year on 2026-03-31
    umum = Candidate(
        **{**DINAS.__dict__, "years_implemented": launched, "group": GroupFacts(is_replication=False, min_years=2)}
    )
    replikasi = Candidate(
        **{
            **DINAS.__dict__,
            "years_implemented": launched,
            "group": GroupFacts(is_replication=True, original_name="Sistem Antrean Online Kota Bitung", min_years=1),
        }
    )

    with translation.override("en"):
        assert check(RULES, umum).failures() == [
            "Implemented long enough: Implemented 1 full years at registration close (31-03-2026); at least 2 needed."
        ]
    assert check(RULES, replikasi).ok is True

"""A round of the `chart` region with registration open today, and accepted innovations to enter."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from competition import services
from competition.forms import default_stage_dates
from competition.models import CompetitionCategory, CompetitionGroup, Entry, StageKind
from innovations.models import Innovation, State
from tests.factories import user_with_role

SECTION_TEXT = "Teks bagian proposal yang singkat."
CHECKLIST = {slug: True for slug, _label in services.ADMIN_CHECKLIST}


def accepted(agency, title, *, launch=datetime.date(2024, 1, 15), **fields):
    """An accepted innovation with every field the proposal is prefilled from (straight into the table: the
    register's workflow is tested in tests/innovations)."""
    values = {
        "summary": SECTION_TEXT,
        "problem": SECTION_TEXT,
        "novelty": SECTION_TEXT,
        "design": SECTION_TEXT,
        "benefits": SECTION_TEXT,
        "resources": SECTION_TEXT,
        "sustainability": SECTION_TEXT,
        "replicability": SECTION_TEXT,
        "innovator_names": "Tim Inovasi",
        **fields,
    }
    return Innovation.objects.create(
        agency=agency, year=launch.year, title=title, state=State.ACCEPTED, launch_date=launch, **values
    )


@pytest.fixture
def round_(people, region):
    return services.round_create(
        region=region,
        by=people["reviewer"],
        name="Kompetisi Inovasi 2026",
        year=2026,
        organiser="Bagian Organisasi",
        stage_dates=default_stage_dates(timezone.localdate()),
        categories=CompetitionCategory.objects.all(),
        groups=CompetitionGroup.objects.all(),
        min_years_implemented=Decimal("1.0"),
        max_entries_per_agency=2,
    )


@pytest.fixture
def juri2(region):
    return user_with_role("evaluator", region=region, username="juri2")


@pytest.fixture
def panel(round_, people, juri2):
    return [
        services.panelist_add(round_=round_, user=people["evaluator"], by=people["reviewer"], affiliation="Unpatti"),
        services.panelist_add(round_=round_, user=juri2, by=people["reviewer"], affiliation="KemenPANRB"),
    ]


def umum():
    return CompetitionGroup.objects.get(slug="umum")


def kesehatan():
    return CompetitionCategory.objects.get(slug="kesehatan")


def enter(round_, innovation, by, *, submit=True, passed=False, organiser=None) -> Entry:
    entry = services.entry_create(round_=round_, innovation=innovation, category=kesehatan(), group=umum(), by=by)
    if submit:
        entry = services.entry_submit(entry=entry, by=by)
    if passed:
        entry = services.entry_pass(entry=entry, by=organiser, checklist=CHECKLIST)
    return entry


def open_stage(round_, kind, by):
    return services.stage_set_override(stage=round_.stages.get(kind=kind), by=by, override="open")


def score_all(review, by, value, *, submit=True):
    criteria = list(review.stage.criteria.all())
    services.review_save(review=review, by=by, scores={c.pk: (Decimal(value), "") for c in criteria})
    if submit:
        services.review_submit(review=review, by=by)


@pytest.fixture
def scored(round_, people, chart, panel):
    """Three passed entries (Dinkes, Disdik, Puskesmas), both evaluators assigned to each at the proposal
    stage, and their reviews submitted: juri1 gives 70, 60, 80; juri2 gives 80, 60, 90."""
    staff_pkm = user_with_role("staff", agency=chart["pkm"], username="staf.pkm")
    entries = [
        enter(
            round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
        ),
        enter(
            round_,
            accepted(chart["disdik"], "Guru Kunjung"),
            people["other_staff"],
            passed=True,
            organiser=people["reviewer"],
        ),
        enter(round_, accepted(chart["pkm"], "Posyandu Remaja"), staff_pkm, passed=True, organiser=people["reviewer"]),
    ]
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    open_stage(round_, StageKind.PROPOSAL, people["reviewer"])
    services.assignment_run(stage=proposal, by=people["reviewer"])
    for entry, (one, two) in zip(entries, [(70, 80), (60, 60), (80, 90)], strict=True):
        score_all(entry.reviews.get(panelist=panel[0]), people["evaluator"], one)
        score_all(entry.reviews.get(panelist=panel[1]), panel[1].user, two)
    return entries

"""A round of the `chart` region with registration open today, and accepted innovations to enter."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from competition.models import CompetitionCategory, CompetitionGroup, Entry, StageKind
from competition.services.agency import entry_submit
from competition.services.evaluator import review_reopen, review_save, review_submit
from competition.services.organiser import entry_pass, stage_set_override
from competition.services.organiser_panel import assignment_run
from competition.workflow import ADMIN_CHECKLIST
from tests.agencies.factories import user_with_role
from tests.competition.factories import AcceptedInnovationFactory, EntryFactory, PanelistFactory, RoundFactory
from tests.conftest import client_for
from tests.snapshots import kept

CHECKLIST = {slug: True for slug, _label in ADMIN_CHECKLIST}


def accepted(agency, title, *, launch=datetime.date(2024, 1, 15), **fields):
    """An accepted innovation of `agency` launched on `launch`, every proposal field filled."""
    return AcceptedInnovationFactory(agency=agency, title=title, launch_date=launch, **fields)


@pytest.fixture
@kept
def round_(people, region):
    return RoundFactory(region=region, by=people["reviewer"])


@pytest.fixture
@kept
def juri2(region):
    return user_with_role("evaluator", region=region, username="juri2")


@pytest.fixture
@kept
def panel(round_, people, juri2):
    return [
        PanelistFactory(round=round_, user=people["evaluator"], by=people["reviewer"], affiliation="Unpatti"),
        PanelistFactory(round=round_, user=juri2, by=people["reviewer"], affiliation="KemenPANRB"),
    ]


def umum():
    return CompetitionGroup.objects.get(slug="umum")


def kesehatan():
    return CompetitionCategory.objects.get(slug="kesehatan")


def enter(round_, innovation, by, *, submit=True, passed=False, organiser=None) -> Entry:
    entry = EntryFactory(round=round_, innovation=innovation, category=kesehatan(), group=umum(), by=by)
    if submit:
        entry = entry_submit(entry=entry, by=by)
    if passed:
        entry = entry_pass(entry=entry, by=organiser, checklist=CHECKLIST)
    return entry


def open_stage(round_, kind, by):
    return stage_set_override(stage=round_.stages.get(kind=kind), by=by, override="open")


def score_all(review, by, value, *, submit=True):
    criteria = list(review.stage.criteria.all())
    review_save(review=review, by=by, scores={c.pk: (Decimal(value), "") for c in criteria})
    if submit:
        review_submit(review=review, by=by)


@pytest.fixture
@kept
def assigned(round_, people, chart, panel):
    """Dinas Kesehatan's "Antar Obat", passed, at the proposal stage opened by hand, both evaluators assigned."""
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    proposal = open_stage(round_, StageKind.PROPOSAL, people["reviewer"])
    assignment_run(stage=proposal, by=people["reviewer"])
    return entry


@pytest.fixture
@kept
def reminder_due(scored, round_, people, panel):
    """The proposal stage closing in two days with one of juri1's reviews reopened: juri1 is due a reminder."""
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    review_reopen(review=scored[0].reviews.get(panelist=panel[0]), by=people["reviewer"], note="Cek")
    proposal.opens_on = timezone.localdate() - datetime.timedelta(days=5)
    proposal.closes_on = timezone.localdate() + datetime.timedelta(days=2)
    proposal.override = ""
    proposal.save()
    return proposal


@pytest.fixture
@kept
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
    assignment_run(stage=proposal, by=people["reviewer"])
    for entry, (one, two) in zip(entries, [(70, 80), (60, 60), (80, 90)], strict=True):
        score_all(entry.reviews.get(panelist=panel[0]), people["evaluator"], one)
        score_all(entry.reviews.get(panelist=panel[1]), panel[1].user, two)
    return entries


def status_by_role(url, people, extra=None):
    users = {**people, **(extra or {})}
    return {name: client_for(user).get(url).status_code for name, user in users.items()}


#: Every role but the organiser's is refused (403); an outsider does not learn the round exists (404).
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

"""Reads of the innovation index: the year's catalogue, the region's answers and innovations, and the scores
(claimed and verified), computed from a fixed number of queries and cached under the data version."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from agencies.models import Agency, Region
from agencies.selectors import region_ids_for
from compliance.iid import domain
from compliance.iid.models import Answer, AnswerState, Aspect, Catalogue, Indicator, PortalExport
from core import datacache
from innovations.models import Innovation, State

CACHE_SECONDS = 3600


def catalogue_for(year: int) -> Catalogue:
    """The year's catalogue with its indicators and bands (three queries); 404 for a year without one."""
    catalogue = Catalogue.objects.filter(year=year).prefetch_related("indicators", "bands").first()
    if catalogue is None:
        raise Http404
    return catalogue


def years() -> list[int]:
    return list(Catalogue.objects.order_by("-year").values_list("year", flat=True))


def items_of(catalogue: Catalogue) -> list[domain.Item]:
    return [domain.Item(i.number, i.aspect, i.weight, i.mandatory) for i in catalogue.indicators.all()]


def rules_of(catalogue: Catalogue) -> domain.Rules:
    return domain.Rules(
        count_points=catalogue.count_points,
        count_cap=catalogue.count_cap,
        basic_urusan=frozenset(catalogue.basic_urusan),
        basic_urusan_min=catalogue.basic_urusan_min,
        bands=tuple((b.predicate, b.lower, b.upper) for b in catalogue.bands.all()),
    )


def reported_innovations(region: Region, year: int) -> QuerySet[Innovation]:
    """The innovations a region reports for a year: those of its agencies the mayor's office accepted."""
    return (
        Innovation.objects.filter(agency__region=region, year=year, state=State.ACCEPTED)
        .select_related("agency", "urusan")
        .order_by("agency__name", "title", "pk")
    )


def answers_of(region: Region, catalogue: Catalogue) -> QuerySet[Answer]:
    return Answer.objects.filter(region=region, indicator__catalogue=catalogue).select_related("indicator", "file")


# --- scores --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """An innovation as the index pages list it (kept in the cache: no model instances)."""

    pk: int
    title: str
    agency_id: int
    agency: str
    answered: int
    verified: int
    with_evidence: int
    missing_mandatory: tuple[int, ...]


@dataclass(frozen=True)
class Scores:
    region_id: int
    year: int
    claimed: domain.Result
    verified: domain.Result
    innovations: tuple[Listed, ...]
    #: SPD indicator numbers: answered, verified, with evidence.
    spd_answered: frozenset[int]
    spd_verified: frozenset[int]
    spd_with_evidence: frozenset[int]
    sid_count: int
    agencies: dict[int, str] = field(default_factory=dict)

    def maturity(self, agency_id: int) -> tuple[Decimal | None, Decimal | None]:
        keys = [i.pk for i in self.innovations if i.agency_id == agency_id]
        return domain.maturity(self.claimed, keys), domain.maturity(self.verified, keys)


def compute_scores(region: Region, year: int) -> Scores:
    """Every number of the index pages from five queries: catalogue, indicators, bands, innovations, answers."""
    catalogue = catalogue_for(year)
    items = items_of(catalogue)
    rules = rules_of(catalogue)
    innovations = list(reported_innovations(region, year))
    answers = list(answers_of(region, catalogue))
    mandatory = [i.number for i in items if i.mandatory and i.aspect == Aspect.SID]
    claimed: dict[int | None, dict[int, int]] = {}
    verified: dict[int | None, dict[int, int]] = {}
    evidence: dict[int | None, set[int]] = {}
    for answer in answers:
        number = answer.indicator.number
        claimed.setdefault(answer.innovation_id, {})[number] = answer.parameter
        if answer.state == AnswerState.ACCEPTED:
            verified.setdefault(answer.innovation_id, {})[number] = answer.parameter
        if answer.has_evidence:
            evidence.setdefault(answer.innovation_id, set()).add(number)

    def subjects(chosen: dict[int | None, dict[int, int]]) -> list[domain.Subject]:
        return [domain.Subject(i.pk, i.urusan.slug if i.urusan else None, chosen.get(i.pk, {})) for i in innovations]

    listed = tuple(
        Listed(
            pk=i.pk,
            title=i.title,
            agency_id=i.agency_id,
            agency=i.agency.name,
            answered=len(claimed.get(i.pk, {})),
            verified=len(verified.get(i.pk, {})),
            with_evidence=len(evidence.get(i.pk, set())),
            missing_mandatory=tuple(n for n in mandatory if n not in claimed.get(i.pk, {})),
        )
        for i in innovations
    )
    return Scores(
        region_id=region.pk,
        year=year,
        claimed=domain.compute(items=items, rules=rules, region=claimed.get(None, {}), innovations=subjects(claimed)),
        verified=domain.compute(
            items=items, rules=rules, region=verified.get(None, {}), innovations=subjects(verified)
        ),
        innovations=listed,
        spd_answered=frozenset(claimed.get(None, {})),
        spd_verified=frozenset(verified.get(None, {})),
        spd_with_evidence=frozenset(evidence.get(None, set())),
        sid_count=sum(1 for i in items if i.aspect == Aspect.SID),
        agencies={i.agency_id: i.agency.name for i in innovations},
    )


def scores(region: Region, year: int) -> Scores:
    """compute_scores, cached until the data version changes (every answer, verification or innovation bumps it)."""
    key = datacache.versioned_key("iid-scores", region.pk, year)
    return datacache.cached(key, lambda: compute_scores(region, year), CACHE_SECONDS)


def scores_of_regions(regions: list[Region], year: int) -> list[Scores]:
    """`scores` of many regions (the API's country-wide list), read from the cache in one round trip; the same
    entries as `scores` keeps, so either fills the cache for the other."""
    by_pk = {region.pk: region for region in regions}
    parts = [(region.pk, year) for region in regions]
    return datacache.cached_many("iid-scores", parts, lambda pk, _year: compute_scores(by_pk[pk], year), CACHE_SECONDS)


# --- who sees what -------------------------------------------------------------------------------------------------


def _region_filter(user: Any, field_name: str) -> dict[str, Any] | None:
    ids = region_ids_for(user)
    return None if ids is None else {f"{field_name}__in": ids}


def regions_with_index(user: Any) -> QuerySet[Region]:
    """Regions whose index the person sees: the mayor's office and the verifiers of the region."""
    ids = region_ids_for(user, roles=("reviewer", "admin", "verifier"))
    return Region.objects.all().order_by("name") if ids is None else Region.objects.filter(pk__in=ids).order_by("name")


def innovations_in_reach(user: Any) -> QuerySet[Innovation]:
    """Innovations of the regions where the person holds any role: outside them an innovation does not exist (404);
    inside, the named permissions decide (403)."""
    condition = _region_filter(user, "agency__region_id")
    qs = Innovation.objects.select_related("agency", "agency__region", "urusan")
    return qs if condition is None else qs.filter(**condition)


def agencies_in_reach(user: Any) -> QuerySet[Agency]:
    condition = _region_filter(user, "region_id")
    qs = Agency.objects.select_related("region")
    return qs if condition is None else qs.filter(**condition)


def regions_in_reach(user: Any) -> QuerySet[Region]:
    condition = _region_filter(user, "pk")
    return Region.objects.all() if condition is None else Region.objects.filter(**condition)


def answers_in_reach(user: Any) -> QuerySet[Answer]:
    condition = _region_filter(user, "region_id")
    qs = Answer.objects.select_related("indicator__catalogue", "region", "innovation__agency", "file")
    return qs if condition is None else qs.filter(**condition)


def subject_of(answer: Answer) -> Region | Innovation:
    """What an answer's permissions are checked on: its innovation (SID), or its region (SPD)."""
    return answer.innovation if answer.innovation is not None else answer.region


def answer_sheet(catalogue: Catalogue, aspect: str, answers: QuerySet[Answer]) -> list[tuple[Indicator, Answer | None]]:
    """Every indicator of an aspect with its answer (or None), in number order: two queries."""
    by_number = {a.indicator.number: a for a in answers.prefetch_related("transitions__by")}
    return [(i, by_number.get(i.number)) for i in catalogue.indicators.all() if i.aspect == aspect]


def waiting_answers(region: Region, year: int) -> QuerySet[Answer]:
    """The verifier's queue: answers waiting for verification, the region's own first, then by innovation."""
    return (
        Answer.objects.filter(region=region, indicator__catalogue__year=year, state=AnswerState.SUBMITTED)
        .select_related("indicator", "innovation__agency", "file", "answered_by")
        .order_by("innovation__agency__name", "innovation__title", "indicator__number", "pk")
    )


def exports_of(user: Any) -> QuerySet[PortalExport]:
    return PortalExport.objects.filter(owner=user)


def window_milestones(catalogue: Catalogue, today: datetime.date) -> list[tuple[int, datetime.date]]:
    """(days before, date) of the reminders due up to today, before the window opens."""
    if catalogue.window_opens is None or today >= catalogue.window_opens:
        return []
    return [
        (days, catalogue.window_opens - datetime.timedelta(days=days))
        for days in sorted(catalogue.reminder_days, reverse=True)
        if catalogue.window_opens - datetime.timedelta(days=days) <= today
    ]

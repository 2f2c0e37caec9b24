"""Where a region loses points, and what is missing before the national window (the "disclaimer" risk).

From the cached scores plus two queries (the answers without evidence, and the indicator names), whatever the
number of innovations and indicators."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.models import Region
from compliance.iid import domain
from compliance.iid.models import Answer, AnswerState, Aspect, Catalogue, Indicator
from compliance.iid.selectors import Listed, Scores


@dataclass(frozen=True)
class Gain:
    innovation: Listed
    points: Decimal
    index_points: Decimal


@dataclass(frozen=True)
class Check:
    done: bool
    text: str
    count: int = 0


@dataclass(frozen=True)
class Report:
    spd_missing: list[tuple[Indicator, Decimal]]
    without_evidence: list[Answer]
    returned: int
    mandatory_missing: list[tuple[Listed, list[Indicator]]]
    gains: list[Gain]
    checklist: list[Check]
    at_risk: bool


def report(*, region: Region, catalogue: Catalogue, scores: Scores) -> Report:
    indicators = {i.number: i for i in catalogue.indicators.all()}
    three = Decimal(domain.MAX_PARAMETER)
    spd_missing = [
        (i, i.weight * three)
        for i in indicators.values()
        if i.aspect == Aspect.SPD and i.number not in scores.spd_answered
    ]
    answers = Answer.objects.filter(region=region, indicator__catalogue=catalogue)
    without_evidence = list(
        answers.filter(Q(evidence_url="") & Q(file__isnull=True))
        .select_related("indicator", "innovation__agency")
        .order_by("innovation__agency__name", "innovation__title", "indicator__number")
    )
    returned = answers.filter(state=AnswerState.RETURNED).count()
    mandatory_missing = [
        (listed, [indicators[n] for n in listed.missing_mandatory])
        for listed in scores.innovations
        if listed.missing_mandatory
    ]
    result = scores.claimed
    gains = sorted(
        (
            Gain(
                listed,
                domain.cents((result.sid_maximum_each - result.per_innovation[listed.pk]) / result.divisor),
                domain.completion_gain(result, listed.pk),
            )
            for listed in scores.innovations
        ),
        key=lambda g: (-g.points, g.innovation.title),
    )
    needed = catalogue.basic_urusan_min
    checklist = [
        Check(not spd_missing, _("Every region indicator (SPD) is answered"), len(spd_missing)),
        Check(not without_evidence, _("Every answer has its evidence (a file or a link)"), len(without_evidence)),
        Check(not mandatory_missing, _("Every innovation answers its mandatory indicators"), len(mandatory_missing)),
        Check(returned == 0, _("No answer is waiting for a correction"), returned),
        Check(
            scores.verified.predicate != domain.DISCLAIMER,
            _("At least one answer is verified (otherwise the region is rated 'cannot be assessed')"),
        ),
        Check(
            scores.claimed.basic_covered >= needed,
            _("Innovations cover at least %(needed)d basic-service urusan (covered: %(covered)d)")
            % {"needed": needed, "covered": scores.claimed.basic_covered},
        ),
    ]
    return Report(
        spd_missing=spd_missing,
        without_evidence=without_evidence,
        returned=returned,
        mandatory_missing=mandatory_missing,
        gains=[g for g in gains if g.points > 0][:10],
        checklist=checklist,
        at_risk=not all(c.done for c in checklist),
    )


def missing_items(scores: Scores) -> dict[int, Any]:
    """{innovation id: its missing mandatory indicator numbers}: what the reminders name."""
    return {listed.pk: listed.missing_mandatory for listed in scores.innovations if listed.missing_mandatory}

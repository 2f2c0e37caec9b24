"""Answers the system already knows, suggested with the reason (the person may choose otherwise, with a reason).

31 replication: the innovations that replicate it (lineage.replications_of); 32 speed of creation: from the trial
date to the launch date; 33 benefit: the recorded number of beneficiaries; 34 monitoring: an SKM survey of the
agency in the year or the year before (parameter 2, "SKM report"). The register has no RKPD programme link (21)
nor complaint counts (29) yet, so these two are never suggested.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from compliance.iid import domain
from compliance.iid.lineage import replications_of
from compliance.skm.models import Survey
from innovations.models import Innovation


@dataclass(frozen=True)
class Suggestion:
    parameter: int
    explanation: str


def suggestions_for(innovations: Iterable[Innovation]) -> dict[int, dict[int, Suggestion]]:
    """{innovation id: {indicator number: suggestion}} in two queries, whatever the number of innovations."""
    innovations = list(innovations)
    replicas = replications_of(i.pk for i in innovations)
    agency_ids = {i.agency_id for i in innovations}
    years = {i.year for i in innovations} | {i.year - 1 for i in innovations}
    surveys: dict[int, Survey] = {}  # by agency
    for survey in Survey.objects.filter(agency_id__in=agency_ids, year__in=years).order_by("year", "created"):
        surveys[survey.agency_id] = survey  # the latest wins
    found: dict[int, dict[int, Suggestion]] = {}
    for innovation in innovations:
        mine: dict[int, Suggestion] = {}
        copies = replicas.get(innovation.pk, [])
        parameter = domain.replication_parameter(len(copies))
        if parameter is not None:
            mine[31] = Suggestion(
                parameter,
                _("Replicated %(count)d time(s): %(list)s.") % {"count": len(copies), "list": "; ".join(copies)},
            )
        if innovation.trial_date and innovation.launch_date:
            months = domain.months_between(innovation.trial_date, innovation.launch_date)
            mine[32] = Suggestion(
                domain.creation_parameter(months),
                _("Trial %(trial)s, launch %(launch)s: %(months)d month(s).")
                % {
                    "trial": innovation.trial_date.isoformat(),
                    "launch": innovation.launch_date.isoformat(),
                    "months": months,
                },
            )
        if innovation.beneficiaries:
            parameter = domain.beneficiaries_parameter(innovation.beneficiaries)
            if parameter is not None:
                mine[33] = Suggestion(
                    parameter,
                    _("%(count)d beneficiaries recorded in the register.") % {"count": innovation.beneficiaries},
                )
        latest = surveys.get(innovation.agency_id)
        if latest is not None and latest.year in (innovation.year, innovation.year - 1):
            mine[34] = Suggestion(
                2,
                _("SKM %(period)s %(year)d of the agency: score %(score)s (%(grade)s).")
                % {"period": latest.period, "year": latest.year, "score": latest.score, "grade": latest.grade},
            )
        found[innovation.pk] = mine
    return found

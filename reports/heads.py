"""The head's measure: each year's results of an agency attributed to the person who held its head's post on each day
of that year (the role history, `RoleAssignment.active_from`/`active_until`), acting heads (Plt.) marked.

A term is one head role clipped to the year. What belongs to a term:
- the quota status, the Ombudsman unit result, the SKM grade and the Ombudsman readiness score (the unit's
  readiness checklist of the year, weighted by the method's dimensions) are the agency's results of the year; each term
  carries them with its share of the year (days held / days of the year), so a head who left in March is not
  credited with the whole year and a head who moved mid-year appears under both agencies for their months;
- innovations count on the day a head first approved them (when they first counted for the quota);
- open notes are the improvement notes still pending whose due date fell inside the term.

Every domain is read through its own selectors, one query each, so a league of any size is a fixed number of
queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from agencies.models import Agency, RoleAssignment, User
from agencies.selectors import head_terms
from compliance.ombudsman.models import Assessment, Finding
from compliance.ombudsman.selectors import pending_findings_of, unit_results
from compliance.quota.models import QuotaState, QuotaStatus
from compliance.quota.selectors import statuses_of
from compliance.readiness.domain import Score as ReadinessScore
from compliance.readiness.selectors import scores_by_agency
from compliance.skm.models import Survey
from compliance.skm.selectors import latest_surveys_of
from innovations.models import Innovation
from innovations.selectors import approved_in_year

#: The league's order of quota results: met first, then exempt, then still open, then missed.
QUOTA_RANK: dict[str, int] = {
    QuotaState.FULFILLED: 0,
    QuotaState.FULFILLED_LATE: 1,
    QuotaState.EXEMPT: 2,
    QuotaState.IN_PROGRESS: 3,
    QuotaState.PENDING: 4,
    QuotaState.AT_RISK: 5,
    QuotaState.MISSED: 6,
    QuotaState.NOT_SUBJECT: 7,
}


@dataclass
class Term:
    """One person's months as head of one agency within the year, with what is attributed to them."""

    person: User
    agency: Agency
    start: datetime.date
    end: datetime.date  # the last day held in the year (inclusive)
    acting: bool
    title: str
    days_in_year: int
    quota: QuotaStatus | None = None
    assessment: Assessment | None = None
    survey: Survey | None = None
    readiness: ReadinessScore | None = None
    innovations: list[Innovation] = field(default_factory=list)
    open_notes: list[Finding] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def share(self) -> int:
        """Percent of the year held (rounded), the weight of the agency's yearly results for this head."""
        return round(100 * self.days / self.days_in_year)

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def rank_key(self) -> tuple[Any, ...]:
        status = self.quota.status if self.quota else ""
        return (QUOTA_RANK.get(status, 8), -len(self.innovations), len(self.open_notes), self.person.display_name)


def _clip(role: RoleAssignment, year: int) -> tuple[datetime.date, datetime.date]:
    start = max(role.active_from, datetime.date(year, 1, 1))
    last = role.active_until - datetime.timedelta(days=1) if role.active_until else datetime.date(year, 12, 31)
    return start, min(last, datetime.date(year, 12, 31))


def terms_for(roles: list[RoleAssignment], *, year: int) -> list[Term]:
    """The terms of these head roles in `year`, each with what is attributed to it (a fixed number of queries)."""
    days_in_year = (datetime.date(year, 12, 31) - datetime.date(year, 1, 1)).days + 1
    terms = []
    for role in roles:
        if role.agency is None:
            continue
        start, end = _clip(role, year)
        if end < start:
            continue
        terms.append(
            Term(
                person=role.user,
                agency=role.agency,
                start=start,
                end=end,
                acting=role.acting,
                title=role.title,
                days_in_year=days_in_year,
            )
        )
    agency_ids = sorted({t.agency.pk for t in terms})
    if not agency_ids:
        return terms
    quota = statuses_of(agency_ids=agency_ids, year=year)
    results = unit_results(agency_ids=agency_ids, year=year)
    surveys = latest_surveys_of(agency_ids=agency_ids, year=year)
    readiness = scores_by_agency(agency_ids=agency_ids, year=year)
    approved = list(approved_in_year(agency_ids=agency_ids, year=year))
    notes = list(pending_findings_of(agency_ids=agency_ids))
    for term in terms:
        agency_id = term.agency.pk
        term.quota, term.assessment, term.survey = quota.get(agency_id), results.get(agency_id), surveys.get(agency_id)
        term.readiness = readiness.get(agency_id)
        term.innovations = [
            i
            for i in approved
            if i.agency_id == agency_id and i.first_approved_at and term.holds(timezone.localdate(i.first_approved_at))
        ]
        term.open_notes = [n for n in notes if n.responsible_id == agency_id and term.holds(n.due)]
    return terms


def league(*, region_id: int, year: int) -> list[Term]:
    """Every head's term in the region and year, best first (quota result, innovations, fewest open notes)."""
    return sorted(terms_for(list(head_terms(year=year, region_id=region_id)), year=year), key=lambda t: t.rank_key)


def statement(*, person: User, year: int, region_ids: set[int] | None = None) -> list[Term]:
    """One person's terms as head in `year` (within `region_ids` when given), in the order they held them."""
    roles = [r for r in head_terms(year=year, user_id=person.pk) if region_ids is None or r.region_id in region_ids]
    return terms_for(roles, year=year)

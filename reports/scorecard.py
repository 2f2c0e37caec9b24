"""The agency scorecard ("rapor"): one page per agency for its head and the mayor's office, and its PDF.

The page is a list of sections. Each `Section` names its template and a function that reads its figures for
one agency (a fixed number of queries, whatever the data); the screen page and the PDF include the same
templates, so they never disagree. The PDF gets `pdf=True` in each section's context: charts are drawn by
JavaScript, which WeasyPrint does not run, so a section shows its table there instead.

EXTENSION POINT: sections built elsewhere are appended to `SECTIONS` (see the end of this module):
improvement notes, SKM and competition entries are the last three.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Case, When
from django.utils import timezone
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from compliance.quota.models import QuotaState
from innovations.catalogue.selectors import originals_summary
from innovations.models import Innovation, State
from reports import selectors


@dataclass(frozen=True)
class Section:
    slug: str
    title: Any  # a lazy translation
    template: str
    build: Callable[[Agency], dict[str, Any]]


@dataclass(frozen=True)
class BuiltSection:
    section: Section
    context: dict[str, Any]

    @property
    def slug(self) -> str:
        return self.section.slug

    @property
    def title(self) -> Any:
        return self.section.title

    @property
    def template(self) -> str:
        return self.section.template


def quota_section(agency: Agency) -> dict[str, Any]:
    statuses = selectors.agency_quota_years(agency)
    this_year = timezone.localdate().year
    return {
        "statuses": statuses,
        "current": next((s for s in statuses if s.year == this_year), None),
        "missed_years": [s.year for s in statuses if s.status == QuotaState.MISSED],
        "export_query": _export_query(agency),
    }


def innovations_section(agency: Agency) -> dict[str, Any]:
    counts = selectors.agency_innovation_counts(agency)
    states = list(State)
    matrix = [
        {"year": year, "cells": [(state, by_state[state.value]) for state in states], "total": sum(by_state.values())}
        for year, by_state in counts.items()
    ]
    total = sum(sum(by_state.values()) for by_state in counts.values())
    innovations = selectors.agency_innovations(agency)
    return {
        "states": states,
        "matrix": matrix,
        "total": total,
        "innovations": innovations,
        "more": total - len(innovations),
        "this_year": timezone.localdate().year,
        "export_query": _export_query(agency),
        "replicated": originals_summary(Innovation.objects.filter(agency=agency)),
    }


def assessments_section(agency: Agency) -> dict[str, Any]:
    rows = selectors.agency_assessments(agency)
    return {
        "rows": rows,
        "chart": selectors.assessment_points(rows),
        "latest": rows[0] if rows else None,
        "export_query": _export_query(agency),
    }


def improvement_notes_section(agency: Agency) -> dict[str, Any]:
    """The Ombudsman's improvement notes this agency answers for, pending first (two queries)."""
    from compliance.ombudsman.models import FINDING_PENDING, Finding
    from compliance.ombudsman.selectors import finding_counts

    notes = Finding.objects.filter(responsible=agency)
    rows = list(
        notes.select_related("assessment__agency").order_by(
            Case(When(state__in=FINDING_PENDING, then=0), default=1), "due", "pk"
        )[:50]
    )
    return {"rows": rows, "counts": finding_counts(notes), "today": timezone.localdate()}


def skm_section(agency: Agency) -> dict[str, Any]:
    """The agency's public-satisfaction surveys, newest first (one query)."""
    from compliance.skm.models import Survey

    return {"rows": list(Survey.objects.filter(agency=agency).order_by("-year", "-created")[:20])}


def competition_section(agency: Agency) -> dict[str, Any]:
    """The agency's competition entries; ranks and winners only of published rounds (one query)."""
    from competition.models import Entry

    rows = list(
        Entry.objects.filter(agency=agency)
        .select_related("round", "innovation", "stage", "category", "group")
        .order_by("-round__year", "-pk")[:20]
    )
    return {"rows": rows}


def iid_section(agency: Agency) -> dict[str, Any]:
    """The agency's maturity in this year's innovation index (five queries; computed rather than cached, so the page
    makes the same queries every time)."""
    from django.http import Http404

    from compliance.iid import selectors as iid

    year = timezone.localdate().year
    try:
        scores = iid.compute_scores(agency.region, year)
    except Http404:  # no catalogue for the year yet
        return {"year": year, "rows": []}
    claimed, verified = scores.maturity(agency.pk)
    rows = [i for i in scores.innovations if i.agency_id == agency.pk]
    return {"year": year, "rows": rows, "claimed": claimed, "verified": verified, "sid_count": scores.sid_count}


def readiness_section(agency: Agency) -> dict[str, Any]:
    """The agency's Ombudsman readiness checklists, newest year first, with their scores (two queries)."""
    from compliance.readiness.models import Checklist
    from compliance.readiness.selectors import scores_of

    checklists = Checklist.objects.filter(agency=agency).order_by("-year")
    scores = scores_of(checklists)
    return {"rows": [(c, scores.get(c.pk)) for c in checklists[:10]]}


def _export_query(agency: Agency) -> str:
    """The filters of this agency's rows in the `core.exports` tables (the ones behind the Download buttons)."""
    return urlencode({"agency": agency.pk})


SECTIONS: list[Section] = [
    Section("quota", gettext_lazy("Innovation quota by year"), "reports/scorecard/quota.html", quota_section),
    Section("innovations", gettext_lazy("Innovations"), "reports/scorecard/innovations.html", innovations_section),
    Section(
        "assessments", gettext_lazy("Ombudsman compliance"), "reports/scorecard/assessments.html", assessments_section
    ),
    Section(
        "improvement_notes",
        gettext_lazy("Ombudsman improvement notes"),
        "reports/scorecard/improvement_notes.html",
        improvement_notes_section,
    ),
    Section("skm", gettext_lazy("Public-satisfaction surveys (SKM)"), "reports/scorecard/skm.html", skm_section),
    Section(
        "competition", gettext_lazy("Competition entries"), "reports/scorecard/competition.html", competition_section
    ),
    Section("iid", gettext_lazy("Innovation index maturity"), "reports/scorecard/iid.html", iid_section),
    Section("readiness", gettext_lazy("Ombudsman readiness"), "reports/scorecard/readiness.html", readiness_section),
    # Each build function takes the agency and returns its template's context in a fixed number of queries
    # (tests/reports/test_scorecard.py pins the page's count).
]


def build(agency: Agency) -> list[BuiltSection]:
    return [BuiltSection(section, section.build(agency)) for section in SECTIONS]


def summary(sections: list[BuiltSection]) -> dict[str, Any]:
    """The figures at the top of the page, read from the sections already built (no query of its own)."""
    by_slug = {s.slug: s.context for s in sections}
    innovations = by_slug.get("innovations", {})
    this_year = timezone.localdate().year
    this_year_row = next((row for row in innovations.get("matrix", []) if row["year"] == this_year), None)
    return {
        "year": this_year,
        "quota": by_slug.get("quota", {}).get("current"),
        "innovations_this_year": this_year_row["total"] if this_year_row else 0,
        "innovations_total": innovations.get("total", 0),
        "assessment": by_slug.get("assessments", {}).get("latest"),
    }

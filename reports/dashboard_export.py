"""The dashboard's tables as one download in the reader's language: rows of (section, item, year, count), CSV or
XLSX. Sections and items are the words the page shows ("Status kuota", "Terpenuhi", "Kecamatan Sirimau"), never
the stored slugs, which the API keeps."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.ombudsman.models import AssessmentMethod, Zone
from reports.dashboard import BREAKDOWNS
from reports.dashboard_scope import Scope

#: The innovation breakdowns' titles, on the page and in the download.
BREAKDOWN_TITLES = {
    "bentuk": gettext_lazy("Form (bentuk)"),
    "jenis": gettext_lazy("Type (jenis)"),
    "tahapan": gettext_lazy("Stage (tahapan)"),
    "urusan": gettext_lazy("Government affair (urusan)"),
    "sdgs": gettext_lazy("Sustainable Development Goals"),
    "types": gettext_lazy("Agency type"),
    "kecamatan": gettext_lazy("Kecamatan (with the units under it)"),
}


def export_headers() -> list[str]:
    return [_("Section"), _("Item"), _("Year"), _("Count")]


def _assessment(method: str, score: Any, zone: str, grade: str) -> str:
    zone_label = str(Zone(zone).label) if zone in Zone.values else zone
    return " ".join(str(part) for part in (method, score, zone_label, grade) if part not in (None, ""))


def export_rows(scope: Scope, data: dict[str, Any]) -> list[list[Any]]:
    """Every table of the dashboard as rows (section, item, year, count), for its CSV and XLSX downloads."""
    rows: list[list[Any]] = []
    year = scope.year
    quota = data["quota"]["rows"]
    rows += [[_("Quota status"), str(r["label"]), year, r["count"]] for r in quota]
    rows += [[_("Quota status, change since last week"), str(r["label"]), year, r["change"]] for r in quota]
    if data["heatmap"]:
        for group in data["heatmap"]["groups"]:
            for row in group["rows"]:
                section = _("Quota status by agency and year") + f": {row['agency'].name} ({row['agency'].code})"
                rows += [[section, str(c["label"]), c["year"], 1] for c in row["cells"] if c["status"]]
    innovations = data["innovations"]
    rows += [[_("Accepted innovations per year"), "", int(y["label"]), y["count"]] for y in innovations["years"]]
    rows += [[_("All records by state"), str(s["label"]), year, s["count"]] for s in innovations["states"]]
    origin_labels = {
        "new": _("New"),
        "continuing": _("Continuing from an earlier year"),
        "replication": _("Replications"),
    }
    rows += [
        [_("New, continuing, replications"), origin_labels[o["key"]], year, o["count"]] for o in innovations["origins"]
    ]
    for key in BREAKDOWNS:
        title = str(BREAKDOWN_TITLES[key])
        rows += [[title, str(r["label"]), year, r["count"]] for r in innovations[key]["rows"]]
    compliance = data["compliance"]
    methods = dict(
        AssessmentMethod.objects.filter(slug__in={p["method"] for p in compliance["trend"]}).values_list("slug", "name")
    )
    rows += [
        [_("Ombudsman: the city"), _assessment(methods[p["method"]], p["score"], p["zone"], p["grade"]), p["year"], 1]
        for p in compliance["trend"]
    ]
    rows += [
        [
            _("Ombudsman: each unit's latest result"),
            f"{a.agency.name} ({a.agency.code}): " + _assessment("", a.score, a.zone, a.grade),
            a.year,
            1,
        ]
        for a in compliance["units"]
    ]
    note_labels = {
        "pending": _("Open or in progress"),
        "overdue": _("Overdue"),
        "done": _("Done, awaiting verification"),
        "verified": _("Verified"),
    }
    rows += [[_("Improvement notes"), note_labels[state], year, n] for state, n in compliance["notes"].items()]
    rows += [[_("Survey grades (SKM)"), g["grade"], year, g["count"]] for g in compliance["grades"]]
    if data["competition"]:
        rows += [
            [_("Competition: entries per stage"), str(r["label"]), year, r["count"]]
            for r in data["competition"]["funnel"]["rows"]
        ]
        progress = data["competition"]["progress"]
        rows += [[_("Competition: reviews submitted"), p["name"], year, p["submitted"]] for p in progress]
        rows += [[_("Competition: reviews assigned"), p["name"], year, p["assigned"]] for p in progress]
    attention = data["attention"]
    needs = _("Needs attention")
    rows += [
        [needs, _("Agencies that missed the quota or are at risk"), year, attention["risky_count"]],
        [needs, _("Units in the red zone"), year, attention["red_count"]],
        [needs, _("Overdue improvement notes"), year, attention["overdue_count"]],
        [needs, _("Units without a satisfaction survey"), year, attention["no_survey_count"]],
    ]
    return rows

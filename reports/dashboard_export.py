"""The dashboard's tables as one download: rows of (section, item, year, count), CSV or XLSX."""

from __future__ import annotations

from typing import Any

from reports.dashboard import BREAKDOWNS
from reports.dashboard_scope import Scope

EXPORT_HEADERS = ["section", "item", "year", "count"]


def export_rows(scope: Scope, data: dict[str, Any]) -> list[list[Any]]:
    """Every table of the dashboard as rows (section, item, year, count), for its CSV and XLSX downloads."""
    rows: list[list[Any]] = []
    year = scope.year
    rows += [["quota", r["status"], year, r["count"]] for r in data["quota"]["rows"]]
    rows += [["quota_change_since_last_week", r["status"], year, r["change"]] for r in data["quota"]["rows"]]
    if data["heatmap"]:
        for group in data["heatmap"]["groups"]:
            for row in group["rows"]:
                rows += [
                    [f"quota_heatmap:{row['agency'].code}", c["status"], c["year"], 1]
                    for c in row["cells"]
                    if c["status"]
                ]
    innovations = data["innovations"]
    rows += [["innovations_accepted", "", int(y["label"]), y["count"]] for y in innovations["years"]]
    rows += [["innovations_by_state", str(s["label"]), year, s["count"]] for s in innovations["states"]]
    rows += [["innovations_by_origin", o["key"], year, o["count"]] for o in innovations["origins"]]
    for key in BREAKDOWNS:
        rows += [[f"innovations_by_{key}", r["label"], year, r["count"]] for r in innovations[key]["rows"]]
    compliance = data["compliance"]
    rows += [
        ["ombudsman_city", f"{p['method']} {p['score']} {p['zone']} {p['grade']}".strip(), p["year"], 1]
        for p in compliance["trend"]
    ]
    rows += [
        ["ombudsman_unit_latest", f"{a.agency.code} {a.score} {a.zone} {a.grade}".strip(), a.year, 1]
        for a in compliance["units"]
    ]
    rows += [["improvement_notes", state, year, n] for state, n in compliance["notes"].items()]
    rows += [["survey_grades", g["grade"], year, g["count"]] for g in compliance["grades"]]
    if data["competition"]:
        rows += [["competition_stage", r["label"], year, r["count"]] for r in data["competition"]["funnel"]["rows"]]
        rows += [["evaluator_submitted", p["name"], year, p["submitted"]] for p in data["competition"]["progress"]]
        rows += [["evaluator_assigned", p["name"], year, p["assigned"]] for p in data["competition"]["progress"]]
    attention = data["attention"]
    rows += [
        ["attention_quota", "missed_or_at_risk", year, attention["risky_count"]],
        ["attention_red_zone", "units", year, attention["red_count"]],
        ["attention_overdue_notes", "notes", year, attention["overdue_count"]],
        ["attention_no_survey", "units", year, attention["no_survey_count"]],
    ]
    return rows

"""Ombudsman readiness on the dashboard (least ready first, each number linking to the unit's checklist) and on
the agency scorecard."""

from django.urls import reverse

from compliance.readiness import services
from tests.conftest import client_for


def _ready(checklist, people, count):
    for entry in list(checklist.entries.all())[:count]:
        services.entry_record_paper(entry=entry, by=people["head"], link="https://example.org/d")
        services.entry_record_ground(
            entry=entry, by=people["reviewer"], seen_by="Setda", seen_on=entry.checklist.created.date()
        )


def test_dashboard_lists_units_least_ready_first_with_links(chart, people):
    for code, count in (("dinkes", 11), ("pkm", 3)):
        _ready(services.checklist_open(agency=chart[code], year=2027, by=people["reviewer"]), people, count)

    response = client_for(people["reviewer"]).get(reverse("dashboard") + "?year=2027")

    readiness = response.context["compliance"]["readiness"]
    assert [(r.agency.code, r.ready, str(r.score.weighted)) for r in readiness["rows"]] == [
        ("PKM-01", 3, "29.10"),
        ("DINKES", 11, "100.00"),
    ]
    html = response.content.decode()
    checklist_url = reverse("compliance:readiness-checklist", args=[chart["pkm"].pk, 2027])
    assert f'<a href="{checklist_url}#items">3/11</a>' in html


def test_scorecard_shows_the_checklists_scores(chart, people):
    _ready(services.checklist_open(agency=chart["dinkes"], year=2027, by=people["reviewer"]), people, 2)

    response = client_for(people["head"]).get(reverse("reports:scorecard", args=[chart["dinkes"].pk]))

    section = next(s for s in response.context["sections"] if s.slug == "readiness")
    assert [(c.year, str(score.share), str(score.weighted)) for c, score in section.context["rows"]] == [
        (2027, "18.18", "21.82")
    ]

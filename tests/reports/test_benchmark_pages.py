"""The page benchmark finds every page of the URLconf by itself and fills it with ids the person may see."""

from reports.scale.pages import Persona, every_page, excluded, routes
from tests.agencies.factories import UserFactory


def test_every_route_is_a_case_timed_or_with_its_reason(people, chart, region):
    personas = [
        Persona("national admin", UserFactory(username="admin.pusat", is_superuser=True), country=True),
        Persona("region reviewer", people["reviewer"]),
        Persona("staff", people["staff"]),
    ]

    cases = {(case.page, case.persona.label): case for case in every_page(personas, region, chart["dinkes"])}

    pages = {page for page, _who in cases}
    assert {route.name or route.route for route in routes() if not excluded(route)} <= pages
    assert {"admin/…", "i18n/…", "healthz/…"} <= pages  # excluded parts say why, once each
    detail = chart["dinkes"].pk
    assert cases[("agencies:detail", "region reviewer")].url == f"/agencies/{detail}/"
    assert cases[("agencies:detail", "staff")].url == f"/agencies/{detail}/"
    assert cases[("innovations:transition", "national admin")].skipped == "POST only (an action, not a page)"
    assert cases[("exports:detail", "staff")].skipped == (
        "nothing of ExportJob visible to this person in the seeded data"
    )
    assert cases[("compliance:quota-rule", "staff")].url.startswith("/compliance/quota/rule/")

"""GET /api/v1/services/: exactly the issue's fields, with the pages' visibility."""

from tests.compliance.standards.factories import COMPLETE
from tests.conftest import api_for


def test_services_api_fields_and_visibility(published, chart, people):
    from compliance.standards import services

    services.service_create(agency=chart["disdik"], name="Mutasi siswa", by=people["other_staff"])

    rows = api_for(people["staff"]).get("/api/v1/services/").json()["results"]
    everyone = api_for(people["reviewer"]).get("/api/v1/services/").json()["results"]

    assert rows == [
        {
            "id": published.service_id,
            "slug": "surat-keterangan-sehat",
            "name": "Surat keterangan sehat",
            "agency": "DINKES",
            "standard_state": "published",
            "published_version": 1,
            "review_due_on": "2027-03-02",
            "components": COMPLETE,
        }
    ]
    assert [(r["agency"], r["standard_state"], r["published_version"]) for r in everyone] == [
        ("DINDIK", "draft", None),
        ("DINKES", "published", 1),
    ]
    assert api_for(people["outsider"]).get("/api/v1/services/").json()["results"] == []

"""A 2027 readiness checklist of the Dinas Kesehatan, and an Ombudsman assessment of the city that improvement
notes hang on."""

import pytest

from compliance.readiness import services
from tests.snapshots import kept


@pytest.fixture
@kept
def checklist(chart, people):
    return services.checklist_open(agency=chart["dinkes"], year=2027, by=people["staff"])


@pytest.fixture
@kept
def entries(checklist):
    return {e.item.slug: e for e in checklist.entries.select_related("item")}

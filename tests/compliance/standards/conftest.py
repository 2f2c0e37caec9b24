"""A Dinas Kesehatan service with its first draft, and the steps of its standard's life as the services make
them, for the tests of services and pages."""

import datetime

import pytest
from django.utils import timezone

from compliance.standards import services
from innovations.demo import tiny_pdf
from tests.compliance.standards.factories import COMPLETE
from tests.snapshots import kept

TODAY = datetime.date(2026, 3, 2)
#: The consultation runs from the real today: the public pages take comments by the real date.
CONSULT_FROM = timezone.localdate()
CONSULT_UNTIL = CONSULT_FROM + datetime.timedelta(days=14)


@pytest.fixture
@kept
def service(chart, people):
    return services.service_create(
        agency=chart["dinkes"], name="Surat keterangan sehat", by=people["staff"], description="Untuk melamar kerja"
    )


@pytest.fixture
@kept
def draft(service):
    return service.standards.get()


@pytest.fixture
@kept
def in_consultation(draft, people):
    services.standard_save(standard=draft, components=dict(COMPLETE), by=people["staff"])
    return services.standard_consult(standard=draft, by=people["staff"], starts=CONSULT_FROM, ends=CONSULT_UNTIL)


@pytest.fixture
@kept
def published(in_consultation, people):
    decreed = services.standard_decree(
        standard=in_consultation,
        by=people["head"],
        sk_number="800/12/DINKES/2026",
        sk_date=TODAY,
        name="sk.pdf",
        data=tiny_pdf("SK"),
    )
    return services.standard_publish(standard=decreed, by=people["head"], today=TODAY)

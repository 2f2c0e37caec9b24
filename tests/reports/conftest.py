"""Data for the reports tests: innovations walked through the workflow, assessments, quota statuses."""

import datetime

import pytest
from django.utils import timezone

from compliance.quota.models import QuotaStatus
from tests.innovations.factories import build_innovation


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Export files and PDFs of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_innovation(people):
    return build_innovation


@pytest.fixture
def quota_status():
    """A status row as the sweep leaves it (the sweep itself is tested in tests/compliance)."""

    def make(agency, year, status, count=0, since=None):
        return QuotaStatus.objects.create(
            agency=agency,
            year=year,
            status=status,
            count=count,
            since=since or timezone.make_aware(datetime.datetime(year, 3, 1, 9, 0)),
        )

    return make

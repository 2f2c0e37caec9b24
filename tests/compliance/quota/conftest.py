"""The quota pages' shared world: the year, its dates, and a region swept in March."""

import datetime

import pytest
from django.utils import timezone

from compliance.quota.services import quota_sweep
from innovations.models import State
from tests.agencies.factories import user_with_role
from tests.innovations.factories import build_innovation

#: The agency page offers an exemption for this year and the last one, so the flow uses the real year.
YEAR = timezone.localdate().year
#: Far from the default deadline (31 December, first reminder 60 days before): an agency with nothing yet is
#: pending, one with only drafts is in progress (not at risk: issue #15), whatever day the suite runs.
MARCH = datetime.date(YEAR, 3, 1)
NOVEMBER = datetime.date(YEAR, 11, 15)  # inside the 60-day window: everyone without an innovation is at risk


@pytest.fixture
def swept(people, chart, settings, tmp_path):
    """The statuses of YEAR as of 1 March: Puskesmas Rijali fulfilled (approved by kadinkes), Dinas Pendidikan
    and Kelurahan Rijali in progress (only a draft each), the city government not subject, the rest pending."""
    settings.MEDIA_ROOT = tmp_path / "media"
    pkm_staff = user_with_role("staff", agency=chart["pkm"], username="staf.pkm")
    rijali_staff = user_with_role("staff", agency=chart["rijali"], username="staf.rijali")
    build_innovation(chart["pkm"], pkm_staff, State.HEAD_APPROVED, year=YEAR, title="Antrean Daring Puskesmas")
    build_innovation(chart["disdik"], people["other_staff"], year=YEAR, title="Rapor Digital")
    build_innovation(chart["rijali"], rijali_staff, year=YEAR, title="Surat Keterangan Kilat")
    quota_sweep(year=YEAR, today=MARCH)
    return chart

import pytest

from innovations.models import State
from tests.agencies.factories import user_with_role
from tests.innovations.factories import build_innovation
from tests.snapshots import kept


@pytest.fixture
@kept
def verifier(region):
    return user_with_role("verifier", region=region, username="bappeda")


@pytest.fixture
@kept
def accepted(chart, people):
    """An accepted 2026 innovation of Dinas Kesehatan, registered by staf.dinkes."""
    return build_innovation(
        chart["dinkes"], people["staff"], State.ACCEPTED, year=2026, title="Sehat Keliling", urusan="kesehatan"
    )

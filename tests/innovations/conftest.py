"""Innovations for the `chart` and `people` of tests/conftest.py, built and walked through the services."""

from collections.abc import Callable

import pytest

from agencies.models import User
from innovations.models import Innovation
from tests.agencies.factories import user_with_role
from tests.innovations.factories import build_innovation
from tests.snapshots import kept


@pytest.fixture
def _media_root(settings, tmp_path):
    # Evidence files of a test go to its own folder, not to var/test/test-media shared by every run.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_innovation(people, _media_root) -> Callable[..., Innovation]:
    """`make_innovation(agency, by, state=..., **fields)`: see build_innovation (needs the people's head and reviewer)."""
    return build_innovation


@pytest.fixture
@kept
def kelurahan_staff(people, chart) -> dict[str, User]:
    """Staff of the two kelurahan: Rijali (under the camat of Sirimau) and Wainitu (under Nusaniwe)."""
    return {
        "rijali": user_with_role("staff", agency=chart["rijali"], username="staf.rijali"),
        "wainitu": user_with_role("staff", agency=chart["wainitu"], username="staf.wainitu"),
    }

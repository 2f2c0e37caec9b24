"""The catalogue's cast on top of tests/conftest.py's chart and people: a head for Dinas Pendidikan (so its
innovations can be approved) and its running innovation "Guru Kunjung Pulau"."""

import pytest

from agencies.models import User
from innovations.models import Innovation
from tests.agencies.factories import user_with_role
from tests.innovations.catalogue.factories import running_original
from tests.snapshots import kept


@pytest.fixture
@kept
def disdik_head(people, chart) -> User:
    return user_with_role("head", agency=chart["disdik"], username="kadisdik")


@pytest.fixture
@kept
def original(people, chart, disdik_head, _media_root) -> Innovation:
    return running_original(chart["disdik"], people["other_staff"])

"""The cached reads keyed by the data version: many entries read in one round trip, built once, and built again
after a write bumps the version."""

import pytest
from django.core.cache import cache
from django.db import transaction

from core import datacache

pytestmark = pytest.mark.django_db(transaction=True)


def test_cached_many_builds_each_missing_entry_once_and_again_after_a_bump():
    built = []

    def build(pk, year):
        built.append((pk, year))
        return f"skor {pk}/{year}"

    parts = [(1, 2025), (2, 2025)]
    assert datacache.cached_many("uji", parts, build, 60) == ["skor 1/2025", "skor 2/2025"]
    assert datacache.cached_many("uji", [(2, 2025), (3, 2025)], build, 60) == ["skor 2/2025", "skor 3/2025"]
    assert built == [(1, 2025), (2, 2025), (3, 2025)]
    # The same entries as `cached` keeps under `versioned_key`: either fills the cache for the other.
    assert datacache.cached(datacache.versioned_key("uji", 1, 2025), lambda: "lain", 60) == "skor 1/2025"

    with transaction.atomic():
        datacache.bump()
    datacache.cached_many("uji", parts, build, 60)
    assert built[3:] == [(1, 2025), (2, 2025)]


def test_cached_many_with_no_keeping_builds_every_time():
    calls = []
    assert datacache.cached_many("uji", [(1,)], lambda pk: calls.append(pk) or pk, 0) == [1]
    assert datacache.cached_many("uji", [(1,)], lambda pk: calls.append(pk) or pk, 0) == [1]
    assert calls == [1, 1]
    assert cache.get_many([f"uji:{datacache.version()}:1"]) == {}

"""One version number for "the data the dashboards read has changed", kept in the cache (Redis).

Pages that cache what they computed put this version in their cache key, so a write makes every earlier entry
unreachable at once (they expire on their own). ORM saves and deletes of the counted models bump it through
signals (reports.apps); code that writes in bulk, bypassing the signals (the quota sweep's SQL, bulk_create,
QuerySet.update), calls `bump()` itself. The bump happens when the transaction commits, so a page computed
between the write and the commit cannot be cached under the new version.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language

KEY = "data-version"


def version() -> int:
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, 1, timeout=None)
        value = cache.get(KEY, 1)
    return int(value)


def _incr() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not there yet (a fresh cache): any new value differs from what pages saw
        cache.add(KEY, 2, timeout=None)


def bump() -> None:
    transaction.on_commit(_incr)


def fragment_key(request: HttpRequest, *parts: Any) -> str:
    """The `{% cache %}` key of a piece of a page (a filter form with its choices): the data version, the
    language, the person (what they may see decides what a chosen option may show) and `parts`, such as the
    page's query string. A write to the data makes every earlier piece unreachable."""
    user = getattr(request, "user", None)
    return ":".join(str(part) for part in (version(), get_language(), getattr(user, "pk", ""), *parts))

"""One version number for "the data the dashboards read has changed", kept in the cache (Redis), and the cached
reads of the pages that depend on it.

Pages that cache what they computed put this version in their cache key, so a write makes every earlier entry
unreachable at once (they expire on their own). ORM saves and deletes of the counted models bump it through
signals (reports.apps); code that writes in bulk, bypassing the signals (the quota sweep's SQL, bulk_create,
QuerySet.update), calls `bump()` itself. The bump happens when the transaction commits, so a page computed
between the write and the commit cannot be cached under the new version.

The cache is an accelerator, never a dependency: with Redis down (short socket timeouts in settings.CACHES)
every read here computes the page afresh and every write is skipped, so pages stay up. A bump that could not
reach Redis is replayed through the outbox once the broker (the same Redis) is back, so no page stays stale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language

log = logging.getLogger(__name__)

KEY = "data-version"
T = TypeVar("T")

#: The version pages use while the cache cannot be read: nothing is stored under it either (see `cached`).
UNAVAILABLE = 0


def version() -> int:
    try:
        value = cache.get(KEY)
        if value is None:
            cache.add(KEY, 1, timeout=None)
            value = cache.get(KEY, 1)
        return int(value)
    except Exception as exc:  # redis-py's ConnectionError and TimeoutError; any cache failure means "no cache"
        log.warning("cache unavailable, computing without it: %s", exc)
        return UNAVAILABLE


def _incr() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not there yet (a fresh cache): any new value differs from what pages saw
        cache.add(KEY, 2, timeout=None)


def incr_now() -> None:
    """The bump itself, raising when the cache is down (the outbox's task retries it)."""
    _incr()


def _incr_or_defer() -> None:
    try:
        _incr()
    except Exception as exc:
        from core import outbox

        log.warning("cache unavailable, the data version bump waits in the outbox: %s", exc)
        outbox.enqueue("core.bump_data_version")


def bump() -> None:
    transaction.on_commit(_incr_or_defer)


def _key(name: str, current: int, parts: tuple[object, ...]) -> str:
    return ":".join(str(part) for part in (name, current, *parts))


def versioned_key(name: str, *parts: object) -> str | None:
    """`name:version:parts...`, or None when the cache cannot say its version (then nothing is cached)."""
    current = version()
    if current == UNAVAILABLE:
        return None
    return _key(name, current, parts)


def cached(key: str | None, build: Callable[[], T], seconds: int) -> T:
    """`build()`, kept under `key` for `seconds` (no key or 0: not kept). The cache failing only costs the
    computation, never the page."""
    if key is None or seconds <= 0:
        return build()
    try:
        value: Any = cache.get(key)
    except Exception as exc:
        log.warning("cache unavailable, computing without it: %s", exc)
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, seconds)
        except Exception as exc:
            log.warning("cache unavailable, not keeping %s: %s", key, exc)
    return value


def cached_many(name: str, parts: list[tuple[Any, ...]], build: Callable[..., T], seconds: int) -> list[T]:
    """`cached` for many entries at once: `build(*part)` for each of `parts`, kept under `name`'s versioned key of
    that part. One read of the version and one round trip for all the entries (a page of 550 regions made 1,100
    before), then the missing ones are built and kept together."""
    current = version()
    if current == UNAVAILABLE or seconds <= 0:
        return [build(*part) for part in parts]
    keys = [_key(name, current, part) for part in parts]
    try:
        found: dict[str, Any] = cache.get_many(keys)
    except Exception as exc:
        log.warning("cache unavailable, computing without it: %s", exc)
        return [build(*part) for part in parts]
    missing = {key: build(*part) for key, part in zip(keys, parts, strict=True) if key not in found}
    if missing:
        try:
            cache.set_many(missing, seconds)
        except Exception as exc:
            log.warning("cache unavailable, not keeping %s entries of %s: %s", len(missing), name, exc)
    return [found[key] if key in found else missing[key] for key in keys]


def fragment_key(request: HttpRequest, *parts: Any) -> str:
    """The `{% cache %}` key of a piece of a page (a filter form with its choices): the data version, the
    language, the person (what they may see decides what a chosen option may show) and `parts`, such as the
    page's query string. A write to the data makes every earlier piece unreachable."""
    user = getattr(request, "user", None)
    return ":".join(str(part) for part in (version(), get_language(), getattr(user, "pk", ""), *parts))


def filter_fragment(request: HttpRequest, *parts: Any) -> dict[str, Any]:
    """What a page's template needs to keep its filter form as a fragment (`filter_cache_seconds`, `filter_key`):
    crispy and Django's widget templates render a filter of a few selects in 30-60 ms, the same for every view
    of the same query until the data changes. `parts` tell apart what the query string does not (the path)."""
    return {"filter_cache_seconds": settings.FILTER_CACHE_SECONDS, "filter_key": fragment_key(request, *parts)}


def form_fragment(request: HttpRequest, form: Any, *parts: Any) -> dict[str, Any]:
    """What a page's template needs to keep an unbound form's rendered fields as a fragment (`form_cache_seconds`,
    `form_key`; an empty key: render afresh): crispy renders a long form in 50-100 ms, the same for every view of
    the same record until the data changes. A bound form (a refused submission, with its errors and what was
    typed) is never kept. `parts` name the form and what its fields depend on (the record, the agency whose
    choices it offers)."""
    if form.is_bound or settings.FORM_CACHE_SECONDS <= 0:
        return {"form_key": ""}
    return {"form_cache_seconds": settings.FORM_CACHE_SECONDS, "form_key": fragment_key(request, *parts)}

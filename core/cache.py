"""A cache for page fragments that a Redis outage cannot turn into a server error.

`{% cache %}` reads and writes Django's cache with no way to fall back: with Redis down, the innovation list and
the agency directory would answer 500 while everything they show is in PostgreSQL. Fragments are only a
shortcut, so this backend (the `fragments` alias) treats a failing Redis as an empty cache: a read misses, a
write is dropped, and the page renders from the database. The default cache stays strict on purpose: the data
version and the outbox (core.datacache, core.outbox) must know when Redis did not take a write.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.redis import RedisCache

log = logging.getLogger(__name__)


class ForgivingRedisCache(RedisCache):
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except Exception as exc:
            log.warning("fragment cache unavailable, rendering without it: %s", exc)
            return default

    def set(self, key: Any, value: Any, timeout: Any = ..., version: int | None = None) -> None:
        try:
            if timeout is ...:
                super().set(key, value, version=version)
            else:
                super().set(key, value, timeout, version)
        except Exception as exc:
            log.warning("fragment cache unavailable, not keeping %s: %s", key, exc)

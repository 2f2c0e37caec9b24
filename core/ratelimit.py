"""Hourly limits counted in the cache (public comments per address, password-reset mails per address and per
e-mail), shared by every worker process.

A limit is a brake on abuse, not a record: while Redis cannot be reached the request is let through (and the
outage logged) rather than answered with a server error, since the page it protects works without the cache.
"""

from __future__ import annotations

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)

HOUR = 3600


def within_hourly_limit(key: str, limit: int) -> bool:
    """Count one more request under `key` in the current hour; False once more than `limit` were counted."""
    try:
        cache.add(key, 0, timeout=HOUR)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.add(key, 1, timeout=HOUR)
            count = 1
    except Exception as exc:
        log.warning("rate limit %s not counted, the cache is unavailable: %s", key, exc)
        return True
    return count <= limit

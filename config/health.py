"""GET /healthz/: is the database, Redis and at least one Celery worker answering? No login, no secrets."""

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app as celery_app


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _redis_ok() -> bool:
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
        return bool(client.ping())
    except Exception:
        return False


def _worker_ok(redis_ok: bool) -> bool:
    if not redis_ok:  # the broker is down: a ping cannot be delivered, don't wait for its timeout
        return False
    try:
        # limit=1: return as soon as one worker answers instead of waiting out the timeout.
        return bool(celery_app.control.ping(timeout=settings.HEALTH_WORKER_TIMEOUT, limit=1))
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database_ok()
    redis_ok = _redis_ok()
    worker = _worker_ok(redis_ok)
    body = {
        name: "ok" if up else "down" for name, up in (("database", database), ("redis", redis_ok), ("worker", worker))
    }
    # The worker being down degrades background work but the site still serves pages: report, don't fail.
    return JsonResponse(body, status=200 if database and redis_ok else 503)

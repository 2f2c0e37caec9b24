"""Test profile: the same real PostgreSQL and Redis (started by `make test`), faster hashing, local mail."""

from django.core.exceptions import ImproperlyConfigured

from config.settings import base as _base
from config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# pytest-xdist runs one process per core ("gw0", "gw1", ...); each gets its own test database (pytest-django
# adds the suffix) and here its own two Redis databases: one for the cache, whose clearing between tests must
# never touch Celery's queues, and one for Celery's broker and results, so that a real worker started by one
# process never takes the tasks (or answers the pings) of another. Database 0 stays unused by tests.
_XDIST_WORKER = env("PYTEST_XDIST_WORKER", "gw0")  # noqa: F405
_WORKER_INDEX = int(_XDIST_WORKER.removeprefix("gw"))
_REDIS_BASE = _base.REDIS_URL.rsplit("/", 1)[0]
_CACHE_DB, _CELERY_DB = 1 + 2 * _WORKER_INDEX, 2 + 2 * _WORKER_INDEX
if _CELERY_DB > 15:
    raise ImproperlyConfigured(f"Redis has databases 0-15: at most 7 test processes (-n 7), not {_XDIST_WORKER}")
REDIS_URL = f"{_REDIS_BASE}/{_CELERY_DB}"
CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"{_REDIS_BASE}/{_CACHE_DB}",
        "KEY_PREFIX": "satu-test",
        "OPTIONS": _base.CACHES["default"]["OPTIONS"],
    },
    "fragments": {
        "BACKEND": "core.cache.ForgivingRedisCache",
        "LOCATION": f"{_REDIS_BASE}/{_CACHE_DB}",
        "KEY_PREFIX": "satu-test-fragment",
        "OPTIONS": _base.CACHES["default"]["OPTIONS"],
    },
}
# Files stored by two processes at once would share names (each database counts its ids from 1).
MEDIA_ROOT = VAR_DIR / "test-media" / _XDIST_WORKER  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
# A second test run at the same time (a helper, an editor plug-in) can pick its own database name.
DATABASES["default"]["TEST"] = {"NAME": env("SATU_TEST_DB_NAME", "test_satu_inovasi")}  # noqa: F405
# Pages find static files through the finders in tests; whitenoise only wants the folder to exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Dashboards are computed afresh in tests (query counts measure the work); tests of the cache switch it on.
DASHBOARD_CACHE_SECONDS = 0
RANKING_CACHE_SECONDS = 0
FILTER_CACHE_SECONDS = 0
FORM_CACHE_SECONDS = 0
# PostgreSQL with a cheaper flush after transactional tests (tests/db/base.py).
DATABASES["default"]["ENGINE"] = "tests.db"  # noqa: F405

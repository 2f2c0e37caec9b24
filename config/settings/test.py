"""Test profile: the same real PostgreSQL and Redis (started by `make test`), faster hashing, local mail."""

from config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Database 1: clearing the cache between tests must never touch Celery's queues on database 0.
        "LOCATION": REDIS_URL.rsplit("/", 1)[0] + "/1",  # noqa: F405
        "KEY_PREFIX": "satu-test",
    }
}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
# A second test run at the same time (a helper, an editor plug-in) can pick its own database name.
DATABASES["default"]["TEST"] = {"NAME": env("SATU_TEST_DB_NAME", "test_satu_inovasi")}  # noqa: F405
# Pages find static files through the finders in tests; whitenoise only wants the folder to exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Dashboards are computed afresh in tests (query counts measure the work); tests of the cache switch it on.
DASHBOARD_CACHE_SECONDS = 0
RANKING_CACHE_SECONDS = 0

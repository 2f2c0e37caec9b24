"""Settings for every environment, driven by environment variables (see .env.example).

`config.settings.production` hardens these for a deployment; `config.settings.test` is the test profile.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config import schedule
from config.env import database_from_url, env, env_bool, env_int, env_list, env_secret

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("SATU_VAR_DIR", str(BASE_DIR / "var" / "dev")))

# A development key; production refuses to start without a real one (config.settings.production).
SECRET_KEY = env_secret("DJANGO_SECRET_KEY", "dev-insecure-key-only-for-local-use")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_celery_beat",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "agencies",
    "innovations",
    "competition",
    "compliance",
    "compliance.quota",
    "compliance.skm",
    "compliance.ombudsman",
    "compliance.standards",
    "compliance.readiness",
    "compliance.iid",
    "reports",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LanguageMiddleware",
    "config.middleware.RequestSizeLimit",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.idempotency.RepeatedSubmissionMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "agencies.twofactor.RequireTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: it turns a lockout into the login page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "agencies.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/satu_inovasi")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "satu",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    },
    # Page fragments ({% cache ... using="fragments" %}): the same Redis, but an outage only costs the shortcut.
    "fragments": {
        "BACKEND": "core.cache.ForgivingRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "satu-fragment",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    },
}

AUTH_USER_MODEL = "agencies.User"
AUTHENTICATION_BACKENDS = [
    # First: django-axes refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Bahasa Indonesia first, English second. Source strings are English; locale/id holds the Indonesian.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env("DJANGO_TIME_ZONE", "Asia/Jayapura")  # WIT: Maluku and Maluku Utara
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages come from npm (package.json), never copied into the repo.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/chart.js", BASE_DIR / "node_modules" / "chart.js" / "dist"),
    ("vendor/tom-select", BASE_DIR / "node_modules" / "tom-select" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files (evidence, imports) live outside the static folders and are served by views that check
# permissions, never by the web server directly.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024
#: How long a computed dashboard is kept; any write to what it counts makes it stale at once (agencies.datacache).
DASHBOARD_CACHE_SECONDS = env_int("SATU_DASHBOARD_CACHE_SECONDS", 600)
#: The same for a competition stage's ranking (normalising thousands of entries is Python work).
RANKING_CACHE_SECONDS = env_int("SATU_RANKING_CACHE_SECONDS", 600)
#: How long a rendered filter form (its crispy fields and category choices) is kept per person and query string;
#: keyed by the data version too (core.datacache.fragment_key), so a write shows at once.
FILTER_CACHE_SECONDS = env_int("SATU_FILTER_CACHE_SECONDS", 300)
#: The same for the fields of an unbound edit form (core.datacache.form_fragment): the innovation form's crispy
#: layout; a refused submission is always rendered afresh.
FORM_CACHE_SECONDS = env_int("SATU_FORM_CACHE_SECONDS", 300)
EVIDENCE_MAX_BYTES = env_int("SATU_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_BYTES = env_int("SATU_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("SATU_IMPORT_MAX_ROWS", 20000)
# core.tabular.Limits: the longest cell, and how long reading one file may take before it is refused.
IMPORT_MAX_CELL_CHARS = env_int("SATU_IMPORT_MAX_CELL_CHARS", 2000)
IMPORT_TIME_BUDGET_SECONDS = env_int("SATU_IMPORT_TIME_BUDGET_SECONDS", 20)
# An XLSX is a zip: what its parts unpack to is what costs memory, so that is capped, from the zip's directory,
# before anything is unpacked. 20 MB holds a sheet of 20,000 rows x 40 columns; shared strings are read whole.
IMPORT_XLSX_MAX_PART_BYTES = env_int("SATU_IMPORT_XLSX_MAX_PART_BYTES", 20 * 1024 * 1024)
IMPORT_XLSX_MAX_SHARED_STRINGS_BYTES = env_int("SATU_IMPORT_XLSX_MAX_SHARED_STRINGS_BYTES", 8 * 1024 * 1024)
# Files that unpack to at most this are read in the request (milliseconds); larger ones by a worker, behind a
# progress page. A file "being read" with no heartbeat for IMPORT_STALLED_MINUTES lost its worker.
IMPORT_INLINE_MAX_BYTES = env_int("SATU_IMPORT_INLINE_MAX_BYTES", 256 * 1024)
IMPORT_STALLED_MINUTES = env_int("SATU_IMPORT_STALLED_MINUTES", 2)
#: The largest request body a page may be sent, checked on its declared length before any of it is read
#: (config.middleware.RequestSizeLimit): each page's files at their largest plus a megabyte for the form.
#: An import page takes one table; elsewhere a page takes at most two evidence files (the innovation form's rows).
UPLOAD_REQUEST_LIMITS = [
    (prefix, IMPORT_MAX_BYTES + 1024 * 1024)
    for prefix in ("/agencies/import/", "/compliance/ombudsman/import/", "/compliance/skm/import/")
]
REQUEST_MAX_BYTES = env_int("SATU_REQUEST_MAX_BYTES", 2 * EVIDENCE_MAX_BYTES + 1024 * 1024)
# Exports up to this many rows download at once; larger ones run in Celery behind a progress page.
EXPORT_DIRECT_MAX_ROWS = env_int("SATU_EXPORT_DIRECT_MAX_ROWS", 5000)
# How long a background export's file is kept for its owner (the daily clean-up deletes it after).
EXPORT_RETENTION_HOURS = env_int("SATU_EXPORT_RETENTION_HOURS", 24)
# A running export writes a heartbeat every few thousand rows; without one for this long its worker died.
EXPORT_STALLED_MINUTES = env_int("SATU_EXPORT_STALLED_MINUTES", 5)

# Links typed without a scheme are https (Django 6's default; government sites are https).
FORMS_URLFIELD_ASSUME_HTTPS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# Absolute links in emails (a Celery task has no request to build them from).
SITE_URL = env("SATU_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Satu Inovasi <noreply@satu-inovasi.local>")

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Every periodic job is defined in one place: config/schedule.py.
CELERY_BEAT_SCHEDULE = schedule.BEAT_SCHEDULE
# A task is acknowledged when it ends, and given back to the queue when its worker dies mid-task; the broker
# hands an unacknowledged task to another worker after visibility_timeout (minutes, not Redis's default hour).
# Every task is idempotent (CONVENTIONS), so running one twice is safe.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 300, "socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5

HEALTH_WORKER_TIMEOUT = float(env("SATU_HEALTH_WORKER_TIMEOUT", "1.0"))

REST_FRAMEWORK = {
    # Token first, so that an anonymous call gets 401 with a WWW-Authenticate header, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Satu Inovasi API",
    "DESCRIPTION": "Read API of the Satu Inovasi register. Same visibility rules as the web pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

DEMO_PASSWORD = env("DEMO_PASSWORD", "ambon-manise-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"expected_refusals": {"()": "core.logs.ExpectedRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint logs each layout step of every PDF at INFO.
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "weasyprint.progress": {"level": "WARNING"},
        # django-axes logs every login at INFO; core.audit keeps logins, failures and lockouts for the audit page.
        "axes": {"level": "WARNING"},
        # Django's own console handler (with DEBUG on) printed each record a second time besides the root's.
        "django": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO"), "propagate": False},
        "django.request": {"filters": ["expected_refusals"]},
    },
}

# --- Login throttling, two-factor authentication, Content-Security-Policy, error reports -------------------
# django-axes counts failed logins in the database (AccessAttempt rows, which an administrator deletes in the
# admin to unlock at once). Separate counts per username and per address: guessing one account from many
# addresses and many accounts from one address are both stopped. 10 failures in a row lock; the 11th attempt
# is refused even with the right password, until the cool-off ends or an administrator unlocks.
AXES_FAILURE_LIMIT = env_int("SATU_LOGIN_FAILURE_LIMIT", 10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = env_int("SATU_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_RESET_ON_SUCCESS = True  # "in a row": a successful login clears the account's failures
AXES_LOCKOUT_CALLABLE = "agencies.auth_views.locked_out"
AXES_CLIENT_IP_CALLABLE = "config.middleware.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
#: How many reverse proxies in front of gunicorn add to X-Forwarded-For (0 in development: the peer is the client).
SATU_PROXY_COUNT = env_int("SATU_PROXY_COUNT", 0)
#: Password-reset requests allowed per address and per e-mail address in an hour.
PASSWORD_RESET_LIMIT_PER_HOUR = env_int("SATU_PASSWORD_RESET_LIMIT_PER_HOUR", 5)

OTP_TOTP_ISSUER = "Satu Inovasi"
OTP_TOTP_THROTTLE_FACTOR = 1  # django-otp doubles the wait after each wrong code

# Every HTML page: scripts, styles, fonts and images from this site only; no inline script, no <style> element,
# no frames, no plugins. Templates keep JS in static files (CONVENTIONS rule 8), so no nonce is needed. The one
# allowance is style *attributes*: the dashboard's bars and colour swatches are drawn by the server with a width
# or a colour in style="" (so they show without JS); an attribute cannot run script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

#: Errors go to Sentry (or a compatible service such as GlitchTip) when SENTRY_DSN is set; nothing otherwise.
SENTRY_DSN = env("SENTRY_DSN", "")

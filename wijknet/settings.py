"""wijknet settings: everything from the environment, with safe development defaults.

Development needs nothing set. Production (DEBUG=0) refuses to start with the development
secret and turns on HTTPS-only cookies and HSTS, so `manage.py check --deploy` is clean.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-insecure-key-change-me"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "Set SECRET_KEY: the development key may not be used with DEBUG off."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Form templates through the project's engine (FORM_RENDERER below).
    "django.forms",
    "django_scopes",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_email",  # residents' second factor: a code by e-mail (issue 15)
    # Not "rest_framework": the API renders JSON only (no browsable API templates or static
    # files), and as an app its Dutch catalogue would replace Django's own translations of the
    # form messages ("Dit veld is vereist." instead of "Dit veld is verplicht.").
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "wijknet.core",
    "wijknet.accounts",
    "wijknet.networks",
    "wijknet.roadmap",
    "wijknet.scans",
    "wijknet.agreements",
    "wijknet.meetings",
    "wijknet.actions",
    "wijknet.initiatives",
    "wijknet.wijkprofiel",
    "wijknet.health",
    "wijknet.graph",
    "wijknet.networkfile",
    "wijknet.offers",
    "wijknet.notifications",
    "wijknet.referrals",
    "wijknet.volunteering",
    "wijknet.accesslog",
    "wijknet.casework",
    "wijknet.dashboard",
    "wijknet.mywork",
    "wijknet.toolbox",
    "wijknet.reports",
    "wijknet.public",
    "wijknet.api",
    "wijknet.residents",
    "wijknet.evaluation",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the collected, hashed and compressed static files (docs/deploy.md).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wijknet.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "wijknet.core.links.RequestBaseMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wijknet.accounts.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wijknet.accounts.middleware.SensitiveSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "wijknet.networks.middleware.NetworkScopeMiddleware",
]

ROOT_URLCONF = "wijknet.urls"
# Forms render with the project's template engine (its cached loader), so that
# a <select> is written in Python (core/forms_renderer.py).
FORM_RENDERER = "wijknet.core.forms_renderer.FormRenderer"
WSGI_APPLICATION = "wijknet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wijknet" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijknet.networks.context_processors.network",
            ],
        },
    },
]

# Database: embedded SQLite by default; PostgreSQL in production and CI via DATABASE_URL.
# Connections are kept open between requests (CONN_MAX_AGE seconds, default 60 on PostgreSQL, 0
# on SQLite where opening the file is cheap) and checked before reuse (CONN_HEALTH_CHECKS).
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'wijknet.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(
            os.environ.get("CONN_MAX_AGE", "0" if DATABASE_URL.startswith("sqlite") else "60")
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE avoids "database is locked" on write-after-read; WAL lets readers run beside
    # the one writer (the task worker and the web server share the file).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with a cheaper get_user (accounts/backends.py).
    "wijknet.accounts.backends.UserBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Failed-login lockout (django-axes; docs/privacy.md "Login lockout"). The user name is
# normalised (stripped, lowercased: how addresses are stored) before axes counts, so letter-case
# variants of one address share one budget. Two independent counters, each with the limit:
# - ["username"]: failures for one account from *any* address. Guessing one password from many
#   addresses (a botnet) stops after the limit. The price: anyone who knows an address can lock
#   that account for the cool-off; a lock ends by itself and an administrator can lift it early
#   (`manage.py axes_reset_username`), which we prefer over unlimited guessing on client data.
# - ["ip_address"]: failures from one address for *any* accounts, which stops trying one common
#   password on many accounts. Colleagues behind one office address share this budget, hence the
#   limit of 10 rather than 5 (`AXES_PROXY_COUNT` must be right behind a proxy, or every login
#   shares the proxy's address).
# A successful login clears only that account's failures (accounts.lockout.AccountLockoutHandler).
# In tests every request comes from 127.0.0.1, but the attempts live in the test database, so one
# test's failures never reach another test.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "wijknet.accounts.lockout.axes_username"
AXES_HANDLER = "wijknet.accounts.lockout.AccountLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wijknet.accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
# LOCALE_DIR lets the catalogue test run makemessages on a copy of the catalogue.
LOCALE_PATHS = [Path(os.environ.get("LOCALE_DIR", BASE_DIR / "wijknet" / "locale"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One date style for the whole app (wijknet/core/formatting.py explains the notation).
FORMAT_MODULE_PATH = ["wijknet.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "wijknet" / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
# Static files: `manage.py collectstatic` writes hashed, compressed (gzip, and brotli when
# installed) copies to STATIC_ROOT; whitenoise serves them with far-future cache headers. In
# development (DEBUG=1) the plain storage needs no collectstatic; STATIC_MANIFEST=1 forces the
# production storage (scripts/serve.sh sets it).
# Uploaded and generated files (reports' PDFs) under var/; never served as static files: each
# has a download view that checks access (wijknet/reports).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "reports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT / "reports", "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Caches are the process's own memory. "pages" holds rendered network pages per session under
# the network's data version (wijknet/core/pagecache.py): bounded, never shared between
# processes, so pages with a member's data never leave the application server. On by default
# in production (DEBUG=0; off in development, where templates change); PAGE_CACHE=0/1 decides.
# PAGE_CACHE_SECONDS bounds how late a change without an audit event shows.
PAGE_CACHE = env_bool("PAGE_CACHE", not DEBUG)
# The access-log record of a list of clients or referrals commits without waiting for the disk
# on PostgreSQL (accesslog.services.record_list, docs/privacy.md); 1 makes it wait.
ACCESS_LOG_FLUSH_LISTS = env_bool("ACCESS_LOG_FLUSH_LISTS", False)
# The queries of every request (user, device, membership, access-log record) are prepared on the
# PostgreSQL server once per connection (core/joined.py). Switch off behind a pooler that cannot
# keep prepared statements (PgBouncer in transaction mode without max_prepared_statements).
PREPARE_HOT_QUERIES = env_bool("PREPARE_HOT_QUERIES", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "wijknet-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "400"))},
    },
}

# E-mail (Django 6.1 MAILERS): printed to the console in development, SMTP when EMAIL_HOST is
# set. Mail is only ever sent from the task worker.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wijknet <noreply@localhost>")
# Public base URL for links in e-mails. Empty: links follow the address the server runs at
# (the request's host, or PORT / GUNICORN_BIND for jobs): wijknet/core/links.py.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# Background work (mail now; reports and large graphs later) runs in a worker process:
# `manage.py db_worker`, started by `make run`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

INVITATION_VALID_DAYS = 7

# Content loaders run by `manage.py load_content`, in dependency order.
CONTENT_LOADERS = [
    "wijknet.roadmap.content.load_roadmap",
    "wijknet.scans.content.load_scans",
    "wijknet.toolbox.content.load_toolbox",
]

# The open API (/api/v1/, docs/api.md): personal tokens only (no session, so no CSRF), JSON in
# and out, problem+json errors, a rate limit per token (Django's cache).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "wijknet.api.rest.problem_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_RATE_LIMIT", "600/hour")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "wijknet API",
    "DESCRIPTION": "De open API van wijknet (docs/api.md). Versie 1.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "wijknet.api.schema.add_problem_responses",
    ],
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "NetworkStatusEnum": "wijknet.networks.models.NetworkStatus",
        "GoalStatusEnum": "wijknet.actions.models.GoalStatus",
        "ActionStatusEnum": "wijknet.actions.models.ActionStatus",
        "ReferralStatusEnum": "wijknet.referrals.models.Status",
        "HelpRequestStatusEnum": "wijknet.volunteering.models.RequestStatus",
        "HelpKindEnum": "wijknet.volunteering.models.HelpKind",
        "MeetingKindEnum": "wijknet.meetings.models.MeetingKind",
        "FundingKindEnum": "wijknet.agreements.models.FundingKind",
        "OfferKindEnum": "wijknet.offers.models.OfferKind",
        "SectorEnum": "wijknet.networks.models.Sector",
    },
}

# Security headers. The CSP allows only our own scripts, styles and images.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Uploads. Every import checks its own, smaller limit on the size before reading the file
# (wijknet/core/imports.py). An upload above FILE_UPLOAD_MAX_MEMORY_SIZE is spooled to a
# temporary file, never held in memory; no more than FILE_UPLOAD_HARD_LIMIT of one upload is
# written to disk (wijknet/core/uploads.py). DATA_UPLOAD_MAX_MEMORY_SIZE bounds the rest of a
# request body (form fields); the web server should refuse bodies over ~25 MB before Django.
FILE_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
FILE_UPLOAD_HARD_LIMIT = 8 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "wijknet.core.uploads.CappedTemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer probes /healthz over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logging goes to stdout. With DEBUG=0 (or LOG_FORMAT=json) every record is one JSON line
# (wijknet.core.logformat.JsonFormatter) for the journal or a log collector; plain text otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "wijknet.core.logformat.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Sensitive free text (client records) is encrypted at rest with these Fernet keys, newest first;
# older keys keep decrypting after a rotation. Production must set FIELD_ENCRYPTION_KEYS.
DEV_FIELD_ENCRYPTION_KEY = "ZGV2LW9ubHktaW5zZWN1cmUtZmllbGQta2V5LTMyYiE="
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", DEV_FIELD_ENCRYPTION_KEY)
if not DEBUG and DEV_FIELD_ENCRYPTION_KEY in FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "Set FIELD_ENCRYPTION_KEYS: the development key may not be used with DEBUG off."
    )

# Scheduled work (wijknet/core/scheduling.py): functions `job(now) -> int`, run by the task
# worker whenever `manage.py run_scheduler` enqueues them (make run starts it).
SCHEDULED_JOBS = [
    "wijknet.scans.services.reminders_send",
    "wijknet.scans.services.partial_responses_purge",
    "wijknet.health.jobs.weekly_digests",
    "wijknet.offers.jobs.request_confirmations",
    "wijknet.referrals.jobs.remind_receivers",
    "wijknet.volunteering.jobs.send_due_followups",
    "wijknet.casework.jobs.flag_retention_due",
    "wijknet.accesslog.jobs.review_access_log",
    "wijknet.accesslog.jobs.purge_expired",
    "wijknet.core.analysis.nightly_recompute",
    "wijknet.actions.jobs.notify_overdue",
    "wijknet.agreements.jobs.notify_funding_ending",
    "wijknet.scans.jobs.remeasurement_reminders",
    "wijknet.api.services.token_windows_purge",
]
SCHEDULER_INTERVAL_SECONDS = int(os.environ.get("SCHEDULER_INTERVAL_SECONDS", "300"))
# /healthz fails when the worker last ran the scheduled jobs longer ago than this (default:
# two scheduler intervals plus a minute, so one slow or missed tick is not an alarm).
HEALTHZ_HEARTBEAT_MAX_AGE_SECONDS = int(
    os.environ.get("HEALTHZ_HEARTBEAT_MAX_AGE_SECONDS", str(2 * SCHEDULER_INTERVAL_SECONDS + 60))
)
# Stored analyses per network (core.analysis): kind → function(network) -> JSON-able data,
# computed in this order by a task after changes (debounced) and nightly, read by the pages.
NETWORK_ANALYSES = {
    "graph": "wijknet.graph.analysis.compute",
    "health": "wijknet.health.monitor.compute",
}
# A change recomputes a network's analyses at most once per this many seconds (the task runs
# this long after the first change, so a burst of edits costs one recompute).
ANALYSIS_DEBOUNCE_SECONDS = int(os.environ.get("ANALYSIS_DEBOUNCE_SECONDS", "30"))
# Audit actions (prefixes) that change nothing the analyses read: they do not make them stale.
ANALYSIS_IGNORED_ACTIONS = (
    "api_token.",
    "casework.",
    "followup.",
    "graph.desired_",
    "health.signal_acknowledged",
    "help_request.",
    "initiative_support.",
    "hours.",
    "invitation.created",
    "invitation.revoked",
    "match.",
    "offer.",
    "public_page.",
    "referral.",
    "report.",
    "twofactor.",
    "volunteer.",
)
# How long after a confirmation request an offer's provider is asked again.
OFFER_CONFIRMATION_REMINDER_DAYS = 30

# Access log (NEN 7513, docs/privacy.md): kept at least five years; the review report flags a
# user who opens more than this many distinct clients in one day, access outside working hours
# and many exports.
ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("ACCESS_LOG_RETENTION_DAYS", "1827"))
ACCESS_LOG_REVIEW_MAX_CLIENTS_PER_DAY = 20
ACCESS_LOG_REVIEW_WORKING_HOURS = (7, 20)  # local time, [start, end)
ACCESS_LOG_REVIEW_MAX_EXPORTS_PER_DAY = 5
# `manage.py flush` refuses while the access log has rows. Only the test suite switches this on
# (wijknet/conftest.py, e2e/conftest.py) so that Django can flush a *test* database between
# transactional tests; never set it here or from the environment.
ACCESS_LOG_ALLOW_TEST_FLUSH = False
# Sessions that passed the second factor (and so may see client data) end after 15 minutes
# without requests and after 8 hours in all.
SENSITIVE_SESSION_IDLE_SECONDS = 15 * 60
SENSITIVE_SESSION_MAX_SECONDS = 8 * 60 * 60

# Casework retention (docs/privacy.md): a client's record is flagged for a decision — erase or
# keep, with a reason — this many days after its last activity (plan, measurement, MDO, consent,
# team, or a previous decision to keep). Storage limitation (AVG art. 5(1)(e)): keep no longer
# than the purpose, working together on a current case, needs. wijknet is not the medical record
# (the WGBO's 20 years apply to each professional's own file), so two years without any activity
# means the collaboration has ended. 745 = 2 × 365 + a leap day + two weeks, so a case that meets
# every second year (e.g. a biennial MDO held a few days late) is not flagged.
CASEWORK_RETENTION_DAYS = int(os.environ.get("CASEWORK_RETENTION_DAYS", "745"))

# Residents (issue 15): how long an invitation for a resident or mantelzorger and an e-mailed
# login code stay valid.
RESIDENT_INVITATION_VALID_DAYS = int(os.environ.get("RESIDENT_INVITATION_VALID_DAYS", "14"))
RESIDENT_EMAIL_CODE_SECONDS = 600

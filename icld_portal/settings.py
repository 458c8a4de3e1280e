"""The portal's one settings module, configured by environment variables.

Every variable has a default that suits a developer's machine, except the secret key: with
DEBUG off a missing SECRET_KEY stops the start-up. `make run` writes a `.env` with DEBUG on
and a generated key for the development checkout; production sets the variables itself.
The README lists every variable.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # everything the development defaults write: database, queue, mail

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string (at least 50 characters), "
            "or set DEBUG=true for development."
        )
    SECRET_KEY = "development-only-" + "x" * 50
elif not DEBUG and len(SECRET_KEY) < 50:
    # Django signs sessions, password-reset links and CSRF tokens with it: a short key can be
    # guessed offline from one signed value.
    raise ImproperlyConfigured("SECRET_KEY is too short: use at least 50 random characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "core",
    "pages",
    "partnerships",
    "costnorms",
    "applications",
    "networks",
    "reporting",
    "casework",
    "assessments",
    "decisions",
    "payments",
    "agreements",
    "reminders",
    "exports",
    "stats",
    "audit",
    "privacy",
    "backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # core/security.py: NUL bytes and impossible integers refused before anything reads them.
    "core.security.HostileInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # core/security.py: session time limits, no-store for signed-in pages, refused case
    # accesses logged. After authentication and messages, which they use.
    "core.security.SessionLifetimeMiddleware",
    "core.security.PrivatePagesMiddleware",
    "core.security.RefusedAccessLogMiddleware",
    "core.mfa.StaffSecondFactorMiddleware",
    # Records who made each change in the audit history (audit/).
    "simple_history.middleware.HistoryRequestMiddleware",
]

AUTH_USER_MODEL = "core.User"
ROOT_URLCONF = "icld_portal.urls"
WSGI_APPLICATION = "icld_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]
# Widgets render through the templates above, so templates/admin/widgets/ can give Django's
# admin widgets the labels they lack (django.forms, below, keeps Django's own widget templates).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database ---------------------------------------------------------------------------
# SQLite in development; PostgreSQL (DATABASE_URL=postgres://…) in production and tests.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat share one file: wait for locks instead of failing,
    # and take the write lock at the start of a transaction so no one deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # A new connection per request costs 10x the throughput; keep them open and check them.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # How close a name must be for the typo-forgiving search (partnerships/search.py):
    # pg_trgm's word similarity, 0.6 by default, lets "Götebrog" miss Göteborg.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c pg_trgm.word_similarity_threshold=" + str(env.float("FUZZY_SEARCH_THRESHOLD", 0.4))
    )
    # An unreachable database fails a request in seconds (a 503 page), not at the OS's limit.
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker and cache --------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")


def _redis_db(url: str) -> tuple[str, str, int]:
    """(server, host:port, database number) of a redis:// URL; database 0 when it has none."""
    parts = urlsplit(url)
    number = parts.path.strip("/") or "0"
    if not number.isdigit():
        raise ImproperlyConfigured(f"{url!r}: the Redis database must be a number, e.g. /1.")
    server = parts._replace(path="", query="", fragment="").geturl()
    return server, f"{parts.hostname}:{parts.port or 6379}", int(number)


# The cache is an optimisation on its own Redis database (by default REDIS_URL's server,
# database 1), so that a cache clear never flushes the Celery queues; core/cache.py makes it
# answer "miss" within 0.5 s when Redis is down or hung.
CACHE_URL = env.str("CACHE_URL", default="")
if not CACHE_URL and REDIS_URL:
    CACHE_URL = f"{_redis_db(REDIS_URL)[0]}/1"
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ------------------------------------------------------------------------------
# Without Redis the broker is kombu's filesystem transport: a folder, no server needed.
CELERY_QUEUE_DIR = VAR_DIR / "celery"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
_BROKER_IS_REDIS = CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
if CACHE_URL and _BROKER_IS_REDIS and _redis_db(CACHE_URL)[1:] == _redis_db(CELERY_BROKER_URL)[1:]:
    raise ImproperlyConfigured(
        "CACHE_URL and the Celery broker are the same Redis database: clearing the cache "
        "would delete queued tasks. Give the cache another database, e.g. /1."
    )
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
    }
elif _BROKER_IS_REDIS:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A message a killed worker had taken is handed out again after this long (kombu's
        # default is an hour); it must exceed the longest task (the hard limit below).
        "visibility_timeout": 30 * 60,
        # A hung Redis fails a publish in seconds rather than holding the request.
        "socket_connect_timeout": 1,
        "socket_timeout": 1,
    }
# The longest task (a round's ZIP of participant forms) takes minutes; one stuck longer is
# stopped, before the visibility timeout hands its message to another worker.
CELERY_TASK_SOFT_TIME_LIMIT = 20 * 60
CELERY_TASK_TIME_LIMIT = 25 * 60
CELERY_TASK_IGNORE_RESULT = True  # tasks record their effects in the database
# A task is acknowledged after it ran, so a worker killed mid-task hands it to another;
# tasks are written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_PUBLISH_RETRY = True
# Few tries: a publish runs in a request (after commit), and a sweep queues what failed.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.5}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = "Europe/Stockholm"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The one place where timed work is scheduled; each app adds its entries here.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "requeue-unsent-email": {"task": "core.tasks.requeue_unsent_email", "schedule": 300.0},
    "render-missing-participant-forms": {
        "task": "applications.tasks.render_missing_participant_forms",
        "schedule": 300.0,
    },
    "render-missing-receipts": {
        "task": "applications.tasks.render_missing_receipts",
        "schedule": 300.0,
    },
    # From early morning, Stockholm time (CELERY_TIMEZONE), each hour of the working day: a
    # reminder goes out once (a unique row), so a later run makes up for one the broker missed.
    "send-due-reminders": {
        "task": "reminders.tasks.send_due_reminders",
        "schedule": crontab(hour="6-18", minute=15),
    },
    # Agreements whose document or seal the broker missed (agreements/tasks.py).
    "requeue-agreements": {"task": "agreements.tasks.requeue_agreements", "schedule": 300.0},
    # Exports requested while the broker was down (exports/tasks.py).
    "requeue-queued-exports": {
        "task": "exports.tasks.requeue_queued_exports",
        "schedule": 300.0,
    },
    # Running exports whose worker died: found within a minute of EXPORT_STALLED_MINUTES.
    "requeue-stalled-exports": {
        "task": "exports.tasks.requeue_stalled_exports",
        "schedule": 60.0,
    },
    # At night: drafts warned or deleted, participants of long-ended partnerships anonymised.
    "apply-retention": {
        "task": "privacy.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
    # Before the reminders: granted cases get the reports they owe (reporting/services.py).
    "ensure-reports": {
        "task": "reporting.tasks.ensure_all_reports",
        "schedule": crontab(hour=6, minute=0),
    },
    "render-missing-report-pdfs": {
        "task": "reporting.tasks.render_missing_report_pdfs",
        "schedule": 300.0,
    },
    "send-waiting-decision-letters": {
        "task": "decisions.tasks.send_waiting_letters",
        "schedule": 300.0,
    },
}

# A running export whose progress has not moved for this many minutes is run again
# (exports/tasks.py); progress is written at least every few seconds while it works.
EXPORT_STALLED_MINUTES = env.int("EXPORT_STALLED_MINUTES", default=5)

# --- Reminders (reminders/) ------------------------------------------------------------------
# How many days before a deadline the reminders go out, e.g. REMINDER_DAYS=14,7,1.
REMINDER_DAYS = env.list("REMINDER_DAYS", default=["14", "7", "1"])
if not REMINDER_DAYS or not all(days.isdigit() for days in REMINDER_DAYS):
    raise ImproperlyConfigured("REMINDER_DAYS must be one or more whole numbers of 0 or more.")
REMINDER_DAYS = [int(days) for days in REMINDER_DAYS]
# The functions that say which reminders are due (see reminders/sources.py); each app adds its own
# to the default, and REMINDER_SOURCES (dotted paths, comma-separated) can replace the list.
REMINDER_SOURCES = env.list(
    "REMINDER_SOURCES",
    default=["applications.reminders.application_drafts", "reporting.reminders.reports_due"],
)

# --- Retention (privacy/retention.py, docs/privacy.md) ---------------------------------------
# Drafts nobody has saved for RETENTION_DRAFT_MONTHS get a warning e-mail and are deleted
# RETENTION_WARNING_DAYS after it unless saved meanwhile.
RETENTION_DRAFT_MONTHS = env.int("RETENTION_DRAFT_MONTHS", default=24)
RETENTION_WARNING_DAYS = env.int("RETENTION_WARNING_DAYS", default=30)
if RETENTION_DRAFT_MONTHS < 1 or RETENTION_WARNING_DAYS < 1:
    raise ImproperlyConfigured(
        "RETENTION_DRAFT_MONTHS and RETENTION_WARNING_DAYS must be 1 or more."
    )
# Years after a partnership's last period ended that its participants are anonymised: the
# period of the archive's disposal decision (gallringsbeslut). On by default with ICLD's
# period, 10 years (docs/privacy.md); 0 turns it off, e.g. while a longer decision applies.
RETENTION_PARTICIPANT_YEARS = env.int("RETENTION_PARTICIPANT_YEARS", default=10)
if RETENTION_PARTICIPANT_YEARS < 0:
    raise ImproperlyConfigured("RETENTION_PARTICIPANT_YEARS must be 1 or more, or 0 (off).")
# Days a delivered e-mail stays in the outbox (core.OutgoingEmail): enough to answer "did the
# message go out?", then it is deleted by the nightly retention sweep. Unsent ones stay.
RETENTION_OUTBOX_DAYS = env.int("RETENTION_OUTBOX_DAYS", default=90)
if RETENTION_OUTBOX_DAYS < 1:
    raise ImproperlyConfigured("RETENTION_OUTBOX_DAYS must be 1 or more.")
# Stored export files (personal data) are deleted, with their job, this many days after.
RETENTION_EXPORT_DAYS = env.int("RETENTION_EXPORT_DAYS", default=30)
if RETENTION_EXPORT_DAYS < 1:
    raise ImproperlyConfigured("RETENTION_EXPORT_DAYS must be 1 or more.")

# Payments of a grant (payments/): the advance paid at signing, as a share of the granted total
# (the rest follows the approved final report); staff change a case's plan in the admin.
PAYMENT_ADVANCE_PERCENT = env.int("PAYMENT_ADVANCE_PERCENT", default=80)
if not 0 <= PAYMENT_ADVANCE_PERCENT <= 100:
    raise ImproperlyConfigured("PAYMENT_ADVANCE_PERCENT must be between 0 and 100.")
# The SIE 4 file for ICLD's finance system: the company and the accounts a payment is booked
# on (examples from the BAS chart; ICLD's finance sets its own).
PAYMENT_SIE_COMPANY = env.str("PAYMENT_SIE_COMPANY", default="ICLD")
PAYMENT_SIE_ORG_NUMBER = env.str("PAYMENT_SIE_ORG_NUMBER", default="")
PAYMENT_SIE_SERIES = env.str("PAYMENT_SIE_SERIES", default="P")
PAYMENT_SIE_REPAYMENT_SERIES = env.str("PAYMENT_SIE_REPAYMENT_SERIES", default="R")
PAYMENT_ACCOUNT_GRANTS = env.str("PAYMENT_ACCOUNT_GRANTS", default="4990")
PAYMENT_ACCOUNT_BANK = env.str("PAYMENT_ACCOUNT_BANK", default="1930")
PAYMENT_ACCOUNT_RECEIVABLE = env.str("PAYMENT_ACCOUNT_RECEIVABLE", default="1680")

# --- E-mail ------------------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587; by default each message is
# written to a file under var/mail.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="ICLD Kommunala partnerskap <noreply@icld.se>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="partnership@icld.se")

# --- Open data API ---------------------------------------------------------------------------
# Requests per minute and client address (behind a proxy, let it set the real address).
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=120)

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Files -------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads live outside the web root and are served only through views that check access.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}


def s3_media_storage(bucket: str, endpoint_url=None, region=None, prefix: str = "") -> dict:
    """The media storage on an S3-compatible API (django-storages), as STORAGES["default"].

    Objects stay private: the views that check access stream them, and no public URL is handed
    out (a `.url()` would be pre-signed for 60 seconds).
    """
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "location": prefix,
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }


# Media on S3-compatible storage when a bucket is named; credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (or the machine's role), as boto3 reads them.
S3_BUCKET = env("S3_BUCKET", default=env("AWS_STORAGE_BUCKET_NAME", default=""))
if S3_BUCKET:
    STORAGES["default"] = s3_media_storage(
        S3_BUCKET,
        endpoint_url=env("S3_ENDPOINT_URL", default=env("AWS_S3_ENDPOINT_URL", default="")),
        region=env("S3_REGION", default=env("AWS_S3_REGION_NAME", default="")),
        prefix=env("S3_PREFIX", default=""),
    )
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The largest file a person may upload (core.uploads.check_upload): attachments, messages, reports.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# The largest request body accepted at all (core.security.HostileInputMiddleware answers 413
# from Content-Length): an attachment's 10 MB and the form around it.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=11 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Accounts (django-allauth) ----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "applications:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a link scanner must not confirm on someone's behalf
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "core.accounts.AccountAdapter"
ACCOUNT_FORMS = {
    name: f"core.account_forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "change_password": "ChangePasswordForm",
        "add_email": "AddEmailForm",
    }.items()
}
ACCOUNT_USER_DISPLAY = "core.accounts.user_display"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "ICLD: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Failed logins, sign-ups and password resets are limited per IP and per account.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "accept_invitation": "20/m/ip",
    # The public forms anyone can send without an account (networks/views.py).
    "network_interest": "10/h/ip",
    "partner_declaration": "10/h/ip",
}
# Changing the e-mail address, and setting up or removing a second factor, need the password
# again unless it was given within the last five minutes (allauth's reauthentication).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_REAUTHENTICATION_REQUIRED = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ICLD Kommunala partnerskap"

# --- Audit history (audit/, django-simple-history) ------------------------------------------
# The history is append-only: nobody reverts a record through the admin, and the historical
# models' admins are view-only (audit/admin.py).
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_EDIT = False
# Stored files are not copied into the history (audit/models.py excludes them); a file field
# that is tracked is kept as its name only.
SIMPLE_HISTORY_FILEFIELD_TO_CHARFIELD = True

# --- Agreements (agreements/) -----------------------------------------------------------------
# The portal's seal on signed agreements (a PAdES signature): the certificate and its private key,
# each a file path or the PEM text. When they are empty and AGREEMENT_SEAL_SELF_SIGNED is on (the
# default with DEBUG on: development and tests), a throwaway self-signed seal is made on first use
# in AGREEMENT_SEAL_DIR (agreements/seal.py); otherwise sealing fails loudly.
AGREEMENT_SEAL_CERT = env.str("AGREEMENT_SEAL_CERT", default="")
AGREEMENT_SEAL_KEY = env.str("AGREEMENT_SEAL_KEY", default="")
AGREEMENT_SEAL_SELF_SIGNED = env.bool("AGREEMENT_SEAL_SELF_SIGNED", default=DEBUG)
AGREEMENT_SEAL_DIR = env.path("AGREEMENT_SEAL_DIR", default=str(VAR_DIR / "seal"))
# A signature needs the password given again within this many seconds (agreements/signing.py).
AGREEMENT_SIGNING_REAUTH_SECONDS = env.int("AGREEMENT_SIGNING_REAUTH_SECONDS", default=300)

# --- Forms ---------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ---------------------------------------------------------------------------------
# 12 to 128 characters (core/passwords.py: hashing huge inputs is a denial of service), not a
# known common password, not close to the person's name or address.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "core.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
# The portal's 403 page, in its layout and language, and a line in the security log.
CSRF_FAILURE_VIEW = "core.security.csrf_failure"

# --- Sessions ----------------------------------------------------------------------------------
# A signed-in session ends after this long without a request, and after the maximum whatever
# the activity; core.security.SessionLifetimeMiddleware enforces both on the server.
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_MAX_AGE_HOURS = env.int("SESSION_MAX_AGE_HOURS", default=12)
if SESSION_IDLE_TIMEOUT_MINUTES < 1 or SESSION_MAX_AGE_HOURS < 1:
    raise ImproperlyConfigured(
        "SESSION_IDLE_TIMEOUT_MINUTES and SESSION_MAX_AGE_HOURS must be whole numbers of 1 or more."
    )
# The cookie and the stored session lapse on their own after the maximum.
SESSION_COOKIE_AGE = SESSION_MAX_AGE_HOURS * 3600
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix binds the cookies to this exact host over HTTPS.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# The load balancers' addresses or networks (e.g. 10.0.0.0/8): only a request from one of them
# has its X-Forwarded-For believed for the client's address (rate limits, the security log).
# gunicorn.conf.py gives the same list to gunicorn's forwarded_allow_ips.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # allauth's per-address rate limits must count the client's address from the load
    # balancer's X-Forwarded-For, not the balancer's own: otherwise ten failed logins anywhere
    # would lock everyone out.
    ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

# No inline scripts anywhere: every script is a file under static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Authentication events and refused accesses (core.security.log_security_event) are
        # written whatever LOG_LEVEL says.
        "icld.security": {"level": "INFO"},
        # WeasyPrint logs every step of a rendering at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

"""Django settings for the Children's Services complaints service.

Every value that differs between a laptop and production is read once, here,
from the environment, through the typed helpers in complaints.env. The README
lists each variable, its default and what it does.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from complaints.env import (
    env_bool, env_choice, env_int, env_key, env_list, env_secret, env_str, writable_folder,
)

BASE_DIR = Path(__file__).resolve().parent.parent
# A development checkout's settings: `make run` writes `.env` (DEBUG=true) so that every
# README command works in a new shell. Variables already in the environment win; an
# empty ENV_FILE reads no file (the test settings). Production sets its own environment.
ENV_FILE = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    load_dotenv(ENV_FILE, override=False)

# Where the SQLite database and, unless ATTACHMENTS_DIR says otherwise, the attached
# files live: created here, on first use, wherever it points.
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_key(
    "SECRET_KEY", required=not DEBUG, insecure_default="insecure-development-key-do-not-deploy"
)
# Keys the audit log's hash chain (complaints.audit.audit). Its own key, not one
# derived from SECRET_KEY: SECRET_KEY may be rotated (sessions and tokens only live for
# days), but this one must verify entries for as long as they are kept.
AUDIT_HMAC_KEY = env_key(
    "AUDIT_HMAC_KEY", required=not DEBUG, insecure_default="insecure-development-audit-key-do-not-deploy"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

COUNCIL_NAME = env_str("COUNCIL_NAME", "Example Borough Council")
SERVICE_NAME = "Children's Services complaints"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "complaints.govuk",
    "complaints.audit",
    "complaints.accounts",
    "complaints.casework",
    "complaints.records",
    "complaints.letters",
    "complaints.notifications",
    "complaints.intake",
    "complaints.reports",
    "complaints.privacy",
    "complaints.transfer",
    "complaints.subject_access",
    "complaints.operations",
    "complaints.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "complaints.accounts.middleware.SecurityHeadersMiddleware",
    # After authentication: a session that has not passed the second step sees nothing else.
    "complaints.accounts.middleware.TwoFactorMiddleware",
    # Last, so that a locked-out sign-in is answered after authentication ran.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "complaints.urls"
WSGI_APPLICATION = "complaints.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "complaints" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "complaints.navigation.service",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'complaints.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL")

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] != ":memory:":
        writable_folder("DATABASE_URL", Path(DATABASES["default"]["NAME"]).parent)
    # Write-ahead logging: readers do not wait for a writer, and a commit costs one
    # disk wait, not three; IMMEDIATE takes the write lock at the start of a
    # transaction, so concurrent writers queue instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", transaction_mode="IMMEDIATE")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Storage is solid-state: without this the planner reads whole tables where an
    # index finds one year's rows (the reports' queries, 2.5 s instead of 7 s at 1M cases).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={env_str('DATABASE_RANDOM_PAGE_COST', '1.1')}")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a sign-in after too many failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed sign-in throttling (django-axes): lock a username from one address
# after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The address counted is the client's, behind a proxy too (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "complaints.audit.client.client_address"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "complaints" / "static"]
# After `collectstatic`, hashed and compressed names; before it (a fresh production
# start) each file's own name, served by WhiteNoise from the apps' folders (the finders).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "complaints.static_storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Staff sign in with a password and a code from an authenticator app (on by
# default whenever DEBUG is off).
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", not DEBUG)
# The first authenticator needs a set-up token an administrator issues, usable
# once within this many hours.
TWO_FACTOR_TOKEN_HOURS = env_int("TWO_FACTOR_TOKEN_HOURS", 24, minimum=1)

# Sessions: signed out after SESSION_IDLE_MINUTES without a request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Transport security: on unless DEBUG; each can be switched off behind a
# proxy that already does it.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# Ask browsers to ship with HSTS for this host (only where the council's domain allows it).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's address (the audit log, the public forms' rate limit, sign-in lock-outs):
# behind this many proxies, each appending to this header, it is the header's entry this
# far from the right (complaints.audit.client); with 0, the connection's own address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
TRUSTED_PROXY_HEADER = env_str("TRUSTED_PROXY_HEADER", "X-Forwarded-For")
if not TRUSTED_PROXY_HEADER.replace("-", "").isalnum():
    raise ImproperlyConfigured(f"TRUSTED_PROXY_HEADER must be a header name, like X-Forwarded-For, "
                               f"not {TRUSTED_PROXY_HEADER!r}")

# Email: letters and reminders. Reminders go through the outbox in
# complaints.notifications, which retries while the mail server is down.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", required=False, insecure_default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds to wait for the SMTP server, so a hung server cannot stall the reminder job.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "complaints@example.gov.uk")
# The service's address as staff reach it, for links in emails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, not {SITE_URL!r}")
# Attempts at sending one email before the outbox gives up and marks it failed
# (retries back off from 1 minute to at most an hour: 30 attempts is about a day).
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 30, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_choice(
        "LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"}
    )},
    # django-axes reports every sign-in at INFO; the audit log already records them.
    # WeasyPrint reports every page of every PDF at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

# Domain settings.
# Members' enquiries: the council's response target, in working days.
MEMBERS_ENQUIRY_TARGET_DAYS = env_int("MEMBERS_ENQUIRY_TARGET_DAYS", 10, minimum=1)
# Statutory acknowledgement: council practice, commonly 3 working days.
STATUTORY_ACKNOWLEDGE_DAYS = env_int("STATUTORY_ACKNOWLEDGE_DAYS", 3, minimum=1)
# "Due soon" on My work: the next N working days.
DUE_SOON_WORKING_DAYS = env_int("DUE_SOON_WORKING_DAYS", 3, minimum=1)
CASE_LIST_PAGE_SIZE = env_int("CASE_LIST_PAGE_SIZE", 25, minimum=5)

# Unusual access (the audit log's page for administrators): a user opening this
# many cases outside their own team or service area in a day, over the last N days.
AUDIT_UNUSUAL_CASES_PER_DAY = env_int("AUDIT_UNUSUAL_CASES_PER_DAY", 20, minimum=1)
AUDIT_UNUSUAL_DAYS = env_int("AUDIT_UNUSUAL_DAYS", 14, minimum=1)

# Retention: years a record is kept after it is closed, by type, unless an
# administrator changes the rule ("Retention rules" in the admin).
RETENTION_YEARS = {
    "complaint": env_int("RETENTION_YEARS_COMPLAINTS", 6, minimum=1),
    "enquiry": env_int("RETENTION_YEARS_ENQUIRIES", 6, minimum=1),
    "members": env_int("RETENTION_YEARS_MEMBERS", 6, minimum=1),
    "compliment": env_int("RETENTION_YEARS_COMPLIMENTS", 6, minimum=1),
}

# Reports.
# The reporting year starts on the 1st of this month (4: April to March).
REPORT_YEAR_START_MONTH = env_int("REPORT_YEAR_START_MONTH", 4, minimum=1)
if REPORT_YEAR_START_MONTH > 12:
    raise ImproperlyConfigured("REPORT_YEAR_START_MONTH must be a month, 1 to 12")
# The published edition suppresses counts from 1 to this number (DfE practice: 5).
REPORT_SUPPRESS_UP_TO = env_int("REPORT_SUPPRESS_UP_TO", 5, minimum=0)
# Age bands at receipt, as "lowest-highest" (the last may be "18+"). The reference
# report's bands; DfE statistics use 0-0,1-4,5-9,10-15,16+.
REPORT_AGE_BANDS = env_list("REPORT_AGE_BANDS", ["0-5", "6-9", "10-14", "15-17", "18+"])
# The annual report's tables the published edition suppresses, by id (issue #16):
# by default only those describing people; the Ombudsman's decisions, channels,
# teams, themes, outcomes and costs identify nobody.
REPORT_SUPPRESSED_TABLES = env_list("REPORT_SUPPRESSED_TABLES", [
    "complainants", "advocacy", "age_gender", "disability", "ethnicity", "religion"])
# The annual report's profile: which tables it shows, in this order, from the
# catalogue (complaints/reports/catalogue.py); empty: the reference report's.
REPORT_ANNUAL_PROFILE = env_list("REPORT_ANNUAL_PROFILE", [])

# Public forms (complaints.intake): complaints from adults and from children and
# young people, and compliments, made without signing in.
# The channel a complaint from the children and young people's form is recorded under.
INTAKE_CHANNEL = env_choice("INTAKE_CHANNEL", "childrens-app", {"childrens-app", "online"})
# Forms (complaints and compliments together) accepted from one address in an hour.
INTAKE_RATE_LIMIT = env_int("INTAKE_RATE_LIMIT", 10, minimum=1)
# Files sent with a complaint: kept here, outside the static files, and served
# only to staff who may see the case.
ATTACHMENTS_DIR = writable_folder(
    "ATTACHMENTS_DIR", Path(env_str("ATTACHMENTS_DIR", str(VAR_DIR / "attachments"))))
ATTACHMENT_MAX_FILES = 5
# Import files whose check found no problems, kept for two hours so that the person
# who checked one can import it without uploading it again (complaints.transfer.checked).
IMPORTS_DIR = writable_folder("IMPORTS_DIR", Path(env_str("IMPORTS_DIR", str(VAR_DIR / "imports"))))
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 10, minimum=1) * 1024 * 1024
# What one address may upload (complaints.intake.limits): megabytes of files in an
# hour (at least one largest file), and files waiting to be sent (at least a complaint's).
INTAKE_UPLOAD_BYTES_PER_HOUR = env_int(
    "INTAKE_UPLOAD_MB_PER_HOUR", 100, minimum=ATTACHMENT_MAX_BYTES // (1024 * 1024)) * 1024 * 1024
INTAKE_PENDING_UPLOADS = env_int("INTAKE_PENDING_UPLOADS", 10, minimum=ATTACHMENT_MAX_FILES)
# Django's own limits, stated: a request's fields other than files may total
# 2.5 MB; an uploaded file larger than 2.5 MB is streamed to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

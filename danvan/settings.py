"""One settings module, read from the environment (as healthchecks does).

Every value has a default that runs the demo on SQLite right after install; a bad value fails
loudly at start-up instead of at the first request.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from danvan import DEVELOPMENT_SECRET_KEY

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, not {raw!r}")
    return value


def env_header(name: str) -> tuple[str, str] | None:
    """`X-Forwarded-Proto=https` -> ("HTTP_X_FORWARDED_PROTO", "https"), Django's SECURE_PROXY_SSL_HEADER."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    header, sep, value = raw.partition("=")
    header, value = header.strip(), value.strip()
    if not sep or not header or not value or not all(c.isalnum() or c in "-_" for c in header):
        raise ImproperlyConfigured(f"{name} must look like X-Forwarded-Proto=https, not {raw!r}")
    return "HTTP_" + header.upper().replace("-", "_"), value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [ipaddress.ip_network(item, strict=False) for item in env_list(name, "")]
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must list addresses or networks (10.0.0.5, 10.0.0.0/8): {exc}") from None


DANVAN_HOME = Path(env_str("DANVAN_HOME", str(Path.cwd() / "var"))).resolve()
DEBUG = env_bool("DEBUG", False)
# The key signs sessions and keys the hashes of petitioners' addresses, so production never runs on the
# public development key: without SECRET_KEY only a developer's machine (DEBUG), the test run and
# `danvan demo` (which sets the development key for itself) start.
_secret = os.environ.get("SECRET_KEY", "")
if not _secret:
    if not DEBUG and "pytest" not in sys.modules:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG=false) needs a secret key of its own, e.g. "
            "SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))'); set DEBUG=true "
            "only on a developer's machine."
        )
    _secret = DEVELOPMENT_SECRET_KEY
SECRET_KEY = _secret
# The cache holds the public portal's pages and the version that stales them all when what they show
# changes (core.public_cache). Every server process must see the same version, so it lives in files
# under DANVAN_HOME, shared by the processes of one machine (gunicorn's workers, the task worker);
# CACHE_DIR moves it (a tmpfs is a good place). The test run keeps its own in memory.
CACHES: dict[str, dict[str, Any]]
if "pytest" in sys.modules:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_DIR", str(DANVAN_HOME / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DANVAN_HOME / 'danvan.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # the embedded default must work on a fresh machine: `danvan migrate` creates the file, not its folder
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work while a writer commits; IMMEDIATE avoids "database is locked" upgrades
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, as the library requires: translated fields of the portal's content
    "danvan.org.apps.DanVanAdminConfig",  # django.contrib.admin, signed into only through the app's sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # the portal's sitemap.xml (portal/sitemaps.py), its template
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "django_otp",  # two-factor sign-in: one-time codes from an app (TOTP) and one-use recovery codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",  # throttles sign-in (page and API token) per account and per address
    "danvan.core",
    "danvan.geo",
    "danvan.org",
    "danvan.documents",
    "danvan.initiatives",
    "danvan.reporting",
    "danvan.engagement",
    "danvan.recognition",
    "danvan.portal",
    "danvan.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.languages.LocaleMiddleware",  # Django's, but a back-office 404 stays a 404
    "danvan.core.languages.BackofficeLanguageMiddleware",  # outside the portal, only the back office's languages
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the session passed the second factor
    "danvan.org.middleware.SecondFactorMiddleware",  # a user who needs a second factor gets nothing else first
    "danvan.org.middleware.UserLanguageMiddleware",  # the profile's language, applied at sign-in
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # answers a throttled sign-in with danvan.org.views.accounts.locked_out
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"
AUTH_USER_MODEL = "org.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Vietnamese first; English for partners and for this codebase's reviewers.
LANGUAGE_CODE = "vi"
# The public portal speaks six languages (its URLs carry the language: /vi/, /en/, /es/...); the
# back office, whose users are Vietnamese officials and their partners, two. Every language is in
# LANGUAGES so that Django accepts the portal's prefixes; core.languages keeps the back office to its
# two (the language menu, the profile's choice, e-mails, and a browser that asks for Spanish).
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("es", "Español"),
    ("ja", "日本語"),
    ("de", "Deutsch"),
    ("nb", "Norsk bokmål"),
]
BACKOFFICE_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Content translated per field (django-modeltranslation, registered in portal/translation.py): a text
# not yet translated is shown in Vietnamese, with a note saying so (portal templates).
MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en", "es", "ja", "de", "nb")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)
MODELTRANSLATION_AUTO_POPULATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Numbers and dates as danvan.core.numbers/dates write them (14.516 · 07/12/2026), also in Django's own
# rendering; identifiers and years in templates go through |unlocalize or |stringformat:"d".
FORMAT_MODULE_PATH = ["danvan.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = DANVAN_HOME / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # `danvan demo` serves straight from the package, no collectstatic
MEDIA_ROOT = DANVAN_HOME / "media"
MEDIA_URL = "/media/"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the cookie-less meta tag; kept default
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS, all off by default (the demo speaks plain HTTP); production behind HTTPS turns them on so that
# `danvan check --deploy` is clean. The proxy header is trusted only if the proxy always sets it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = env_header("SECURE_PROXY_SSL_HEADER")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's health check speaks plain HTTP to the app

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "danvan.api.authentication.TokenAuthentication",  # DRF's, safe for keys PostgreSQL would choke on
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "danvan.api.responses.ApiSchema",  # drf-spectacular's, documenting 415 on every body
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "danvan.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DanVan API",
    "DESCRIPTION": "Skillful Mass Mobilization platform. Every list is scoped by the caller's access.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # several models have a `status`, `kind` or `source`: each enum gets its own name in the schema
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "danvan.initiatives.models.Status",  # referred to by name in api/initiative_serializers
        "KindEnum": "danvan.initiatives.models.Kind",
        "PetitionStatusEnum": "danvan.engagement.models.petitions.PetitionStatus",
        "PetitionKindEnum": "danvan.engagement.models.petitions.PetitionKind",
        "PetitionSourceEnum": "danvan.engagement.models.petitions.PetitionSource",
    },
}

# Public petitions per client address: "count/seconds" pairs (5 in 10 minutes, 20 a day by default).
DANVAN_PETITION_RATE = env_str("DANVAN_PETITION_RATE", "5/600,20/86400")


# The reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated). A
# request from anywhere else is its own client; see danvan.core.clients.client_address.
DANVAN_TRUSTED_PROXIES = env_networks("DANVAN_TRUSTED_PROXIES")

# Word to PDF (danvan.documents.office): the LibreOffice program (a path, or a name looked up on PATH; empty means
# soffice or libreoffice on PATH) and the seconds a conversion may take before LibreOffice is killed.
DANVAN_SOFFICE = env_str("DANVAN_SOFFICE", "")
DANVAN_OFFICE_TIMEOUT = env_int("DANVAN_OFFICE_TIMEOUT", 60)
if DANVAN_OFFICE_TIMEOUT < 1:
    raise ImproperlyConfigured(f"DANVAN_OFFICE_TIMEOUT must be at least 1 second, not {DANVAN_OFFICE_TIMEOUT}")

# Background work (imports) through the backport of Django 6's tasks API. The database backend needs
# no extra server, only a worker process: `danvan db_worker` (started by `danvan demo`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# E-mail (notifications, see README "Notifications"). Without EMAIL_HOST mail is printed on the console
# (the demo and development); with it, it goes through that SMTP server. Sending is queued in the
# org.EmailOutbox table and retried with backoff, so a server that is down loses nothing.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "DanVan <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true")
# The address of this site as users reach it, for the links in e-mails (no trailing slash).
DANVAN_SITE_URL = env_str("DANVAN_SITE_URL", "http://localhost:8000").rstrip("/")
# An e-mail that fails is tried again after 1, 2, 4 … minutes (at most 6 hours apart), at most this many times.
DANVAN_EMAIL_MAX_ATTEMPTS = env_int("DANVAN_EMAIL_MAX_ATTEMPTS", 8)
DANVAN_EMAIL_RETRY_SECONDS = env_int("DANVAN_EMAIL_RETRY_SECONDS", 60)
# A message left "sending" this long (its sender died mid-way) is queued again (see README).
DANVAN_EMAIL_STALE_SECONDS = env_int("DANVAN_EMAIL_STALE_SECONDS", 900)
# `danvan prune_notifications` deletes read notifications, and e-mails sent or refused, older than this many
# days (unread notifications are kept). At least 30: a deadline reminder is given once per key within a week.
DANVAN_NOTIFICATIONS_KEEP_DAYS = env_int("DANVAN_NOTIFICATIONS_KEEP_DAYS", 180)
if DANVAN_NOTIFICATIONS_KEEP_DAYS < 30:
    raise ImproperlyConfigured(
        f"DANVAN_NOTIFICATIONS_KEEP_DAYS must be at least 30, not {DANVAN_NOTIFICATIONS_KEEP_DAYS}"
    )

# --- accounts and sign-in (README "Accounts and sign-in") -----------------------------------------
# Reviewers, managers and superusers must pass a one-time code after their password (on the login page
# and on the API token path). On by default; `danvan demo` turns it off so its accounts sign in with `demo`.
DANVAN_REQUIRE_2FA = env_bool("DANVAN_REQUIRE_2FA", True)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a throttled account or address before any check
    "django.contrib.auth.backends.ModelBackend",
]
# Throttling (django-axes): after this many failed sign-ins (password or one-time code) for one account,
# or from one address, further attempts are refused for DANVAN_LOGIN_COOLOFF_MINUTES. An unknown account
# is counted like a real one, so the refusal says nothing about whether an account exists.
AXES_FAILURE_LIMIT = env_int("DANVAN_LOGIN_FAILURE_LIMIT", 10)
DANVAN_LOGIN_COOLOFF_MINUTES = env_int("DANVAN_LOGIN_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = timedelta(minutes=DANVAN_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: one account, or one address
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "danvan.org.views.accounts.client_ip"  # core.clients.client_address: behind a proxy too
AXES_LOCKOUT_CALLABLE = "danvan.org.views.accounts.locked_out"  # the message in the user's language
AXES_VERBOSE = False
# Sessions end after this many seconds without a request (each request renews it).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
OTP_TOTP_ISSUER = "DanVan"
# EMAIL_BACKEND (above) / EMAIL_FILE_PATH let a test or the demo write messages to files.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(DANVAN_HOME / "mail"))
# django-axes throttles wrong codes with everything else; django-otp's own per-device delays (1, 2, 4… s)
# would refuse a right code typed just after a wrong one, so they are off.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

"""Settings for the Tonus web app: one file, everything from ``TONUS_*`` environment variables.

Every helper raises ImproperlyConfigured naming the variable, so a typo never silently becomes a
default. One data folder (``TONUS_DATA_DIR``) holds the database, media and the secret key: one
folder to back up.
"""

from __future__ import annotations

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from tonus.web.secret_key import KEY_FILE_NAME, read_key_file

REPO_DIR = Path(__file__).resolve().parent.parent.parent
WEB_DIR = Path(__file__).resolve().parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default


def env_secret(data_dir: Path) -> str:
    """TONUS_SECRET_KEY, else the file TONUS_SECRET_KEY_FILE names, else <data dir>/secret_key."""
    key = os.environ.get("TONUS_SECRET_KEY", "").strip()
    if key:
        return key
    key_file = os.environ.get("TONUS_SECRET_KEY_FILE", "").strip()
    if key_file:
        from_file = read_key_file(Path(key_file))
        if from_file is None:
            raise ImproperlyConfigured(
                f"TONUS_SECRET_KEY_FILE names {key_file}, which is missing or empty"
            )
        return from_file
    from_data_dir = read_key_file(data_dir / KEY_FILE_NAME)
    if from_data_dir is not None:
        return from_data_dir
    keyless = sys.argv[1:2] in (["tonus_init"], ["tonus_restore"])
    if keyless or "mypy_django_plugin" in sys.modules:
        # tonus_init (which writes the key file), tonus_restore (which restores it) and the
        # type checker serve no request and sign nothing, so a throwaway key is safe for them;
        # everything else refuses to start.
        return secrets.token_urlsafe(64)
    raise ImproperlyConfigured(
        "No secret key: set TONUS_SECRET_KEY or TONUS_SECRET_KEY_FILE, or run "
        f"`python manage.py tonus_init` to write {data_dir / KEY_FILE_NAME}"
    )


def database_from_url(url: str, name: str = "TONUS_DATABASE_URL") -> dict[str, object]:
    """postgresql://user:password@host:port/dbname?sslmode=require -> a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"{name} must start with postgresql://; got {parts.scheme!r}")
    db_name = unquote(parts.path.lstrip("/"))
    if not db_name:
        raise ImproperlyConfigured(f"{name} must name a database (postgresql://.../dbname)")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": db_name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


DATA_DIR = env_path("TONUS_DATA_DIR", REPO_DIR / "var")
SECRET_KEY = env_secret(DATA_DIR)
DEBUG = env_bool("TONUS_DEBUG")
ALLOWED_HOSTS = env_list("TONUS_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("TONUS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # only so /api/docs serves Swagger UI from ninja's static files, not a CDN
    "django_tasks",
    "axes",  # failed-login lockout per account and per address
    "csp",
    "tonus.web.accounts",
    "tonus.web.audit",
    "tonus.web.clients",
    "tonus.web.visits",
    "tonus.web.plans",
    "tonus.web.posture",
    "tonus.web.movement",
    "tonus.web.progress",
    "tonus.web.outcomes",
    "tonus.web.intake",
    "tonus.web.demo",
    "tonus.web.maintenance",  # backup / restore, orphaned photo files
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (hashed, compressed) straight from gunicorn: no separate file server needed.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "tonus.web.hardening.NoStoreMiddleware",
    "tonus.web.api_errors.ApiErrorsAsJsonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Last of the auth middleware, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tonus.web.audit.middleware.AuditContextMiddleware",
]

ROOT_URLCONF = "tonus.web.urls"
WSGI_APPLICATION = "tonus.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tonus.web.accounts.context_processors.membership",
            ],
        },
    },
]

_database_url = env_str("TONUS_DATABASE_URL")
DATABASES = {
    "default": database_from_url(_database_url) if _database_url else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "tonus.sqlite3",
        "OPTIONS": {
            # WAL: readers never block the writer; busy_timeout: wait instead of failing;
            # IMMEDIATE: take the write lock at BEGIN so two writers cannot deadlock.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "clients:client-list"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: a shared clinic laptop, so sessions end after 4 idle hours or when the browser closes.
SESSION_COOKIE_AGE = env_int("TONUS_SESSION_IDLE_SECONDS", 4 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Behind HTTPS (a clinic server), set TONUS_HTTPS=1: secure cookies, HSTS, redirect to https.
_HTTPS = env_bool("TONUS_HTTPS")
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_SSL_REDIRECT = _HTTPS
SECURE_HSTS_SECONDS = 31536000 if _HTTPS else 0
# The reverse proxy (Caddy, nginx) ends TLS and says so in X-Forwarded-Proto; it must set (not
# pass on) that header, as the example configs in docs/ do.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env_str("TONUS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("TONUS_FROM_EMAIL", "tonus@localhost")

# Background work (photo analysis) goes through django-tasks with the database backend of
# django-tasks-db: no broker, works on SQLite and PostgreSQL; `manage.py db_worker` runs it.
INSTALLED_APPS.append("django_tasks_db")
_TASK_BACKEND = env_str("TONUS_TASK_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": _TASK_BACKEND}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TONUS_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = env_path("TONUS_STATIC_ROOT", DATA_DIR / "static")
# Hashed, pre-compressed names once `collectstatic` has written its manifest (make serve does);
# before that (tests, a fresh checkout) plain names, found in the apps' static folders.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "tonus.web.hardening.HashedStaticStorage"
        if env_bool("TONUS_STATIC_HASHED", (STATIC_ROOT / "staticfiles.json").exists()
                    or sys.argv[1:2] == ["collectstatic"])
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TONUS_LOG_LEVEL", "WARNING")},
}

# Failed logins (django-axes): after TONUS_LOGIN_FAILURE_LIMIT failures for one account, or from
# one address, further attempts are refused (429, even with the right password) for
# TONUS_LOGIN_COOLOFF_MINUTES; a clinic admin can unlock sooner (Team page, or
# `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS`). A success clears that
# account's own failures only (tonus.web.accounts.lockout), never the address's.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out attempt outright
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("TONUS_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("TONUS_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_RESET_ON_SUCCESS = False  # it would clear the address's failures too: see lockout.py
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "tonus.web.accounts.lockout.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not kept by axes (the audit log may)
AXES_VERBOSE = False
# Behind a reverse proxy (TONUS_HTTPS=1 or TONUS_BEHIND_PROXY=1) the client's address is the
# last X-Forwarded-For entry, the one the proxy itself appended.
BEHIND_PROXY = env_bool("TONUS_BEHIND_PROXY", _HTTPS)

# Content-Security-Policy (django-csp) on every response: scripts only from this server (or an
# inline one carrying the request's nonce); styles may be inline because the server-rendered
# SVG charts carry their own <style> and bar widths are style attributes (ADR 0008).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

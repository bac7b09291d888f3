"""Django settings for Ownway, driven by environment variables.

Every setting that differs between a laptop and a council's server is read from an ``OWNWAY_…``
variable (or ``DATABASE_URL``), with a safe default for the embedded demo.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

# Lets generic Django classes be subscripted at run time (ModelAdmin[Team]), as the type stubs expect.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("OWNWAY_VAR_DIR", BASE_DIR / "var"))
NODE_MODULES = Path(os.environ.get("OWNWAY_NODE_MODULES", BASE_DIR / "node_modules"))
GOVUK_FRONTEND_DIST = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("OWNWAY_DEBUG", False)
SECRET_KEY = os.environ.get("OWNWAY_SECRET_KEY", "insecure-demo-key-set-OWNWAY_SECRET_KEY-in-production")
ALLOWED_HOSTS = env_list("OWNWAY_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("OWNWAY_CSRF_TRUSTED_ORIGINS", [])

#: The council running this instance: shown in the header and on letters.
OWNWAY_COUNCIL_NAME = os.environ.get("OWNWAY_COUNCIL_NAME", "Ownway City Council")
#: Its postal address and phone number for letters (the address as lines separated by commas). The default
#: number is in the range Ofcom keeps for drama, so it reaches no one.
OWNWAY_COUNCIL_ADDRESS = env_list("OWNWAY_COUNCIL_ADDRESS", ["Adult Social Care", "Council House", "Ownway", "OW1 1AA"])
OWNWAY_COUNCIL_PHONE = os.environ.get("OWNWAY_COUNCIL_PHONE", "0121 496 0000")
#: Days within which the council aims to complete an assessment (a local standard; see assessments.rules.timeliness).
OWNWAY_ASSESSMENT_TARGET_DAYS = int(os.environ.get("OWNWAY_ASSESSMENT_TARGET_DAYS", "28"))

# Email (letters to people, with their PDFs): through the council's SMTP server when OWNWAY_SMTP_HOST is
# set; otherwise each message is written as a file in var/mail/, which suits the demo and a laptop.
DEFAULT_FROM_EMAIL = os.environ.get("OWNWAY_FROM_EMAIL", "adult.social.care@ownway.invalid")
if os.environ.get("OWNWAY_SMTP_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["OWNWAY_SMTP_HOST"],
                "port": int(os.environ.get("OWNWAY_SMTP_PORT", "587")),
                "username": os.environ.get("OWNWAY_SMTP_USER", ""),
                "password": os.environ.get("OWNWAY_SMTP_PASSWORD", ""),
                "use_tls": env_bool("OWNWAY_SMTP_TLS", True),
                "timeout": 30,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
#: Days within which an appeal against an indicative budget must be decided (a local standard).
OWNWAY_BUDGET_APPEAL_DAYS = int(os.environ.get("OWNWAY_BUDGET_APPEAL_DAYS", "28"))
#: The address people reach the service at, for links in emails and letters (like an account set-up link).
OWNWAY_SITE_URL = os.environ.get("OWNWAY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
#: Days an invitation to set up an online account works for (long enough for a letter to arrive by post).
OWNWAY_ACCOUNT_INVITATION_DAYS = int(os.environ.get("OWNWAY_ACCOUNT_INVITATION_DAYS", "14"))
#: Days within which a worker contacts the person to write their support plan once their indicative budget is
#: set (a local standard, said in the budget letter).
OWNWAY_PLANNING_CONTACT_DAYS = int(os.environ.get("OWNWAY_PLANNING_CONTACT_DAYS", "14"))
#: Plans costing more than this a week are approved by a team manager; others by the worker (planning.rules.approval).
OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE = os.environ.get("OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE", "250.00")
#: A direct-payment account holding more than this many weeks of payments is flagged (payments.rules.surplus).
OWNWAY_DP_SURPLUS_WEEKS = int(os.environ.get("OWNWAY_DP_SURPLUS_WEEKS", "8"))
#: The first day of the council's direct-payment cycle and its length in days (payments.rules.schedule).
OWNWAY_DP_CYCLE_START = os.environ.get("OWNWAY_DP_CYCLE_START", "2026-04-06")
OWNWAY_DP_CYCLE_DAYS = int(os.environ.get("OWNWAY_DP_CYCLE_DAYS", "28"))
#: "net" (pay the budget less the contribution) or "gross" (pay it all and collect the contribution).
OWNWAY_DP_BASIS = os.environ.get("OWNWAY_DP_BASIS", "net")
#: When the daily payment run starts (24-hour local time), until the council changes it on the schedules page.
OWNWAY_PAYMENT_RUN_AT = os.environ.get("OWNWAY_PAYMENT_RUN_AT", "06:00")
#: When the directory's registered feeds are imported again each day (24-hour local time), until the council
#: changes it on the schedules page.
OWNWAY_FEED_IMPORT_AT = os.environ.get("OWNWAY_FEED_IMPORT_AT", "03:00")
#: Where payment runs write their BACS files.
OWNWAY_BACS_DIR = Path(os.environ.get("OWNWAY_BACS_DIR", str(VAR_DIR / "bacs")))
#: The council's yearly PA insurance and payroll-service allowances, added to PA lines' costs.
OWNWAY_PA_INSURANCE_ANNUAL = os.environ.get("OWNWAY_PA_INSURANCE_ANNUAL", "120.00")
OWNWAY_PA_PAYROLL_FEE_ANNUAL = os.environ.get("OWNWAY_PA_PAYROLL_FEE_ANNUAL", "150.00")
#: The council's ONS code, used in statutory returns.
# Enablement: cost of a paid hour for the utilisation figures (seed 004, para 6.5.1: "the benchmark cost is
# around £25 per hour"), and seconds the rota optimiser may take.
OWNWAY_ENABLEMENT_HOURLY_COST = os.environ.get("OWNWAY_ENABLEMENT_HOURLY_COST", "25.00")
OWNWAY_ENABLEMENT_ROTA_SECONDS = float(os.environ.get("OWNWAY_ENABLEMENT_ROTA_SECONDS", "10"))
OWNWAY_LA_CODE = os.environ.get("OWNWAY_LA_CODE", "E08000025")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    # Serves the API docs' Swagger UI from this server rather than from a CDN.
    "ninja",
    "ownway.ui",
    "ownway.accounts",
    "ownway.people",
    "ownway.frontdoor",
    "ownway.assessments",
    "ownway.directory",
    "ownway.allocation",
    "ownway.charging",
    "ownway.planning",
    "ownway.payments",
    "ownway.enablement",
    "ownway.api",
    "django_tasks_db",
    "ownway.jobs",
]

# Background work: Django's tasks framework, queued in the database and run by ``ownway worker`` (see
# ownway.jobs). Any number of workers may share one database; each task runs once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
#: A worker not heard from for this many seconds has stopped, and its task goes back in the queue (from 1 to
#: 3,600; workers say they are alive every 5 seconds, or a third of this when shorter, as in the tests).
OWNWAY_WORKER_STALE_SECONDS = int(os.environ.get("OWNWAY_WORKER_STALE_SECONDS", "60"))

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ownway.accounts.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "ownway.ui.jinja2.environment",
            "autoescape": True,
            "context_processors": ["ownway.ui.jinja2.csp_nonce"],
        },
    },
    {
        # Django templates only for the admin site.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The Content-Security-Policy nonce, for any admin template that asks for it.
                "django.template.context_processors.csp",
            ]
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ownway.sqlite3'}"),
        conn_max_age=int(os.environ.get("OWNWAY_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (django-axes): 5 failures for one username lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("OWNWAY_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("OWNWAY_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ownway.accounts.views.lockout_response"
AXES_VERBOSE = False
# The address axes records for each attempt: the same one the audit trail records.
AXES_CLIENT_IP_CALLABLE = "ownway.accounts.requests.client_ip"
# Lockout is per username, not per address: a council's offices reach the service through one shared
# address, and locking it would lock out whole teams. Address-level throttling belongs to the proxy.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Sessions: server-side, short-lived, closed with the browser, cookies not readable by scripts.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("OWNWAY_SESSION_SECONDS", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env_bool("OWNWAY_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
# HTTPS only, for a year, once cookies are secure (a laptop serving plain http turns both off together).
# Subdomains are left to the council: they may serve other things.
SECURE_HSTS_SECONDS = int(os.environ.get("OWNWAY_HSTS_SECONDS", "31536000")) if SESSION_COOKIE_SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_CONTENT_TYPE_NOSNIFF = True
# A refused form check (usually a cookie the browser did not keep) explained on a GOV.UK page.
CSRF_FAILURE_VIEW = "ownway.accounts.views.csrf_failure_view"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Reverse proxies in front of the service. Each appends the address it received a request from to
# X-Forwarded-For, so the client's address is the OWNWAY_PROXY_HOPS-th entry from the right
# (ownway.accounts.requests.client_ip); with none, the header is ignored. OWNWAY_BEHIND_PROXY=1 is
# the common case of one proxy. Behind a proxy, the scheme it forwards (X-Forwarded-Proto) is trusted too.
OWNWAY_PROXY_HOPS = int(os.environ.get("OWNWAY_PROXY_HOPS", "1" if env_bool("OWNWAY_BEHIND_PROXY", False) else "0"))
if OWNWAY_PROXY_HOPS < 0:
    raise ImproperlyConfigured("OWNWAY_PROXY_HOPS is the number of proxies in front of Ownway: 0 or more")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if OWNWAY_PROXY_HOPS > 0 else None

# Content-Security-Policy: everything from this server, and no inline script. The one inline script is
# GOV.UK Frontend's snippet that tells its styles the page runs JavaScript, allowed by each response's
# nonce (the page template's cspNonce). Style attributes are allowed for the widths and positions of
# the rota's timeline; stylesheets come only from this server. Images may be data: URIs (the API docs).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [("govuk", GOVUK_FRONTEND_DIST)] if GOVUK_FRONTEND_DIST.exists() else []
# GOV.UK Frontend's stylesheet asks for its fonts and images under /assets/.
WHITENOISE_ROOT = GOVUK_FRONTEND_DIST if GOVUK_FRONTEND_DIST.exists() else None
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OWNWAY_LOG_LEVEL", "WARNING")},
}

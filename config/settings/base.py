"""Django settings for Ownway, driven by environment variables.

Every setting that differs between a laptop and a council's server is read from an ``OWNWAY_…``
variable (or ``DATABASE_URL``), with a safe default for the embedded demo. Each is parsed by one typed
helper of :mod:`config.env`, so a value the service cannot use stops it at start-up with a message naming
the variable and what it may be.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import django_stubs_ext
from django.utils.csp import CSP

from config.env import (
    SettingError,
    env_bool,
    env_choice,
    env_database,
    env_date,
    env_dates,
    env_float,
    env_int,
    env_list,
    env_money,
    env_path,
    env_set,
    env_str,
    env_url,
)
from config.logs import logging_config

# Lets generic Django classes be subscripted at run time (ModelAdmin[Team]), as the type stubs expect.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = env_path("OWNWAY_VAR_DIR", BASE_DIR / "var")
NODE_MODULES = env_path("OWNWAY_NODE_MODULES", BASE_DIR / "node_modules")
GOVUK_FRONTEND_DIST = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"

DEBUG = env_bool("OWNWAY_DEBUG", False)
#: The demo's key, public in this file: `check --deploy` refuses it (ownway.accounts.checks).
OWNWAY_DEMO_SECRET_KEY = "insecure-demo-key-set-OWNWAY_SECRET_KEY-in-production"  # noqa: S105 - public on purpose
SECRET_KEY = env_str("OWNWAY_SECRET_KEY", OWNWAY_DEMO_SECRET_KEY, max_length=500, secret=True)
ALLOWED_HOSTS = env_list(
    "OWNWAY_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]"],
    pattern=r"\*|\.?[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]",
    allowed="host names like care.example.gov.uk (.example.gov.uk for every subdomain)",
)
CSRF_TRUSTED_ORIGINS = env_list(
    "OWNWAY_CSRF_TRUSTED_ORIGINS",
    [],
    pattern=r"https?://[^\s/?#]+",
    allowed="origins beginning http:// or https://, like https://care.example.gov.uk",
)

#: The council running this instance: shown in the header and on letters.
OWNWAY_COUNCIL_NAME = env_str("OWNWAY_COUNCIL_NAME", "Ownway City Council", max_length=200)
#: Its postal address and phone number for letters (the address as lines separated by commas). The default
#: number is in the range Ofcom keeps for drama, so it reaches no one.
OWNWAY_COUNCIL_ADDRESS = env_list(
    "OWNWAY_COUNCIL_ADDRESS", ["Adult Social Care", "Council House", "Ownway", "OW1 1AA"], max_items=10
)
OWNWAY_COUNCIL_PHONE = env_str("OWNWAY_COUNCIL_PHONE", "0121 496 0000", max_length=40)
#: Days the council is closed besides weekends and the bank holidays of England and Wales (which
#: ``ownway.core.dates`` works out): dates separated by commas, like "2026-12-24,2026-12-31". Working days are
#: counted without them (``WorkingDays.for_council``).
OWNWAY_CLOSED_DAYS = env_dates("OWNWAY_CLOSED_DAYS")
#: Days within which the council aims to complete an assessment (a local standard; see assessments.rules.timeliness).
OWNWAY_ASSESSMENT_TARGET_DAYS = env_int("OWNWAY_ASSESSMENT_TARGET_DAYS", 28, minimum=1, maximum=365)
#: How long figures over the whole city (the commissioner's home page) are kept before they are counted again.
OWNWAY_FIGURES_CACHE_SECONDS = env_int("OWNWAY_FIGURES_CACHE_SECONDS", 300, minimum=0, maximum=86_400)

# Email (letters to people, with their PDFs): through the council's SMTP server when OWNWAY_SMTP_HOST is
# set; otherwise each message is written as a file in var/mail/, which suits the demo and a laptop.
DEFAULT_FROM_EMAIL = env_str(
    "OWNWAY_FROM_EMAIL",
    "adult.social.care@ownway.invalid",
    max_length=254,
    pattern=r"[^@\s]+@[^@\s]+|.*<[^@\s<>]+@[^@\s<>]+>",
    allowed="an email address, like adult.social.care@example.gov.uk",
)
OWNWAY_SMTP_HOST = env_str("OWNWAY_SMTP_HOST", "", max_length=255)
if OWNWAY_SMTP_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": OWNWAY_SMTP_HOST,
                "port": env_int("OWNWAY_SMTP_PORT", 587, minimum=1, maximum=65535),
                "username": env_str("OWNWAY_SMTP_USER", "", max_length=255),
                "password": env_str("OWNWAY_SMTP_PASSWORD", "", max_length=1000, secret=True),
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
OWNWAY_BUDGET_APPEAL_DAYS = env_int("OWNWAY_BUDGET_APPEAL_DAYS", 28, minimum=1, maximum=365)
#: The address people reach the service at, for links in emails and letters (like an account set-up link).
OWNWAY_SITE_URL = env_url("OWNWAY_SITE_URL", "http://127.0.0.1:8000")
#: Days an invitation to set up an online account works for (long enough for a letter to arrive by post).
OWNWAY_ACCOUNT_INVITATION_DAYS = env_int("OWNWAY_ACCOUNT_INVITATION_DAYS", 14, minimum=1, maximum=365)
#: Days within which a worker contacts the person to write their support plan once their indicative budget is
#: set (a local standard, said in the budget letter).
OWNWAY_PLANNING_CONTACT_DAYS = env_int("OWNWAY_PLANNING_CONTACT_DAYS", 14, minimum=1, maximum=365)
#: Days a support plan has run before the person is asked how it is going (ownway.surveys: a local choice).
OWNWAY_SURVEY_AFTER_PLAN_DAYS = env_int("OWNWAY_SURVEY_AFTER_PLAN_DAYS", 182, minimum=1, maximum=3650)
#: Plans costing more than this a week are approved by a team manager; others by the worker (planning.rules.approval).
OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE = env_money("OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE", "250.00", maximum="100000.00")
#: A direct-payment account holding more than this many weeks of payments is flagged (payments.rules.surplus).
OWNWAY_DP_SURPLUS_WEEKS = env_int("OWNWAY_DP_SURPLUS_WEEKS", 8, minimum=1, maximum=104)
#: The first day of the council's direct-payment cycle and its length in days (payments.rules.schedule).
OWNWAY_DP_CYCLE_START = env_date("OWNWAY_DP_CYCLE_START", dt.date(2026, 4, 6))
OWNWAY_DP_CYCLE_DAYS = env_int("OWNWAY_DP_CYCLE_DAYS", 28, minimum=1, maximum=366)
#: "net" (pay the budget less the contribution) or "gross" (pay it all and collect the contribution).
OWNWAY_DP_BASIS = env_choice("OWNWAY_DP_BASIS", "net", ("net", "gross"))
_TIME_OF_DAY = r"([01]\d|2[0-3]):[0-5]\d"
#: When the daily payment run starts (24-hour local time), until the council changes it on the schedules page.
OWNWAY_PAYMENT_RUN_AT = env_str(
    "OWNWAY_PAYMENT_RUN_AT", "06:00", max_length=5, pattern=_TIME_OF_DAY, allowed="a 24-hour time like 06:00"
)
#: When the directory's registered feeds are imported again each day (24-hour local time), until the council
#: changes it on the schedules page.
OWNWAY_FEED_IMPORT_AT = env_str(
    "OWNWAY_FEED_IMPORT_AT", "03:00", max_length=5, pattern=_TIME_OF_DAY, allowed="a 24-hour time like 03:00"
)
#: Where payment runs write their BACS files.
OWNWAY_BACS_DIR = env_path("OWNWAY_BACS_DIR", VAR_DIR / "bacs")
#: The council's yearly PA insurance and payroll-service allowances, added to PA lines' costs.
OWNWAY_PA_INSURANCE_ANNUAL = env_money("OWNWAY_PA_INSURANCE_ANNUAL", "120.00", maximum="100000.00")
OWNWAY_PA_PAYROLL_FEE_ANNUAL = env_money("OWNWAY_PA_PAYROLL_FEE_ANNUAL", "150.00", maximum="100000.00")
#: The council's ONS code, used in statutory returns.
# Enablement: cost of a paid hour for the utilisation figures (seed 004, para 6.5.1: "the benchmark cost is
# around £25 per hour"), and seconds the rota optimiser may take.
OWNWAY_ENABLEMENT_HOURLY_COST = env_money("OWNWAY_ENABLEMENT_HOURLY_COST", "25.00", minimum="0.01", maximum="1000.00")
OWNWAY_ENABLEMENT_ROTA_SECONDS = env_float("OWNWAY_ENABLEMENT_ROTA_SECONDS", 10.0, minimum=0.1, maximum=3600)
# Day opportunities: how many weeks the Enablement tier lasts before its progression review (Birmingham's draft
# day opportunities strategy, seed 000: "The enablement phase would be time limited (for example up to 12 weeks)").
OWNWAY_DAYOPS_ENABLEMENT_WEEKS = env_int("OWNWAY_DAYOPS_ENABLEMENT_WEEKS", 12, minimum=1, maximum=52)
# Reviews of support plans (Care Act 2014 s.27; statutory guidance chapter 13): the first between 6 and 8 weeks after
# a plan (or a change to it) starts, then at least every 12 months, on the worklists 42 days before they are due.
OWNWAY_REVIEW_FIRST_FROM_WEEKS = env_int("OWNWAY_REVIEW_FIRST_FROM_WEEKS", 6, minimum=1, maximum=52)
OWNWAY_REVIEW_FIRST_BY_WEEKS = env_int("OWNWAY_REVIEW_FIRST_BY_WEEKS", 8, minimum=1, maximum=52)
OWNWAY_REVIEW_INTERVAL_MONTHS = env_int("OWNWAY_REVIEW_INTERVAL_MONTHS", 12, minimum=1, maximum=12)
OWNWAY_REVIEW_NOTICE_DAYS = env_int("OWNWAY_REVIEW_NOTICE_DAYS", 42, minimum=0, maximum=180)
if OWNWAY_REVIEW_FIRST_FROM_WEEKS > OWNWAY_REVIEW_FIRST_BY_WEEKS:
    raise SettingError(
        "OWNWAY_REVIEW_FIRST_FROM_WEEKS is after OWNWAY_REVIEW_FIRST_BY_WEEKS: the first review's window must open "
        "before it closes"
    )
# Seconds the fleet planner may take for a day's runs.
OWNWAY_DAYOPS_FLEET_SECONDS = env_float("OWNWAY_DAYOPS_FLEET_SECONDS", 20.0, minimum=0.1, maximum=3600)
OWNWAY_LA_CODE = env_str(
    "OWNWAY_LA_CODE",
    "E08000025",
    pattern=r"[ENSW]\d{8}",
    allowed="an ONS area code: a letter and 8 digits, like E08000025",
)


def _cores() -> int:
    """The processor cores this process may use (a container's share, where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


# Serving (``ownway serve``): this many web processes, each answering this many requests at once. The usual
# advice is two processes a core and one more, bounded so that a large machine does not open more database
# connections than PostgreSQL allows (each process holds up to OWNWAY_WEB_THREADS). One process serves with
# waitress, as the demo does.
OWNWAY_WEB_WORKERS = env_int("OWNWAY_WEB_WORKERS", min(2 * _cores() + 1, 12), minimum=1, maximum=64)
OWNWAY_WEB_THREADS = env_int("OWNWAY_WEB_THREADS", 4, minimum=1, maximum=64)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # The directory's full-text search on PostgreSQL (a tsvector column); harmless on SQLite.
    "django.contrib.postgres",
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
    "ownway.dayops",
    "ownway.reviews",
    "ownway.carers",
    "ownway.safeguarding",
    "ownway.inbox",
    "ownway.complaints",
    "ownway.reporting",
    "ownway.surveys",
    "ownway.guide",
    "ownway.home",
    "ownway.api",
    "django_tasks_db",
    "ownway.jobs",
]

# Background work: Django's tasks framework, queued in the database and run by ``ownway worker`` (see
# ownway.jobs). Any number of workers may share one database; each task runs once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
#: A worker not heard from for this many seconds has stopped, and its task goes back in the queue (from 1 to
#: 3,600; workers say they are alive every 5 seconds, or a third of this when shorter, as in the tests).
OWNWAY_WORKER_STALE_SECONDS = env_int("OWNWAY_WORKER_STALE_SECONDS", 60, minimum=1, maximum=3600)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page asks for sign-in unless its view is marked ``login_not_required`` (the public ones: the
    # directory, the referral form, the estimator, ORUK, signing in…); the API answers 401 itself.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
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
            "context_processors": [
                "ownway.ui.jinja2.csp_nonce",
                "ownway.home.navigation.navigation",
                "ownway.jobs.notices.notices",
            ],
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

OWNWAY_DB_CONN_MAX_AGE = env_int("OWNWAY_DB_CONN_MAX_AGE", 60, minimum=0, maximum=3600)
DATABASES = {
    "default": env_database(
        "DATABASE_URL", f"sqlite:///{VAR_DIR / 'ownway.sqlite3'}", conn_max_age=OWNWAY_DB_CONN_MAX_AGE
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

# An optional read replica of the primary (PostgreSQL streaming replication, say): reporting pages read from
# it (ownway.core.reporting, config.routers); everything else and every write uses the primary.
OWNWAY_READ_REPLICA = env_set("DATABASE_REPLICA_URL")
if OWNWAY_READ_REPLICA:
    DATABASES["replica"] = env_database("DATABASE_REPLICA_URL", "", conn_max_age=OWNWAY_DB_CONN_MAX_AGE)
    # Under test the replica is the test database itself, as Django's docs advise for primary/replica set-ups.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}


def _short_query_session(database: dict[str, Any]) -> None:
    """PostgreSQL's JIT compilation and parallel query off for Ownway's connections, keeping any options the
    address gave (an address that sets either keeps its own).

    Ownway's pages run short queries over indexes, many at once. JIT only pays back on long analytical scans, and
    a generous cost estimate (a subquery estimated once per candidate row) can switch it on for a query that then
    spends far longer compiling than running (180 ms of compiling for a directory search that ran in a few).
    Parallel workers shorten one long scan on an idle server but cost more processor time in all (each worker
    is a process to start, and the leader gathers their rows): with many people using the pages at once there is
    no idle core for them to use."""
    if database.get("ENGINE") != "django.db.backends.postgresql":
        return
    options = database.setdefault("OPTIONS", {})
    existing = str(options.get("options", "")).strip()
    added = [f"-c {name}={value}" for name, value in (("jit", "off"), ("max_parallel_workers_per_gather", "0"))
             if f"{name}=" not in existing]  # fmt: skip
    options["options"] = " ".join([existing, *added]).strip()


for _database in DATABASES.values():
    _short_query_session(_database)
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]

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
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (django-axes): 5 failures for one username lock it for 15 minutes.
AXES_FAILURE_LIMIT = env_int("OWNWAY_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = env_float("OWNWAY_LOGIN_COOLOFF_HOURS", 0.25, minimum=0.01, maximum=720)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ownway.accounts.views.lockout_response"
AXES_VERBOSE = False
# The address axes records for each attempt: the same one the audit trail records.
AXES_CLIENT_IP_CALLABLE = "ownway.accounts.requests.client_ip"
# Lockout is per username, not per address: a council's offices reach the service through one shared
# address, and locking it would lock out whole teams. Address-level throttling belongs to the proxy.
SILENCED_SYSTEM_CHECKS = [
    "axes.W006",
    # `check --deploy` warnings that are deliberate here:
    # W005: HSTS for subdomains is left to the council (SECURE_HSTS_INCLUDE_SUBDOMAINS below): they may serve
    #   other things over http that Ownway must not break.
    # W021: HSTS preloading commits the council's whole domain to HTTPS for good: theirs to decide, not ours.
    # W008: sending http to https is the reverse proxy's job (docs/deployment.md); a load balancer's health
    #   checks reach /healthz and /readyz over plain http on the private network, and must not be redirected.
    "security.W005",
    "security.W021",
    "security.W008",
]

# Sessions: server-side, short-lived, closed with the browser, cookies not readable by scripts.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("OWNWAY_SESSION_SECONDS", 8 * 60 * 60, minimum=60, maximum=7 * 24 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env_bool("OWNWAY_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
# HTTPS only, for a year, once cookies are secure (a laptop serving plain http turns both off together).
# Subdomains are left to the council: they may serve other things.
OWNWAY_HSTS_SECONDS = env_int("OWNWAY_HSTS_SECONDS", 31536000, minimum=0, maximum=2 * 31536000)
SECURE_HSTS_SECONDS = OWNWAY_HSTS_SECONDS if SESSION_COOKIE_SECURE else 0
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
OWNWAY_PROXY_HOPS = env_int("OWNWAY_PROXY_HOPS", 1 if env_bool("OWNWAY_BEHIND_PROXY", False) else 0, minimum=0,
                            maximum=10)  # fmt: skip
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

# Logs to standard error, each line with its request's id (config.logs): text for a person by default,
# OWNWAY_LOG_FORMAT=json for a log collector.
OWNWAY_LOG_FORMAT = env_choice("OWNWAY_LOG_FORMAT", "text", ("text", "json"))
OWNWAY_LOG_LEVEL = env_choice("OWNWAY_LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))
LOGGING = logging_config(log_format=OWNWAY_LOG_FORMAT, level=OWNWAY_LOG_LEVEL)

"""Test settings: the base settings, made faster. Nothing here changes behaviour under test."""

from .base import *  # noqa: F403
from .base import DATABASES, PASSWORD_HASHERS

# Argon2 is deliberately slow; the tests check it is configured (see accounts tests), then use MD5 for speed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Find static files on request instead of from a collected STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
# A second alias on the test database, as a read replica would be (Django's advice for testing replicas: a
# mirror of the default). Nothing reads from it unless a test turns OWNWAY_READ_REPLICA on (ownway/tests/
# test_replica.py); the suite otherwise runs against one database, as a council without a replica does.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
OWNWAY_READ_REPLICA = False

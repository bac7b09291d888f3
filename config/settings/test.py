"""Test settings: the base settings, made faster. Nothing here changes behaviour under test."""

from .base import *  # noqa: F403
from .base import PASSWORD_HASHERS

# Argon2 is deliberately slow; the tests check it is configured (see accounts tests), then use MD5 for speed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Find static files on request instead of from a collected STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True

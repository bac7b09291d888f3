"""The JSON API under /api/v1/ (built with Django Ninja, which publishes the OpenAPI document)."""

from django.urls import path

from .api import api

urlpatterns = [path("", api.urls)]

"""The public referral form, at /refer/, open to anyone without signing in."""

from django.urls import path

from . import views

app_name = "refer"
urlpatterns = [
    path("", views.referral_view, name="start"),
    path("sent/", views.referral_sent_view, name="sent"),
]

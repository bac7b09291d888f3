"""Setting up an online account from an invitation's link, at /set-up-your-account/ (no sign-in needed)."""

from django.urls import path

from . import views

app_name = "account_set_up"
urlpatterns = [
    path("<str:token>/", views.account_set_up_view, name="set_up"),
]

"""The person's own page about their support, at /my-support/."""

from django.urls import path

from . import views

app_name = "my_support"
urlpatterns = [path("", views.my_support_view, name="support")]

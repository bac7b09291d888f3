"""The public form to raise a safeguarding concern, at /report-abuse/, open to anyone without signing in."""

from django.urls import path

from . import views

app_name = "report_abuse"
urlpatterns = [
    path("", views.report_view, name="start"),
    path("easy-read/", views.report_easy_read_view, name="easy_read"),
    path("sent/", views.report_sent_view, name="sent"),
]

"""The workers' pages for people's messages, at /messages/."""

from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("", views.waiting_view, name="waiting"),
    path("people/<int:pk>/", views.person_messages_view, name="person"),
]

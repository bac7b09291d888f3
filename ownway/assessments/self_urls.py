"""The citizen's online self-assessment, at /self-assessment/."""

from django.urls import path

from . import views

app_name = "self_assessment"
urlpatterns = [
    path("", views.self_start_view, name="start"),
    path("<int:pk>/", views.self_resume_view, name="resume"),
    path("<int:pk>/check/", views.self_check_view, name="check"),
    path("<int:pk>/sent/", views.self_sent_view, name="sent"),
    path("<int:pk>/<slug:key>/", views.self_question_view, name="question"),
]

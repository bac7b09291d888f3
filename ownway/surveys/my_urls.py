"""The citizen's own surveys, at /my-surveys/."""

from django.urls import path

from . import views

app_name = "my_surveys"
urlpatterns = [
    path("", views.my_surveys_view, name="list"),
    path("<int:pk>/", views.my_survey_view, name="answer"),
    path("<int:pk>/easy-read/", views.my_survey_view, {"easy_read": True}, name="answer_easy_read"),
    path("<int:pk>/survey.pdf", views.survey_pdf_view, name="pdf"),
    path("<int:pk>/survey-easy-read.pdf", views.survey_pdf_view, {"easy_read": True}, name="easy_read_pdf"),
]

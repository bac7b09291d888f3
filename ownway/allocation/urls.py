from django.urls import path

from . import views

app_name = "allocation"
urlpatterns = [
    path("", views.worklist_view, name="worklist"),
    path("mine/", views.mine_view, name="mine"),
    path("assessment/<int:assessment_pk>/", views.calculate_view, name="calculate"),
    path("<int:pk>/", views.budget_view, name="budget"),
    path("<int:pk>/easy-read/", views.budget_easy_read_view, name="budget_easy_read"),
    path("<int:pk>/letter.pdf", views.letter_pdf_view, name="letter_pdf"),
    path("<int:pk>/easy-read.pdf", views.letter_pdf_view, {"easy_read": True}, name="letter_easy_read_pdf"),
    path("<int:pk>/appeal/", views.appeal_view, name="appeal"),
    path("appeals/", views.appeals_view, name="appeals"),
    path("appeals/<int:pk>/", views.decide_view, name="decide"),
    path("appeals/<int:pk>/letter.pdf", views.appeal_letter_pdf_view, name="appeal_letter_pdf"),
    path(
        "appeals/<int:pk>/easy-read.pdf",
        views.appeal_letter_pdf_view,
        {"easy_read": True},
        name="appeal_letter_easy_read_pdf",
    ),
    path("calibration/", views.calibration_view, name="calibration"),
]

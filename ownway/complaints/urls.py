"""The complaints team's pages, at /complaints/."""

from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("", views.worklist_view, name="worklist"),
    path("people/<int:pk>/record/", views.record_view, name="record"),
    path("<int:pk>/", views.complaint_view, name="complaint"),
    path("<int:pk>/letter/", views.letter_view, name="letter"),
    path("<int:pk>/letter.pdf", views.letter_pdf_view, name="letter_pdf"),
    path("report/", views.report_view, name="report"),
    path("report.csv", views.report_csv_view, name="report_csv"),
]

from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("cld/", views.cld_view, name="cld"),
    path("cld/check/", views.cld_run_view, name="cld_run"),
    path("cld/scores.csv", views.cld_scores_csv_view, name="cld_scores_csv"),
    path("cld/failures/", views.cld_failures_view, name="cld_failures"),
    path("cld/failures.csv", views.cld_failures_csv_view, name="cld_failures_csv"),
    path("cld/extract.csv", views.cld_extract_csv_view, name="cld_extract_csv"),
]

from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("<int:pk>/answers/", views.key_in_view, name="key_in"),
    path("results/", views.results_view, name="results"),
    path("results.csv", views.results_csv_view, name="results_csv"),
]

from django.urls import path

from . import views

app_name = "allocation"
urlpatterns = [
    path("", views.worklist_view, name="worklist"),
    path("mine/", views.mine_view, name="mine"),
    path("assessment/<int:assessment_pk>/", views.calculate_view, name="calculate"),
    path("<int:pk>/", views.budget_view, name="budget"),
    path("<int:pk>/easy-read/", views.budget_easy_read_view, name="budget_easy_read"),
    path("<int:pk>/appeal/", views.appeal_view, name="appeal"),
    path("appeals/", views.appeals_view, name="appeals"),
    path("appeals/<int:pk>/", views.decide_view, name="decide"),
    path("calibration/", views.calibration_view, name="calibration"),
]

from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("schedules/", views.schedules_view, name="schedules"),
    path("schedules/<int:pk>/", views.schedule_view, name="schedule"),
    path("<uuid:pk>/", views.job_view, name="job"),
    path("<uuid:pk>/try-again/", views.retry_view, name="retry"),
]

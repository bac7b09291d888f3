from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("start/<int:person_pk>/", views.start_view, name="start"),
    path("<int:pk>/", views.tasks_view, name="tasks"),
    path("<int:pk>/about/", views.about_view, name="about"),
    path("<int:pk>/conditions/", views.conditions_view, name="conditions"),
    path("<int:pk>/outcomes/", views.outcomes_view, name="outcomes"),
    path("<int:pk>/decide/", views.decide_view, name="decide"),
]

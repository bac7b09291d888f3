from django.urls import path

from . import views, views_episodes, views_replan, views_visits

app_name = "enablement"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("rota/<str:day>/", views.rota_view, name="rota"),
    path("rota/visit/<int:pk>/move/", views.move_view, name="move"),
    path("rota/runs/<uuid:pk>/", views.rota_run_view, name="rota_run"),
    path("workforce/<str:day>/", views.workforce_view, name="workforce"),
    path("workforce/worker/<int:pk>/", views.worker_view, name="worker"),
    path("my-day/", views.my_day_view, name="my_day"),
    path("my-day/visits/<int:pk>/", views_visits.visit_record_view, name="visit_record"),
    path("referrals/", views.referrals_view, name="referrals"),
    path("referrals/<int:pk>/start/", views.start_episode_view, name="start_episode"),
    path("episodes/", views.episodes_view, name="episodes"),
    path("episodes/<int:pk>/", views.episode_view, name="episode"),
    path("episodes/<int:pk>/visits/<int:visit_pk>/", views.planned_visit_view, name="planned_visit"),
    path("episodes/<int:pk>/after/", views_episodes.episode_next_view, name="episode_next"),
    path("follow-ups/", views_episodes.follow_ups_view, name="follow_ups"),
    path("hand-offs/", views_episodes.hand_offs_view, name="hand_offs"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("rota/<str:day>/replan/", views_replan.replan_view, name="replan"),
    path("rota/replans/<uuid:pk>/", views_replan.replan_run_view, name="replan_run"),
]

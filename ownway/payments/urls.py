from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("run/", views.run_view, name="run"),
    path("reviews/", views.reviews_view, name="reviews"),
    path("set-up/<int:budget_pk>/", views.set_up_view, name="set_up"),
    path("<int:pk>/", views.account_view, name="account"),
    path("<int:pk>/<slug:action>/", views.account_action_view, name="action"),
]

from django.urls import path

from . import views

app_name = "home"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("accessibility/", views.accessibility_view, name="accessibility"),
    path("privacy/", views.privacy_view, name="privacy"),
]

"""The citizen's own direct payment account, at /my-money/."""

from django.urls import path

from . import views

app_name = "my_money"
urlpatterns = [path("", views.my_money_view, name="account")]

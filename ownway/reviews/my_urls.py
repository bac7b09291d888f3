"""The citizen's own review, at /my-review/."""

from django.urls import path

from . import views

app_name = "my_review"
urlpatterns = [path("", views.my_review_view, name="review")]

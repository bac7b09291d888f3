"""The citizen's own plan, at /my-plan/."""

from django.urls import path

from . import views

app_name = "my_plan"
urlpatterns = [
    path("", views.my_plan_view, name="plan"),
    path("easy-read/", views.my_plan_view, {"easy_read": True}, name="easy_read"),
    path("pdf/", views.my_plan_pdf_view, name="pdf"),
    path("easy-read/pdf/", views.my_plan_pdf_view, {"easy_read": True}, name="easy_read_pdf"),
]

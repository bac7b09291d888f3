from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("approvals/", views.approvals_view, name="approvals"),
    path("person/<int:person_pk>/", views.person_plans_view, name="person_plans"),
    path("<int:pk>/", views.plan_view, name="plan"),
    path("<int:pk>/pdf/", views.plan_pdf_view, name="pdf"),
    path("<int:pk>/pdf/easy-read/", views.plan_pdf_view, {"easy_read": True}, name="easy_read_pdf"),
    path("<int:pk>/new-version/", views.new_version_view, name="new_version"),
    path("version/<int:pk>/outcome/", views.outcome_view, name="outcome"),
    path("version/<int:pk>/line/", views.line_view, name="line"),
    path("version/<int:pk>/line/directory/", views.directory_view, name="directory"),
    path("line/<int:pk>/change/", views.line_change_view, name="line_change"),
    path("line/<int:pk>/remove/", views.line_remove_view, name="line_remove"),
    path("version/<int:pk>/details/", views.details_view, name="details"),
    path("version/<int:pk>/submit/", views.submit_view, name="submit"),
    path("version/<int:pk>/decide/", views.decide_view, name="decide"),
]

from django.urls import path, re_path

from . import views

app_name = "charging"
urlpatterns = [
    path("", views.worklist_view, name="worklist"),
    path("mine/", views.mine_view, name="mine"),
    path("waiting/", views.waiting_view, name="waiting"),
    path("figures/", views.figures_view, name="figures"),
    re_path(r"^figures/(?P<year>\d{4}-\d{2})/$", views.figures_year_view, name="figures_year"),
    re_path(r"^figures/(?P<year>\d{4}-\d{2})/uprate/$", views.uprate_view, name="uprate"),
    path("person/<int:person_pk>/", views.assess_view, name="assess"),
    path("<int:pk>/", views.assessment_view, name="assessment"),
    path("<int:pk>/easy-read/", views.assessment_view, {"easy_read": True}, name="assessment_easy_read"),
    path("<int:pk>/letter.pdf", views.letter_pdf_view, name="letter_pdf"),
    path("<int:pk>/easy-read.pdf", views.letter_pdf_view, {"easy_read": True}, name="letter_easy_read_pdf"),
]

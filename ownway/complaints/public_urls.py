"""Making a complaint, at /complain/: open to anyone (anonymously if they wish); a signed-in citizen or carer's
complaint is tied to their record, and they read the answer here."""

from django.urls import path

from . import views_citizen

app_name = "complain"
urlpatterns = [
    path("", views_citizen.complain_view, name="start"),
    path("easy-read/", views_citizen.complain_easy_read_view, name="easy_read"),
    path("sent/", views_citizen.complain_sent_view, name="sent"),
    path("yours/", views_citizen.yours_view, name="yours"),
    path("yours/<int:pk>/", views_citizen.response_view, name="response"),
    path("yours/<int:pk>/easy-read/", views_citizen.response_easy_read_view, name="response_easy_read"),
    path("yours/<int:pk>/answer.pdf", views_citizen.response_pdf_view, name="response_pdf"),
    path(
        "yours/<int:pk>/answer-easy-read.pdf", views_citizen.response_easy_read_pdf_view, name="response_easy_read_pdf"
    ),
]

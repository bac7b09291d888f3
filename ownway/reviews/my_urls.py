"""The citizen's own review, at /my-review/."""

from django.urls import path

from . import views

app_name = "my_review"
urlpatterns = [
    path("", views.my_review_view, name="review"),
    path("<int:pk>/letter.pdf", views.my_review_letter_pdf_view, name="letter_pdf"),
    path(
        "<int:pk>/letter-easy-read.pdf",
        views.my_review_letter_pdf_view,
        {"easy_read": True},
        name="letter_easy_read_pdf",
    ),
    path("ending/<int:pk>/letter.pdf", views.my_ending_letter_pdf_view, name="ending_pdf"),
    path(
        "ending/<int:pk>/letter-easy-read.pdf",
        views.my_ending_letter_pdf_view,
        {"easy_read": True},
        name="ending_easy_read_pdf",
    ),
    path("reminders/<int:pk>/letter.pdf", views.my_reminder_letter_pdf_view, name="reminder_pdf"),
    path(
        "reminders/<int:pk>/letter-easy-read.pdf",
        views.my_reminder_letter_pdf_view,
        {"easy_read": True},
        name="reminder_easy_read_pdf",
    ),
]

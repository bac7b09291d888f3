"""The citizen's own review, at /my-review/."""

from django.urls import path

from . import views, views_proposals

app_name = "my_review"
urlpatterns = [
    path("", views.my_review_view, name="review"),
    path("easy-read/", views.my_review_view, {"easy_read": True}, name="easy_read"),
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

urlpatterns += [
    path("proposals/", views_proposals.my_proposals_view, name="proposals"),
    path("proposals/new/", views_proposals.my_proposal_new_view, name="proposal_new"),
    path("proposals/easy-read/", views_proposals.my_proposals_view, {"easy_read": True}, name="proposals_easy_read"),
    path(
        "proposals/new/easy-read/",
        views_proposals.my_proposal_new_view,
        {"easy_read": True},
        name="proposal_new_easy_read",
    ),
    path("proposals/<int:pk>/letter.pdf", views_proposals.my_proposal_letter_pdf_view, name="proposal_letter_pdf"),
    path(
        "proposals/<int:pk>/letter-easy-read.pdf",
        views_proposals.my_proposal_letter_pdf_view,
        {"easy_read": True},
        name="proposal_letter_easy_read_pdf",
    ),
]

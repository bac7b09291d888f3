from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.search_view, name="search"),
    path("caseload/", views.caseload_view, name="caseload"),
    path("new/", views.person_create_view, name="create"),
    path("me/", views.me_view, name="me"),
    path("letters/to-post/", views.letters_to_post_view, name="letters_to_post"),
    path("letters/<int:pk>/posted/", views.letter_posted_view, name="letter_posted"),
    path("<int:pk>/", views.person_view, name="person"),
    path("<int:pk>/change/", views.person_edit_view, name="edit"),
    path("<int:pk>/carers/add/", views.carer_add_view, name="carer_add"),
    path("<int:pk>/history/", views.audit_trail_view, name="audit"),
    path("<int:pk>/invite/", views.invite_view, name="invite"),
    path("<int:pk>/invite/letter.pdf", views.invite_letter_pdf_view, name="invite_letter_pdf"),
]

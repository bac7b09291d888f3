from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.worklist_view, name="worklist"),
    path("my-work/", views.my_work_view, name="my_work"),
    path("team/", views.team_work_view, name="team_work"),
    path("start/<int:person_pk>/", views.start_view, name="start"),
    path("<int:pk>/", views.tasks_view, name="tasks"),
    path("<int:pk>/about/", views.about_view, name="about"),
    path("<int:pk>/conditions/", views.conditions_view, name="conditions"),
    path("<int:pk>/outcomes/", views.outcomes_view, name="outcomes"),
    path("<int:pk>/decide/", views.decide_view, name="decide"),
    path("<int:pk>/letter/", views.letter_view, name="letter"),
    path("<int:pk>/letter/easy-read/", views.letter_view, {"easy_read": True}, name="letter_easy_read"),
    path("self-assessments/<int:pk>/", views.self_review_view, name="self_review"),
    path("<int:pk>/letter/send/", views.letter_send_view, name="letter_send"),
    path("<int:pk>/letter.pdf", views.letter_pdf_view, name="letter_pdf"),
    path("<int:pk>/letter/easy-read.pdf", views.letter_pdf_view, {"easy_read": True}, name="letter_easy_read_pdf"),
]

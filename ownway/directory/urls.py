from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.search_view, name="search"),
    path("services/<uuid:pk>/", views.service_view, name="service"),
    path("services/<uuid:pk>/confirm/", views.assure_view, name="assure"),
    path("services/<uuid:pk>/suggested-venue/", views.accept_venue_view, name="accept_venue"),
    path("services/<uuid:pk>/feed-conflict/", views.resolve_conflict_view, name="resolve_conflict"),
    path("feeds/", views.feeds_view, name="feeds"),
    path("feeds/<int:pk>/", views.feed_view, name="feed"),
    path("your-entries/", views.provider_services_view, name="provider_services"),
    path("your-entries/<uuid:pk>/change/", views.provider_change_view, name="provider_change"),
    path("review/", views.review_list_view, name="review_list"),
    path("review/<int:pk>/", views.review_change_view, name="review_change"),
    path("shortlists/person/<int:person_pk>/", views.shortlists_view, name="shortlists"),
    path("shortlists/<int:pk>/", views.shortlist_view, name="shortlist"),
    path("personal-assistants/", views.personal_assistants_view, name="personal_assistants"),
    path("find-a-personal-assistant/", views.find_assistant_view, name="find_assistant"),
    path("employing-a-pa/", views.employing_view, name="employing"),
    path("employing-a-pa/<slug:topic>/", views.employing_topic_view, name="employing_topic"),
]

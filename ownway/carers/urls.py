from django.urls import URLPattern, URLResolver, path

from . import views_offers

app_name = "carers"
urlpatterns: list[URLPattern | URLResolver] = []

# Part "carers": carers' assessments offered, and carers' contingency plans.
urlpatterns += [
    path("not-offered/", views_offers.not_offered_view, name="not_offered"),
    path("relationships/<int:pk>/offer/", views_offers.offer_view, name="offer"),
    path("offers/<int:pk>/answer/", views_offers.answer_view, name="offer_answer"),
    path("relationships/<int:pk>/contingency/", views_offers.contingency_view, name="contingency"),
    path("relationships/<int:pk>/contingency/write/", views_offers.contingency_write_view, name="contingency_write"),
]

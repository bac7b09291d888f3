from django.urls import path

from . import views, views_match, views_outcomes

app_name = "dayops"
urlpatterns = [
    path("reviews-due/", views.reviews_due_view, name="reviews_due"),
    path("people/<int:person_pk>/", views.person_view, name="person"),
    path("people/<int:person_pk>/tier/", views.tier_view, name="tier"),
    path("people/<int:person_pk>/review/", views.review_view, name="review"),
    path("people/<int:person_pk>/place/", views.place_view, name="place"),
    path("people/<int:person_pk>/find/", views_match.match_view, name="match"),
    path("placements/<int:pk>/", views_outcomes.placement_outcomes_view, name="placement"),
    path("placements/<int:pk>/review/", views_outcomes.placement_review_view, name="placement_review"),
    path("placements/<int:pk>/work/", views_outcomes.placement_work_view, name="placement_work"),
    path("work-and-volunteering/", views_outcomes.employment_outcomes_view, name="employment"),
    path("services/<uuid:pk>/", views.service_view, name="service"),
    path("registers/", views.registers_view, name="registers"),
    path("services/<uuid:pk>/register/", views.register_view, name="register"),
]

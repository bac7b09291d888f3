from django.urls import path

from . import views, views_transport

app_name = "dayops"
urlpatterns = [
    path("reviews-due/", views.reviews_due_view, name="reviews_due"),
    path("people/<int:person_pk>/", views.person_view, name="person"),
    path("people/<int:person_pk>/tier/", views.tier_view, name="tier"),
    path("people/<int:person_pk>/review/", views.review_view, name="review"),
    path("people/<int:person_pk>/place/", views.place_view, name="place"),
    path("services/<uuid:pk>/", views.service_view, name="service"),
    path("registers/", views.registers_view, name="registers"),
    path("services/<uuid:pk>/register/", views.register_view, name="register"),
    # Transport: a person's travel and travel training; the council fleet, a day's runs and a driver's run.
    path("people/<int:person_pk>/travel/", views_transport.travel_view, name="travel"),
    path("people/<int:person_pk>/travel-training/", views_transport.travel_training_view, name="travel_training"),
    path("fleet/", views_transport.fleet_view, name="fleet"),
    path("fleet/plans/<int:pk>/", views_transport.fleet_plan_view, name="fleet_plan"),
    path("fleet/runs/<int:pk>/", views_transport.fleet_route_view, name="fleet_route"),
]

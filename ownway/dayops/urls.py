from django.urls import path

from . import views, views_attend, views_charging

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
    # Attendance: a week's register at once; the absences to follow up.
    path("services/<uuid:pk>/register/week/", views_attend.register_week_view, name="register_week"),
    path("absences/", views_attend.absence_alerts_view, name="absence_alerts"),
    # Changing or ending a placement; the places that frees for the people waiting.
    path("people/<int:person_pk>/placements/change/", views_attend.placement_change_view, name="placement_change"),
    path("places-free/", views_attend.places_free_view, name="places_free"),
    # Charging: the council's prices; a person's weekly charges from the register.
    path("prices/", views_charging.charge_rates_view, name="charge_rates"),
    path("people/<int:person_pk>/charges/", views_charging.charges_view, name="charges"),
]

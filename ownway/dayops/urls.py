from django.urls import path

from . import (
    views,
    views_attend,
    views_charging,
    views_citizen,
    views_classify,
    views_cohort,
    views_match,
    views_outcomes,
    views_transport,
)

app_name = "dayops"
urlpatterns = [
    path("reviews-due/", views.reviews_due_view, name="reviews_due"),
    path("people/<int:person_pk>/", views.person_view, name="person"),
    path("people/<int:person_pk>/tier/", views.tier_view, name="tier"),
    path("people/<int:person_pk>/complexity/", views_classify.complexity_view, name="complexity"),
    path("people/<int:person_pk>/review/", views.review_view, name="review"),
    path("people/<int:person_pk>/place/", views.place_view, name="place"),
    path("people/<int:person_pk>/find/", views_match.match_view, name="match"),
    path("placements/<int:pk>/", views_outcomes.placement_outcomes_view, name="placement"),
    path("placements/<int:pk>/review/", views_outcomes.placement_review_view, name="placement_review"),
    path("placements/<int:pk>/work/", views_outcomes.placement_work_view, name="placement_work"),
    path("work-and-volunteering/", views_outcomes.employment_outcomes_view, name="employment"),
    path("my-days/", views_citizen.my_days_view, name="my_days"),
    path("my-days/<int:pk>/change/", views_citizen.my_change_view, name="my_change"),
    path("breaks/", views_citizen.carer_breaks_view, name="carer_breaks"),
    path("day-changes/", views_citizen.change_requests_view, name="change_requests"),
    path("day-changes/<int:pk>/", views_citizen.change_request_view, name="change_request"),
    path("services/<uuid:pk>/", views.service_view, name="service"),
    path("services/<uuid:pk>/provision/", views_classify.provision_view, name="provision"),
    path("registers/", views.registers_view, name="registers"),
    path("services/<uuid:pk>/register/", views.register_view, name="register"),
    path("figures/", views_cohort.figures_view, name="figures"),
    path("figures.csv", views_cohort.figures_csv_view, name="figures_csv"),
    # Attendance: a week's register at once; the absences to follow up.
    path("services/<uuid:pk>/register/week/", views_attend.register_week_view, name="register_week"),
    path("absences/", views_attend.absence_alerts_view, name="absence_alerts"),
    # Changing or ending a placement; the places that frees for the people waiting.
    path("people/<int:person_pk>/placements/change/", views_attend.placement_change_view, name="placement_change"),
    path("places-free/", views_attend.places_free_view, name="places_free"),
    # Charging: the council's prices; a person's weekly charges from the register.
    path("prices/", views_charging.charge_rates_view, name="charge_rates"),
    path("people/<int:person_pk>/charges/", views_charging.charges_view, name="charges"),
    # Transport: a person's travel and travel training; the council fleet, a day's runs and a driver's run.
    path("people/<int:person_pk>/travel/", views_transport.travel_view, name="travel"),
    path("people/<int:person_pk>/travel-training/", views_transport.travel_training_view, name="travel_training"),
    path("fleet/", views_transport.fleet_view, name="fleet"),
    path("fleet/vehicles/<int:pk>/", views_transport.vehicle_view, name="vehicle"),
    path("fleet/plans/<int:pk>/", views_transport.fleet_plan_view, name="fleet_plan"),
    path("fleet/runs/<int:pk>/", views_transport.fleet_route_view, name="fleet_route"),
]

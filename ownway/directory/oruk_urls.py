"""The public Open Referral UK 3.0 API, at /oruk/."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from . import oruk_views as views

app_name = "oruk"
urlpatterns = [
    path("", csrf_exempt(views.root_view), name="root"),
    path("services", csrf_exempt(views.services_view), name="services"),
    path("services/<str:pk>", csrf_exempt(views.service_view), name="service"),
    path("service_at_locations", csrf_exempt(views.service_at_locations_view), name="service_at_locations"),
    path("service_at_locations/<str:pk>", csrf_exempt(views.service_at_location_view), name="service_at_location"),
    path("taxonomies", csrf_exempt(views.taxonomies_view), name="taxonomies"),
    path("taxonomies/<str:pk>", csrf_exempt(views.taxonomy_view), name="taxonomy"),
    path("taxonomy_terms", csrf_exempt(views.taxonomy_terms_view), name="taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", csrf_exempt(views.taxonomy_term_view), name="taxonomy_term"),
]

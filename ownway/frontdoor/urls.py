from django.urls import path

from . import views

app_name = "frontdoor"
urlpatterns = [
    path("", views.contact_list_view, name="contacts"),
    path("contacts/new/", views.contact_create_view, name="contact_create"),
    path("contacts/<int:pk>/", views.contact_view, name="contact"),
    path("revisits/", views.revisits_view, name="revisits"),
]

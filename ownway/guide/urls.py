"""The jargon buster and the public information pages, at /guide/: open to anyone; officers change them."""

from django.urls import path

from . import views

app_name = "guide"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("jargon-buster/", views.glossary_view, name="glossary"),
    path("jargon-buster/easy-read/", views.glossary_easy_read_view, name="glossary_easy_read"),
    path("staff/terms/", views.terms_view, name="terms"),
    path("staff/terms/new/", views.term_add_view, name="term_add"),
    path("staff/terms/<slug:term>/", views.term_change_view, name="term_change"),
    path("staff/pages/<slug:slug>/", views.page_edit_view, name="page_edit"),
    path("<slug:slug>/", views.page_view, name="page"),
    path("<slug:slug>/easy-read/", views.page_easy_read_view, name="page_easy_read"),
]

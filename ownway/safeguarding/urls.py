"""The safeguarding team's pages, at /safeguarding/."""

from django.urls import path

from . import views, views_channels, views_large_scale, views_sars

app_name = "safeguarding"
urlpatterns = [
    path("", views.worklist_view, name="worklist"),
    path("people/<int:pk>/raise/", views.raise_view, name="raise"),
    path("concerns/<int:pk>/", views.concern_view, name="concern"),
    path("enquiries/<int:pk>/", views.enquiry_view, name="enquiry"),
    path("return/", views.figures_view, name="figures"),
    path("reviews/", views_sars.sars_view, name="sars"),
    path("reviews/new/", views_sars.sar_new_view, name="sar_new"),
    path("reviews/<int:pk>/", views_sars.sar_view, name="sar"),
    path("large-scale/", views_large_scale.large_scale_list_view, name="large_scale_list"),
    path("large-scale/new/", views_large_scale.large_scale_new_view, name="large_scale_new"),
    path("large-scale/<int:pk>/", views_large_scale.large_scale_view, name="large_scale"),
]
urlpatterns += [path("provider/raise/", views_channels.provider_raise_view, name="provider_raise")]

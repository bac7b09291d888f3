from django.urls import path

from . import views, views_proposals

app_name = "reviews"
urlpatterns = [
    path("", views.reviews_due_view, name="due"),
    path("<int:pk>/", views.review_view, name="review"),
    path("<int:pk>/record/", views.record_view, name="record"),
    path("plans/<int:plan_pk>/ask/", views.request_view, name="request"),
    path("therapy/", views.therapy_requests_view, name="therapy"),
    path("therapy/<int:pk>/take/", views.therapy_request_take_view, name="therapy_take"),
]

urlpatterns += [
    path("proposals/", views_proposals.proposals_view, name="proposals"),
    path("proposals/<int:pk>/", views_proposals.proposal_view, name="proposal"),
]

from django.urls import URLPattern, URLResolver, path

from . import views_breaks, views_offers

app_name = "carers"
urlpatterns: list[URLPattern | URLResolver] = [
    # Carers' assessments offered, and carers' contingency plans.
    path("not-offered/", views_offers.not_offered_view, name="not_offered"),
    path("relationships/<int:pk>/offer/", views_offers.offer_view, name="offer"),
    path("offers/<int:pk>/answer/", views_offers.answer_view, name="offer_answer"),
    path("relationships/<int:pk>/contingency/", views_offers.contingency_view, name="contingency"),
    path("relationships/<int:pk>/contingency/write/", views_offers.contingency_write_view, name="contingency_write"),
    # Consent to what a carer sees, the carer's own page, and breaks from caring.
    path("me/", views_breaks.mine_view, name="mine"),
    path("me/consents/<int:pk>/withdraw/", views_breaks.my_consent_withdraw_view, name="my_consent_withdraw"),
    path("people/<int:person_pk>/consents/", views_breaks.consents_view, name="consents"),
    path("people/<int:person_pk>/breaks/", views_breaks.breaks_view, name="breaks"),
    path("breaks/<int:pk>/", views_breaks.break_view, name="break"),
]

from django.urls import URLPattern, URLResolver

app_name = "carers"
urlpatterns: list[URLPattern | URLResolver] = []

# --- Part "breaks": consent to what a carer sees, the carer's own page, and breaks from caring ---------------------
from django.urls import path  # noqa: E402

from . import views_breaks  # noqa: E402

urlpatterns += [
    path("me/", views_breaks.mine_view, name="mine"),
    path("me/consents/<int:pk>/withdraw/", views_breaks.my_consent_withdraw_view, name="my_consent_withdraw"),
    path("people/<int:person_pk>/consents/", views_breaks.consents_view, name="consents"),
    path("people/<int:person_pk>/breaks/", views_breaks.breaks_view, name="breaks"),
    path("breaks/<int:pk>/", views_breaks.break_view, name="break"),
]

from django.contrib import admin
from django.urls import include, path

from ownway.api.urls import api_urlpatterns

from . import health
from .api import api

urlpatterns = [
    # For load balancers and monitoring: up, and ready to serve (config.health).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("ownway.home.urls")),
    path("", include("ownway.accounts.urls")),
    path("people/", include("ownway.people.urls")),
    path("assessments/", include("ownway.assessments.urls")),
    path("budgets/", include("ownway.allocation.urls")),
    path("money/", include("ownway.charging.urls")),
    path("how-much-might-i-pay/", include("ownway.charging.public_urls")),
    path("front-door/", include("ownway.frontdoor.urls")),
    path("enablement/", include("ownway.enablement.urls")),
    path("day-opportunities/", include("ownway.dayops.urls")),
    path("reviews/", include("ownway.reviews.urls")),
    path("my-review/", include("ownway.reviews.my_urls")),
    path("my-support/", include("ownway.inbox.my_urls")),
    path("messages/", include("ownway.inbox.urls")),
    path("carers/", include("ownway.carers.urls")),
    path("safeguarding/", include("ownway.safeguarding.urls")),
    path("reporting/", include("ownway.reporting.urls")),
    path("report-abuse/", include("ownway.safeguarding.public_urls")),
    path("complaints/", include("ownway.complaints.urls")),
    path("complain/", include("ownway.complaints.public_urls")),
    path("surveys/", include("ownway.surveys.urls")),
    path("my-surveys/", include("ownway.surveys.my_urls")),
    path("refer/", include("ownway.frontdoor.public_urls")),
    path("set-up-your-account/", include("ownway.people.account_urls")),
    path("self-assessment/", include("ownway.assessments.self_urls")),
    path("directory/", include("ownway.directory.urls")),
    path("oruk/", include("ownway.directory.oruk_urls")),
    path("plans/", include("ownway.planning.urls")),
    path("my-plan/", include("ownway.planning.my_urls")),
    path("direct-payments/", include("ownway.payments.urls")),
    path("my-money/", include("ownway.payments.my_urls")),
    path("guide/", include("ownway.guide.urls")),
    path("background-work/", include("ownway.jobs.urls")),
    path("api/v1/", include(api_urlpatterns(api))),
    path("admin/", admin.site.urls),
]

handler403 = "ownway.accounts.views.permission_denied_view"
handler404 = "ownway.ui.views.not_found_view"
handler500 = "ownway.ui.views.server_error_view"

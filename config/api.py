"""The JSON API under /api/v1/, its OpenAPI document (/api/v1/openapi.json) and docs (/api/v1/docs).

Each app that offers endpoints keeps them in its own ``api.py`` as a Ninja ``Router``; this module only
mounts them, sets how callers authenticate (:mod:`ownway.api.auth`) and how errors are answered
(:mod:`ownway.api.errors`). Endpoints read and write through the apps' selectors and services, so the API
follows the same permission policy, validation and audit trail as the screens. It lives in the configuration
layer because it depends on every app; the toolkit it is built with (:mod:`ownway.api`) depends on none.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

from ownway.allocation.api import ras_router
from ownway.api.api import OwnwayAPI, OwnwayParser
from ownway.api.auth import BearerToken, BrowserSession, caller
from ownway.api.errors import install_error_handlers
from ownway.api.schemas import ErrorOut
from ownway.assessments.api import assessments_router, eligibility_router
from ownway.charging.api import charging_router
from ownway.enablement.api import enablement_router
from ownway.frontdoor.api import contacts_router
from ownway.payments.api import payments_router
from ownway.people.api import code_lists_router, people_router
from ownway.planning.api import plans_router
from ownway.safeguarding.api import safeguarding_router

DESCRIPTION = """
Ownway's JSON API, for the council's other systems (and for staff to try out from this page).

**Authentication.** Send a token as `Authorization: Bearer ow_…`. A council administrator makes one
for a system with `manage.py create_api_token --user USERNAME --name "System name"`; it acts as that
user, with exactly that user's access. If you are signed in to Ownway in this browser, these pages use
your session instead.

**Access.** The same rules as the screens: workers see their team's caseload and the people they are
named worker for, brokers, finance officers and administrators see everyone, commissioners see no
individual records, and a citizen sees only their own. Every record opened, and every refusal, is
written to the audit trail.

**Errors** are JSON: `{"detail": "…"}`, and for bad input (422)
`{"detail": "…", "errors": {"field": ["what to change"]}}`. Nothing is saved when there is an error.

**Dates** are ISO 8601 (`1957-03-27`). **Coded fields** (gender, ethnicity, primary support reason,
accommodation status, employment status) take the code from `/code-lists/{list}`, like
`asian_pakistani`, and responses give its label alongside.
"""


api = OwnwayAPI(
    title="Ownway API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[BearerToken(), BrowserSession()],
    parser=OwnwayParser(),
)
install_error_handlers(api)

api.add_router("/people", people_router)
api.add_router("/code-lists", code_lists_router)
api.add_router("/eligibility", eligibility_router)
api.add_router("/assessments", assessments_router)
api.add_router("/contacts", contacts_router)
api.add_router("/ras", ras_router)
api.add_router("/charging", charging_router)
api.add_router("/support-plans", plans_router)
api.add_router("/direct-payments", payments_router)
api.add_router("/enablement", enablement_router)
api.add_router("/safeguarding", safeguarding_router)


class MeOut(Schema):
    username: str
    name: str
    role: str = Field(description="The role's code, like `social_worker`.")
    role_label: str
    team: str | None = Field(description="The team's name, if the account belongs to one.")


@api.get("/me", response={200: MeOut, 401: ErrorOut}, tags=["accounts"], summary="Who you are signed in as")
def me(request: HttpRequest) -> MeOut:
    """The account a token or session acts as: a quick way for a system to check its token works."""
    user = caller(request)
    return MeOut(
        username=user.username,
        name=user.get_full_name() or user.username,
        role=user.role,
        role_label=user.get_role_display(),
        team=user.team.name if user.team is not None else None,
    )

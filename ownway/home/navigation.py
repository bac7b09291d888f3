"""The service navigation: the header's links, each shown to whoever its app's permission policy lets open it.

Each link names the policy question its page asks (:mod:`ownway.accounts.policy`), so a role sees a link
exactly when the page would let them in; no role is named here. The Jinja2 environment (``ownway.ui``) knows
nothing of the apps: the base template asks :func:`navigation_for`, which the context processor
:func:`navigation` hands it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from ownway.accounts.models import User
from ownway.accounts.permissions import AccountAction
from ownway.accounts.permissions import policy as accounts
from ownway.allocation.permissions import BudgetAction
from ownway.allocation.permissions import policy as allocation
from ownway.assessments.permissions import AssessmentAction
from ownway.assessments.permissions import policy as assessments
from ownway.carers.permissions_breaks import BreaksAction
from ownway.carers.permissions_breaks import policy as carers_breaks
from ownway.charging.permissions import ChargingAction
from ownway.charging.permissions import policy as charging
from ownway.complaints.permissions import ComplaintAction
from ownway.complaints.permissions import policy as complaints
from ownway.dayops.permissions import DayopsAction
from ownway.dayops.permissions import policy as dayops
from ownway.enablement.permissions import EnablementAction
from ownway.enablement.permissions import policy as enablement
from ownway.frontdoor.permissions import ContactAction
from ownway.frontdoor.permissions import policy as frontdoor
from ownway.inbox.permissions import MessageAction
from ownway.inbox.permissions import policy as inbox
from ownway.jobs.permissions import JobAction
from ownway.jobs.permissions import policy as jobs
from ownway.payments.permissions import PaymentAction
from ownway.payments.permissions import policy as payments
from ownway.people.permissions import PersonAction
from ownway.people.permissions import policy as people
from ownway.planning.permissions import PlanAction
from ownway.planning.permissions import policy as planning
from ownway.reviews.permissions import ReviewAction
from ownway.reviews.permissions import policy as reviews
from ownway.safeguarding.permissions import SafeguardingAction
from ownway.safeguarding.permissions import policy as safeguarding
from ownway.surveys.permissions import SurveyAction
from ownway.surveys.permissions import policy as surveys


def _everyone(user: User) -> bool:
    return True


def _own_record(user: User) -> bool:
    return people.can(user, PersonAction.OWN_RECORD)


def _my_details(user: User) -> str:
    # "My details" links to /people/me/, which redirects to the citizen's own record: the record's pages
    # are the section.
    return reverse("people:person", kwargs={"pk": user.person_id})


@dataclass(frozen=True)
class Link:
    text: str
    #: The URL name of the page it links to.
    page: str
    #: Whether the user may open the page: a question to its app's policy.
    shown: Callable[[User], bool]
    #: The start of the paths that belong to its section (the page's own path by default; "" for none).
    section: Callable[[User], str] | None = None


LINKS: list[Link] = [
    Link("Home", "home:home", _everyone, section=lambda user: ""),
    Link("People", "people:search", lambda user: people.can(user, PersonAction.SEARCH)),
    Link("Front door", "frontdoor:contacts", lambda user: frontdoor.can(user, ContactAction.VIEW)),
    Link("My work", "assessments:my_work", lambda user: assessments.can(user, AssessmentAction.OWN_WORKLIST)),
    Link("Team", "assessments:team_work", lambda user: assessments.can(user, AssessmentAction.TEAM_WORKLIST)),
    Link("Assessments", "assessments:worklist", lambda user: assessments.can(user, AssessmentAction.WORKLIST)),
    Link("Directory", "directory:search", _everyone),
    Link("Budgets", "allocation:worklist", lambda user: allocation.can(user, BudgetAction.CALCULATE)),
    Link("Financial assessments", "charging:worklist", lambda user: charging.can(user, ChargingAction.ASSESS)),
    Link("RAS calibration", "allocation:calibration", lambda user: allocation.can(user, BudgetAction.CALIBRATE)),
    Link("Plans", "planning:approvals", lambda user: planning.can(user, PlanAction.WRITE)),
    Link("Reviews", "reviews:due", lambda user: reviews.can(user, ReviewAction.WORKLIST)),
    Link("OT requests", "reviews:therapy", lambda user: reviews.can(user, ReviewAction.THERAPY)),
    Link("Tier reviews", "dayops:reviews_due", lambda user: dayops.can(user, DayopsAction.REVIEWS_DUE)),
    Link("Registers", "dayops:registers", lambda user: dayops.can(user, DayopsAction.MARK_REGISTER)),
    Link("Fleet", "dayops:fleet", lambda user: dayops.can(user, DayopsAction.FLEET)),
    Link("Safeguarding", "safeguarding:worklist", lambda user: safeguarding.can(user, SafeguardingAction.VIEW)),
    Link("Direct payments", "payments:list", lambda user: payments.can(user, PaymentAction.LIST)),
    Link("Complaints", "complaints:worklist", lambda user: complaints.can(user, ComplaintAction.VIEW)),
    Link(
        "Enablement",
        "enablement:home",
        lambda user: any(
            enablement.can(user, action)
            for action in (EnablementAction.ROSTER, EnablementAction.VIEW_DASHBOARD, EnablementAction.VIEW_OWN_DAY)
        ),
    ),
    Link("Messages", "inbox:waiting", lambda user: inbox.can(user, MessageAction.WORKLIST)),
    Link("My support", "my_support:support", lambda user: inbox.can(user, MessageAction.OWN)),
    Link("My budget", "allocation:mine", _own_record),
    Link("What I pay", "charging:mine", _own_record),
    Link("My details", "people:me", _own_record, section=_my_details),
    Link("Self-assessment", "self_assessment:start", _own_record),
    Link("My plan", "my_plan:plan", _own_record),
    Link("My review", "my_review:review", _own_record),
    Link("My money", "my_money:account", _own_record),
    Link("Find a personal assistant", "directory:find_assistant", _own_record),
    Link("My surveys", "my_surveys:list", lambda user: surveys.can(user, SurveyAction.ANSWER)),
    Link("My day opportunities", "dayops:my_days", lambda user: dayops.can(user, DayopsAction.OWN_DAYS)),
    Link("Caring", "carers:mine", lambda user: carers_breaks.can(user, BreaksAction.OWN)),
    Link("My complaints", "complain:yours", _own_record),
    Link("Survey results", "surveys:results", lambda user: surveys.can(user, SurveyAction.RESULTS)),
    Link("Accounts", "accounts:user_list", lambda user: accounts.can(user, AccountAction.MANAGE)),
    Link("Background work", "jobs:list", lambda user: jobs.can(user, JobAction.ADMINISTER)),
    Link("Scheduled work", "jobs:schedules", lambda user: jobs.can(user, JobAction.SCHEDULE)),
]


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    """The header links for the signed-in user, marking the current section as active."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return []
    items: list[tuple[str, str, str]] = []
    for link in LINKS:
        if link.shown(user):
            href = reverse(link.page)
            items.append((link.text, href, link.section(user) if link.section is not None else href))
    path = request.path
    # The section is the item whose start of path matches the most of this page's path.
    best = max((len(section) for _, _, section in items if section and path.startswith(section)), default=0)
    result = []
    for text, href, section in items:
        current = path in (href, section)
        active = current or (bool(section) and len(section) == best and path.startswith(section))
        result.append({"text": text, "href": href, "active": active, "current": current})
    return result


def navigation(request: HttpRequest) -> dict[str, object]:
    """The Jinja2 context processor that gives the base template :func:`navigation_for`."""
    return {"navigation_for": navigation_for}

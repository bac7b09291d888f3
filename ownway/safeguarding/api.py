"""Safeguarding in the JSON API: other agencies raise a concern (Care Act 2014 s.42; issue: "other agencies through
the API"). The body takes the public form's fields, checked by the same form (``forms.ConcernForm``), and the answer
gives the same reference the form gives; the concern goes to the safeguarding team's worklist. Nothing else about
safeguarding is offered through the API: reading concerns stays on the team's screens, where every read is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from ownway.api.auth import caller
from ownway.api.errors import FieldErrors, service_errors
from ownway.api.schemas import AUTH_ERRORS, FieldErrorsOut, InputSchema, RecordId
from ownway.people.selectors import PersonNotFound, person_get_for_user

from .channels import concern_raise_by_agency, concern_raise_by_provider
from .forms import ConcernForm
from .permissions import SafeguardingAction, user_can

safeguarding_router = Router(tags=["Safeguarding"])


class ConcernIn(InputSchema):
    """A concern: only what happened is needed. Codes for the lists are those of the public form."""

    what_happened: str = Field(max_length=5000, description="What was seen, heard or told, by whom and when.")
    suspected_types: list[str] = Field(
        default_factory=list,
        max_length=11,
        description="What is thought to be happening: type-of-risk codes, like `financial` or `neglect`.",
    )
    hate_crime: bool = Field(False, description="Whether it is thought to be a hate crime.")
    adult_name: str = Field("", max_length=200, description="The adult at risk, as the sender knows them.")
    adult_address: str = Field("", max_length=300)
    adult_postcode: str = Field("", max_length=10)
    adult_age: str = Field("", max_length=40, description="Their age, roughly, or date of birth, as known.")
    adult_knows: str = Field("", max_length=10, description="Whether the adult knows: `yes`, `no` or `not_known`.")
    adult_wants: str = Field("", max_length=3000, description="What the adult wants to happen, if known.")
    where_and_when: str = Field("", max_length=2000)
    alleged: str = Field("", max_length=300, description="Who is thought to be causing the harm, as described.")
    raised_by: str = Field(
        "", max_length=20, description="Who the sender is: `health`, `police`, `provider`, `other`… (optional)."
    )
    raiser_name: str = Field("", max_length=200, description="Who to contact about it (optional).")
    raiser_phone: str = Field("", max_length=30)
    raiser_email: str = Field("", max_length=254)
    person_id: RecordId | None = Field(
        None, description="The adult's record, if they have one and you may open it (see /people)."
    )


class ConcernSentOut(Schema):
    reference: str = Field(description="The concern's reference, like S0000123: give it when you call about it.")
    channel: str
    received_at: dt.datetime
    decision_due_at: dt.datetime = Field(
        description="When the safeguarding team will have decided whether to make an enquiry, by."
    )


@safeguarding_router.post(
    "/concerns",
    response={201: ConcernSentOut, **AUTH_ERRORS, 422: FieldErrorsOut},
    summary="Raise a safeguarding concern",
    operation_id="safeguarding_concern_raise",
)
def raise_concern(request: HttpRequest, body: ConcernIn) -> Status[Any]:
    """Tell the council's safeguarding team that an adult may be being abused or neglected, and get its reference.

    For staff who may raise a concern and for care providers listed in the directory (acting as their account).
    Nothing needs proving; only what happened is required. Raising it is written to the audit trail.
    """
    user = caller(request)
    as_provider = user_can(user, SafeguardingAction.RAISE_AS_PROVIDER)
    if not (user_can(user, SafeguardingAction.RAISE) or as_provider):
        raise PermissionDenied("You cannot raise a safeguarding concern through the API")
    fields = body.dict(exclude={"person_id"})
    form = ConcernForm({k: v for k, v in fields.items() if v not in ("", None, False, [])})
    if not form.is_valid():
        raise FieldErrors({name: [str(m) for m in messages] for name, messages in form.errors.items()})
    person = None
    if body.person_id is not None:
        if as_provider:
            raise FieldErrors({"person_id": ["Leave out person_id: give the adult's name and address instead"]})
        try:
            person = person_get_for_user(user=user, pk=body.person_id)
        except PersonNotFound:
            raise FieldErrors({"person_id": [f"There is no person with ID {body.person_id}"]}) from None
        except PermissionDenied:
            raise FieldErrors({"person_id": ["You do not have access to this person's record"]}) from None
    data = form.to_data()
    try:
        if as_provider:
            organisation = user.directory_provider.organization.name
            concern = concern_raise_by_provider(actor=user, organisation=organisation, data=data)
        else:
            concern = concern_raise_by_agency(actor=user, data=data, person=person)
    except ValidationError as error:
        raise service_errors(error) from error
    return Status(
        201,
        ConcernSentOut(
            reference=concern.reference or "",
            channel=concern.channel,
            received_at=concern.received_at,
            decision_due_at=concern.decision_due_at,
        ),
    )

"""Safeguarding adults: concerns, the s.42 decision, enquiries, Making Safeguarding Personal and reviews.

Everything the Safeguarding Adults Collection (SAC, DAPB2172) counts is held here as recorded, so the yearly
return is built from the records. The value lists (types, locations and sources of risk, outcomes…) and the
timescales are the council's data (:class:`SafeguardingValue`, :class:`Timescale`), loaded with the national
values by migration and changeable without a release.

Sources: Care Act 2014 s.42 (enquiry), s.44 (Safeguarding Adults Reviews), s.68 (independent advocacy);
NHS England, Safeguarding Adults Collection guidance and the publication's tables SG1a–SG5b; LGA/ADASS, Making
Safeguarding Personal outcomes framework (2018).
"""

from __future__ import annotations

from django.db import models

from ownway.core.versioning import version_field


class ValueList(models.TextChoices):
    """The council's lists of values for safeguarding records; each value names the SAC category it counts as."""

    RISK_TYPE = "risk_type", "Type of risk (SAC SG2a)"
    LOCATION = "location", "Location of risk (SAC SG2b)"
    SOURCE = "source", "Source of risk (SAC SG2a/SG2b)"
    RISK_ASSESSMENT_OUTCOME = "risk_assessment_outcome", "Risk assessment outcome (SAC SG2c)"
    RISK_OUTCOME = "risk_outcome", "Risk outcome (SAC SG2e)"
    CAPACITY = "capacity", "Lacked capacity (SAC SG3a)"
    MSP_ASKED = "msp_asked", "Asked what they wanted (SAC SG4a)"
    MSP_ACHIEVED = "msp_achieved", "Outcomes achieved (SAC SG4a)"
    DISPOSAL = "disposal", "What happened when there was no enquiry"
    RAISED_BY = "raised_by", "Who raised the concern"


class SafeguardingValue(models.Model):
    """One value of one of the council's safeguarding lists, with the SAC category it counts as."""

    list = models.CharField(max_length=40, choices=ValueList.choices)
    code = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    #: The SAC category (column or row of the return) this value counts as; blank for local-only values.
    sac_category = models.CharField("SAC category", max_length=200, blank=True)
    #: Help shown with the value (what financial abuse or hate crime means, for instance).
    explanation = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the value and its meaning come from.")
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["list", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["list", "code"], name="safeguarding_value_unique_per_list")]

    def __str__(self) -> str:
        return self.label


class TimescaleStage(models.TextChoices):
    DECISION = "decision", "Deciding whether to make an enquiry"
    ENQUIRY = "enquiry", "Concluding an enquiry"
    MSP_FEEDBACK = "msp_feedback", "Asking the adult about their experience after closure"
    #: How long after a concern closes the safeguarding team may still open the adult's record
    #: (``ownway.safeguarding.access``).
    RECORD_ACCESS = "record_access", "Opening the adult's record after the concern closed"


class Timescale(models.Model):
    """How long the council allows for a stage of safeguarding, in working days (a local standard, not law)."""

    stage = models.CharField(max_length=20, choices=TimescaleStage.choices, unique=True)
    working_days = models.PositiveSmallIntegerField()
    #: By the end of the last working day (rather than at the same time of day).
    end_of_day = models.BooleanField(default=True)
    source = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.working_days} working days"


class Channel(models.TextChoices):
    PUBLIC = "public", "Public form"
    STAFF = "staff", "Raised by staff"
    PROVIDER = "provider", "Provider portal"
    API = "api", "Another agency, through the API"


class ConcernStatus(models.TextChoices):
    NEW = "new", "Waiting for a decision"
    ENQUIRY = "enquiry", "Enquiry open"
    CLOSED = "closed", "Closed"


class Knows(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "I do not know"


class LargeScaleEnquiry(models.Model):
    """An enquiry into a care home or provider, linking every adult at risk; the directory entry shows only that
    one is open (SAC guidance: include each adult at risk, and each identified risk)."""

    name = models.CharField(max_length=200)
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    #: The directory entry (a care home, a home-care service) the enquiry is about, when it is one service.
    service = models.ForeignKey("directory.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.name


class Concern(models.Model):
    """A sign of suspected abuse or neglect reported to, or identified by, the council (SAC guidance)."""

    reference = models.CharField(max_length=12, unique=True, null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    #: The adult at risk, once known to be (or linked to) a person on Ownway.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="safeguarding_concerns"
    )
    # The adult at risk as the person raising the concern described them.
    adult_name = models.CharField(max_length=200, blank=True)
    adult_address = models.CharField(max_length=300, blank=True)
    adult_postcode = models.CharField(max_length=10, blank=True)
    adult_age = models.CharField("adult's age or date of birth, as given", max_length=40, blank=True)
    adult_knows = models.CharField(
        "does the adult know the concern is raised", max_length=10, choices=Knows.choices, default=Knows.NOT_KNOWN
    )
    what_happened = models.TextField()
    where_and_when = models.TextField(blank=True)
    #: What the adult wants, if the person raising the concern knows (the adult's own view comes first).
    adult_wants = models.TextField(blank=True)
    suspected_types = models.ManyToManyField(
        SafeguardingValue, blank=True, related_name="+", limit_choices_to={"list": ValueList.RISK_TYPE}
    )
    hate_crime = models.BooleanField("thought to be a hate crime", default=False)
    # The person raising it: nothing here is required (anyone may stay anonymous).
    raised_by = models.ForeignKey(
        SafeguardingValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": ValueList.RAISED_BY},
    )
    raiser_name = models.CharField(max_length=200, blank=True)
    raiser_phone = models.CharField(max_length=30, blank=True)
    raiser_email = models.EmailField(blank=True)
    raised_by_user = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField()
    #: The council-set time for the s.42 decision (:class:`Timescale`), worked out when the concern arrives.
    decision_due_at = models.DateTimeField()
    #: Sent from an address that had sent many already: kept (a genuine concern is never thrown away), but
    #: listed apart on the worklist until someone looks at it.
    held_back = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.NEW)
    #: The safeguarding worker who has the concern (the allocated worker sees it).
    worker = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="safeguarding_concerns"
    )
    large_scale = models.ForeignKey(
        LargeScaleEnquiry, null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )
    #: The two councils rule: recorded once, by the council where the abuse happened (SAC guidance).
    happened_in_area = models.BooleanField(default=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = version_field()

    class Meta:
        ordering = ["decision_due_at", "id"]
        indexes = [
            models.Index(fields=["status", "decision_due_at"], name="concern_status_due"),
            models.Index(fields=["received_at"], name="concern_received"),
        ]

    def __str__(self) -> str:
        return f"Safeguarding concern {self.reference}"


class ConcernAttempt(models.Model):
    """One concern sent through the public form, kept to notice a flood from one address (a keyed hash of the
    address only, never the address itself)."""

    client_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Concern sent at {self.at:%Y-%m-%d %H:%M}"


class Disclosure(models.TextChoices):
    """What is shared with the person alleged to have caused harm: decided deliberately, never by default."""

    NOT_DECIDED = "not_decided", "Not yet decided"
    NOT_TOLD = "not_told", "Not told: telling them would put the adult or others at risk"
    TOLD_OF_ENQUIRY = "told_of_enquiry", "Told that an enquiry is being made"
    TOLD_OUTCOME = "told_outcome", "Told the outcome that concerns them"


class PersonAlleged(models.Model):
    """The person alleged to have caused harm, recorded with care: they may also be a person on Ownway, and
    nothing about the concern shows on their own record."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="alleged")
    description = models.CharField("who they are, as described", max_length=300)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey(
        SafeguardingValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": ValueList.SOURCE},
    )
    disclosure = models.CharField(max_length=20, choices=Disclosure.choices, default=Disclosure.NOT_DECIDED)
    disclosure_reasons = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.description


class ViewSought(models.TextChoices):
    ASKED = "asked", "Asked, and their view is recorded"
    NOT_SAFE = "not_safe", "Not asked: it was not safe to ask"
    NOT_ABLE = "not_able", "Not asked: they could not be reached or could not give a view"


class DecisionOutcome(models.TextChoices):
    """The outcome of the s.42 decision (SAC: concerns lead to a s.42 enquiry, an other enquiry, or neither)."""

    S42 = "s42", "Section 42 enquiry"
    OTHER = "other", "Other enquiry (not all three criteria met, but an enquiry is proportionate)"
    NONE = "none", "No enquiry"


class Decision(models.Model):
    """The s.42 decision: each of the three s.42(1) criteria with its reasons, then the outcome.

    Care Act 2014 s.42(1): (a) has needs for care and support (whether or not the council meets them), (b) is
    experiencing, or is at risk of, abuse or neglect, and (c) as a result of those needs is unable to protect
    themselves against the abuse or neglect or the risk of it.
    """

    concern = models.OneToOneField(Concern, on_delete=models.CASCADE, related_name="decision")
    view_sought = models.CharField("the adult's view", max_length=10, choices=ViewSought.choices)
    adult_view = models.TextField("what the adult said, in their own words", blank=True)
    has_care_needs = models.BooleanField("s.42(1)(a) has needs for care and support")
    has_care_needs_reasons = models.TextField()
    at_risk = models.BooleanField("s.42(1)(b) experiencing, or at risk of, abuse or neglect")
    at_risk_reasons = models.TextField()
    cannot_protect = models.BooleanField("s.42(1)(c) unable to protect themselves because of those needs")
    cannot_protect_reasons = models.TextField()
    outcome = models.CharField(max_length=10, choices=DecisionOutcome.choices)
    disposal = models.ForeignKey(
        SafeguardingValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": ValueList.DISPOSAL},
    )
    advice_given = models.TextField("advice, information or signposting given", blank=True)
    decided_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.concern_id})"

    @property
    def criteria_met(self) -> bool:
        return self.has_care_needs and self.at_risk and self.cannot_protect

    @property
    def in_time(self) -> bool:
        """Whether the decision was made by the council-set time for it (``Concern.decision_due_at``)."""
        return self.decided_at <= self.concern.decision_due_at


class EnquiryKind(models.TextChoices):
    S42 = "s42", "Section 42 enquiry"
    OTHER = "other", "Other enquiry"


class EnquiryStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class AskedWho(models.TextChoices):
    ADULT = "adult", "The adult"
    REPRESENTATIVE = "representative", "Their representative"
    ADVOCATE = "advocate", "Their advocate"


class Advocacy(models.TextChoices):
    """Support for an adult who lacked capacity (SAC SG3a: by an advocate, family or friend)."""

    NOT_NEEDED = "not_needed", "Not needed"
    ADVOCATE = "advocate", "An independent advocate (Care Act s.68)"
    FAMILY_OR_FRIEND = "family_or_friend", "Family or a friend"
    NEEDED_NOT_PROVIDED = "needed_not_provided", "Needed but not provided"


class Enquiry(models.Model):
    """A s.42 or other enquiry, from a concern: Making Safeguarding Personal, the risks and their outcome."""

    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="enquiry")
    kind = models.CharField(max_length=10, choices=EnquiryKind.choices)
    started_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    lead = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    #: An enquiry the council causes another organisation to make (s.42(2)); the council stays responsible.
    caused_to_be_made_by = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=EnquiryStatus.choices, default=EnquiryStatus.OPEN)
    # Making Safeguarding Personal (SAC SG4a; MSP outcomes framework Q1).
    msp_asked = models.ForeignKey(
        SafeguardingValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": ValueList.MSP_ASKED},
    )
    asked_who = models.CharField(max_length=20, choices=AskedWho.choices, blank=True)
    desired_outcomes = models.TextField("what they want to happen, in their own words", blank=True)
    msp_achieved = models.ForeignKey(
        SafeguardingValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": ValueList.MSP_ACHIEVED},
    )
    # Mental capacity and advocacy (SAC SG3a; Care Act s.68).
    capacity = models.ForeignKey(
        SafeguardingValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": ValueList.CAPACITY},
    )
    advocacy = models.CharField(max_length=20, choices=Advocacy.choices, blank=True)
    # The risks (SAC SG2a, SG2b; one count per different category per enquiry).
    risk_types = models.ManyToManyField(
        SafeguardingValue, blank=True, related_name="+", limit_choices_to={"list": ValueList.RISK_TYPE}
    )
    location = models.ForeignKey(
        SafeguardingValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": ValueList.LOCATION},
    )
    sources = models.ManyToManyField(
        SafeguardingValue, blank=True, related_name="+", limit_choices_to={"list": ValueList.SOURCE}
    )
    risk_assessment = models.TextField(blank=True)
    protection_plan = models.TextField(blank=True)
    risk_assessment_outcome = models.ForeignKey(
        SafeguardingValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": ValueList.RISK_ASSESSMENT_OUTCOME},
    )
    risk_outcome = models.ForeignKey(
        SafeguardingValue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list": ValueList.RISK_OUTCOME},
    )
    closing_summary = models.TextField(blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lock_version = version_field()

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name_plural = "enquiries"
        indexes = [models.Index(fields=["status", "concluded_on"], name="enquiry_status_concluded")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.concern.reference}"


class EnquiryAction(models.Model):
    """Something to be done in an enquiry, by a named worker or another organisation, by a date."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=500)
    owner = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.CharField("another organisation doing it", max_length=200, blank=True)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.what


class SafeguardingAdultsReview(models.Model):
    """A Safeguarding Adults Review by the board (Care Act 2014 s.44), counted in SAC SG5a/SG5b."""

    class Basis(models.TextChoices):
        MUST = "must", "Must review (s.44(1)–(3))"
        MAY = "may", "May review (s.44(4))"

    class Condition(models.TextChoices):
        """Care Act 2014 s.44(2) and (3): the conditions, one of which (with s.44(1)(a)) makes a review a must."""

        DIED = "died", "The adult died, and abuse or neglect is known or suspected to have caused it (s.44(2))"
        SERIOUS = "serious", "The adult is alive, and serious abuse or neglect is known or suspected (s.44(3))"
        NEITHER = "neither", "Neither"

    title = models.CharField(max_length=200)
    basis = models.CharField(max_length=10, choices=Basis.choices)
    started_on = models.DateField()
    concluded_on = models.DateField(null=True, blank=True)
    concerns = models.ManyToManyField(Concern, blank=True, related_name="reviews")
    individuals_died = models.PositiveIntegerField(default=0)
    individuals_survived = models.PositiveIntegerField("individuals who suffered serious harm and survived", default=0)
    # --- The case, the s.44 criteria and the findings (recorded on the safeguarding lead's pages) ---
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    case_summary = models.TextField("the case", blank=True)
    agencies_concern = models.BooleanField(
        "s.44(1)(a) reasonable cause for concern about how agencies worked together", default=False
    )
    condition = models.CharField(max_length=10, choices=Condition.choices, default=Condition.NEITHER)
    criteria_reasons = models.TextField("why the criteria are or are not met", blank=True)
    referred_on = models.DateField("referred to the board on", null=True, blank=True)
    findings_published_on = models.DateField(null=True, blank=True)
    findings_link = models.URLField("where the findings are published", blank=True)
    findings_summary = models.TextField("what was learned", blank=True)
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


# --- Opening the adult's record after a concern closes (ownway.safeguarding.access) -------------------------


class RecordAccess(models.Model):
    """Until when the safeguarding team may still open the adult's record after the concern closed: worked out when
    it closes, from the council's timescale (:attr:`TimescaleStage.RECORD_ACCESS`)."""

    concern = models.OneToOneField(Concern, on_delete=models.CASCADE, related_name="record_access")
    until = models.DateField()

    def __str__(self) -> str:
        return f"Record open to the safeguarding team until {self.until}"

"""The person record: identity, demographics (CLD code lists), communication needs and carers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from ownway.core.names import NameWordField, name_key
from ownway.jobs.models import Job, JobStatus

from .rules.nhs_number import format_nhs_number


class CodeList(models.TextChoices):
    GENDER = "gender", "Gender"
    ETHNICITY = "ethnicity", "Ethnicity"
    PRIMARY_SUPPORT_REASON = "primary_support_reason", "Primary support reason"
    ACCOMMODATION_STATUS = "accommodation_status", "Accommodation status"
    EMPLOYMENT_STATUS = "employment_status", "Employment status"


class CodeValue(models.Model):
    """One value of a national code list (CLD Release 1 and 2), kept as data a council can correct.

    Loaded from ``people/data/code_lists.json`` by migration and by ``manage.py load_code_lists``.
    """

    list = models.CharField(max_length=40, choices=CodeList.choices)
    code = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    cld_r1 = models.CharField("CLD Release 1 value", max_length=200, blank=True)
    cld_r2 = models.CharField("CLD Release 2 value", max_length=200, blank=True)
    group = models.CharField(max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["list", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["list", "code"], name="code_value_unique_per_list")]

    def __str__(self) -> str:
        return self.label


def _code_fk(code_list: CodeList, verbose_name: str) -> models.ForeignKey[CodeValue | None, CodeValue | None]:
    return models.ForeignKey(
        CodeValue,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"list": code_list.value},
        related_name="+",
    )


class HasUnpaidCarer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


class LetterChannel(models.TextChoices):
    """How a person wants the council's letters: their choice, used for every letter sent to them."""

    POST = "post", "By post"
    EMAIL = "email", "By email"


class Person(models.Model):
    """Someone who has asked the council for care and support, or who cares for such a person."""

    reference = models.CharField(
        max_length=12, unique=True, help_text="The council's own reference (LA Person Unique Identifier)."
    )
    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, db_index=True)
    preferred_name = models.CharField(max_length=100, blank=True, help_text="What the person likes to be called.")
    #: Every part of the person's names, folded for search (:meth:`name_key`): written with the names by the
    #: services that save a person, never typed.
    search_name = models.CharField(max_length=400, blank=True, default="", editable=False)
    date_of_birth = models.DateField(db_index=True)
    date_of_death = models.DateField(null=True, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True, db_index=True)

    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)

    phone = models.CharField(max_length=30, blank=True)
    mobile = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)

    gender = _code_fk(CodeList.GENDER, "gender")
    ethnicity = _code_fk(CodeList.ETHNICITY, "ethnicity")
    primary_support_reason = _code_fk(CodeList.PRIMARY_SUPPORT_REASON, "primary support reason")
    accommodation_status = _code_fk(CodeList.ACCOMMODATION_STATUS, "accommodation status")
    employment_status = _code_fk(CodeList.EMPLOYMENT_STATUS, "employment status")

    # Conditions the Client Level Data return asks about (Yes/No fields of the Person module).
    autism = models.BooleanField("autistic spectrum condition", default=False)
    visual_impairment = models.BooleanField(default=False)
    hearing_impairment = models.BooleanField(default=False)
    dementia = models.BooleanField(default=False)

    # Communication needs: how to reach the person in a way they understand.
    needs_easy_read = models.BooleanField("easy read", default=False)
    needs_bsl = models.BooleanField("British Sign Language interpreter", default=False)
    needs_interpreter = models.BooleanField("spoken language interpreter", default=False)
    language = models.CharField("main language", max_length=60, blank=True, default="English")
    needs_large_print = models.BooleanField("large print", default=False)
    communication_notes = models.TextField(blank=True)
    letters_by = models.CharField(
        "how we send you letters", max_length=10, choices=LetterChannel.choices, default=LetterChannel.POST
    )

    has_unpaid_carer = models.CharField(max_length=10, choices=HasUnpaidCarer.choices, default=HasUnpaidCarer.UNKNOWN)
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="caseload")
    named_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="named_people"
    )
    consent_to_share = models.BooleanField(
        default=False, help_text="The person agrees to their information being shared with partners."
    )
    consent_recorded_on = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="person_name"),
            models.Index(fields=["team", "last_name"], name="person_team_name"),
            # Prefix searches (LIKE 'word%') use it on PostgreSQL whatever the database's collation.
            models.Index(fields=["search_name"], name="person_search_name", opclasses=["varchar_pattern_ops"]),
            # Everything the commissioner's figures count by: PostgreSQL counts the people from the index alone.
            models.Index(
                fields=["date_of_death", "primary_support_reason", "ethnicity", "date_of_birth"], name="person_figures"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def name_key(self) -> str:
        """What :attr:`search_name` holds for the names as they are now."""
        return name_key(self.first_name, self.middle_names, self.last_name, self.preferred_name)

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name != self.first_name:
            return f"{self.full_name} (known as {self.preferred_name})"
        return self.full_name

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number)

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.date_of_birth.year
        if (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.address_line_1, self.address_line_2, self.town, self.postcode) if line]

    @property
    def postal_address_lines(self) -> list[str]:
        """The address to post a letter to: its lines when there is at least a first line and a postcode."""
        return self.address_lines if self.address_line_1.strip() and self.postcode.strip() else []

    def letter_way(self) -> tuple[str, str]:
        """How a letter reaches the person, and where to: the way they chose (``letters_by``) when the record has
        that address, else the other way, else their home page only. One of :class:`LetterMethod`'s values and
        the email address or the postal address in one line ("" for the home page)."""
        if self.letters_by == LetterChannel.EMAIL and self.email:
            return LetterMethod.EMAIL, self.email
        if self.postal_address_lines:
            return LetterMethod.POST, ", ".join(self.postal_address_lines)
        if self.email:
            return LetterMethod.EMAIL, self.email
        return LetterMethod.ONLINE, ""

    @property
    def communication_needs(self) -> list[str]:
        needs = []
        if self.needs_easy_read:
            needs.append("Easy read")
        if self.needs_bsl:
            needs.append("British Sign Language")
        if self.needs_interpreter:
            needs.append(f"Interpreter ({self.language})" if self.language else "Interpreter")
        if self.needs_large_print:
            needs.append("Large print")
        return needs


class PersonNameWord(models.Model):
    """One part of a person's :attr:`Person.search_name`, so that a search for the beginning of any part of the
    names reads the index of words, not every person (:func:`ownway.people.selectors.person_name_condition`).
    Written with the key by :func:`ownway.people.services.person_name_words_write`."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_words")
    word = NameWordField()

    class Meta:
        # The person's id beside the word, so that a name search reads the matching people from the index alone
        # (on the council x5 city "smi" matches 901 words: 0.3 ms instead of 5.6 ms reading them from the table).
        indexes = [
            models.Index(
                fields=["word", "person"], name="person_name_word_person", opclasses=["varchar_pattern_ops", "int8_ops"]
            )
        ]

    def __str__(self) -> str:
        return self.word


class Relationship(models.TextChoices):
    SPOUSE_OR_PARTNER = "spouse_or_partner", "Husband, wife or partner"
    PARENT = "parent", "Parent"
    SON_OR_DAUGHTER = "son_or_daughter", "Son or daughter"
    SIBLING = "sibling", "Brother or sister"
    OTHER_RELATIVE = "other_relative", "Other relative"
    FRIEND_OR_NEIGHBOUR = "friend_or_neighbour", "Friend or neighbour"
    OTHER = "other", "Other"


class CaringRelationship(models.Model):
    """A carer giving unpaid care to a person. Both are people with their own records."""

    carer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="caring_for")
    cared_for = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="carers")
    relationship = models.CharField(
        max_length=30, choices=Relationship.choices, help_text="What the carer is to the person."
    )
    hours_per_week = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    lives_with = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    #: Whether the reader may open the other person's own record (not stored: set by the people selectors
    #: that list a person's carers and the people they care for).
    may_open: bool = False

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(carer=models.F("cared_for")), name="carer_is_not_self"),
            models.UniqueConstraint(
                fields=["carer", "cared_for"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_caring_relationship_per_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True)
                | (models.Q(hours_per_week__gte=0) & models.Q(hours_per_week__lte=168)),
                name="caring_hours_within_a_week",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.carer} cares for {self.cared_for}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class LetterMethod(models.TextChoices):
    EMAIL = "email", "By email, with the letter attached"
    POST = "post", "By post"
    #: Neither an email address nor a postal address is on the record: the letter waits on their home page.
    ONLINE = "online", "On their home page only"


class EmailState(models.TextChoices):
    """How the email carrying a letter is getting on (it goes from a background job, retried if it fails)."""

    SENDING = "sending", "Being emailed"
    SENT = "sent", "Emailed"
    FAILED = "failed", "The email could not be sent"


def email_state(by_email: bool, emailed_at: dt.datetime | None, job: Job | None) -> EmailState | None:
    """A letter's email: sent once recorded as sent, failed once its job has stopped trying, else on its way."""
    if not by_email:
        return None
    if emailed_at is not None:
        return EmailState.SENT
    if job is not None and job.status in (JobStatus.FAILED, JobStatus.CANCELLED):
        return EmailState.FAILED
    return EmailState.SENDING


class Letter(models.Model):
    """A letter the council sent a person about their care (their budget, what they pay…): what it is
    about, where they read it, and how it went. Written by :func:`ownway.people.services.letter_send`;
    never changed, except to record when a letter to post was posted.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="letters")
    about = models.CharField(max_length=200, help_text="What the letter is about, as the person's list shows it.")
    #: Where the person reads it on screen, and the letter itself as a PDF (plain and easy read).
    page = models.CharField(max_length=300)
    pdf = models.CharField(max_length=300, blank=True)
    easy_read_pdf = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=10, choices=LetterMethod.choices)
    sent_to = models.CharField(max_length=500, blank=True, help_text="The email address or postal address.")
    easy_read = models.BooleanField(default=False, help_text="The easy read version went too.")
    #: What it is about, as the audit trail names it (like "allocation.IndicativeBudget" and its id).
    subject_type = models.CharField(max_length=80, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    #: For a letter by email: the background job that emails it, and when the email went.
    email_job = models.ForeignKey(
        Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["person", "-sent_at"], name="letter_person_recent"),
            models.Index(fields=["method", "posted_at"], name="letter_to_post"),
        ]

    def __str__(self) -> str:
        return f"{self.about} ({self.sent_at:%Y-%m-%d})"

    @property
    def email_state(self) -> EmailState | None:
        return email_state(self.method == LetterMethod.EMAIL, self.emailed_at, self.email_job)


class AccountInvitation(models.Model):
    """A single-use link, sent by a worker, for a person to set up the online account linked to their record.

    Only a SHA-256 digest of the link's secret is kept. It works once, until it expires, while it is the
    person's newest invitation, and after fewer than :data:`INVITATION_TRIES` wrong dates of birth.
    """

    class Method(models.TextChoices):
        EMAIL = "email", "By email"
        POST = "post", "By letter, printed and posted"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="account_invitations")
    method = models.CharField(max_length=10, choices=Method.choices)
    sent_to = models.CharField(max_length=500, help_text="The email address or postal address it went to.")
    token_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    #: By email: the background job emailing the link (:func:`ownway.people.tasks.account_invitation_email`, which
    #: makes its secret), and when it went.
    email_job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    #: The account it made.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="invitation"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation for {self.person} ({self.created_at:%Y-%m-%d})"

    @property
    def email_state(self) -> EmailState | None:
        return email_state(self.method == self.Method.EMAIL, self.emailed_at, self.email_job)


#: Wrong dates of birth after which an invitation stops working.
INVITATION_TRIES = 5

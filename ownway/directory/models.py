"""The directory of support, on the Open Referral UK 3.0 data model (the UK profile of HSDS 3.0).

Every entity of ORUK 3.0 that a directory needs has a table here with the standard's UUID ``id`` and
field names, so a feed imports and exports without loss: organisations, services, locations and their
addresses, services at locations, schedules (iCalendar-style: ``freq``, ``byday``, ``opens_at``…), cost
options, accessibility, contacts and phones, languages, service areas, funding, taxonomies and terms,
and attributes (which link a taxonomy term to any entity). Schema: ``schemata/*.json`` of ORUK 3.0.

On top, what Ownway needs and ORUK has no field for (exported as attributes or omitted):

* whether a service is a **community asset** open to all or a **commissioned** service;
* **quality and trust**: the CQC rating and its date, the council's vetting and its date;
* **day opportunities**: which of the three tiers of Birmingham's Day Opportunities Strategy (2019)
  a service suits, and its capacity;
* **transport**: whether the service offers it, and how to get there;
* the **register of personal assistants**, listed only while each has given consent;
* **provider self-service**: changes a provider proposes, reviewed by a broker before publication;
* **brokerage**: services shortlisted for a person, and the person's choice.

Search works on columns kept in step by :mod:`.services` (``search_text``, ``cost_from``, ``is_free``)
so that a search over tens of thousands of services needs no joins for text and cost.
"""

from __future__ import annotations

import random
import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Upper

from ownway.core.versioning import version_field


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class ServiceKind(models.TextChoices):
    COMMUNITY = "community", "Open to everyone in the community"
    COMMISSIONED = "commissioned", "Commissioned by the council"


class CqcRating(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"
    NOT_RATED = "not_rated", "Not yet rated"


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    POSTAL = "postal", "Postal"
    VIRTUAL = "virtual", "Virtual"


class Feature(models.TextChoices):
    """Accessibility features a person can search by (where they come from: :mod:`.rules.accessibility`)."""

    STEP_FREE = "step_free", "Step-free access"
    ACCESSIBLE_TOILET = "accessible_toilet", "Accessible toilet"
    CHANGING_PLACES = "changing_places", "Changing Places toilet (hoist and adult-sized changing bench)"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    BSL = "bsl", "British Sign Language (BSL) users welcome"
    ACCESSIBLE_PARKING = "accessible_parking", "Blue Badge parking"
    QUIET_SPACE = "quiet_space", "Quiet space"

    @classmethod
    def bit(cls, code: str) -> int:
        """Each feature's bit in a search row's ``features``: 1, 2, 4… in the order above."""
        return 1 << list(cls.values).index(code)


class CostKind(models.TextChoices):
    PRICE = "price", "The price (one of these applies)"
    EXTRA = "extra", "An extra everyone pays (meals, materials, transport)"


class CostPer(models.TextChoices):
    SESSION = "session", "a session"
    HOUR = "hour", "an hour"
    DAY = "day", "a day"
    WEEK = "week", "a week"
    MONTH = "month", "a month"
    YEAR = "year", "a year"
    ONCE = "once", "once"


def new_search_key() -> int:
    """A service's number in SQLite's full-text table (:mod:`.fulltext`), which keys rows by whole numbers: random
    among 2**62, so two services drawing the same one is as good as impossible (and the unique index refuses it)."""
    return random.SystemRandom().randrange(1, 2**62)


class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.CharField(max_length=200)
    description = models.TextField()
    uri = models.URLField(max_length=500, blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    taxonomy = models.ForeignKey(Taxonomy, null=True, blank=True, on_delete=models.PROTECT, related_name="terms")
    #: The term's code in its taxonomy ("arts", or the list's own identifier).
    code = models.CharField(max_length=200, blank=True)
    name = models.CharField(max_length=200)
    description = models.TextField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    term_uri = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["taxonomy__name", "name"]
        indexes = [models.Index(fields=["taxonomy", "code"])]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.CharField(max_length=255)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(max_length=500, blank=True)
    logo = models.URLField(max_length=500, blank=True)
    uri = models.URLField(max_length=500, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    #: Registered charity number, company number or similar, as (scheme, type, identifier) rows.
    identifiers = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderAccount(models.Model):
    """Which organisation a provider's sign-in speaks for: it may propose changes to its services."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_provider")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="provider_accounts")

    def __str__(self) -> str:
        return f"{self.user} for {self.organization}"


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    fees = models.TextField(blank=True, help_text="Deprecated in ORUK 3.0: kept when a feed sends it.")
    accreditations = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True, help_text="When the details were last checked.")
    assurer_email = models.EmailField(blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(auto_now=True)

    # Ownway's own fields.
    kind = models.CharField(max_length=20, choices=ServiceKind.choices, default=ServiceKind.COMMUNITY)
    cqc_location_id = models.CharField("CQC location ID", max_length=20, blank=True)
    cqc_rating = models.CharField("CQC rating", max_length=30, choices=CqcRating.choices, blank=True)
    cqc_rating_date = models.DateField("date of the CQC rating", null=True, blank=True)
    council_vetted_on = models.DateField("date the council vetted the provider", null=True, blank=True)
    suits_enablement = models.BooleanField("suits tier 1: enablement (up to 12 weeks)", default=False)
    suits_personalised = models.BooleanField("suits tier 2: personalised support", default=False)
    suits_specialist = models.BooleanField("suits tier 3: specialist intensive support", default=False)
    capacity = models.PositiveIntegerField("places per session", null=True, blank=True)
    transport_provided = models.BooleanField(default=False)
    getting_there = models.TextField(
        blank=True, help_text="Buses, trams, trains, parking and the service's own transport, in plain words."
    )

    # What a feed says that ORUK 3.0 has no field for (ORUK 1.x and Placecube feeds), and where it came from.
    #: How a person attends, as the feed says ("Venue", "Online", "Phone", "Home visit").
    attending_type = models.CharField(max_length=100, blank=True)
    #: How a person gets a place, as the feed says ("Drop-in", "Referral", "Appointment").
    attending_access = models.CharField(max_length=100, blank=True)
    attending_note = models.TextField(blank=True, help_text="More about how to attend, from the feed.")
    #: What kind of help it is, as the feed says ("Information", "Advice", "Support").
    deliverable_type = models.CharField(max_length=100, blank=True)
    assured_by = models.CharField(max_length=255, blank=True, help_text="Who last checked the details.")
    #: When the feed says the entry last changed (not when it was imported).
    source_modified = models.DateTimeField(null=True, blank=True)
    #: The feed the entry came from (its source) and its id there; blank for an entry made here.
    feed_source = models.CharField(max_length=500, blank=True, db_index=True, editable=False)
    feed_record_id = models.CharField(max_length=200, blank=True, editable=False)
    #: The values of the fields the feed gave at its last import, to tell a local change from the feed's
    #: (see :func:`.services.directory_import`).
    feed_values = models.JSONField(default=dict, blank=True, editable=False)
    #: Fields where the feed and a local change disagree, for a broker to resolve: the local value is kept.
    feed_conflicts = models.JSONField(default=list, blank=True, editable=False)
    #: Postcodes written in the description of an entry with no location: a broker may add one as its venue.
    suggested_postcodes = models.JSONField(default=list, blank=True, editable=False)

    # Kept in step by the services, for search (see the module's docstring).
    search_text = models.TextField(blank=True, editable=False)
    cost_from = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True, editable=False)
    is_free = models.BooleanField(default=False, editable=False)
    #: The days any of its sessions run ("MO,SA", in week order) and whether any runs into the evening.
    days = models.CharField(max_length=20, blank=True, editable=False)
    has_evening = models.BooleanField(default=False, editable=False)
    #: Whether it is offered at a location with a known position: a search near a postcode lists those that are not
    #: (online, by phone, no venue given, or a venue without a position) after the ones nearby.
    has_location = models.BooleanField(default=False, editable=False)
    #: Full-text search (:mod:`.fulltext`): the row's key in SQLite's FTS5 table, and PostgreSQL's tsvector (both
    #: kept in step by database triggers).
    search_key = models.BigIntegerField(default=new_search_key, unique=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    #: Moved on by every change to what the entry says: an approved change or an import
    #: (``ownway.core.versioning``).
    lock_version = version_field()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "cost_from"]),
            models.Index(fields=["status", "is_free"]),
            models.Index(fields=["status", "has_location"], name="directory_service_located"),
            # The search's exact name match (name__iexact), found at once rather than by reading every service.
            models.Index(Upper("name"), name="directory_service_name_upper"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tiers(self) -> list[str]:
        names = [
            (self.suits_enablement, "Enablement"),
            (self.suits_personalised, "Personalised support"),
            (self.suits_specialist, "Specialist intensive support"),
        ]
        return [name for suits, name in names if suits]


class Location(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=100, blank=True)
    external_identifier_type = models.CharField(max_length=100, blank=True)
    #: The main address's postcode, normalised (also in :class:`Address`): for display and search.
    postcode = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=255, blank=True)
    address_1 = models.CharField(max_length=255)
    address_2 = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100)
    postal_code = models.CharField(max_length=20)
    country = models.CharField(max_length=2, default="GB")
    address_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return ", ".join(p for p in [self.address_1, self.city, self.postal_code] if p)


class Accessibility(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    #: Which searchable feature this is, when it is one; blank for any other description from a feed.
    feature = models.CharField(max_length=30, choices=Feature.choices, blank=True)
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "accessibility"
        indexes = [models.Index(fields=["feature", "location"])]

    def __str__(self) -> str:
        return self.description or self.get_feature_display()


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)
    #: Whether the venue came from a feed (replaced by the next import) or was added here (kept).
    from_feed = models.BooleanField(default=False, editable=False)

    # The search row: copies of what the search filters on, from the service and the location, kept in
    # step by services.service_refresh_search, so that a search reads one table (see selectors).
    status = models.CharField(max_length=20, blank=True, editable=False)
    kind = models.CharField(max_length=20, blank=True, editable=False)
    name = models.CharField(max_length=255, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    days = models.CharField(max_length=20, blank=True, editable=False)
    has_evening = models.BooleanField(default=False, editable=False)
    cost_from = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True, editable=False)
    is_free = models.BooleanField(default=False, editable=False)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    #: The location's accessibility features as bits (see Feature.bit) and the service's taxonomy
    #: term ids, space-separated with a space at each end.
    features = models.PositiveIntegerField(default=0, editable=False)
    terms = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="one_service_at_a_location")]
        indexes = [models.Index(fields=["latitude", "longitude"], name="directory_sal_position")]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Schedule(models.Model):
    """When a service runs, in the iCalendar terms ORUK 3.0 uses (RFC 5545 ``FREQ``, ``BYDAY``…)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=10, blank=True, choices=[("WEEKLY", "Weekly"), ("MONTHLY", "Monthly")])
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    #: Comma-separated iCalendar days: "MO,WE", "SA", or "1SA" (the first Saturday) for monthly.
    byday = models.CharField(max_length=60, blank=True)
    bymonthday = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)
    attending_type = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)
    #: Whether the session came from a feed (replaced by the next import) or was added here (kept).
    from_feed = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["service", "byday"])]

    def __str__(self) -> str:
        return self.description or f"{self.byday} {self.opens_at}-{self.closes_at}"


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(max_length=255, blank=True, help_text="Who pays this, like 'Standard' or 'Concession'.")
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=CostKind.choices, default=CostKind.PRICE)
    per = models.CharField(max_length=10, choices=CostPer.choices, default=CostPer.SESSION)
    #: Whether the cost came from a feed (replaced by the next import) or was added here (kept).
    from_feed = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.option or 'Cost'}: {self.amount if self.amount is not None else Decimal('0.00')}"


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or self.title or str(self.id)


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=50)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.number


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    phone = models.ForeignKey(Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=20, blank=True, help_text="ISO 639 code, like 'ur' for Urdu.")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or self.code


class ServiceArea(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=50, blank=True)
    uri = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or self.extent or str(self.id)


class Funding(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="funding")
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.source[:60] or str(self.id)


class Attribute(models.Model):
    """A taxonomy term applied to an entity: ORUK's way of classifying anything (``link_type``, ``link_id``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes")
    link_type = models.CharField(max_length=50, default="service")
    link_id = models.UUIDField()
    value = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["link_type", "link_id"]),
            models.Index(fields=["taxonomy_term", "link_type", "link_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.taxonomy_term} on {self.link_type} {self.link_id}"


class Postcode(models.Model):
    """The centre of a postcode: from the ONS Postcode Directory, or Code-Point Open as shipped in a package."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text="Normalised, like 'B1 1BB'.")
    latitude = models.FloatField()
    longitude = models.FloatField()
    source = models.CharField(max_length=40)

    def __str__(self) -> str:
        return self.postcode


# ----------------------------------------------------------------------------------------------------
# Personal assistants
# ----------------------------------------------------------------------------------------------------


class PersonalAssistant(models.Model):
    """A self-employed or directly employed personal assistant who asked to be on the council's register.

    Listed only while their consent stands (UK GDPR art. 6(1)(a) and art. 7(3): consent can be withdrawn
    at any time, as easily as it was given).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    name = models.CharField(max_length=200)
    #: The name folded for search (:func:`ownway.core.names.name_key`), written with it by the register's service.
    search_name = models.CharField(max_length=400, blank=True, default="", editable=False)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    skills = models.TextField(help_text="What they do well, in their own words.")
    areas = models.CharField(max_length=255, help_text="Postcode districts they work in, like 'B13, B14, B30'.")
    availability = models.TextField(help_text="Days and times, including evenings and weekends.")
    #: The languages they speak besides English, as they wrote them, like "Punjabi, Urdu".
    languages = models.CharField(max_length=255, blank=True, default="")
    hourly_rate = models.DecimalField(max_digits=6, decimal_places=2)
    dbs_checked_on = models.DateField("date of the DBS check", null=True, blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    interests = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="personal_assistants")

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["search_name"], name="pa_search_name", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_listed(self) -> bool:
        return self.consent_given_at is not None and self.consent_withdrawn_at is None


# ----------------------------------------------------------------------------------------------------
# Provider self-service
# ----------------------------------------------------------------------------------------------------


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved and published"
    REJECTED = "rejected", "Sent back"


class ServiceChange(models.Model):
    """A provider's proposed change to one of its services, published only when a broker approves it."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    proposed = models.JSONField(help_text="The fields as the provider wants them.")
    before = models.JSONField(help_text="The fields as they were when the provider proposed the change.")
    status = models.CharField(max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    #: The version of the service the change was proposed against: if the entry has changed since, the change
    #: is not published over it without the broker seeing both.
    base_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service"], condition=models.Q(status="pending"), name="one_pending_change_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"Change to {self.service} ({self.get_status_display()})"


# ----------------------------------------------------------------------------------------------------
# Brokerage
# ----------------------------------------------------------------------------------------------------


class Shortlist(models.Model):
    """Services a broker has found for a person, and the one the person chose."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="directory_shortlists")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    purpose = models.CharField(max_length=255, help_text="What the person is looking for, in their words.")
    chosen = models.ForeignKey(Service, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    chosen_at = models.DateTimeField(null=True, blank=True)
    choice_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    choice_reason = models.TextField(blank=True, help_text="Why the person chose it, in their words.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Shortlist for {self.person}: {self.purpose}"


class ShortlistEntry(models.Model):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [models.UniqueConstraint(fields=["shortlist", "service"], name="service_once_per_shortlist")]

    def __str__(self) -> str:
        return f"{self.service} on {self.shortlist}"


class Feed(models.Model):
    """An Open Referral UK feed the council imports from (another council, a VCS directory, a provider)."""

    name = models.CharField(max_length=200)
    source = models.CharField(max_length=500, help_text="An http(s) address of a feed or API, or a file on the server.")
    is_api = models.BooleanField(
        "is an ORUK 3.0 API", default=False, help_text="Read every page of /services, then each service in full."
    )
    last_imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_summary = models.TextField(blank=True, editable=False)
    last_rejected = models.JSONField(default=list, blank=True, editable=False)
    #: The last import's shape of feed, values repaired, fields not imported, conflicts and removals.
    last_report = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

"""Direct-payment agreements, the payments made under them, and the account the person keeps.

Money is never overwritten: each payment is a row that exists once per agreement and period (the
database refuses a second), each payment and each contribution due is a ledger entry, each change of
amount is a new rate from a date, each suspension a row, each statement line a transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ownway.core.money import format_money
from ownway.core.versioning import version_field

from .rules.matching import CATEGORY_LABELS


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", "Being paid"
    SUSPENDED = "suspended", "Suspended"
    ENDED = "ended", "Ended"


class Recipient(models.TextChoices):
    PERSON = "person", "The person"
    NOMINATED = "nominated", "A nominated person (Care Act s.31(6))"
    AUTHORISED = "authorised", "An authorised person, for someone who lacks capacity (Care Act s.32)"


class Basis(models.TextChoices):
    NET = "net", "Net: the council pays the budget less the contribution"
    GROSS = "gross", "Gross: the council pays the whole budget and collects the contribution"


class DirectPaymentAgreement(models.Model):
    """The agreement under which the council pays a direct payment, in plain English."""

    reference = models.CharField(max_length=12, unique=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="direct_payments")
    budget = models.ForeignKey("planning.PersonalBudget", on_delete=models.PROTECT, related_name="direct_payments")
    status = models.CharField(max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE)
    recipient = models.CharField(max_length=12, choices=Recipient.choices, default=Recipient.PERSON)
    recipient_name = models.CharField(max_length=200)
    account_name = models.CharField(max_length=18)
    sort_code = models.CharField(max_length=6)
    account_number = models.CharField(max_length=8)
    basis = models.CharField(max_length=5, choices=Basis.choices, default=Basis.NET)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    may_spend_on = models.TextField("what the money may be spent on")
    conditions = models.TextField()
    agreed_on = models.DateField("the day the person agreed", null=True, blank=True)
    first_payment_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: Moved on when the payment is suspended, resumed, ended or a line goes back to the council
    #: (``ownway.core.versioning``).
    lock_version = version_field()

    class Meta:
        ordering = ["reference"]
        indexes = [models.Index(fields=["status"], name="dp_agreement_status")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.recipient_name}"


class StartCheck(models.TextChoices):
    """What is in place before a direct payment that employs a personal assistant starts: the person's duties as
    an employer (Care and Support Statutory Guidance, chapter 12, on direct payments and employing staff;
    GOV.UK "Employing people": employer's liability insurance, PAYE, a written statement of terms, a DBS check),
    and cover when the PA cannot work named in the plan."""

    INSURANCE = "insurance", "Employer's liability insurance is in place"
    PAYROLL = "payroll", "Payroll is arranged (registered with HMRC, or a payroll service)"
    CONTRACT = "contract", "The PA has a contract and written statement of terms"
    DBS = "dbs", "The PA's DBS check is done"
    BACKUP = "backup", "Back-up cover is named in the support plan"


class StartCheckDone(models.Model):
    """One check on the list before a direct payment starts, and who confirmed it and when."""

    agreement = models.ForeignKey(DirectPaymentAgreement, on_delete=models.PROTECT, related_name="start_checks")
    item = models.CharField(max_length=10, choices=StartCheck.choices)
    note = models.CharField(max_length=300, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "completed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "item"], name="dp_start_check_once")]

    def __str__(self) -> str:
        return f"{self.agreement.reference}: {self.get_item_display()}"


class AgreementRate(models.Model):
    """The weekly amount paid by direct payment, and the weekly contribution, from a date."""

    agreement = models.ForeignKey(DirectPaymentAgreement, on_delete=models.PROTECT, related_name="rates")
    effective_from = models.DateField()
    weekly_budget = models.DecimalField(max_digits=9, decimal_places=2)
    weekly_contribution = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "effective_from", "id"]

    def __str__(self) -> str:
        return f"{self.agreement.reference}: {format_money(self.weekly_budget)} a week from {self.effective_from}"


class Suspension(models.Model):
    agreement = models.ForeignKey(DirectPaymentAgreement, on_delete=models.PROTECT, related_name="suspensions")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.TextField()
    suspended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["agreement", "starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.agreement.reference} suspended from {self.starts_on}"


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Stopped before the end"
    ABANDONED = "abandoned", "Stopped without finishing (found by a later run)"


class PaymentRun(models.Model):
    """One run of the payment job. Runs may overlap or stop part way: payments are still made once.

    A run says where it is running (``host`` and ``pid``) and shows it is alive (``heartbeat_at``) as it goes,
    so that a later run can tell one whose process died from one still working, and mark it abandoned.
    """

    as_of = models.DateField()
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    payments_made = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    error = models.TextField(blank=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    #: What the run found and put right: runs left running by a process that died, files left unwritten.
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["status"], name="payment_run_status")]

    def __str__(self) -> str:
        return f"Payment run {self.pk} as of {self.as_of}"


class BacsFileStatus(models.TextChoices):
    WRITING = "writing", "Being written"
    WRITTEN = "written", "Written and sent"


class BacsFile(models.Model):
    """A file of payments for the bank: every payment is in exactly one file.

    The file is an outbox. Its row, with the exact content and the payments in it, is saved first; only then
    is the file written to a temporary name, synced, renamed into ``OWNWAY_BACS_DIR`` and the folder synced;
    only then is it recorded as written, with its checksum. A payment counts as sent only once its file is
    written. A run that stops between the two leaves the file "being written", and the next run writes it,
    or finds it already in the folder and records it: never a second file for the same payments.
    """

    run = models.OneToOneField(PaymentRun, on_delete=models.PROTECT, related_name="bacs_file")
    name = models.CharField(max_length=100, unique=True)
    content = models.TextField()
    payments_count = models.PositiveIntegerField()
    total = models.DecimalField(max_digits=12, decimal_places=2)
    processing_date = models.DateField()
    status = models.CharField(max_length=10, choices=BacsFileStatus.choices, default=BacsFileStatus.WRITING)
    #: The SHA-256 of the file as written, in hex.
    sha256 = models.CharField(max_length=64, blank=True)
    written_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"], name="bacs_file_status")]

    def __str__(self) -> str:
        return self.name


class Payment(models.Model):
    """A payment for one period of one agreement. The database holds at most one per agreement and period."""

    agreement = models.ForeignKey(DirectPaymentAgreement, on_delete=models.PROTECT, related_name="payments")
    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="payments")
    period_start = models.DateField()
    period_end = models.DateField()
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    contribution_to_collect = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    days_paid = models.PositiveSmallIntegerField()
    explanation = models.TextField()
    bacs_file = models.ForeignKey(BacsFile, null=True, blank=True, on_delete=models.PROTECT, related_name="payments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "period_start"], name="one_payment_per_agreement_period")
        ]
        indexes = [models.Index(fields=["bacs_file"], name="payment_bacs_file")]

    def __str__(self) -> str:
        return f"{self.agreement.reference}: {format_money(self.amount)} for {self.period_start}"


class LedgerKind(models.TextChoices):
    PAYMENT = "payment", "Direct payment made"
    CONTRIBUTION_DUE = "contribution_due", "Contribution to collect"
    RECOVERY = "recovery", "Money asked back"


class LedgerEntry(models.Model):
    """The council's ledger of a direct payment: what it paid, what it collects and what it asked back.

    A contribution to collect with no payment is for days already paid when the contribution changed
    (``services.agreement_rates_follow``): below £0, it is contribution taken for them that is no longer due.
    """

    agreement = models.ForeignKey(DirectPaymentAgreement, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=20, choices=LedgerKind.choices)
    on = models.DateField()
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger")
    description = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["payment", "kind"], condition=models.Q(payment__isnull=False), name="one_ledger_entry_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} {self.kind} {format_money(self.amount)} on {self.on}"


class StatementFormat(models.TextChoices):
    CSV = "csv", "CSV"
    OFX = "ofx", "OFX"


class StatementImport(models.Model):
    agreement = models.ForeignKey(DirectPaymentAgreement, on_delete=models.PROTECT, related_name="statements")
    file_name = models.CharField(max_length=200)
    format = models.CharField(max_length=5, choices=StatementFormat.choices)
    closing_balance = models.DecimalField(max_digits=11, decimal_places=2, null=True, blank=True)
    balance_on = models.DateField(null=True, blank=True)
    transactions_added = models.PositiveIntegerField(default=0)
    transactions_already_held = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.agreement.reference})"


#: The categories of spending and money in (payments.rules.matching), as choices.
CATEGORY_CHOICES = [(category.value, label) for category, label in CATEGORY_LABELS.items()]


class AccountTransaction(models.Model):
    """A line of a statement of the direct-payment account: money in (positive) or out (negative)."""

    agreement = models.ForeignKey(DirectPaymentAgreement, on_delete=models.PROTECT, related_name="transactions")
    statement = models.ForeignKey(StatementImport, on_delete=models.PROTECT, related_name="transactions")
    posted_on = models.DateField()
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    description = models.CharField(max_length=300)
    #: The bank's id of the transaction (OFX FITID), or one made from its date, amount, description and
    #: place in the statement: importing the same statement twice adds nothing.
    bank_id = models.CharField(max_length=120)
    balance_after = models.DecimalField(max_digits=11, decimal_places=2, null=True, blank=True)
    category = models.CharField(max_length=20, choices=CATEGORY_CHOICES)
    plan_line = models.ForeignKey(
        "planning.PlanLine", null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    match_explanation = models.CharField(max_length=300)

    class Meta:
        ordering = ["agreement", "posted_on", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "bank_id"], name="one_transaction_per_bank_id")]

    def __str__(self) -> str:
        return f"{self.posted_on} {self.description} {format_money(self.amount)}"


class RecoveryDecision(models.Model):
    """What was decided about a surplus, with the person's own view, before any money is asked back."""

    agreement = models.ForeignKey(DirectPaymentAgreement, on_delete=models.PROTECT, related_name="recoveries")
    decided_on = models.DateField()
    balance = models.DecimalField(max_digits=11, decimal_places=2)
    surplus = models.DecimalField(max_digits=11, decimal_places=2)
    amount_to_recover = models.DecimalField(max_digits=11, decimal_places=2)
    persons_view = models.TextField("what the person said")
    reasons = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.agreement.reference}: recover {format_money(self.amount_to_recover)}"


class DirectPaymentReview(models.Model):
    """A review of the direct payment (Direct Payments Regulations 2014 reg 7)."""

    agreement = models.ForeignKey(DirectPaymentAgreement, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    notes = models.TextField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.agreement.reference} reviewed {self.held_on}"

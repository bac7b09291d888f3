"""Outcome and experience surveys: what is asked (a survey's versions and their questions, written from
:mod:`.definitions`), who is asked (one invitation a person for each round of a survey), and what they said (one
response an invitation, never overwritten, with the way it came in)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Survey(models.Model):
    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    easy_read_name = models.CharField(max_length=200)
    #: Where the questions come from, named.
    source = models.TextField()
    #: What it follows: "plan" (a plan that has run for the council's time) or "review" (a review held).
    sent_after = models.CharField(max_length=20)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class SurveyVersion(models.Model):
    """One wording of a survey; only the current one is sent, and each response keeps the version it answered."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    is_current = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "-number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="survey_version_unique")]

    def __str__(self) -> str:
        return f"{self.survey} (version {self.number})"


class Section(models.TextChoices):
    ABOUT = "about", "About you"
    PROCESS = "process", "How we did things"
    OUTCOME = "outcome", "What difference it made"
    STATEMENT = "statement", "How things are for you"


class Question(models.Model):
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="questions")
    code = models.SlugField(max_length=40)
    section = models.CharField(max_length=20, choices=Section.choices)
    position = models.PositiveSmallIntegerField()
    plain = models.CharField(max_length=300)
    easy_read = models.CharField(max_length=300)
    source = models.CharField(max_length=300)
    scale = models.CharField(max_length=20)
    #: The answers it takes, in order: [[value, plain words, easy read words], …].
    options = models.JSONField()
    #: The answers counted as good in the results.
    positive = models.JSONField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="survey_question_unique")]

    def __str__(self) -> str:
        return self.plain

    @property
    def values(self) -> list[str]:
        return [option[0] for option in self.options]


class InvitationReason(models.TextChoices):
    PLAN = "plan", "Their support plan has been running for a while"
    REVIEW = "review", "Their review was held"
    #: Asked with many others at once, in a round the council ran.
    ROUND = "round", "A survey round the council ran"


class SurveyInvitation(models.Model):
    """A person asked to answer a survey: once for each round (``round`` names it, such as ``plan:12`` for the plan
    it follows or ``review:40`` for the review), on their own pages and by letter."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="survey_invitations")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="invitations")
    round = models.CharField(max_length=60)
    reason = models.CharField(max_length=20, choices=InvitationReason.choices)
    sent_on = models.DateField()
    letter = models.ForeignKey("people.Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "survey", "round"], name="survey_invitation_once_a_round")
        ]

    def __str__(self) -> str:
        return f"{self.survey} for {self.person} ({self.round})"


class Channel(models.TextChoices):
    ONLINE = "online", "Online"
    PAPER = "paper", "On paper, keyed in by a worker"
    WORKER = "worker", "With a worker"


class SurveyResponse(models.Model):
    """The answers to one invitation: given once, never changed."""

    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.PROTECT, related_name="response")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    easy_read = models.BooleanField(default=False)
    answered_on = models.DateField()
    #: Who gave or keyed in the answers: the person, their carer, or a worker.
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: Answered by someone else for the person (their carer online).
    on_behalf = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_on", "-pk"]

    def __str__(self) -> str:
        return f"Answers to {self.invitation}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once")]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.value}"

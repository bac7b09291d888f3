"""The person is told a review of their direct payment, or of their support at day services, is coming: by the
same letter path as a plan review, the council's notice (42 days) before it is due, once for each date due."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from ownway.dayops import services as dayops
from ownway.payments.models import DirectPaymentReview
from ownway.payments.tests.factories import agreement_for
from ownway.people.models import Letter
from ownway.reviews.models import ReminderKind, ReminderLetter
from ownway.reviews.reminders import other_reminders_send

DP = "Your direct payment review is coming up"
DAYS = "Your day services review is coming up"


def test_told_six_weeks_before_a_direct_payment_review_once_for_each_date(social_worker, team_manager, person, citizen):
    agreement = agreement_for(social_worker, team_manager, person)
    assert other_reminders_send(today=dt.date(2026, 12, 5)) == 0  # nothing paid: no review due
    agreement.first_payment_on = dt.date(2026, 4, 27)
    agreement.save(update_fields=["first_payment_on"])
    # Reg 7(1)(a): the first review within 6 months of the first payment, by 27 October 2026; told 42 days
    # before, from 15 September.
    assert other_reminders_send(today=dt.date(2026, 9, 14)) == 0
    assert other_reminders_send(today=dt.date(2026, 9, 15)) == 1
    assert other_reminders_send(today=dt.date(2026, 9, 16)) == 0
    reminder = ReminderLetter.objects.get()
    assert (reminder.kind, reminder.subject_id, reminder.due_on) == (
        ReminderKind.DIRECT_PAYMENT, agreement.pk, dt.date(2026, 10, 27),
    )  # fmt: skip
    letter = Letter.objects.get(person=person, about=DP)
    assert reminder.letter == letter
    assert letter.page == "/my-money/"
    client = Client()
    client.force_login(citizen)
    pdf = client.get(letter.pdf)
    assert pdf.content.startswith(b"%PDF")
    assert client.get(letter.easy_read_pdf).content.startswith(b"%PDF")
    # Held on 20 October: the next is due by 20 October 2027, and they are told again from 8 September 2027.
    DirectPaymentReview.objects.create(agreement=agreement, held_on=dt.date(2026, 10, 20), notes="Going well",
                                       reviewed_by=social_worker)  # fmt: skip
    assert other_reminders_send(today=dt.date(2027, 9, 7)) == 0
    assert other_reminders_send(today=dt.date(2027, 9, 8)) == 1
    assert Letter.objects.filter(person=person, about=DP).count() == 2


def test_told_before_a_day_services_tier_review_and_not_after_death(social_worker, person):
    dayops.tier_set(actor=social_worker, person=person, tier="personalised", reason="Settled at the centre",
                    decided_on=dt.date(2026, 6, 1), review_due=dt.date(2026, 12, 1))  # fmt: skip
    assert other_reminders_send(today=dt.date(2026, 10, 19)) == 0
    assert other_reminders_send(today=dt.date(2026, 10, 20)) == 1
    assert Letter.objects.filter(person=person, about=DAYS).get().page == "/day-opportunities/my-days/"
    assert other_reminders_send(today=dt.date(2026, 10, 21)) == 0


def test_no_letter_for_someone_who_has_died(social_worker, person):
    dayops.tier_set(actor=social_worker, person=person, tier="personalised", reason="Settled at the centre",
                    decided_on=dt.date(2026, 6, 1), review_due=dt.date(2026, 12, 1))  # fmt: skip
    person.date_of_death = dt.date(2026, 9, 1)
    person.save(update_fields=["date_of_death"])
    assert other_reminders_send(today=dt.date(2026, 11, 1)) == 0
    assert not Letter.objects.filter(person=person).exists()


def test_someone_else_cannot_read_the_letter(social_worker, person, citizen):
    dayops.tier_set(actor=social_worker, person=person, tier="personalised", reason="Settled",
                    decided_on=dt.date(2026, 6, 1), review_due=dt.date(2026, 12, 1))  # fmt: skip
    other_reminders_send(today=dt.date(2026, 11, 1))
    letter = Letter.objects.get(person=person, about=DAYS)
    client = Client()
    client.force_login(social_worker)
    assert client.get(letter.pdf).status_code == 404

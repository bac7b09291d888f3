"""The jargon buster's terms as data: loaded with the app, each name defined once, changed by council officers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ownway.accounts.models import AuditEvent
from ownway.guide import events
from ownway.guide.models import Audience, Term, TermName
from ownway.guide.selectors import glossary_for
from ownway.guide.services import NotAllowed, TermData, term_add, term_change
from ownway.guide.terms import TERMS

pytestmark = pytest.mark.django_db


def test_the_first_terms_are_loaded_with_every_name_once():
    assert Term.objects.count() == len(TERMS)
    keys = list(TermName.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    names = {t.term for t in Term.objects.all()}
    for needed in ("Indicative budget", "Personal budget", "Direct payment", "Individual Service Fund",
                   "Council-managed budget", "Contribution", "Minimum Income Guarantee", "Eligible needs",
                   "Reablement", "Three Conversations", "Support plan", "Review", "Safeguarding", "Advocate",
                   "Carer's assessment", "Resource Allocation System", "Personal assistant"):  # fmt: skip
        assert needed in names
    assert Term.objects.get(term="Individual Service Fund").other_names == ["ISF"]


def test_an_officer_adds_a_term_and_it_is_on_the_jargon_buster(commissioner):
    term = term_add(
        actor=commissioner,
        data=TermData(
            term="  Shared   Lives ", meaning="Living with a carer in their home.", also_known_as="SL, adult placement"
        ),
    )
    assert term.term == "Shared Lives"
    assert term.slug == "shared-lives"
    assert sorted(term.names.values_list("key", flat=True)) == ["adult placement", "shared lives", "sl"]
    assert AuditEvent.objects.filter(action=events.TERM_ADDED, subject_id=str(term.pk)).exists()
    letters = {group.letter: [t.term for t in group.terms] for group in glossary_for(None)}
    assert "Shared Lives" in letters["S"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            TermData(term="DIRECT payment", meaning="Again."),
            "term",
            "“DIRECT payment” is already in the jargon buster, as “Direct payment”",
        ),
        (
            TermData(term="Money for support", meaning="x", also_known_as="isf"),
            "also_known_as",
            "“isf” is already in the jargon buster, as “Individual Service Fund”",
        ),
        (TermData(term="Shared Lives", meaning="x", also_known_as="SL, sl"), "also_known_as", "“sl” is given twice"),
        (TermData(term="   ", meaning="x"), "term", "Enter the term"),
        (TermData(term="Shared Lives", meaning=" "), "meaning", "Enter what the term means, in plain English"),
        (TermData(term="Shared Lives", meaning="x", audience="nobody"), "audience", "Choose who the term is for"),
        (TermData(term="x" * 81, meaning="x"), "term", "The term must be 80 characters or fewer"),
        (
            TermData(term="Shared Lives", meaning="x" * 1001),
            "meaning",
            "What it means must be 1,000 characters or fewer",
        ),
        (
            TermData(term="Shared Lives", meaning="x", also_known_as=", ".join(f"name {n}" for n in range(60))),
            "also_known_as",
            "The other names must be 300 characters or fewer",
        ),
    ],
)
def test_a_term_defined_twice_or_half_written_is_refused_and_nothing_is_saved(administrator, data, field, message):
    before = (Term.objects.count(), TermName.objects.count())
    with pytest.raises(ValidationError) as refused:
        term_add(actor=administrator, data=data)
    assert any(m.startswith(message) for m in refused.value.message_dict[field])
    assert (Term.objects.count(), TermName.objects.count()) == before


def test_a_name_that_folds_longer_still_fits(administrator):
    term = term_add(actor=administrator, data=TermData(term="ß" * 80, meaning="A long name."))
    assert term.names.get().key == "ss" * 80


def test_changing_a_term_keeps_its_anchor_and_may_keep_its_own_names(team_manager):
    term = Term.objects.get(term="Direct payment")
    changed = term_change(
        actor=team_manager,
        term=term,
        data=TermData(term="Direct payments", meaning="Money for you to arrange support.", also_known_as="DP"),
    )
    assert changed.slug == "direct-payment"
    assert sorted(changed.names.values_list("name", flat=True)) == ["DP", "Direct payments"]
    with pytest.raises(ValidationError):
        term_change(
            actor=team_manager, term=term, data=TermData(term="Direct payments", meaning="x", also_known_as="ISF")
        )


def test_only_council_officers_change_terms(social_worker, citizen):
    for user in (social_worker, citizen):
        with pytest.raises(NotAllowed):
            term_add(actor=user, data=TermData(term="Shared Lives", meaning="x"))


def test_staff_only_terms_are_for_staff(social_worker):
    public = [t.term for group in glossary_for(None) for t in group.terms]
    staff = [t.term for group in glossary_for(social_worker) for t in group.terms]
    assert "No further action" not in public
    assert "No further action" in staff
    assert Term.objects.get(term="No further action").audience == Audience.STAFF


def test_an_officer_adds_a_term_on_the_staff_page(commissioner_client):
    response = commissioner_client.post(
        "/guide/staff/terms/new/",
        {"term": "Shared Lives", "meaning": "Living with a carer.", "also_known_as": "", "audience": "everyone"},
    )
    assert response.status_code == 302
    again = commissioner_client.post(
        "/guide/staff/terms/new/",
        {"term": "shared lives", "meaning": "Again.", "also_known_as": "", "audience": "everyone"},
    )
    assert again.status_code == 200
    assert "is already in the jargon buster, as “Shared Lives”" in again.content.decode()
    assert Term.objects.filter(term__iexact="shared lives").count() == 1


def test_other_staff_and_citizens_cannot_open_the_staff_pages(social_worker_client, citizen_client, client):
    assert social_worker_client.get("/guide/staff/terms/").status_code == 403
    assert citizen_client.get("/guide/staff/terms/direct-payment/").status_code == 403
    assert client.get("/guide/staff/terms/").status_code == 302

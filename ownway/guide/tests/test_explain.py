"""Terms explained where they first appear (ownway.ui.explain), on citizens' and visitors' pages and in letters."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from ownway.ui.explain import ExplainedTerm, explain_html

DP = ExplainedTerm(
    slug="direct-payment",
    term="Direct payment",
    names=("Direct payment", "DP"),
    meaning="Money paid to you <so> you arrange support & choose.",
    easy_read_meaning="Money to pay for your support.",
    href="/guide/jargon-buster/#direct-payment",
)
ISF = ExplainedTerm(
    slug="isf", term="Individual Service Fund", names=("Individual Service Fund", "ISF"), meaning="Held by a provider.",
    easy_read_meaning="", href="/guide/jargon-buster/#isf",
)  # fmt: skip
TERMS = [DP, ISF]


def _details(html: str) -> list[str]:
    soup = BeautifulSoup(str(html), "html.parser")
    return [d.summary.get_text(strip=True) for d in soup.find_all("details")]


def test_only_the_first_appearance_is_explained():
    html = "<p>Your direct payment starts soon.</p><p>Each Direct Payment is checked.</p>"
    out = explain_html(html, TERMS)
    assert _details(out) == ["What ‘direct payment’ means"]
    soup = BeautifulSoup(str(out), "html.parser")
    # The details follow the paragraph the term first appears in, and the text itself is unchanged.
    assert soup.find_all("p")[0].get_text() == "Your direct payment starts soon."
    assert soup.find_all("p")[0].find_next_sibling().name == "details"


def test_plurals_and_other_names_count_as_the_same_term():
    out = explain_html("<p>Direct payments and a DP are the same.</p>", TERMS)
    assert _details(out) == ["What ‘Direct payments’ means"]


def test_abbreviations_match_only_as_written():
    assert _details(explain_html("<p>An isf, an Isf and the dp.</p>", TERMS)) == []
    assert _details(explain_html("<p>Your ISF.</p>", TERMS)) == ["What ‘ISF’ means"]


def test_not_inside_links_headings_labels_or_buttons_but_later_in_the_text():
    html = (
        '<h1>Your direct payment</h1><a href="/x">direct payment account</a>'
        "<label>Direct payment</label><button>Stop the direct payment</button>"
        '<span class="govuk-visually-hidden">direct payment</span><p>About your direct payment.</p>'
    )
    out = explain_html(html, TERMS)
    soup = BeautifulSoup(str(out), "html.parser")
    assert _details(out) == ["What ‘direct payment’ means"]
    assert soup.find("details").find_previous_sibling().get_text() == "About your direct payment."
    assert soup.h1.get_text() == "Your direct payment"
    assert soup.find("a").get_text() == "direct payment account"


def test_a_word_inside_another_word_is_not_a_term():
    assert _details(explain_html("<p>Multi-direct paymentless DPs_x</p>", TERMS)) == []


def test_meanings_and_page_text_stay_escaped():
    out = str(explain_html("<p>a &lt;b&gt; direct payment</p>", TERMS))
    assert "&lt;b&gt;" in out
    assert "<so>" not in out
    assert "Money paid to you &lt;so&gt; you arrange support &amp; choose." in out


def test_in_a_list_or_a_table_cell_the_meaning_goes_inside_it():
    out = explain_html("<ul><li>a direct payment</li></ul><table><tr><td>ISF</td></tr></table>", TERMS)
    soup = BeautifulSoup(str(out), "html.parser")
    assert soup.li.details is not None
    assert soup.td.details is not None


def test_easy_read_pages_use_the_easy_read_meaning_and_letters_print_it():
    out = str(explain_html("<p>Your direct payment.</p>", TERMS, easy_read=True))
    assert "Money to pay for your support." in out
    letter = BeautifulSoup(str(explain_html("<p>Your direct payment.</p>", TERMS, letter=True)), "html.parser")
    assert letter.find("details") is None
    note = letter.find("p", class_="term-meaning")
    assert note.get_text().startswith("What ‘Direct payment’ means: Money paid to you")


def test_nothing_to_explain_leaves_the_page_as_it_was():
    assert str(explain_html("<p>Hello</p>", [])) == "<p>Hello</p>"


@pytest.mark.django_db
def test_a_visitor_and_a_citizen_see_terms_explained_and_staff_do_not(client, citizen_client, social_worker_client):
    for reader in (client, citizen_client):
        page = reader.get("/guide/how-budgets-are-worked-out/").content.decode()
        assert "What ‘indicative budget’ means" in page
        assert page.count("What ‘indicative budget’ means") == 1
        assert 'href="/guide/jargon-buster/#indicative-budget"' in page
    staff = social_worker_client.get("/guide/how-budgets-are-worked-out/").content.decode()
    assert "What ‘indicative budget’ means" not in staff


@pytest.mark.django_db
def test_the_jargon_buster_does_not_explain_itself_and_gives_each_term_an_anchor(client):
    page = client.get("/guide/jargon-buster/").content.decode()
    assert "govuk-details" not in page
    assert 'id="direct-payment"' in page
    assert 'id="minimum-income-guarantee"' in page
    assert "No further action" not in page
    easy = client.get("/guide/jargon-buster/easy-read/").content.decode()
    assert "Money from the council so you can choose and pay for your own support." in easy


@pytest.mark.django_db
def test_staff_only_terms_are_not_explained_to_citizens():
    from ownway.ui.explain import glossary_terms

    everyone = [t.term for t in glossary_terms() if t.for_everyone]
    assert "No further action" not in everyone
    assert _details(explain_html("<p>NFA was recorded.</p>")) == []


@pytest.mark.django_db
def test_a_decision_letter_explains_its_terms_and_regulation_numbers(social_worker, social_worker_client, person):
    from ownway.assessments.tests.test_letters_to_the_person import _decided, _pdf

    assessment = _decided(social_worker, person)
    letter = _pdf(social_worker_client.get(f"/assessments/{assessment.pk}/letter.pdf"))
    assert "What ‘Regulation’ means:" in letter
    assert "What ‘Support plan’ means:" in letter
    assert letter.count("What ‘Regulation’ means:") == 1


def test_a_regulation_number_is_explained_where_it_first_appears():
    reg = ExplainedTerm(
        slug="regulation", term="Regulation", names=("Regulation", "reg"), meaning="A numbered rule.",
        easy_read_meaning="", href="/guide/jargon-buster/#regulation",
    )  # fmt: skip
    out = explain_html("<ul><li>Two outcomes (reg 2(1)(b)).</li><li>Impact (reg 2(1)(c)).</li></ul>", [reg])
    assert _details(out) == ["What ‘reg’ means"]


def test_hints_error_messages_and_table_headers_keep_their_words():
    html = (
        '<div class="govuk-hint">Your direct payment</div><span class="govuk-error-message">direct payment</span>'
        "<table><caption>Direct payment</caption><tr><th>Direct payment</th><td>£10</td></tr></table>"
    )
    assert _details(explain_html(html, TERMS)) == []


@pytest.mark.django_db
def test_an_easy_read_page_explains_its_terms_in_easy_read(client):
    page = client.get("/report-abuse/easy-read/").content.decode()
    assert "What ‘Abuse’ means" in page
    assert "When someone hurts you or treats you badly." in page
    assert "When someone harms an adult" not in page


def test_the_rest_of_the_page_comes_back_exactly_as_it_was():
    html = "<div>\n<p>It&#39;s\u2028 your <br>direct payment &amp; more.</p>\n<p>Unclosed ISF"
    out = str(explain_html(html, TERMS))
    assert re.sub(r"<details.*?</details>", "", out) == html
    assert out.startswith("<div>\n<p>It&#39;s\u2028 your <br>direct payment &amp; more.</p><details")
    assert out.endswith("</details>")
    assert _details(out) == ["What ‘direct payment’ means", "What ‘ISF’ means"]


def test_not_inside_a_coloured_panel_or_banner_whose_background_a_link_colour_cannot_be_read_on():
    """A GOV.UK panel (green) and a notification banner keep their text: a details link in them would fail the
    WCAG 2.2 AA contrast ratio (1.13:1 for link blue on panel green); the term is explained later on the page."""
    html = (
        '<div class="govuk-panel"><div class="govuk-panel__body"><p>Your direct payment</p></div></div>'
        '<div class="govuk-notification-banner"><p>A direct payment was set up.</p></div>'
        "<p>About your direct payment.</p>"
    )
    out = explain_html(html, TERMS)
    soup = BeautifulSoup(str(out), "html.parser")
    assert _details(out) == ["What ‘direct payment’ means"]
    assert soup.find("details").find_previous_sibling().get_text() == "About your direct payment."

from ownway.accounts.models import Team
from ownway.core.text import shortened, too_long, too_long_for, without_control_characters


def test_control_characters_become_spaces():
    assert without_control_characters("Ada\x00Lovelace\x07") == "Ada Lovelace "
    assert without_control_characters("two\nlines\tand a tab") == "two lines and a tab"
    assert without_control_characters("two\nlines\tand a tab", keep_lines=True) == "two\nlines\tand a tab"
    assert without_control_characters("Zoë Ní Bhriain-Øster 你好") == "Zoë Ní Bhriain-Øster 你好"


def test_too_long_for_reads_the_length_from_the_column():
    assert too_long_for(Team, "name", "x" * 120, "The team's name") is None
    assert too_long_for(Team, "name", "x" * 121, "The team's name") == "The team's name must be 120 characters or fewer"
    assert too_long_for(Team, "id", "x" * 1000, "The id") is None  # not a text column


def test_too_long_counts_against_a_limit_the_council_sets():
    assert too_long("x" * 5000, 5000, "What is working") is None
    assert too_long("x" * 5001, 5000, "What is working") == "What is working must be 5,000 characters or fewer"


def test_shortened_cuts_at_a_word_and_says_so():
    assert shortened("Pays the choir", 20) == "Pays the choir"
    assert shortened("Pays the choir directly, every week", 20) == "Pays the choir…"
    assert len(shortened("x" * 500, 300)) == 300

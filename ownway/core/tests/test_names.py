"""Names found whatever their accents, case, or the order and joining of their parts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ownway.core.names import fold_accents, key_matches, name_key, query_words


def test_accents_and_letters_of_other_alphabets_fold_to_plain_latin():
    assert fold_accents("Zoë Ní Bhriain-Øster") == "Zoe Ni Bhriain-Oster"
    assert fold_accents("Łukasz Wiśniewski, Straße, Æsa, Œil, Þór, Đorđe") == (
        "Lukasz Wisniewski, Strasse, AEsa, OEil, THor, Dorde"
    )
    assert fold_accents("李小龍 Γιώργος محمد") == "李小龍 Γιωργος محمد"  # other scripts are kept, accents dropped


def test_a_name_key_holds_each_part_and_each_joined_name_once():
    assert name_key("Zoë", "", "Ní Bhriain-Øster") == "zoe ni bhriain oster nibhriainoster bhriainoster"
    assert name_key("Seán", "O'Brien") == "sean o brien obrien"
    assert name_key("Ann", "Ann") == "ann"


def test_each_word_typed_must_begin_some_part_of_the_name():
    key = name_key("Zoë", "", "Ní Bhriain-Øster")
    assert key_matches(key, query_words("Zoe"))
    assert key_matches(key, query_words("Bhriain"))
    assert key_matches(key, query_words("ZOË NÍ BH"))
    assert key_matches(key, query_words("oster zoe"))
    assert key_matches(key, query_words("Bhriain-Øster"))
    assert key_matches(key, query_words("z n b"))  # initials
    assert not key_matches(key, query_words("Zoey"))
    assert not key_matches(key, query_words("riain"))  # inside a part, not its beginning
    assert key_matches(name_key("Seán", "O'Brien"), query_words("obrien"))
    assert key_matches(name_key("Seán", "O'Brien"), query_words("o'bri"))
    assert query_words("  ") == []


@given(st.text(min_size=1, max_size=30))
def test_any_name_is_found_by_itself(name):
    key = name_key(name)
    words = query_words(name)
    assert key_matches(key, words) or not words

"""A name search reads the index of name words, not every person, on both databases."""

from django.db import connection

from ownway.people.models import PersonNameWord
from ownway.people.selectors import PersonQuery, person_name_condition, person_search_for_user
from ownway.people.tests.factories import PersonFactory


def _plan(queryset) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The test tables are too small for the planner to prefer an index: forbid reading every row, so the
            # plan shows whether the index can serve the search at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_a_name_search_is_served_by_the_index_of_name_words(social_worker):
    PersonFactory(first_name="Zoë", last_name="Smith-Øster", team=social_worker.team)
    PersonFactory(first_name="Ann", last_name="Smithers", team=social_worker.team)
    found = person_search_for_user(user=social_worker, query=PersonQuery(text="smith"))
    plan = _plan(PersonNameWord.objects.filter(word__prefix="smith"))
    assert "person_name_word" in plan, plan
    assert "Seq Scan on people_personnameword" not in plan
    assert sorted(p.last_name for p in found) == ["Smith-Øster", "Smithers"]
    # The search itself goes through the words (which index the planner picks for it on these tiny test tables
    # depends on their statistics; at the size of a council it is the one above: see benchmarks/load.py).
    search_plan = _plan(found)
    assert "people_personnameword" in search_plan or "person_name_word" in search_plan, search_plan


def test_the_prefix_of_a_word_finds_the_words_it_begins_and_no_others(db):
    people = {name: PersonFactory(first_name="", last_name=name) for name in ("abc", "abd", "ab", "b", "Ωmega", "zz")}

    def found(text):
        from ownway.people.models import Person

        return sorted(Person.objects.filter(person_name_condition(text)).values_list("last_name", flat=True))

    assert found("ab") == ["ab", "abc", "abd"]
    assert found("abc") == ["abc"]
    assert found("ωm") == ["Ωmega"]
    assert found("z") == ["zz"]
    assert found("a%") == []
    assert found("_b") == []
    assert len(people) == 6

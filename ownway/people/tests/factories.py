import datetime as dt

import factory

from ownway.accounts.tests.factories import TeamFactory
from ownway.people.models import CodeValue, Person
from ownway.people.services import person_name_words_write


def code(list_name: str, code_value: str) -> CodeValue:
    return CodeValue.objects.get(list=list_name, code=code_value)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    reference = factory.Sequence(lambda n: f"T{n:07d}")
    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = "Testperson"
    date_of_birth = dt.date(1950, 6, 4)
    postcode = "B1 1BB"
    team = factory.SubFactory(TeamFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved with its search key, as the services that save a person write it."""
        person = model_class(*args, **kwargs)
        person.search_name = person.name_key()
        person.save()
        person_name_words_write([person], new=True)
        return person

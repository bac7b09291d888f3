from django.core.management.base import BaseCommand

from ownway.people.code_lists import load_code_lists
from ownway.people.models import CodeValue


class Command(BaseCommand):
    help = "Load or refresh the national code lists (CLD) from ownway/people/data/code_lists.json."

    def handle(self, *args: object, **options: object) -> None:
        count = load_code_lists(CodeValue)
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} code values."))

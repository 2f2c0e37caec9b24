from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from agencies.regions import load_regions


class Command(BaseCommand):
    help = "Load Kemendagri codes of provinces and kabupaten/kota (all, or the ones named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("codes", nargs="*", help="Codes such as 81.71; none loads every region")

    def handle(self, *args: Any, codes: list[str], **options: Any) -> None:
        count = load_regions(codes=set(codes) if codes else None)
        self.stdout.write(self.style.SUCCESS(f"{count} regions loaded"))

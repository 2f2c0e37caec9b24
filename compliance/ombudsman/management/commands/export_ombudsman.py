import csv
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from compliance.ombudsman.selectors import EXPORT_HEADERS, export_rows


class Command(BaseCommand):
    help = "Print Ombudsman assessments as CSV: agency,name,year,method,score,zone,grade."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args: Any, year: int | None, **options: Any) -> None:
        writer = csv.writer(self.stdout)
        writer.writerow(EXPORT_HEADERS)
        writer.writerows(export_rows(year=year))

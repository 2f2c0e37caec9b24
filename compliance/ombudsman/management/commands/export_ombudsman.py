import csv
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from compliance.ombudsman.exports import ASSESSMENTS, assessment_rows
from compliance.ombudsman.models import Assessment
from core.exports import csv_cell


class Command(BaseCommand):
    help = "Print Ombudsman assessments as CSV, in the columns of the assessments download."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args: Any, year: int | None, **options: Any) -> None:
        assessments = Assessment.objects.all() if year is None else Assessment.objects.filter(year=year)
        writer = csv.writer(self.stdout)
        # Cells are escaped as in every download: a name starting with "=" stays text in a spreadsheet.
        writer.writerow(ASSESSMENTS.headers)
        for row in ASSESSMENTS.rows(assessment_rows(assessments)):
            writer.writerow([csv_cell(value) for value in row])

import csv
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from agencies.models import Agency
from compliance.quota import services
from compliance.quota.models import QuotaState


class Command(BaseCommand):
    help = "Run the quota sweep in the foreground and print every agency's status (the daily job does the same)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=None, help="Year to check (default: this year)")
        parser.add_argument("--dry-run", action="store_true", help="Compute and print, write nothing, send nothing")
        parser.add_argument("--format", choices=["table", "csv"], default="table")
        parser.add_argument("--all", action="store_true", help="Also list agencies that are not subject")

    def handle(self, *args: Any, year: int | None, dry_run: bool, format: str, **options: Any) -> None:
        year = year or timezone.localdate().year
        if not 2000 <= year <= 2100:
            raise CommandError(f"{year} is not a plausible year")
        result = services.quota_sweep(year=year, dry_run=dry_run)
        agencies = Agency.objects.in_bulk(list(result.statuses))
        rows = sorted(
            (
                (agencies[a].code, agencies[a].name, status, count)
                for a, (status, count) in result.statuses.items()
                if options["all"] or status != QuotaState.NOT_SUBJECT
            ),
            key=lambda r: (r[2], r[1]),
        )
        if format == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(["code", "name", "status", "count"])
            writer.writerows(rows)
            return
        width = max((len(r[1]) for r in rows), default=10)
        self.stdout.write(f"{'code':<16} {'name':<{width}} {'status':<15} count")
        for code, name, status, count in rows:
            self.stdout.write(f"{code:<16} {name:<{width}} {status:<15} {count}")
        summary = ", ".join(f"{s}: {sum(1 for r in rows if r[2] == s)}" for s in QuotaState.values)
        self.stdout.write(
            f"\n{year}: {summary}"
            + (
                " (dry run: nothing written)"
                if dry_run
                else f"; {len(result.changes)} changes, {result.notifications} notifications"
            )
        )
        sys.stdout.flush()

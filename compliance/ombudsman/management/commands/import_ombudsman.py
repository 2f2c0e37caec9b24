from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import Region
from compliance.ombudsman.imports import IMPORTER
from core.imports import batch_commit, batch_preview, check_table
from core.tabular import TableError, read_table


class Command(BaseCommand):
    help = "Import Ombudsman assessments from CSV or XLSX: every row is checked, and all are saved or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--region", default=None, help="Kemendagri code (default: the only region with agencies)")
        parser.add_argument("--dry-run", action="store_true", help="Check and print, save nothing")
        parser.add_argument("--update", action="store_true", help="Replace existing assessments (kept as corrections)")

    def handle(self, *args: Any, file: Path, region: str | None, dry_run: bool, update: bool, **options: Any) -> None:
        regions = Region.objects.filter(agencies__isnull=False).distinct()
        target = regions.filter(code=region).first() if region else (regions.first() if regions.count() == 1 else None)
        if target is None:
            raise CommandError("Name the region with --region CODE (for example --region 81.71).")
        try:
            with file.open("rb") as handle:
                table = read_table(
                    handle,
                    max_bytes=settings.IMPORT_MAX_BYTES,
                    max_rows=settings.IMPORT_MAX_ROWS,
                    aliases=dict(IMPORTER.aliases),
                )
        except (OSError, TableError) as exc:
            raise CommandError(str(exc)) from exc
        import_options = {"update_existing": update}
        if dry_run:
            # A dry run keeps no batch: it is a check, not an import that could be confirmed later.
            batch = None
            rows, errors = check_table(importer=IMPORTER, scope=target, table=table, options=import_options)
        else:
            batch = batch_preview(
                importer=IMPORTER, scope_id=target.pk, table=table, filename=file.name, by=None, options=import_options
            )
            rows, errors = batch.rows, batch.errors
        for error in errors:
            self.stderr.write(f"baris {error['row']}, kolom {error['column']}: {error['message']}")
        if errors:
            raise CommandError(f"{len(errors)} errors: nothing was imported.")
        for row in rows:
            self.stdout.write(
                f"{row['line']:>5} {row['agency']:<16} {row['year']} {row['method']:<15} "
                f"{row['score']:>8} {row['derived_zone']:<7} {row['derived_grade']}"
            )
        if batch is None:
            self.stdout.write(f"{len(rows)} rows are valid (dry run: nothing saved).")
            return
        try:
            saved = batch_commit(batch=batch, by=None)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"{len(saved)} assessments imported."))

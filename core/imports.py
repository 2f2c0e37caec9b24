"""The one import flow: upload a table, check every row, preview it, then save all rows or none.

An app describes its table once as an `Importer` (columns, Indonesian aliases, how to check rows and how to save
them) and registers it here by its `kind`; `batch_preview` and `batch_commit` run every import the same way, and
core.import_views gives every import the same two pages. Core names no app: each app's `imports` module
registers its importers, and those modules are loaded the first time an importer is looked up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import IO, Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import outbox
from core.models import ImportBatch
from core.tabular import Limits, Table, TableError, parse_table, precheck, read_bytes

#: {"row": line in the file (the header is 1), "column": the canonical column name, "message": for the uploader}
Error = dict[str, Any]
#: (line in the file, values by canonical column name), as core.tabular.read_table gives them.
TableRows = list[tuple[int, dict[str, str]]]


class Importer(Protocol):
    """One kind of table people upload. Every method is called with the scope object (`scope_for`)."""

    @property
    def kind(self) -> str:
        """Stable slug stored in ImportBatch.kind ("agencies", "ombudsman", "skm")."""
        ...

    @property
    def columns(self) -> Sequence[str]:
        """The canonical column names; a previewed row keeps these (and "line") so that it can be checked again."""
        ...

    @property
    def required(self) -> Sequence[str]:
        """Columns the header must have; a header without them gives row-1 errors and no row is checked."""
        ...

    @property
    def aliases(self) -> Mapping[str, str]:
        """Other spellings of the header (Indonesian) -> the canonical name."""
        ...

    @property
    def labels(self) -> Mapping[str, Any]:
        """How a column is called on screen, where that is not its canonical name."""
        ...

    def validate(
        self, rows: TableRows, *, scope: Any, options: Mapping[str, Any]
    ) -> tuple[list[dict[str, Any]], list[Error]]:
        """Check every row against the file and today's database: (rows for the preview, errors). Writes
        nothing. Each preview row is a dict with its "line" and the values of `columns`."""
        ...

    def save(self, rows: list[dict[str, Any]], *, scope: Any, options: Mapping[str, Any], by: Any) -> list[Any]:
        """Write the rows `validate` has just passed; runs inside the commit's transaction. Returns what it made."""
        ...

    def scope_for(self, batch: ImportBatch) -> Any:
        """The object (region, agency) the batch's `scope_id` names."""
        ...

    def may_import(self, user: Any, scope: Any) -> bool: ...


_IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    """Add (or replace: importing a module twice changes nothing) the importer of a kind."""
    _IMPORTERS[importer.kind] = importer
    return importer


def importer_for(kind: str) -> Importer:
    if kind not in _IMPORTERS:
        autodiscover_modules("imports")
    return _IMPORTERS[kind]


def check_table(
    *, importer: Importer, scope: Any, table: Table, options: Mapping[str, Any]
) -> tuple[list[dict[str, Any]], list[Error]]:
    """The rows of an uploaded table checked for the preview: (rows, errors). Writes nothing."""
    missing = [c for c in importer.required if c not in table.headers]
    if missing:
        return [], [
            {"row": 1, "column": c, "message": _("The header has no column '%(column)s'.") % {"column": c}}
            for c in missing
        ]
    return importer.validate(table.rows, scope=scope, options=options)


def batch_preview(
    *,
    importer: Importer,
    scope_id: int,
    table: Table,
    filename: str,
    by: Any,
    options: Mapping[str, Any] | None = None,
) -> ImportBatch:
    """Check an uploaded table and keep it for the preview. Side effects: creates the batch (status ready, or
    invalid with its errors); saves nothing else."""
    batch = ImportBatch(
        kind=importer.kind, scope_id=scope_id, filename=filename[:255], options=dict(options or {}), created_by=by
    )
    batch.rows, batch.errors = check_table(
        importer=importer, scope=importer.scope_for(batch), table=table, options=batch.options
    )
    batch.status = ImportBatch.Status.INVALID if batch.errors else ImportBatch.Status.READY
    batch.save()
    return batch


class _ChangedSincePreview(Exception):
    def __init__(self, errors: list[Error]) -> None:
        self.errors = errors


def batch_commit(*, batch: ImportBatch, by: Any) -> list[Any]:
    """Save every previewed row in one transaction, after checking them again against today's database.

    Side effects, in order: locks the batch; refuses (ValidationError) unless it is ready; writes every row
    through its importer; marks the batch saved. When a row has become invalid since the preview nothing is
    written: the batch keeps the new errors, becomes invalid, and a ValidationError says the data changed.
    A ValidationError raised by the importer's save rolls everything back and leaves the batch ready.
    """
    try:
        return _commit(pk=batch.pk, by=by)
    except _ChangedSincePreview as changed:
        ImportBatch.objects.filter(pk=batch.pk).update(errors=changed.errors, status=ImportBatch.Status.INVALID)
        raise ValidationError(_("The data changed since the preview; see the errors below.")) from None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


@transaction.atomic
def _commit(*, pk: int, by: Any) -> list[Any]:
    batch = ImportBatch.objects.select_for_update().get(pk=pk)
    if batch.status != ImportBatch.Status.READY:
        raise ValidationError(_("This import cannot be saved (it has errors or was saved already)."))
    importer = importer_for(batch.kind)
    scope = importer.scope_for(batch)
    columns = list(importer.columns)  # once: an importer may read its columns from data (Ombudsman dimensions)
    table_rows = [(row["line"], {c: _text(row.get(c)) for c in columns}) for row in batch.rows]
    rows, errors = importer.validate(table_rows, scope=scope, options=batch.options)
    if errors:
        raise _ChangedSincePreview(errors)
    saved = importer.save(rows, scope=scope, options=batch.options, by=by)
    batch.status = ImportBatch.Status.SAVED
    batch.saved_at = timezone.now()
    batch.save(update_fields=["status", "saved_at"])
    return saved


# --- reading the uploaded file ------------------------------------------------------------------------------------

#: A file whose reading killed the worker this many times is given up (the broker would hand it out forever).
MAX_READ_ATTEMPTS = 3


def batch_upload(
    *,
    importer: Importer,
    scope_id: int,
    upload: IO[bytes],
    filename: str,
    by: Any,
    options: Mapping[str, Any] | None = None,
) -> ImportBatch:
    """Take an uploaded table. What can be refused without parsing is refused at once (TableError, for the form);
    a small file is read and checked now (`batch_preview`); a larger one is kept in a batch "being read" and read
    by a worker, so that no request spends seconds in a spreadsheet.

    Side effects (larger file), in order: the batch with the file's bytes; an outbox row of `core.read_import`.
    """
    limits = Limits.from_settings()
    data = read_bytes(upload, max_bytes=limits.max_bytes)
    if precheck(data, limits) <= settings.IMPORT_INLINE_MAX_BYTES:
        table = parse_table(data, limits, aliases=dict(importer.aliases))
        return batch_preview(
            importer=importer, scope_id=scope_id, table=table, filename=filename, by=by, options=options
        )
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind=importer.kind,
            scope_id=scope_id,
            filename=filename[:255],
            options=dict(options or {}),
            created_by=by,
            status=ImportBatch.Status.READING,
            source=data,
        )
        outbox.enqueue("core.read_import", batch_id=batch.pk, language=get_language())
    return batch


def batch_read(*, batch_id: int) -> ImportBatch | None:
    """Read and check a batch's file in the worker (see `batch_upload`). Safe to run twice or after a crash.

    Side effects, in order: counts the attempt (committed on its own, so that a reading that kills the worker
    still counts); locks the batch (another worker holding it: returns None); parses within the caps and time
    budget of core.tabular.Limits; stores the checked rows and errors (ready or invalid) or the reason it could
    not be read (unreadable); forgets the file's bytes.
    """
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.READING).update(
        attempts=F("attempts") + 1, updated=timezone.now()
    )
    if not claimed:
        return None
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update(skip_locked=True)
            .filter(pk=batch_id, status=ImportBatch.Status.READING)
            .first()
        )
        if batch is None:
            return None
        importer = importer_for(batch.kind)
        try:
            if batch.attempts > MAX_READ_ATTEMPTS:
                raise TableError(
                    _("Reading this file stopped several times. Check the file or split it, then upload it again.")
                )
            table = parse_table(bytes(batch.source or b""), Limits.from_settings(), aliases=dict(importer.aliases))
        except TableError as exc:
            batch.status, batch.problem = ImportBatch.Status.UNREADABLE, str(exc)
        else:
            batch.rows, batch.errors = check_table(
                importer=importer, scope=importer.scope_for(batch), table=table, options=batch.options
            )
            batch.status = ImportBatch.Status.INVALID if batch.errors else ImportBatch.Status.READY
        batch.source = None
        batch.updated = timezone.now()
        batch.save()
    return batch

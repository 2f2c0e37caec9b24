"""The one import flow: upload a table, check every row, preview it, then save all rows or none.

An app describes its table once as an `Importer` (columns, Indonesian aliases, how to check rows and how to save
them) and registers it here by its `kind`; `batch_preview` and `batch_commit` run every import the same way, and
core.import_views gives every import the same two pages. Core names no app: each app's `imports` module
registers its importers, and those modules are loaded the first time an importer is looked up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from core.models import ImportBatch
from core.tabular import Table

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
    table_rows = [(row["line"], {c: _text(row.get(c)) for c in importer.columns}) for row in batch.rows]
    rows, errors = importer.validate(table_rows, scope=scope, options=batch.options)
    if errors:
        raise _ChangedSincePreview(errors)
    saved = importer.save(rows, scope=scope, options=batch.options, by=by)
    batch.status = ImportBatch.Status.SAVED
    batch.saved_at = timezone.now()
    batch.save(update_fields=["status", "saved_at"])
    return saved

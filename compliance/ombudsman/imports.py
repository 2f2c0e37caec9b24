"""Ombudsman results files on the one import flow (core.imports): the rows of one region, checked with the zone
and grade each would get, then saved all or none; with `update_existing`, replacing results kept as corrections."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agencies.models import Region, User
from compliance.ombudsman.services.assessments import (
    REQUIRED,
    assessments_import_check,
    assessments_save,
    import_columns,
)
from core.imports import Error, TableRows, register
from core.models import ImportBatch

KIND = "ombudsman"
#: Indonesian column names accepted as well as the English ones.
ALIASES = {
    "instansi": "agency",
    "kode_instansi": "agency",
    "tahun": "year",
    "metode": "method",
    "nilai": "score",
    "zona": "zone",
    "tanggal_terbit": "published",
    "tautan_sumber": "source_url",
    "catatan": "note",
}


class AssessmentImporter:
    kind = KIND
    required = REQUIRED
    aliases = ALIASES
    #: The columns are shown as they are written in the file.
    labels: Mapping[str, Any] = {}

    @property
    def columns(self) -> list[str]:
        """The fixed columns and one per dimension slug of any method (rows of data, so read each time)."""
        return import_columns()

    def validate(
        self, rows: TableRows, *, scope: Region, options: Mapping[str, Any]
    ) -> tuple[list[dict[str, Any]], list[Error]]:
        return assessments_import_check(
            region=scope, table_rows=rows, update_existing=bool(options.get("update_existing", False))
        )

    def save(
        self, rows: list[dict[str, Any]], *, scope: Region, options: Mapping[str, Any], by: User | None
    ) -> list[Any]:
        columns = self.columns
        table_rows = [(row["line"], {c: row.get(c, "") for c in columns}) for row in rows]
        return assessments_save(region=scope, table_rows=table_rows, by=by)

    def scope_for(self, batch: ImportBatch) -> Region:
        return Region.objects.get(pk=batch.scope_id)

    def may_import(self, user: Any, scope: Region) -> bool:
        return bool(user.has_perm("compliance.import_assessments", scope))


IMPORTER = register(AssessmentImporter())

"""Import agencies from a table, on the one import flow of core.imports: every row checked for the preview, then
all rows saved or none."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Upper
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.codes import village_code_problem
from agencies.models import Agency, AgencyChange, AgencyType, Region, User
from agencies.services import agency_create
from core.imports import register
from core.models import ImportBatch
from core.tabular import normalise_header, parse_date

KIND = "agencies"
COLUMNS = ["code", "name", "type", "parent", "kemendagri_code", "head_name", "head_title", "active_from", "email"]
REQUIRED = ["code", "name", "type"]
#: How each column is called on screen; the file itself may use either these or the English slugs.
COLUMN_LABELS = {
    "code": gettext_lazy("code"),
    "name": gettext_lazy("name"),
    "type": gettext_lazy("type"),
    "parent": gettext_lazy("parent"),
    "kemendagri_code": gettext_lazy("Kemendagri code"),
    "head_name": gettext_lazy("head's name"),
    "head_title": gettext_lazy("head's title"),
    "active_from": gettext_lazy("active from"),
    "email": gettext_lazy("email"),
}
#: Indonesian column names accepted as well as the English ones.
ALIASES = {
    "kode": "code",
    "nama": "name",
    "jenis": "type",
    "induk": "parent",
    "kode_kemendagri": "kemendagri_code",
    "pimpinan": "head_name",
    "nama_pimpinan": "head_name",
    "jabatan_pimpinan": "head_title",
    "aktif_sejak": "active_from",
}
KEMENDAGRI_RE = re.compile(r"^[0-9]{2}\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?$")
Error = dict[str, Any]


def _types_by_key() -> dict[str, AgencyType]:
    found: dict[str, AgencyType] = {}
    for agency_type in AgencyType.objects.all():
        found[agency_type.slug.lower()] = agency_type
        found[agency_type.name.lower()] = agency_type
        if agency_type.name_en:
            found[agency_type.name_en.lower()] = agency_type
    return found


def validate_rows(
    *, region: Region, table_rows: list[tuple[int, dict[str, str]]]
) -> tuple[list[dict[str, Any]], list[Error]]:
    """Check every row against the file and the database. Returns (rows for preview, errors)."""
    errors: list[Error] = []

    def error(line: int, column: str, message: str) -> None:
        errors.append({"row": line, "column": column, "message": message})

    types = _types_by_key()
    existing_codes = {c.upper() for c in Agency.objects.filter(region=region).values_list(Upper("code"), flat=True)}
    existing_kemendagri = set(Agency.objects.exclude(kemendagri_code=None).values_list("kemendagri_code", flat=True))
    codes_in_file: dict[str, int] = {}
    kemendagri_in_file: dict[str, int] = {}
    preview: list[dict[str, Any]] = []

    for line, values in table_rows:
        row: dict[str, Any] = {column: (values.get(column) or "").strip() for column in COLUMNS}
        row["line"] = line
        for column in REQUIRED:
            if not row[column]:
                error(line, column, _("This column must be filled."))
        code = row["code"].upper()
        if code:
            if len(code) > 40:
                error(line, "code", _("The code is longer than 40 characters."))
            if code in existing_codes:
                error(
                    line,
                    "code",
                    _("An agency with code %(code)s already exists in this region.") % {"code": row["code"]},
                )
            if code in codes_in_file:
                error(
                    line,
                    "code",
                    _("Code %(code)s also appears in row %(other)d.")
                    % {"code": row["code"], "other": codes_in_file[code]},
                )
            codes_in_file.setdefault(code, line)
        if row["type"]:
            agency_type = types.get(row["type"].lower())
            if agency_type is None:
                choices = ", ".join(sorted(t.slug for t in AgencyType.objects.all()))
                error(
                    line,
                    "type",
                    _("Unknown agency type '%(type)s'. Use one of: %(choices)s.")
                    % {"type": row["type"], "choices": choices},
                )
            else:
                row["type_slug"] = agency_type.slug
                row["type_name"] = agency_type.name
        kemendagri = row["kemendagri_code"]
        if kemendagri:
            if not KEMENDAGRI_RE.match(kemendagri):
                error(
                    line,
                    "kemendagri_code",
                    _("'%(value)s' is not a Kemendagri code like 81.71.02.1010.") % {"value": kemendagri},
                )
            elif not kemendagri.startswith(region.code + "."):
                error(
                    line,
                    "kemendagri_code",
                    _("Code %(value)s is not inside region %(region)s.") % {"value": kemendagri, "region": region.code},
                )
            if kemendagri in existing_kemendagri:
                error(
                    line,
                    "kemendagri_code",
                    _("Kemendagri code %(value)s already belongs to another agency.") % {"value": kemendagri},
                )
            if kemendagri in kemendagri_in_file:
                error(
                    line,
                    "kemendagri_code",
                    _("Kemendagri code %(value)s also appears in row %(other)d.")
                    % {"value": kemendagri, "other": kemendagri_in_file[kemendagri]},
                )
            kemendagri_in_file.setdefault(kemendagri, line)
        if row["active_from"]:
            try:
                row["active_from"] = parse_date(row["active_from"]).isoformat()
            except ValueError:
                error(
                    line,
                    "active_from",
                    _("'%(value)s' is not a date; write it as 2026-01-31 or 31/01/2026.")
                    % {"value": row["active_from"]},
                )
        if row["email"]:
            try:
                validate_email(row["email"])
            except ValidationError:
                error(line, "email", _("'%(value)s' is not an email address.") % {"value": row["email"]})
        if len(row["name"]) > 200:
            error(line, "name", _("The name is longer than 200 characters."))
        preview.append(row)

    # Parents: an existing agency of the region, or a row of this file (in any order, without cycles).
    parent_lines = {row["code"].upper(): row for row in preview if row["code"]}
    for row in preview:
        parent = row["parent"].upper()
        if not parent:
            continue
        if parent == row["code"].upper():
            error(row["line"], "parent", _("An agency cannot be its own parent."))
        elif parent not in existing_codes and parent not in parent_lines:
            error(
                row["line"],
                "parent",
                _("No agency with code %(code)s in this region or in this file.") % {"code": row["parent"]},
            )
    # A village's code against its kind and its kecamatan (the parent's code, from the database or this file).
    parent_codes = dict(
        Agency.objects.filter(region=region).exclude(kemendagri_code=None).values_list(Upper("code"), "kemendagri_code")
    )
    for row in preview:
        if row["kemendagri_code"] and row.get("type_slug") and KEMENDAGRI_RE.match(row["kemendagri_code"]):
            parent = row["parent"].upper()
            in_file = parent_lines.get(parent)
            problem = village_code_problem(
                code=row["kemendagri_code"],
                type_slug=row["type_slug"],
                type_name=row["type_name"],
                parent_code=(in_file["kemendagri_code"] or None) if in_file else parent_codes.get(parent),
            )
            if problem:
                error(row["line"], "kemendagri_code", problem)
    for row in preview:
        seen = set()
        cursor: dict[str, Any] | None = row
        while cursor is not None and cursor["parent"]:
            key = cursor["code"].upper()
            if key in seen:
                error(row["line"], "parent", _("The parents of this row form a loop."))
                break
            seen.add(key)
            cursor = parent_lines.get(cursor["parent"].upper())
    errors.sort(key=lambda e: (e["row"], COLUMNS.index(e["column"]) if e["column"] in COLUMNS else 99))
    return preview, errors


class AgencyImporter:
    """Agencies of one region (the scope), parents in the same region or in the same file."""

    kind = KIND
    columns = COLUMNS
    required = REQUIRED
    labels = COLUMN_LABELS

    @property
    def aliases(self) -> dict[str, str]:
        # A directory downloaded in either language reads back: its headers are these columns' labels.
        spelled: dict[str, str] = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                spelled.update({normalise_header(label): column for column, label in COLUMN_LABELS.items()})
        return {**spelled, **ALIASES}

    def validate(
        self, rows: list[tuple[int, dict[str, str]]], *, scope: Region, options: Mapping[str, Any]
    ) -> tuple[list[dict[str, Any]], list[Error]]:
        return validate_rows(region=scope, table_rows=rows)

    def save(self, rows: list[dict[str, Any]], *, scope: Region, options: Mapping[str, Any], by: User) -> list[Agency]:
        """Side effects: creates every agency, parents first, each with its "imported" change row."""
        types = {t.slug: t for t in AgencyType.objects.all()}
        by_code: dict[str, Agency] = {a.code.upper(): a for a in Agency.objects.filter(region=scope)}
        pending = list(rows)
        created: list[Agency] = []
        while pending:  # parents first; validation has ruled out loops and unknown parents
            ready = [r for r in pending if not r["parent"] or r["parent"].upper() in by_code]
            waiting = [r for r in pending if r["parent"] and r["parent"].upper() not in by_code]
            for row in ready:
                agency = agency_create(
                    by=by,
                    kind=AgencyChange.Kind.IMPORTED,
                    region=scope,
                    type=types[row["type_slug"]],
                    parent=by_code.get(row["parent"].upper()) if row["parent"] else None,
                    code=row["code"].upper(),
                    name=row["name"],
                    kemendagri_code=row["kemendagri_code"] or None,
                    head_name=row["head_name"],
                    head_title=row["head_title"],
                    email=row["email"],
                    active_from=row["active_from"] or None,
                )
                by_code[agency.code.upper()] = agency
                created.append(agency)
            pending = waiting
        return created

    def scope_for(self, batch: ImportBatch) -> Region:
        return Region.objects.get(pk=batch.scope_id)

    def may_import(self, user: Any, scope: Region) -> bool:
        return bool(user.has_perm("agencies.import_agencies", scope))


IMPORTER = register(AgencyImporter())

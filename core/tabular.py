"""Read an uploaded CSV or XLSX file into rows, checking the content rather than the file name.

Shared by every import of the project (agencies here; Ombudsman assessments and SKM answers later).
Errors are `TableError` with a message for the person who uploaded the file.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

# The writer moved to core.exports (one escaping writer for every download); these names stay importable only until
# the compliance and competition downloads import it from there (the lead switches them after merging).
from core.exports import csv_response, xlsx_response  # noqa: F401

XLSX_MAGIC = b"PK\x03\x04"


class TableError(Exception):
    pass


@dataclass
class Table:
    headers: list[str]
    #: (line number in the file, values by normalised column name); the header is line 1.
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def normalise_header(value: object) -> str:
    return str(value or "").strip().lower().replace(" ", "_").replace("-", "_")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


#: An XLSX is a zip: what it unpacks to is what costs memory, so that is what is capped.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COLUMNS = 40


def _read_xlsx(data: bytes, max_rows: int) -> list[list[str]]:
    from openpyxl import load_workbook

    invalid = _("The file is not a valid XLSX workbook. Save it again from Excel as .xlsx or as CSV.")
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile as exc:
        raise TableError(invalid) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError(_("The workbook is too large once unpacked. Split it into smaller files."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableError(invalid) from exc
    sheet = workbook.worksheets[0]
    # The header, the rows allowed and some blank lines; one past the limit is enough for it to be noticed.
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS, max_row=max_rows + 100)
    return [[_cell(v) for v in row] for row in rows]


def _read_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data[:4096]:
        raise TableError(_("The file is neither CSV nor XLSX. Upload a .csv (UTF-8) or .xlsx file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise TableError(_("The file's characters cannot be read. Save it as 'CSV UTF-8'.")) from exc
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to Indonesian write ';' between columns (the comma is the decimal mark).
    delimiter = max([",", ";", "\t"], key=first_line.count)
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def read_table(upload: IO[bytes], *, max_bytes: int, max_rows: int, aliases: dict[str, str] | None = None) -> Table:
    """Parse the upload; `aliases` maps other header spellings (e.g. Indonesian) to the canonical names."""
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TableError(_("The file is larger than %(size)d MB.") % {"size": max_bytes // (1024 * 1024)})
    if not data.strip():
        raise TableError(_("The file is empty."))
    lines = _read_xlsx(data, max_rows) if data.startswith(XLSX_MAGIC) else _read_csv(data)
    aliases = aliases or {}
    header_index = next((i for i, row in enumerate(lines) if any(row)), None)
    if header_index is None:
        raise TableError(_("The file is empty."))
    headers = [aliases.get(normalise_header(h), normalise_header(h)) for h in lines[header_index]]
    duplicates = sorted({h for h in headers if h and headers.count(h) > 1})
    if duplicates:
        raise TableError(_("These columns appear more than once: %(columns)s.") % {"columns": ", ".join(duplicates)})
    table = Table(headers=[h for h in headers if h])
    for offset, row in enumerate(lines[header_index + 1 :], start=header_index + 2):
        if not any(row):
            continue
        values = {h: (row[i] if i < len(row) else "") for i, h in enumerate(headers) if h}
        table.rows.append((offset, values))
        if len(table.rows) > max_rows:
            raise TableError(
                _("The file has more than %(rows)d rows. Split it into smaller files.") % {"rows": max_rows}
            )
    if not table.rows:
        raise TableError(_("The file has a header but no rows."))
    return table


def rows_with_errors(rows: list[dict[str, Any]], errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each previewed row (keyed by its file line) with the errors found on that line, for the preview table."""
    by_line: dict[int, list[dict[str, Any]]] = {}
    for error in errors:
        by_line.setdefault(error["row"], []).append(error)
    return [dict(row, errors=by_line.get(row["line"], [])) for row in rows]


def parse_date(value: str) -> datetime.date:
    """Accept 2026-01-31 (ISO, as spreadsheets export) and 31/01/2026 or 31-01-2026 (as people type)."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(value)

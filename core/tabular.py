"""Read an uploaded CSV or XLSX file into rows, checking the content rather than the file name.

Shared by every import of the project (agencies here; Ombudsman assessments and SKM answers later).
Errors are `TableError` with a message for the person who uploaded the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import IO, Any
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The writer moved to core.exports (one escaping writer for every download); these names stay importable only until
# the compliance and competition downloads import it from there (the lead switches them after merging).
from core.exports import csv_response, xlsx_response  # noqa: F401

XLSX_MAGIC = b"PK\x03\x04"
#: Excel 97-2003 (.xls) and other OLE2 compound files.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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


@dataclass(frozen=True)
class Limits:
    """What one uploaded table may cost the server. Checked before parsing where the file allows (an XLSX's zip
    directory says what each part unpacks to) and while parsing otherwise (rows, columns, cell length, time)."""

    max_bytes: int
    max_rows: int
    max_columns: int = 40
    max_cell_chars: int = 2000
    #: Any one part of an XLSX once unpacked (a worksheet of 20,000 rows x 40 columns is about 15 MB).
    max_part_bytes: int = 20 * 1024 * 1024
    #: The workbook's shared strings, which openpyxl reads whole before the first row.
    max_shared_strings_bytes: int = 8 * 1024 * 1024
    max_shared_strings: int = 200_000
    #: Unpacked/packed of one part: spreadsheets compress about 10x; a zip bomb compresses hundreds of times.
    max_ratio: int = 100
    seconds: float = 20.0

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=settings.IMPORT_MAX_BYTES,
            max_rows=settings.IMPORT_MAX_ROWS,
            max_cell_chars=settings.IMPORT_MAX_CELL_CHARS,
            max_part_bytes=settings.IMPORT_XLSX_MAX_PART_BYTES,
            max_shared_strings_bytes=settings.IMPORT_XLSX_MAX_SHARED_STRINGS_BYTES,
            seconds=settings.IMPORT_TIME_BUDGET_SECONDS,
        )


class _Clock:
    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise TableError(_("Reading the file took too long. Split it into smaller files."))


_INVALID_XLSX = gettext_lazy("The file is not a valid XLSX workbook. Save it again from Excel as .xlsx or as CSV.")
_TOO_BIG = gettext_lazy("The workbook is too large once unpacked. Split it into smaller files or save it as CSV.")
_SPREADSHEET_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
)
_SST_COUNT = re.compile(rb'uniqueCount="(\d+)"')


def check_xlsx(data: bytes, limits: Limits) -> int:
    """Refuse a workbook from its zip directory alone, before anything is unpacked: a zip bomb, a part larger than
    the caps, too many shared strings, a damaged [Content_Types].xml. Returns the unpacked size.

    The sizes in the directory cannot lie: zipfile stops at the declared size and checks the CRC."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableError(str(_INVALID_XLSX)) from exc
    for info in parts.values():
        if info.file_size > limits.max_part_bytes or info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise TableError(str(_TOO_BIG))
    if sum(info.file_size for info in parts.values()) > limits.max_part_bytes * 2:
        raise TableError(str(_TOO_BIG))
    types = parts.get("[Content_Types].xml")
    if types is None or types.file_size > 1024 * 1024:
        raise TableError(str(_INVALID_XLSX))
    try:
        # Safe here: at most 1 MB, ElementTree resolves no external entities, and expat >= 2.4 refuses the
        # entity amplification of a billion-laughs file.
        root = ElementTree.fromstring(archive.read(types))  # noqa: S314
    except (ElementTree.ParseError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError(
            _("The workbook is damaged (its list of parts cannot be read). Save it again from Excel.")
        ) from exc
    if not any(element.get("ContentType") in _SPREADSHEET_TYPES for element in root):
        raise TableError(str(_INVALID_XLSX))
    strings = parts.get("xl/sharedStrings.xml")
    if strings is not None:
        if strings.file_size > limits.max_shared_strings_bytes:
            raise TableError(str(_TOO_BIG))
        try:
            with archive.open(strings) as handle:
                head = handle.read(2048)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise TableError(str(_INVALID_XLSX)) from exc
        count = _SST_COUNT.search(head)
        if count and int(count.group(1)) > limits.max_shared_strings:
            raise TableError(str(_TOO_BIG))
    return sum(info.file_size for info in parts.values())


def _read_xlsx(data: bytes, limits: Limits, clock: _Clock) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    check_xlsx(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # One column past the limit, so that a too-wide table is noticed; the rows allowed and some blank lines.
        rows = sheet.iter_rows(values_only=True, max_col=limits.max_columns + 1, max_row=limits.max_rows + 100)
        for row in rows:
            clock.check()
            yield [_cell(v) for v in row]
    except TableError:
        raise
    except Exception as exc:  # openpyxl raises what its XML parser, zipfile or its own reader raise: all mean "damaged"
        raise TableError(str(_INVALID_XLSX)) from exc


def _decode(data: bytes) -> str:
    if data.startswith(OLE2_MAGIC):
        raise TableError(_("This is an old Excel file (.xls). Save it as .xlsx or as CSV UTF-8 and upload it again."))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" is UTF-16 with a byte order mark.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TableError(_("The file's characters cannot be read. Save it as 'CSV UTF-8'.")) from exc
    if b"\x00" in data[:4096]:
        raise TableError(_("The file is neither CSV nor XLSX. Upload a .csv (UTF-8) or .xlsx file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise TableError(_("The file's characters cannot be read. Save it as 'CSV UTF-8'.")) from exc


def _read_csv(data: bytes, limits: Limits, clock: _Clock) -> Iterator[list[str]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to Indonesian write ';' between columns (the comma is the decimal mark).
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            clock.check()
            yield [cell.strip() for cell in row]
    except csv.Error as exc:  # a cell over csv's own field limit, or a NUL inside the text
        raise TableError(_("The file is not a valid CSV table. Save it again as 'CSV UTF-8'.")) from exc


def read_bytes(upload: IO[bytes], *, max_bytes: int) -> bytes:
    """The upload's bytes, refused when larger than `max_bytes` (only one byte more is read) or empty."""
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TableError(_("The file is larger than %(size)d MB.") % {"size": max_bytes // (1024 * 1024)})
    if not data.strip():
        raise TableError(_("The file is empty."))
    return data


def precheck(data: bytes, limits: Limits) -> int:
    """What can be refused at once, in the request, without parsing: a damaged or oversized workbook, a text
    that is not CSV. Returns the size the parse will work on (unpacked for a workbook)."""
    if data.startswith(XLSX_MAGIC):
        return check_xlsx(data, limits)
    _decode(data)
    return len(data)


def _is_title(row: list[str], number: int) -> bool:
    # The project's own XLSX downloads have a title row above the header (what was filtered, when): one filled
    # cell on the first line. A header always names more than one column, so such a line is never the header.
    return number == 1 and sum(1 for cell in row if cell) == 1


def parse_table(data: bytes, limits: Limits, *, aliases: dict[str, str] | None = None) -> Table:
    """Parse bytes read by `read_bytes`; `aliases` maps other header spellings (e.g. Indonesian) to the canonical
    names. Raises TableError, with a message for the uploader, for every kind of bad file."""
    clock = _Clock(limits.seconds)
    lines = _read_xlsx(data, limits, clock) if data.startswith(XLSX_MAGIC) else _read_csv(data, limits, clock)
    aliases = aliases or {}
    headers: list[str] | None = None
    table = Table(headers=[])
    for number, row in enumerate(lines, start=1):
        if not any(row):
            continue
        if len(row) > limits.max_columns and any(row[limits.max_columns :]):
            raise TableError(
                _("The file has more than %(columns)d columns. Keep only the columns of the template.")
                % {"columns": limits.max_columns}
            )
        if any(len(cell) > limits.max_cell_chars for cell in row):
            raise TableError(
                _("Line %(line)d has a cell longer than %(chars)d characters.")
                % {"line": number, "chars": limits.max_cell_chars}
            )
        if headers is None and _is_title(row, number):
            continue
        if headers is None:
            headers = [aliases.get(normalise_header(h), normalise_header(h)) for h in row[: limits.max_columns]]
            duplicates = sorted({h for h in headers if h and headers.count(h) > 1})
            if duplicates:
                raise TableError(
                    _("These columns appear more than once: %(columns)s.") % {"columns": ", ".join(duplicates)}
                )
            table.headers = [h for h in headers if h]
            continue
        table.rows.append((number, {h: (row[i] if i < len(row) else "") for i, h in enumerate(headers) if h}))
        if len(table.rows) > limits.max_rows:
            raise TableError(
                _("The file has more than %(rows)d rows. Split it into smaller files.") % {"rows": limits.max_rows}
            )
    if headers is None:
        raise TableError(_("The file is empty."))
    if not table.rows:
        raise TableError(_("The file has a header but no rows."))
    return table


def read_table(upload: IO[bytes], *, max_bytes: int, max_rows: int, aliases: dict[str, str] | None = None) -> Table:
    """Read and parse an upload in one go (the command-line import; the pages go through core.import_views)."""
    limits = replace(Limits.from_settings(), max_bytes=max_bytes, max_rows=max_rows)
    return parse_table(read_bytes(upload, max_bytes=max_bytes), limits, aliases=aliases)


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

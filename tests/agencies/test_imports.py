import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from agencies.models import Agency
from core.models import ImportBatch
from tests.agencies.factories import AgencyFactory
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "code,name,type,parent,kemendagri_code,head_name\n"
    "PKM-02,Puskesmas Waihaong,puskesmas,DINKES,,dr. Elsye Siahaya\n"
    "UPTD-GIZI,UPTD Gizi,uptd,DINKES,,\n"
    "SEKOLAH-01,SD Negeri 1 Ambon,Sekolah,DINDIK,,\n"
)


def upload(client, content: bytes, name: str = "instansi.csv"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("agencies:import"), {"file": file})


def test_import_with_one_bad_row_saves_nothing_and_lists_the_row(people, chart):
    bad = GOOD_CSV.replace("UPTD-GIZI,UPTD Gizi,uptd", "UPTD-GIZI,UPTD Gizi,dinass")
    before = Agency.objects.count()
    client = client_for(people["reviewer"])

    response = upload(client, bad.encode())
    preview = client.get(response["Location"])

    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.INVALID
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "type")]
    assert batch.errors[0]["message"].startswith("Jenis instansi 'dinass' tidak dikenal.")
    assert "Baris 3, kolom jenis (type):" in preview.content.decode()
    assert client.post(response["Location"]).status_code == 400  # an invalid batch cannot be confirmed
    assert Agency.objects.count() == before


def test_import_preview_then_confirm_saves_every_row_with_its_parent(people, chart):
    client = client_for(people["reviewer"])

    response = upload(client, GOOD_CSV.encode())
    assert Agency.objects.filter(code="PKM-02").exists() is False  # the preview saves nothing
    confirm = client.post(response["Location"])

    assert confirm["Location"] == reverse("agencies:list")
    saved = {
        a.code: (a.name, a.type.slug, a.parent.code, a.head_name)
        for a in Agency.objects.filter(code__in=["PKM-02", "UPTD-GIZI", "SEKOLAH-01"]).select_related("type", "parent")
    }
    assert saved == {
        "PKM-02": ("Puskesmas Waihaong", "puskesmas", "DINKES", "dr. Elsye Siahaya"),
        "UPTD-GIZI": ("UPTD Gizi", "uptd", "DINKES", ""),
        "SEKOLAH-01": ("SD Negeri 1 Ambon", "sekolah", "DINDIK", ""),
    }
    assert Agency.objects.get(code="PKM-02").changes.get().kind == "imported"


def test_the_same_file_imported_again_is_refused_row_by_row(people, chart):
    client = client_for(people["reviewer"])
    client.post(upload(client, GOOD_CSV.encode())["Location"])

    again = upload(client, GOOD_CSV.encode())

    batch = ImportBatch.objects.get(pk=again["Location"].rstrip("/").split("/")[-1])
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "code"), (3, "code"), (4, "code")]


def test_import_reads_xlsx_with_indonesian_headers_and_parents_later_in_the_file(people, chart):
    book = Workbook()
    sheet = book.active
    sheet.append(["Kode", "Nama", "Jenis", "Induk", "Kode Kemendagri", "Aktif Sejak"])
    sheet.append(["81.71.02.1099", "Kelurahan Baru", "kelurahan", "KEC-BARU", "81.71.02.1099", "01/02/2026"])
    sheet.append(["KEC-BARU", "Kecamatan Baru", "kecamatan", "PEMDA", "", ""])
    data = io.BytesIO()
    book.save(data)
    client = client_for(people["reviewer"])

    client.post(upload(client, data.getvalue(), "instansi.xlsx")["Location"])

    kelurahan = Agency.objects.get(code="81.71.02.1099")
    assert (kelurahan.parent.code, str(kelurahan.active_from), kelurahan.kemendagri_code) == (
        "KEC-BARU",
        "2026-02-01",
        "81.71.02.1099",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00binary", "Berkas bukan CSV maupun XLSX. Unggah berkas .csv (UTF-8) atau .xlsx."),
        (
            b"PK\x03\x04not really a workbook",
            "Berkas bukan buku kerja XLSX yang sah. Simpan ulang dari Excel sebagai .xlsx atau CSV.",
        ),
        (b"code,name,type\n", "Berkas hanya berisi judul kolom tanpa baris data."),
        (b"", "Berkas kosong."),
    ],
)
def test_import_refuses_files_by_content_with_a_clear_message(people, content, message):
    response = upload(client_for(people["reviewer"]), content, "instansi.csv")

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [message]
    assert ImportBatch.objects.count() == 0


def test_import_lists_every_kind_of_row_error(people, chart):
    csv = (
        "kode;nama;jenis;induk;kode_kemendagri;aktif_sejak;email\n"
        "A1;;dinas;;;;\n"
        "A2;Dua;dinas;TIDAK-ADA;;31-31-2026;bukan\n"
        "A2;Tiga;dinas;;99.99.99;;\n"
        "L1;Lingkar 1;dinas;L2;;;\n"
        "L2;Lingkar 2;dinas;L1;;;\n"
    )
    client = client_for(people["reviewer"])

    upload(client, csv.encode())

    errors = [(e["row"], e["column"]) for e in ImportBatch.objects.get().errors]
    assert errors == [
        (2, "name"),
        (3, "parent"),
        (3, "active_from"),
        (3, "email"),
        (4, "code"),
        (4, "kemendagri_code"),
        (5, "parent"),
        (6, "parent"),
    ]


def test_an_import_is_private_to_its_uploader(people, chart):
    response = upload(client_for(people["reviewer"]), GOOD_CSV.encode())

    assert client_for(people["admin"]).get(response["Location"]).status_code == 404
    assert client_for(people["staff"]).get(response["Location"]).status_code == 404


def test_confirm_after_the_data_changed_saves_nothing_and_lists_the_new_errors(people, chart):
    client = client_for(people["reviewer"])
    preview_url = upload(client, GOOD_CSV.encode())["Location"]
    AgencyFactory(region=chart["pemda"].region, code="PKM-02", name="Puskesmas dibuat orang lain")

    response = client.post(preview_url)

    batch = ImportBatch.objects.get()
    assert response.status_code == 400
    assert (batch.status, [(e["row"], e["column"]) for e in batch.errors]) == ("invalid", [(2, "code")])
    assert "Baris 2, kolom kode (code):" in response.content.decode()
    assert Agency.objects.filter(code__in=["UPTD-GIZI", "SEKOLAH-01"]).count() == 0


def test_xlsx_that_unpacks_too_large_is_refused(people, settings):
    settings.IMPORT_XLSX_MAX_PART_BYTES = 1000
    book = Workbook()
    sheet = book.active
    sheet.append(["code", "name", "type"])
    for i in range(200):
        sheet.append([f"X{i}", "Dinas " * 5, "dinas"])
    data = io.BytesIO()
    book.save(data)

    response = upload(client_for(people["reviewer"]), data.getvalue(), "besar.xlsx")

    assert response.context["form"].errors["file"] == [
        "Buku kerja terlalu besar setelah dibuka. Pecah menjadi beberapa berkas atau simpan sebagai CSV."
    ]

"""An administrator imports agencies from a CSV: a file with a bad row saves nothing; the fixed file saves all."""

import re

import pytest
from playwright.sync_api import expect

from agencies.models import Agency, AgencyChange
from core.models import ImportBatch

pytestmark = pytest.mark.e2e

NEW_CODES = ["81.71.02.1012", "PKM-02", "UPTD-LABKES"]
HEADER = "code,name,type,parent,kemendagri_code,head_name\n"
BAD_CSV = (
    HEADER
    + "81.71.02.1012,Kelurahan Honipopu,kelurahan,81.71.02,81.71.02.1012,Yusuf Ohorella\n"
    + "PKM-02,Puskesmas Waihaong,puskesmas,DINKES,,dr. Maria Latuconsina\n"
    + "UPTD-LABKES,UPTD Laboratorium Kesehatan Daerah,dinass,DINKES,,Hendrik Pattinama\n"
)
GOOD_CSV = BAD_CSV.replace(",dinass,", ",uptd,")


@pytest.mark.django_db(transaction=True)
def test_admin_import_with_a_bad_row_saves_nothing_then_the_fixed_file_saves_all(
    transactional_db, people, chart, page, login, live_server, screenshot, tmp_path
):
    bad_file = tmp_path / "instansi-ambon.csv"
    bad_file.write_text(BAD_CSV, encoding="utf-8")
    good_file = tmp_path / "instansi-ambon-perbaikan.csv"
    good_file.write_text(GOOD_CSV, encoding="utf-8")
    count_before = Agency.objects.count()

    login("admin")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Instansi", exact=True).click()
    page.get_by_role("link", name="Impor", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/agencies/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Impor instansi")

    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(bad_file))
    page.get_by_role("button", name="Periksa dan pratinjau").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(live_server.url)}/agencies/import/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pratinjau impor")
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading")).to_have_text("Ditemukan 1 kesalahan — tidak ada yang disimpan.")
    expect(page.locator("#import-errors").get_by_role("listitem")).to_have_text(
        [
            "Baris 4, kolom jenis (type): Jenis instansi 'dinass' tidak dikenal. Gunakan salah satu: badan, bagian, bumd, "
            "desa, dinas, inspektorat, kecamatan, kelurahan, negeri, pemda, puskesmas, rsud, sekolah, "
            "sekretariat-daerah, sekretariat-dprd, uptd."
        ]
    )
    # The preview table marks the bad row only; there is no save button.
    preview_rows = page.get_by_role("table").locator("tbody").get_by_role("row")
    expect(preview_rows).to_have_count(3)
    expect(preview_rows.locator("td:first-child")).to_have_text(["2", "3", "4"])
    expect(page.locator("tr.row-error td:first-child")).to_have_text(["4"])
    expect(page.get_by_role("button", name=re.compile(r"^Simpan"))).to_have_count(0)
    screenshot("agency-import-errors")

    assert Agency.objects.count() == count_before
    assert not Agency.objects.filter(code__in=NEW_CODES).exists()
    assert list(ImportBatch.objects.values_list("status", flat=True)) == [ImportBatch.Status.INVALID]

    # The corrected file, uploaded from the same page.
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(good_file))
    page.get_by_role("button", name="Periksa dan pratinjau").click()
    expect(page.get_by_text("Semua 3 baris valid.")).to_be_visible()
    expect(page.locator("#import-errors")).to_have_count(0)
    preview_rows = page.get_by_role("table").locator("tbody").get_by_role("row")
    expect(preview_rows.locator("td:nth-child(2)")).to_have_text(NEW_CODES)
    expect(preview_rows.locator("td:nth-child(4)")).to_have_text(["Kelurahan", "Puskesmas", "UPTD"])
    expect(page.locator("tr.row-error")).to_have_count(0)
    screenshot("agency-import-preview")
    # Previewing saves nothing either.
    assert Agency.objects.count() == count_before

    page.get_by_role("button", name="Simpan 3 instansi").click()
    expect(page).to_have_url(f"{live_server.url}/agencies/")
    expect(page.get_by_role("alert").filter(has_text="berhasil diimpor")).to_have_text("3 instansi berhasil diimpor.")
    screenshot("agency-import-saved")

    assert Agency.objects.count() == count_before + 3
    saved = {a.code: a for a in Agency.objects.filter(code__in=NEW_CODES).select_related("parent", "type")}
    assert {code: (a.name, a.type.slug, a.parent.code, a.head_name) for code, a in saved.items()} == {
        "81.71.02.1012": ("Kelurahan Honipopu", "kelurahan", "81.71.02", "Yusuf Ohorella"),
        "PKM-02": ("Puskesmas Waihaong", "puskesmas", "DINKES", "dr. Maria Latuconsina"),
        "UPTD-LABKES": ("UPTD Laboratorium Kesehatan Daerah", "uptd", "DINKES", "Hendrik Pattinama"),
    }
    assert saved["81.71.02.1012"].parent == chart["sirimau"]
    assert saved["81.71.02.1012"].kemendagri_code == "81.71.02.1012"
    assert saved["81.71.02.1012"].path == f"{chart['sirimau'].path}{saved['81.71.02.1012'].pk}/"
    assert saved["PKM-02"].parent == chart["dinkes"]
    assert saved["UPTD-LABKES"].parent == chart["dinkes"]
    assert sorted(
        AgencyChange.objects.filter(agency__code__in=NEW_CODES).values_list(
            "agency__code", "kind", "changed_by__username"
        )
    ) == sorted((code, AgencyChange.Kind.IMPORTED, "admin") for code in NEW_CODES)
    assert sorted(ImportBatch.objects.values_list("status", flat=True)) == sorted(
        [ImportBatch.Status.INVALID, ImportBatch.Status.SAVED]
    )

    # The new kelurahan shows under its kecamatan.
    page.goto(f"{live_server.url}/agencies/{chart['sirimau'].pk}/")
    units_heading = page.get_by_role("heading", name="2 unit di bawah instansi ini", exact=True)
    expect(page.locator(".card", has=units_heading).get_by_role("link")).to_have_text(
        ["Kelurahan Honipopu", "Kelurahan Rijali"]
    )

"""The innovation workflow as the people meet it: staff register and submit, the head approves, the mayor's
office returns it with a note, staff revise and resubmit, it is approved and accepted; a renamed executable is
refused; the word counter follows typing."""

import datetime
import re
import struct
import zlib
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from innovations.demo import tiny_pdf
from innovations.models import Evidence, Innovation, State, Transition
from tests.e2e.steps import field, log_out, nav, open_listed, press, state_badge
from tests.innovations.workflow import RETURNED_ONCE_THEN_ACCEPTED, transitions

pytestmark = pytest.mark.e2e

TITLE = "Si-Sehat Ambon: antrean puskesmas daring"
INNOVATOR = "Tim Si-Sehat Dinas Kesehatan (dr. Maria Latuconsina, Yusuf Ohorella)"
SUMMARY = "Warga mengambil nomor antrean puskesmas dari rumah lewat WhatsApp dan situs web."
REVISED_SUMMARY = (
    "Warga mengambil nomor antrean puskesmas dari rumah lewat WhatsApp dan situs web; "
    "lansia dibantu kader di kelurahan."
)
PROBLEM = "Antrean di puskesmas mulai pukul lima pagi; warga lansia menunggu berjam-jam di luar."
BENEFITS = "Waktu tunggu turun dari tiga jam menjadi empat puluh menit; petugas tahu jumlah pasien sejak pagi."
# The IID form asks for at least 300 words on how it works.
DESIGN_SENTENCE = (
    "Warga mengirim pesan ke nomor WhatsApp puskesmas, sistem membalas dengan nomor antrean dan perkiraan jam "
    "dilayani, lalu petugas pendaftaran memanggil pasien sesuai urutan di layar. "
)
DESIGN = (DESIGN_SENTENCE * 12).strip()
RETURN_NOTE = "Lengkapi ringkasan: sebutkan bagaimana warga lansia tanpa ponsel tetap terlayani."
APPROVE = "Setujui dan kirim ke Bagian Organisasi"
RETURN = "Kembalikan dengan catatan ini"
PDF_NAME = "sk-tim-inovasi.pdf"
PNG_NAME = "foto-layar-antrean.png"

TIMELINE = [
    "Didaftarkan sebagai draf",
    "Diajukan",
    "Disetujui pimpinan",
    "Dikembalikan untuk perbaikan",
    "Diajukan",
    "Disetujui pimpinan",
    "Diterima Bagian Organisasi",
]


def timeline_steps(page: Page):
    return page.locator("#timeline li .fw-semibold")


def minimal_png(width: int = 2, height: int = 2) -> bytes:
    """An RGB PNG of a single colour, written by hand (signature, IHDR, IDAT, IEND)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x1f\x6f\xb4" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def open_form_from_my_innovations(page: Page, live_server) -> None:
    nav(page).get_by_role("link", name="Inovasi saya", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/innovations/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inovasi saya")
    page.get_by_role("link", name="Daftarkan inovasi", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/innovations/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Daftarkan inovasi")


@pytest.mark.django_db(transaction=True)
def test_innovation_walks_the_whole_workflow(
    transactional_db, people, chart, page, login, live_server, screenshot, tmp_path
):
    pdf_bytes, png_bytes = tiny_pdf("Laporan uji"), minimal_png()
    pdf_file, png_file = tmp_path / PDF_NAME, tmp_path / PNG_NAME
    pdf_file.write_bytes(pdf_bytes)
    png_file.write_bytes(png_bytes)
    assert len(DESIGN.split()) >= 300
    this_year = datetime.date.today().year

    # 1. Staff of Dinas Kesehatan register the innovation, save a draft, then submit it.
    login("staf.dinkes")
    open_form_from_my_innovations(page, live_server)
    page.get_by_label(field("Nama inovasi")).fill(TITLE)
    page.get_by_label(field("Inovator")).select_option(label="Tim")
    page.get_by_label(field("Nama inovator atau anggota tim")).fill(INNOVATOR)
    page.get_by_label(field("Bentuk inovasi")).select_option(label="Inovasi pelayanan publik")
    page.get_by_label(field("Jenis inovasi")).select_option(label="Digital")
    page.get_by_label(field("Tahapan inovasi")).select_option(label="Penerapan")
    page.get_by_label(field("Inisiator")).select_option(label="Perangkat daerah")
    page.get_by_label(field("Urusan pemerintahan")).select_option(label="Kesehatan")
    page.get_by_label("3. Kehidupan sehat dan sejahtera", exact=True).check()
    page.get_by_label("10. Berkurangnya kesenjangan", exact=True).check()
    page.get_by_label(field("Mulai uji coba")).fill(f"{this_year - 2}-03-01")
    page.get_by_label(field("Mulai penerapan")).fill(f"{this_year - 1}-01-15")
    page.get_by_label(field("Ringkasan")).fill(SUMMARY)
    page.get_by_label(field("Permasalahan sebelum inovasi")).fill(PROBLEM)
    page.get_by_label(field("Rancang bangun (cara kerja)")).fill(DESIGN)
    page.get_by_label(field("Manfaat")).fill(BENEFITS)
    rows = page.locator(".evidence-row")
    expect(rows).to_have_count(2)
    rows.nth(0).get_by_label(field("Jenis")).select_option(label="SK atau peraturan")
    rows.nth(0).get_by_label(field("Keterangan")).fill("SK Tim Inovasi Si-Sehat")
    rows.nth(0).get_by_label(field("Berkas")).set_input_files(str(pdf_file))
    rows.nth(1).get_by_label(field("Jenis")).select_option(label="Foto")
    rows.nth(1).get_by_label(field("Keterangan")).fill("Layar antrean di Puskesmas Rijali")
    rows.nth(1).get_by_label(field("Berkas")).set_input_files(str(png_file))
    screenshot("innovation-form-filled")

    page.get_by_role("button", name="Simpan draf").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(live_server.url)}/innovations/\d+/edit/$"))
    expect(page.get_by_role("alert").filter(has_text="Draf tersimpan.")).to_be_visible()
    innovation = Innovation.objects.get()
    assert innovation.state == State.DRAFT
    assert innovation.agency == chart["dinkes"]
    assert innovation.year == this_year
    # The edit page lists both files and still holds what was typed.
    evidence_list = page.locator("#section-evidence .list-group-item a")
    expect(evidence_list).to_have_text(["SK Tim Inovasi Si-Sehat", "Layar antrean di Puskesmas Rijali"])
    expect(page.get_by_label(field("Nama inovasi"))).to_have_value(TITLE)
    expect(page.get_by_label(field("Rancang bangun (cara kerja)"))).to_have_value(DESIGN)
    expect(page.get_by_label("3. Kehidupan sehat dan sejahtera", exact=True)).to_be_checked()
    screenshot("innovation-draft-saved")

    page.get_by_role("button", name="Simpan dan ajukan ke pimpinan").click()
    expect(page).to_have_url(f"{live_server.url}/innovations/{innovation.pk}/")
    expect(page.get_by_role("alert").filter(has_text="Tersimpan dan diajukan")).to_have_text(
        re.compile(r"Tersimpan dan diajukan ke pimpinan instansi\.")
    )
    expect(state_badge(page)).to_have_text("Diajukan")
    screenshot("innovation-submitted")
    log_out(page, people["staff"].display_name)

    # 2. The head of Dinas Kesehatan follows the notification and approves.
    login("kadinkes")
    page.get_by_role("link", name="1 notifikasi belum dibaca").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifikasi")
    page.get_by_role("button", name="Dinas Kesehatan mengajukan inovasi untuk Anda setujui").click()
    expect(page).to_have_url(f"{live_server.url}/innovations/{innovation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    screenshot("innovation-head-sees-submitted")
    press(page, APPROVE, message="Disetujui. Bagian Organisasi sudah diberi tahu.", state="Disetujui pimpinan")
    log_out(page, people["head"].display_name)

    # 3. The mayor's office returns it with a note.
    login("walikota")
    open_listed(page, "Inovasi", TITLE)
    expect(page).to_have_url(f"{live_server.url}/innovations/{innovation.pk}/")
    page.get_by_text("Kembalikan untuk perbaikan", exact=True).click()
    page.get_by_label(field("Catatan")).fill(RETURN_NOTE)
    screenshot("innovation-return-note")
    press(page, RETURN, message="Dikembalikan ke instansi dengan catatan Anda.", state="Dikembalikan untuk perbaikan")
    log_out(page, people["reviewer"].display_name)

    # 4. Staff see the note on the edit page, revise the summary and resubmit.
    login("staf.dinkes")
    open_listed(page, "Inovasi saya", TITLE)
    expect(page.locator("#returned-note")).to_contain_text(RETURN_NOTE)
    page.get_by_role("link", name="Perbaiki", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/innovations/{innovation.pk}/edit/")
    returned = page.get_by_role("alert").filter(has_text="Dikembalikan untuk perbaikan")
    expect(returned).to_be_visible()
    expect(returned).to_contain_text(RETURN_NOTE)
    expect(returned).to_contain_text(people["reviewer"].display_name)
    screenshot("innovation-returned-edit")
    summary = page.get_by_label(field("Ringkasan"))
    expect(summary).to_have_value(SUMMARY)
    summary.fill(REVISED_SUMMARY)
    page.get_by_role("button", name="Simpan dan ajukan ke pimpinan").click()
    expect(page).to_have_url(f"{live_server.url}/innovations/{innovation.pk}/")
    expect(state_badge(page)).to_have_text("Diajukan")
    expect(page.locator(".narrative")).to_contain_text(REVISED_SUMMARY)
    log_out(page, people["staff"].display_name)

    # 5. The head approves again; the mayor's office accepts.
    login("kadinkes")
    page.goto(f"{live_server.url}/innovations/")
    page.get_by_role("link", name=TITLE, exact=True).click()
    page.get_by_role("button", name=APPROVE).click()
    expect(state_badge(page)).to_have_text("Disetujui pimpinan")
    log_out(page, people["head"].display_name)

    login("walikota")
    page.get_by_role("link", name=re.compile(r"notifikasi belum dibaca$")).click()
    page.get_by_role("button", name="Dinas Kesehatan mengirim inovasi untuk ditinjau").first.click()
    expect(page).to_have_url(f"{live_server.url}/innovations/{innovation.pk}/")
    press(page, "Terima", message="Diterima ke dalam daftar inovasi kota.", state="Diterima", exact=True)
    # Accepted: nothing left to do for the mayor's office, and nobody may edit it.
    expect(page.get_by_role("button", name="Terima", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Ubah", exact=True)).to_have_count(0)

    # The timeline: the creation plus the six workflow steps, in order, with the note on the return.
    expect(page.get_by_role("heading", name="Linimasa")).to_be_visible()
    expect(timeline_steps(page)).to_have_text(TIMELINE)
    expect(page.locator("#timeline li").nth(3)).to_contain_text(RETURN_NOTE)
    screenshot("innovation-accepted")

    # Both files are listed and served with their own type and bytes.
    links = page.locator("#evidence a")
    expect(links).to_have_text(["SK Tim Inovasi Si-Sehat", "Layar antrean di Puskesmas Rijali"])
    for link, content_type, content in (
        (links.nth(0), "application/pdf", pdf_bytes),
        (links.nth(1), "image/png", png_bytes),
    ):
        href = link.get_attribute("href")
        assert href is not None
        response = page.request.get(f"{live_server.url}{href}")
        assert response.status == 200
        assert response.headers["content-type"] == content_type
        assert response.body() == content

    innovation.refresh_from_db()
    assert innovation.state == State.ACCEPTED == "accepted"
    assert innovation.summary == REVISED_SUMMARY
    assert sorted(innovation.sdgs.values_list("slug", flat=True)) == ["sdg-10", "sdg-3"]
    assert (innovation.bentuk.slug, innovation.jenis.slug, innovation.tahapan.slug) == (
        "pelayanan-publik",
        "digital",
        "penerapan",
    )
    assert (innovation.inisiator.slug, innovation.urusan.name) == ("perangkat-daerah", "Kesehatan")
    assert innovation.trial_date == datetime.date(this_year - 2, 3, 1)
    assert innovation.launch_date == datetime.date(this_year - 1, 1, 15)
    assert transitions(innovation) == RETURNED_ONCE_THEN_ACCEPTED
    assert Transition.objects.get(innovation=innovation, action="return").note == RETURN_NOTE
    assert list(
        Evidence.objects.filter(innovation=innovation).values_list(
            "original_name", "kind", "content_type", "size", "uploaded_by__username"
        )
    ) == [
        (PDF_NAME, Evidence.Kind.DECREE, "application/pdf", len(pdf_bytes), "staf.dinkes"),
        (PNG_NAME, Evidence.Kind.PHOTO, "image/png", len(png_bytes), "staf.dinkes"),
    ]
    for evidence in Evidence.objects.filter(innovation=innovation):
        stored = Path(evidence.file.path)
        assert "static" not in stored.parts
        assert stored.read_bytes() in (pdf_bytes, png_bytes)


@pytest.mark.django_db(transaction=True)
def test_executable_renamed_pdf_is_refused_and_the_form_keeps_what_was_typed(
    transactional_db, people, chart, page, login, live_server, screenshot, tmp_path
):
    fake_pdf = tmp_path / "laporan.pdf"
    fake_pdf.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 240)

    login("staf.dinkes")
    open_form_from_my_innovations(page, live_server)
    page.get_by_label(field("Nama inovasi")).fill(TITLE)
    page.get_by_label(field("Ringkasan")).fill(SUMMARY)
    row = page.locator(".evidence-row").first
    row.get_by_label(field("Jenis")).select_option(label="Laporan")
    row.get_by_label(field("Berkas")).set_input_files(str(fake_pdf))
    page.get_by_role("button", name="Simpan draf").click()

    refusal = "laporan.pdf bukan berkas PDF, JPG, PNG, DOCX atau XLSX (isinya berbeda). Unggah salah satu jenis itu."
    expect(page.get_by_text(refusal, exact=True).first).to_be_visible()
    expect(page.get_by_label(field("Nama inovasi"))).to_have_value(TITLE)
    expect(page.get_by_label(field("Ringkasan"))).to_have_value(SUMMARY)
    screenshot("innovation-executable-refused")

    assert not Evidence.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_word_counter_shows_while_typing(transactional_db, people, chart, page, login, live_server, screenshot):
    login("staf.dinkes")
    open_form_from_my_innovations(page, live_server)
    summary = page.get_by_label(field("Ringkasan"))
    counter = summary.locator("xpath=following-sibling::*[contains(@class, 'word-count')][1]")
    expect(counter).to_have_text("0 / 200 kata")
    summary.press_sequentially("Antrean daring puskesmas")
    expect(counter).to_have_text("3 / 200 kata")
    design = page.get_by_label(field("Rancang bangun (cara kerja)"))
    design.fill("Warga mengirim pesan")
    design_counter = design.locator("xpath=following-sibling::*[contains(@class, 'word-count')][1]")
    expect(design_counter).to_have_text("3 / 1500 kata")
    expect(design_counter).to_have_class(re.compile(r"\bover\b"))
    screenshot("innovation-word-counter")


@pytest.mark.django_db(transaction=True)
def test_a_chosen_file_is_asked_for_again_by_name_after_a_form_error(
    transactional_db, people, chart, page, login, live_server, screenshot, tmp_path
):
    pdf_file = tmp_path / PDF_NAME
    pdf_file.write_bytes(tiny_pdf("Laporan uji"))
    login("staf.dinkes")
    page.goto(f"{live_server.url}/innovations/new/")
    row = page.locator(".evidence-row").nth(0)
    row.get_by_label(field("Keterangan")).fill("SK Tim Inovasi Si-Sehat")
    row.get_by_label(field("Berkas")).set_input_files(str(pdf_file))
    # A file over the limit is refused in the browser, before anything is sent.
    too_large = tmp_path / "pindaian-besar.pdf"
    too_large.write_bytes(b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024))
    second = page.locator(".evidence-row").nth(1).get_by_label(field("Berkas"))
    second.set_input_files(str(too_large))
    expect(page.locator(".evidence-row").nth(1).locator(".file-refused")).to_have_text(
        "Berkas ini 11.0 MB; paling besar 10 MB yang diterima. Pilih berkas yang lebih kecil."
    )
    expect(second).to_have_attribute("aria-invalid", "true")
    expect(second).to_have_value("")

    # The name is left empty: the page is refused, says which file to choose again, and keeps the caption.
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_role("alert").first).to_contain_text(PDF_NAME)
    expect(row.locator(".dropped-file")).to_have_text(f"“{PDF_NAME}” belum tersimpan: pilih lagi berkas ini.")
    expect(row.get_by_label(field("Keterangan"))).to_have_value("SK Tim Inovasi Si-Sehat")
    # The error is announced and reachable: the field is marked, named in the summary and has the focus.
    title = page.get_by_label(field("Nama inovasi"))
    expect(title).to_be_focused()
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".error-links a")).to_have_text(["Nama inovasi"])
    screenshot("innovation-file-asked-again")
    assert Innovation.objects.count() == 0

    page.get_by_label(field("Nama inovasi")).fill(TITLE)
    row.get_by_label(field("Berkas")).set_input_files(str(pdf_file))
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_role("alert").filter(has_text="Draf tersimpan.")).to_be_visible()
    assert list(Evidence.objects.values_list("innovation__title", "original_name", "caption")) == [
        (TITLE, PDF_NAME, "SK Tim Inovasi Si-Sehat")
    ]

"""The competition walked as the people would, in Chromium: a round from the templates, an entry with its
eligibility, administrative selection, automatic assignment, private scoring, ranking, publication."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.agencies.factories import user_with_role
from tests.competition.conftest import accepted

pytestmark = pytest.mark.django_db(transaction=True)


def logout(page):
    page.context.clear_cookies()


def test_competition_round_from_creation_to_published_result(
    page, live_server, login, people, chart, region, screenshot
):
    juri2 = user_with_role("evaluator", region=region, username="juri2")
    accepted(chart["dinkes"], "Antar Obat Lansia", launch=datetime.date(2024, 3, 1))
    accepted(chart["dinkes"], "Posyandu Baru", launch=timezone.localdate() - datetime.timedelta(days=60))
    url = live_server.url

    # walikota creates a round from the templates and puts juri1 and juri2 on its panel.
    login("walikota")
    page.goto(f"{url}/kompetisi/new/")
    page.get_by_role("button", name="Buat babak").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Kompetisi Inovasi Pelayanan Publik"))
    round_url = page.url
    page.get_by_role("link", name="Panel dan penugasan").click()
    for added, (username, affiliation) in enumerate(
        [(people["evaluator"], "Universitas Pattimura"), (juri2, "KemenPANRB")], start=1
    ):
        # The evaluator select is searched as typed (core.autocomplete): the page lists no one in advance.
        page.locator(".ts-control", has=page.get_by_role("combobox", name=re.compile(r"^\s*Evaluator"))).click()
        page.keyboard.type(username.username)  # searched by name or username; a generated name may begin with a title
        page.get_by_role("option", name=username.display_name, exact=True).click()
        page.locator("input[name=affiliation]").fill(affiliation)
        page.get_by_role("button", name="Tambahkan ke panel").click()
        # Wait for the page after the post: typing the next name into the page being left loses it.
        expect(page.locator("#panel-list li")).to_have_count(added)
    logout(page)

    # staf.dinkes sees the too-young innovation fail eligibility, enters the other one and submits it.
    login("staf.dinkes")
    page.goto(round_url)
    page.get_by_role("link", name="Daftarkan inovasi").click()
    young = page.locator(".eligibility-card", has_text="Posyandu Baru")
    expect(young.get_by_text("Tidak memenuhi syarat")).to_be_visible()
    expect(young).to_contain_text("paling sedikit 1 tahun")
    page.get_by_label("Inovasi").select_option(label="Antar Obat Lansia — Dinas Kesehatan (2024)")
    page.get_by_label("Kategori").select_option(label="Pelayanan kesehatan")
    page.get_by_label("Kelompok").select_option(label="Umum")
    page.get_by_role("button", name="Buat pendaftaran").click()
    summary = page.get_by_label("Ringkasan")
    expect(summary).to_have_value("Teks bagian proposal yang singkat.")
    summary.fill("Obat diantar ke rumah lansia oleh petugas puskesmas setiap minggu.")
    expect(page.locator(".word-count").first).to_have_text("10 / 200 kata")
    screenshot("competition-proposal")
    page.get_by_role("button", name="Simpan dan ajukan ke penyelenggara").click()
    expect(page.locator(".badge", has_text="Diajukan")).to_be_visible()
    entry_url = page.url
    logout(page)

    # walikota passes it in administrative selection, opens proposal evaluation and assigns automatically.
    login("walikota")
    page.goto(entry_url)
    for label in [
        "Proposal lengkap dan jawabannya bermakna",
        "Inovasi sudah cukup lama diterapkan",
        "Surat pernyataan dan dokumen pendukung terlampir",
        "Tautan video dapat dibuka",
        "Judul yang sama tidak didaftarkan dua kali",
    ]:
        page.get_by_label(label).check()
    page.get_by_label("Lolos", exact=True).check()
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.locator(".badge", has_text="Lolos seleksi administrasi")).to_be_visible()
    page.goto(round_url)
    with page.expect_navigation():  # the post's page, before the next click (a click on the page being left wins)
        page.get_by_role("button", name=re.compile(r"^Buka sekarang\s*: Evaluasi proposal$")).click()
    page.get_by_role("link", name="Panel dan penugasan").click()
    page.get_by_role("button", name="Tugaskan otomatis").click()
    expect(page.locator("#assignment-table tbody tr")).to_contain_text(people["evaluator"].display_name)
    expect(page.locator("#assignment-table tbody tr")).to_contain_text(juri2.display_name)
    logout(page)

    def score(username, value):
        login(username)
        page.goto(f"{url}/kompetisi/reviews/")
        page.locator("#waiting").get_by_role("link", name="Antar Obat Lansia").click()
        for field in page.locator("input[name^=score_]").all():
            field.fill(str(value))

    # juri2 scores first; juri1 cannot see juri2's score until submitting their own.
    score("juri2", 90)
    page.get_by_role("button", name="Kirim skor saya").click()
    expect(page.locator("#my-total")).to_have_text("90,00")
    logout(page)
    score("juri1", 80)
    others = page.locator("#other-reviews")
    expect(others).to_contain_text("Skor evaluator lain ditampilkan setelah Anda mengirim skor Anda.")
    expect(others).not_to_contain_text(juri2.display_name)
    page.get_by_role("button", name="Kirim skor saya").click()
    expect(others).to_contain_text(juri2.display_name)
    expect(others).to_contain_text("90,00")
    screenshot("competition-review")
    logout(page)

    # walikota sees the ranking, moves the top entry on, publishes.
    login("walikota")
    page.goto(round_url)
    page.get_by_role("link", name="Peringkat").click()
    row = page.locator("#ranking tbody tr").first
    expect(row.locator(".rank")).to_have_text("1")
    # 85.00 is exactly the proposal stage's passing grade (KIPP 2025: 85), so the entry goes on.
    expect(row.locator(".mean")).to_have_text("85,00")
    expect(page.locator("#passing-grade")).to_contain_text("85,00")
    expect(row.locator(".below-grade")).to_have_count(0)
    screenshot("competition-ranking")
    page.get_by_label("Loloskan peringkat teratas").fill("1")
    page.get_by_role("button", name="Loloskan ke tahap berikutnya").click()
    expect(page.locator(".alert-success")).to_contain_text("1 pendaftaran diloloskan ke tahap berikutnya.")
    page.goto(round_url)
    page.get_by_role("button", name="Umumkan hasil").click()
    expect(page.locator(".alert-success")).to_contain_text("Hasil diumumkan")
    screenshot("competition-dashboard")
    logout(page)

    # kadinkes sees the result.
    login("kadinkes")
    page.goto(round_url)
    expect(page.locator("#my-entries .result-rank")).to_contain_text("Peringkat 1")
    expect(page.locator("#my-entries .result-rank")).to_contain_text("Pemenang")


def test_organiser_sets_the_proposal_passing_grade_in_the_round_settings(page, live_server, login, people, screenshot):
    """KIPP 2025's proposal grade, 85 (competition.PassingGrade), is where a new round starts; the city sets its
    own on the round's settings page, and a grade over 100 is refused with what was typed kept."""
    login("walikota")
    page.goto(f"{live_server.url}/kompetisi/new/")
    grade = page.get_by_label("Nilai ambang batas: Evaluasi proposal")
    expect(grade).to_have_value("85.00")
    page.get_by_role("button", name="Buat babak").click()
    expect(page.locator(".passing-grade").first).to_have_text(re.compile(r"nilai ambang batas 85[,.]00"))

    page.get_by_role("link", name="Pengaturan").click()
    grade.fill("101")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#error_1_id_proposal_passing_grade")).to_have_text(
        "Pastikan nilai ini lebih kecil dari atau sama dengan 100."
    )
    expect(grade).to_have_value("101")
    page.set_viewport_size({"width": 390, "height": 844})
    grade.scroll_into_view_if_needed()
    screenshot("competition-passing-grade-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    grade.fill("80")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".passing-grade").first).to_have_text(re.compile(r"nilai ambang batas 80[,.]00"))

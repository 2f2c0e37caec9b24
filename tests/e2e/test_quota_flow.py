"""The quota as the mayor's office and an agency head meet it: walikota reads the counts, filters the agencies
at risk and exports them; kadinkes asks for an exemption; walikota accepts it and the agency shows exempt."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from compliance.quota.models import QuotaExemption, QuotaStatus
from tests.compliance.quota.conftest import YEAR, swept  # noqa: F401 -- the fixture, used by name
from tests.compliance.quota.test_downloads import HEADERS
from tests.e2e.steps import go_to, log_out  # test_ombudsman_flow imports log_out and nav from here too

pytestmark = pytest.mark.e2e

EXPLANATION = "Dinas Kesehatan digabung dengan Dinas Sosial menurut Perda 2/2026; program inovasi dihentikan."
STATES = [
    "Terpenuhi",
    "Terpenuhi terlambat",
    "Berisiko",
    "Dalam proses",
    "Tidak terpenuhi",
    "Dikecualikan",
    "Tidak wajib",
    "Belum ada inovasi",
]


def open_quota(page: Page) -> None:
    go_to(page, "Kuota")


def card_counts(page: Page):
    return page.locator(".quota-card .stat")


def table_names(page: Page):
    return page.locator("#quota-table tbody tr td:first-child a")


@pytest.mark.django_db(transaction=True)
def test_mayor_office_filters_exports_and_accepts_an_exemption(
    transactional_db,
    people,
    swept,  # noqa: F811 -- the fixture imported above
    page,
    login,
    live_server,
    screenshot,
):
    # The statuses the quota pages' own tests read, of this year (the agency page offers an exemption for this
    # year and the last) as of 1 March: Puskesmas Rijali has an innovation approved by kadinkes; Dinas
    # Pendidikan and Kelurahan Rijali only a draft.
    dinkes = swept["dinkes"]

    # 1. walikota opens the quota from the navigation and reads the counts per status.
    login("walikota")
    open_quota(page)
    expect(page).to_have_url(f"{live_server.url}/compliance/quota/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kuota inovasi {YEAR}")
    expect(page.locator(".quota-card .small")).to_have_text(STATES)
    expect(card_counts(page)).to_have_text(["1", "0", "0", "2", "0", "0", "1", "4"])
    expect(table_names(page)).to_have_count(8)
    screenshot("quota-overview")

    # 2. ...filters the table to the agencies with work in progress (a draft each, not yet at risk in March).
    page.get_by_label("Status", exact=True).select_option(label="Dalam proses")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]status=in_progress(&|$)"))
    expect(table_names(page)).to_have_text(["Dinas Pendidikan", "Kelurahan Rijali"])
    expect(page.locator("#quota-table tbody tr td:nth-child(2)")).to_have_text(["Dalam proses", "Dalam proses"])
    expect(page.get_by_text("2 instansi", exact=True)).to_be_visible()
    screenshot("quota-at-risk")

    # 3. ...and exports them: the file has the documented header and exactly those rows.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Unduh CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == f"kuota-{timezone.localdate():%Y%m%d}.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    since = {
        s.agency.code: timezone.localtime(s.since).strftime("%Y-%m-%d %H:%M")
        for s in QuotaStatus.objects.filter(year=YEAR).select_related("agency")
    }
    assert rows == [
        HEADERS,
        [str(YEAR), "Kota Ambon", "DINDIK", "Dinas Pendidikan", "Dinas", "Dalam proses", "0", since["DINDIK"]],
        [
            str(YEAR),
            "Kota Ambon",
            "81.71.02.1011",
            "Kelurahan Rijali",
            "Kelurahan",
            "Dalam proses",
            "0",
            since["81.71.02.1011"],
        ],
    ]
    log_out(page, people["reviewer"].display_name)

    # 4. kadinkes opens his agency's quota from the navigation and asks for an exemption.
    login("kadinkes")
    open_quota(page)
    expect(page).to_have_url(f"{live_server.url}/compliance/quota/agency/{dinkes.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuota inovasi Dinas Kesehatan")
    expect(page.locator("#quota-years tbody tr td:nth-child(2)")).to_have_text(["Belum ada inovasi"])
    page.get_by_label("Tahun").select_option(str(YEAR))
    page.get_by_label("Alasan").select_option(label="Digabung")
    page.get_by_label("Penjelasan").fill(EXPLANATION)
    screenshot("quota-exemption-form")
    page.get_by_role("button", name="Ajukan pengecualian", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/compliance/quota/agency/{dinkes.pk}/")
    expect(page.get_by_role("alert")).to_have_text("Permohonan Anda sudah dikirim ke Bagian Organisasi.")
    expect(page.get_by_text(EXPLANATION, exact=True)).to_be_visible()
    screenshot("quota-exemption-sent")
    assert list(QuotaExemption.objects.values_list("agency__code", "year", "reason_kind", "state")) == [
        ("DINKES", YEAR, "merged", "requested")
    ]
    log_out(page, people["head"].display_name)

    # 5. walikota finds the request waiting on the quota page and accepts it.
    login("walikota")
    open_quota(page)
    waiting = page.locator("#exemptions")
    expect(waiting.get_by_role("heading", level=2)).to_have_text("Permohonan pengecualian menunggu keputusan Anda")
    expect(waiting.locator(".border")).to_have_count(1)
    expect(waiting.locator(".border strong")).to_have_text("Dinas Kesehatan")
    expect(waiting.get_by_text(EXPLANATION)).to_be_visible()
    screenshot("quota-exemption-waiting")
    waiting.get_by_role("button", name="Terima pengecualian", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("Keputusan untuk Dinas Kesehatan tercatat.")
    expect(page.locator("#exemptions")).to_have_count(0)
    expect(card_counts(page)).to_have_text(["1", "0", "0", "2", "0", "1", "1", "3"])
    screenshot("quota-exemption-accepted")

    # 6. The agency shows "Dikecualikan" on its quota page and on its agency page.
    page.locator("#quota-table").get_by_role("link", name="Dinas Kesehatan", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/compliance/quota/agency/{dinkes.pk}/")
    expect(page.locator("#quota-years tbody tr td:first-child")).to_have_text([str(YEAR)])
    expect(page.locator("#quota-years tbody tr td:nth-child(2)")).to_have_text(["Dikecualikan"])
    screenshot("quota-agency-exempt")
    page.locator(".breadcrumb").get_by_role("link", name="Dinas Kesehatan", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/agencies/{dinkes.pk}/")
    panel = page.locator(".card", has=page.get_by_role("heading", name="Kuota inovasi", exact=True))
    expect(panel.get_by_role("listitem")).to_have_text([f"{YEAR}: Dikecualikan"])
    screenshot("quota-agency-page")

    exemption = QuotaExemption.objects.get()
    assert (exemption.state, exemption.decided_by) == ("accepted", people["reviewer"])
    assert QuotaStatus.objects.get(agency=dinkes, year=YEAR).status == "exempt"

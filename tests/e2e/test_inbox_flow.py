"""The home page as each person's work inbox, in Chromium: a new operator is led to the form, the head approves
from the home page in two clicks, staff open a returned record and read why first, an evaluator reaches the
next review."""

import re

import pytest
from playwright.sync_api import expect

from competition.models import StageKind
from competition.services.organiser_panel import assignment_run
from innovations.models import State
from tests.competition.conftest import accepted, enter, open_stage
from tests.competition.factories import PanelistFactory, RoundFactory
from tests.e2e.steps import log_out, nav, state_badge
from tests.innovations.factories import build_innovation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RETURN_NOTE = "Lengkapi data anggaran."


def inbox_item(page, title):
    return page.locator("#inbox .inbox-item", has_text=title)


def test_each_person_acts_from_the_home_page(people, chart, page, login, live_server, screenshot):
    url = live_server.url
    # A new operator: nothing registered yet, the home page leads to the form.
    login("staf.dinkes")
    page.locator("#first-innovation").get_by_role("link", name="Daftarkan inovasi").click()
    expect(page).to_have_url(f"{url}/innovations/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Daftarkan inovasi")
    log_out(page, people["staff"].display_name)

    submitted = build_innovation(chart["dinkes"], people["staff"], State.SUBMITTED, title="Si-Sehat")
    returned = build_innovation(chart["dinkes"], people["staff"], State.RETURNED, title="Antar Obat")

    # The head: the count in the navigation, then two clicks from the home page to an approval.
    login("kadinkes")
    expect(nav(page).get_by_role("link", name=re.compile(r"^Beranda"))).to_contain_text("1")
    item = inbox_item(page, "Si-Sehat")
    expect(item).to_contain_text("Dinas Kesehatan")
    screenshot("inbox-head")
    item.get_by_role("link", name=re.compile("^Baca dan setujui")).click()
    page.get_by_role("button", name="Setujui dan kirim ke Bagian Organisasi").click()
    expect(state_badge(page)).to_have_text("Disetujui pimpinan")
    expect(page).to_have_url(f"{url}/innovations/{submitted.pk}/")
    page.goto(f"{url}/")
    expect(page.locator("#inbox")).to_contain_text("Saat ini tidak ada pekerjaan yang menunggu Anda.")
    log_out(page, people["head"].display_name)

    # Staff: the returned record comes with the note; its page says why at the top, and "Perbaiki" leads on.
    login("staf.dinkes")
    item = inbox_item(page, "Antar Obat")
    expect(item.locator(".inbox-note")).to_have_text(RETURN_NOTE)
    page.goto(f"{url}/innovations/{returned.pk}/")
    expect(page.locator("main > :is(div, nav)").nth(2)).to_have_id("returned-note")
    expect(page.locator("#returned-note")).to_contain_text(RETURN_NOTE)
    page.goto(f"{url}/")
    item.get_by_role("link", name=re.compile("^Perbaiki")).click()
    expect(page).to_have_url(f"{url}/innovations/{returned.pk}/edit/")
    expect(page.get_by_role("alert").filter(has_text="Dikembalikan untuk perbaikan")).to_contain_text(RETURN_NOTE)
    screenshot("inbox-returned-edit")


def test_an_evaluator_reaches_the_next_review_from_the_home_page(people, chart, region, page, login, live_server):
    round_ = RoundFactory(region=region, by=people["reviewer"])
    PanelistFactory(round=round_, user=people["evaluator"], by=people["reviewer"], affiliation="Unpatti")
    entry = enter(
        round_,
        accepted(chart["dinkes"], "Antar Obat Lansia"),
        people["staff"],
        passed=True,
        organiser=people["reviewer"],
    )
    proposal = open_stage(round_, StageKind.PROPOSAL, people["reviewer"])
    assignment_run(stage=proposal, by=people["reviewer"])

    login("juri1")
    item = inbox_item(page, "Antar Obat Lansia")
    expect(item).to_contain_text(f"tenggat {proposal.closes_on.day}")
    item.get_by_role("link", name=re.compile("^Nilai")).click()
    expect(page).to_have_url(f"{live_server.url}/kompetisi/entries/{entry.pk}/review/{proposal.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Antar Obat Lansia")

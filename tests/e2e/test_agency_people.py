"""The mayor's office adds a person to an agency from its page, as in production: the add-a-person form's fields
come from the fragment cache on a repeat view (core.datacache.form_fragment), inside the page's own form."""

import re

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from agencies.models import RoleAssignment
from tests.e2e.steps import field

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
@override_settings(FORM_CACHE_SECONDS=300)
def test_walikota_adds_a_staff_member_to_the_puskesmas(
    transactional_db, people, chart, page, login, live_server, screenshot, mailoutbox
):
    detail_url = f"{live_server.url}/agencies/{chart['pkm'].pk}/"
    login("walikota")
    page.goto(detail_url)
    page.goto(detail_url)  # the second view renders the form from the fragment

    page.locator("summary", has_text="Tambah pegawai").click()
    page.get_by_label(field("Nama pengguna")).fill("staf.pkm")
    page.get_by_label(field("Nama lengkap")).fill("Maria Huwae")
    page.get_by_label(field("Email")).fill("maria@ambon.go.id")
    page.get_by_label(field("Peran")).select_option(label="Staf instansi (operator)")
    page.get_by_label(field("Jabatan")).fill("Operator")
    screenshot("agency-add-person")
    with page.expect_navigation():
        page.get_by_role("button", name="Tambah pegawai", exact=True).click()

    expect(page).to_have_url(re.compile(rf"{re.escape(detail_url)}(#people)?$"))
    expect(page.locator("#people li strong")).to_have_text(["Maria Huwae"])
    assignment = RoleAssignment.objects.get(user__username="staf.pkm")
    assert (assignment.role, assignment.agency_id, assignment.title) == ("staff", chart["pkm"].pk, "Operator")
    assert [m.to for m in mailoutbox] == [["maria@ambon.go.id"]]

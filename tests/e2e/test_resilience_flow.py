"""What a person sees when the server is under strain (issue #17): a large import is read in the background
while its page shows progress, and a create form whose answer was lost in transit makes its row once."""

import re

import pytest
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import Route, expect

from agencies.models import Agency
from config.celery import app as celery_app
from core.models import FormSubmission
from innovations.models import Innovation
from tests.e2e.steps import field, nav
from tests.e2e.test_agency_import import GOOD_CSV, NEW_CODES

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_a_large_import_shows_its_progress_then_its_preview(
    transactional_db, people, chart, page, login, live_server, screenshot, settings, tmp_path
):
    settings.IMPORT_INLINE_MAX_BYTES = 0  # this small file is read by the worker, as a large one would be
    upload = tmp_path / "instansi-ambon.csv"
    upload.write_text(GOOD_CSV, encoding="utf-8")

    login("admin")
    page.goto(f"{live_server.url}/agencies/import/")
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(upload))
    page.get_by_role("button", name="Periksa dan pratinjau").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(live_server.url)}/agencies/import/\d+/$"))
    expect(page.locator("[data-import-label]")).to_have_text("Sedang dibaca")
    expect(page.get_by_text("Berkasnya besar, jadi dibaca di latar belakang.")).to_be_visible()
    page.set_viewport_size({"width": 1366, "height": 800})
    screenshot("import-reading")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("import-reading-phone")

    # The worker comes up (or back): the page notices by itself and shows the preview.
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        save = page.get_by_role("button", name="Simpan 3 instansi")
        expect(save).to_be_visible(timeout=30_000)
    save.click()
    expect(page.get_by_role("alert").filter(has_text="3 instansi berhasil diimpor.")).to_be_visible()
    assert sorted(Agency.objects.filter(code__in=NEW_CODES).values_list("code", flat=True)) == NEW_CODES


@pytest.mark.django_db(transaction=True)
def test_a_draft_whose_answer_was_lost_is_saved_once_when_the_form_is_sent_again(
    transactional_db, people, chart, page, login, live_server
):
    def lose_the_first_answer(route: Route) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        route.fetch(max_redirects=0)  # the server saves the draft; its answer never reaches the browser
        route.fulfill(response=route.fetch(max_redirects=0))  # the browser sends the same form again

    login("staf.dinkes")
    nav(page).get_by_role("link", name="Inovasi saya", exact=True).click()
    page.get_by_role("link", name="Daftarkan inovasi", exact=True).click()
    page.get_by_label(field("Nama inovasi")).fill("Antar Obat Lansia")
    page.route(f"{live_server.url}/innovations/new/", lose_the_first_answer)
    page.get_by_role("button", name="Simpan draf").click()

    expect(page.get_by_role("alert").filter(has_text="Formulir ini sudah pernah dikirim")).to_be_visible()
    innovation = Innovation.objects.get()
    expect(page).to_have_url(f"{live_server.url}/innovations/{innovation.pk}/edit/")
    assert (innovation.title, FormSubmission.objects.count()) == ("Antar Obat Lansia", 1)

"""Two-factor enrolment and login as the mayor's office meets them, and the main pages under the strict
Content-Security-Policy with no violation in the browser's console."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from agencies.models import User
from tests.agencies.factories import UserFactory
from tests.e2e.conftest import PASSWORD_LABEL, totp_code
from tests.e2e.steps import field, log_out, nav

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def csp_violations(page: Page) -> list[str]:
    """Chromium reports each blocked script, style or image as a console error naming the policy."""
    seen: list[str] = []
    page.on("console", lambda msg: seen.append(msg.text) if "Content Security Policy" in msg.text else None)
    return seen


def password_step(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label(PASSWORD_LABEL).fill("secret-pass-123")
    page.get_by_role("button", name="Masuk").click()


def test_mayors_office_enrols_an_authenticator_then_logs_in_with_its_code(
    transactional_db, people, page, live_server, screenshot
):
    violations = csp_violations(page)
    walikota = people["reviewer"]

    password_step(page, live_server, "walikota")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktifkan verifikasi dua langkah")
    expect(page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("two-factor-enrol-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("two-factor-enrol")
    page.get_by_text("Tidak bisa memindai? Ketik kunci ini").click()
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    phone = TOTP(b32decode(secret))  # what the phone's app computes from the scanned key
    page.get_by_role("textbox", name=field("Kode")).fill(f"{phone.token():06d}")
    page.get_by_role("button", name="Aktifkan verifikasi dua langkah").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kode pemulihan Anda")
    expect(page.get_by_test_id("recovery-codes").get_by_role("listitem")).to_have_count(10)
    screenshot("two-factor-recovery-codes")
    page.get_by_role("link", name="Kode sudah saya simpan, lanjutkan").click()
    expect(nav(page).get_by_role("link", name="Dasbor", exact=True)).to_be_visible()
    log_out(page, walikota.display_name)

    password_step(page, live_server, "walikota")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi dua langkah")
    page.get_by_role("textbox", name=field("Kode")).fill("000000")
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("Kode itu salah atau sudah kedaluwarsa.")).to_be_visible()
    screenshot("two-factor-verify-refused")
    TOTPDevice.objects.filter(user=walikota).update(throttling_failure_timestamp=None)  # a person waits a moment
    page.get_by_role("textbox", name=field("Kode")).fill(totp_code(TOTPDevice.objects.get(user=walikota)))
    page.get_by_role("button", name="Verifikasi").click()

    expect(nav(page).get_by_role("link", name="Dasbor", exact=True)).to_be_visible()
    assert violations == []


def test_main_pages_run_without_a_content_security_policy_violation(
    transactional_db, people, chart, page, login, live_server, screenshot
):
    violations = csp_violations(page)
    UserFactory(username="root", is_superuser=True, is_staff=True)
    pages = {
        "staf.dinkes": ["/", "/agencies/", f"/agencies/{chart['dinkes'].pk}/", "/innovations/mine/", "/kompetisi/"],
        "walikota": ["/dashboard/", "/compliance/quota/", "/innovations/", "/notifications/"],
        "root": ["/audit/", "/admin/", "/api/docs/"],
    }
    answers = {}
    for username, paths in pages.items():
        login(username)
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
            answers[path] = (response.status, "default-src 'self'" in response.headers["content-security-policy"])
        page.goto(f"{live_server.url}/")  # the admin and the API docs have no user menu
        log_out(page, User.objects.get(username=username).display_name)

    assert answers == {path: (200, True) for paths in pages.values() for path in paths}
    assert violations == []

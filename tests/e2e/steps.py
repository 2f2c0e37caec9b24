"""What a person does on many pages of the browser tests: open a list from the main navigation, find a labelled
field, press a workflow button and read the answer, log out."""

import re

from playwright.sync_api import Page, expect


def nav(page: Page):
    return page.get_by_role("navigation", name="Navigasi utama")


def go_to(page: Page, name: str) -> None:
    """Open a page from the main navigation; the compliance pages sit in its "Kepatuhan" menu."""
    link = nav(page).get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        nav(page).get_by_role("button", name="Kepatuhan", exact=True).click()
    link.click()


def open_listed(page: Page, menu: str, name: str) -> None:
    """Open a list from the main navigation, then the record called `name` in it."""
    go_to(page, menu)
    page.get_by_role("link", name=name, exact=True).click()


def field(label: str) -> re.Pattern[str]:
    """A form label, whether or not crispy marks it required with an asterisk."""
    return re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")


def log_out(page: Page, display_name: str) -> None:
    """Through the user menu in the header."""
    page.get_by_role("button", name=display_name, exact=True).click()
    page.get_by_role("button", name="Keluar", exact=True).click()
    expect(page.get_by_role("button", name=display_name, exact=True)).to_have_count(0)


def state_badge(page: Page):
    return page.locator(".page-header .badge").first


def press(page: Page, button: str, *, message: str, state: str, exact: bool = False) -> None:
    """Press a workflow button: the page confirms with `message` and the record's badge shows `state`."""
    page.get_by_role("button", name=button, exact=exact).click()
    expect(page.get_by_role("alert").filter(has_text=message)).to_have_text(re.compile(re.escape(message)))
    expect(state_badge(page)).to_have_text(state)

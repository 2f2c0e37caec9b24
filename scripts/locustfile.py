"""`make load`: 50 people of every role of the demo city (seed_demo) at once, logged in, reading their usual
pages and submitting forms, with no think time, against the running `make run` stack.

Forms are submitted as the page offers them (every field with its current value), so the run goes through
validation, the service and the redirect without changing the demo data: an agency saved unchanged, an
innovation draft saved unchanged. Each request is named by its page, not its URL, so the report has one row per
page. A script, not a test: the figures go into README.
"""

from __future__ import annotations

import json
import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import gevent
from django_otp.oath import TOTP
from gevent.event import Event
from gevent.lock import Semaphore
from locust import HttpUser, constant, events, task
from locust.env import Environment

PASSWORD = os.environ.get("DEMO_PASSWORD", "ambon-manise-2026")
#: The keys of the authenticators `scripts/load.sh` made for the accounts that must give a code
#: (`manage.py load_authenticators`): {"username": "hex key"}.
AUTHENTICATORS = Path(os.environ.get("LOAD_AUTHENTICATORS", "var/load/authenticators.json"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INNOVATION_LINK = re.compile(r'href="/innovations/(\d+)/"')
AGENCY_LINK = re.compile(r'href="/agencies/(\d+)/"')


@events.init.add_listener
def _fresh_clock(**_kwargs: Any) -> None:
    """On a busy machine locust's imports take long enough for gevent's cached loop time to go stale, and the
    --run-time timer, counted from it, then fires early: refresh the clock before the timer is set."""
    gevent.get_hub().loop.update_now()


@events.init_command_line_parser.add_listener
def _measure_option(parser: Any) -> None:
    parser.add_argument("--measure", type=float, default=60.0, help="seconds measured once everyone is logged in")


class WarmUp:
    """Everyone logs in first; the measured minute starts when the last person is in.

    People log in once a working day, not fifty at a time every minute: a login is a PBKDF2 hash of the password
    (about 0.5 s of CPU by design), and fifty of them at once would fill the first 20 s of the minute with
    password checks. So the logins are a warm-up: each simulated person logs in, then waits; when all have,
    the logins' figures are printed, the statistics are reset, and the pages are measured for `--measure`
    seconds, after which the run stops."""

    everyone_in = Event()
    logged_in = 0

    @classmethod
    def arrived(cls, environment: Environment) -> None:
        cls.logged_in += 1
        runner = environment.runner
        if runner is None or cls.everyone_in.is_set() or cls.logged_in < environment.parsed_options.num_users:
            return
        stats = runner.stats
        for key, entry in sorted(stats.entries.items()):
            print(
                f"[satu-inovasi] warm-up {key[1]} {key[0]}: {entry.num_requests} requests, "
                f"p50 {entry.get_response_time_percentile(0.5):.0f} ms, "
                f"p95 {entry.get_response_time_percentile(0.95):.0f} ms, {entry.num_failures} errors"
            )
        stats.clear_all()
        gevent.spawn_later(environment.parsed_options.measure, runner.quit)
        seconds = environment.parsed_options.measure
        print(f"[satu-inovasi] all {cls.logged_in} people logged in: measuring {seconds:.0f} s")
        cls.everyone_in.set()


class _Forms(HTMLParser):
    """The POST forms of a page with their fields' current values (what a browser would send unchanged)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._first_option: tuple[str, str] | None = None
        self._selected = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(), "data": []})
            return
        if not self.forms:
            return
        data = self.forms[-1]["data"]
        name = a.get("name", "")
        if tag == "input" and name and a.get("type", "text") not in ("submit", "button", "file", "image"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                data.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._first_option, self._selected = name, None, False
        elif tag == "option" and self._select:
            if "selected" in a:
                data.append((self._select, a.get("value", "")))
                self._selected = True
            elif self._first_option is None:
                self._first_option = (self._select, a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            data.append((name, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select:
            if not self._selected and self._first_option:  # a browser sends a single select's first option
                self.forms[-1]["data"].append(self._first_option)
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, text: str) -> None:
        if self._textarea and self.forms:
            name, value = self.forms[-1]["data"][-1]
            self.forms[-1]["data"][-1] = (name, value + text)


def main_form(html: str) -> dict[str, Any] | None:
    """The page's own POST form: the one with the most fields (the header's logout and language forms are tiny)."""
    parser = _Forms()
    parser.feed(html)
    posts = [form for form in parser.forms if form["method"] == "post"]
    return max(posts, key=lambda form: len(form["data"]), default=None)


class Person(HttpUser):
    """Logs in once, then reads pages; subclasses name the account and their tasks."""

    abstract = True
    username: ClassVar[str] = ""
    wait_time = constant(0)  # no think time: each person sends the next request as soon as one is answered

    def on_start(self) -> None:
        self.log_in()
        self.ready()

    def ready(self) -> None:
        """Logged in: wait for the others (WarmUp) before the first page."""
        WarmUp.arrived(self.environment)
        WarmUp.everyone_in.wait()

    def log_in(self) -> None:
        """The login form, then, for an account that must use two-factor authentication, the code page with the
        code its load test authenticator shows now."""
        page = self.client.get("/accounts/login/", name="login")
        token = CSRF.search(page.text)
        landed = self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
        )
        if "/accounts/2fa/verify/" in landed.url:
            key = json.loads(AUTHENTICATORS.read_text())[self.username]
            code = f"{TOTP(bytes.fromhex(key)).token():06d}"
            token = CSRF.search(landed.text)
            self.client.post(
                landed.url,
                {"code": code, "csrfmiddlewaretoken": token.group(1) if token else ""},
                headers={"Referer": landed.url},
                name="login (code)",
            )

    def page(self, url: str, name: str) -> str:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            return response.text or ""

    def resubmit(self, url: str, name: str) -> None:
        """Open a form page and submit its form unchanged; anything but a redirect is an error."""
        form = main_form(self.page(url, name))
        if form is None:
            return
        with self.client.post(
            form["action"] or url,
            data=form["data"],
            headers={"Referer": f"{self.host}{url}"},
            name=f"{name} (submit)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")

    def innovation_detail(self, listing: str) -> None:
        ids = INNOVATION_LINK.findall(listing)
        if ids:
            self.page(f"/innovations/{random.choice(ids)}/", "innovation detail")  # noqa: S311 -- not security


class Manager(Person):
    """The mayor's office and the administrator: the dashboard, the register, the directory, compliance.

    They log in with a code as well, and a code is accepted once (django-otp refuses a code already used): the
    first simulated person of an account logs in, the others of that account join its session, as the same
    person's several browser tabs would."""

    abstract = True
    _sessions: ClassVar[dict[str, dict[str, str]]] = {}
    _login = Semaphore()

    def on_start(self) -> None:
        with Manager._login:
            if self.username not in Manager._sessions:
                self.log_in()
                Manager._sessions[self.username] = self.client.cookies.get_dict()
        for name, value in Manager._sessions[self.username].items():
            self.client.cookies.set(name, value)
        self.ready()

    @task(3)
    def dashboard(self) -> None:
        self.page("/dashboard/", "dashboard")

    @task(4)
    def innovations(self) -> None:
        self.innovation_detail(self.page("/innovations/", "innovation list"))

    @task(2)
    def innovations_filtered(self) -> None:
        self.page("/innovations/?state=accepted&sort=-updated", "innovation list, filtered")

    @task(3)
    def directory(self) -> None:
        listing = self.page("/agencies/", "agency directory")
        ids = AGENCY_LINK.findall(listing)
        if ids:
            self.page(f"/agencies/{random.choice(ids)}/", "agency detail")  # noqa: S311 -- not security

    @task(2)
    def compliance(self) -> None:
        self.page("/compliance/quota/", "quota")
        self.page("/compliance/ombudsman/", "ombudsman")

    @task(1)
    def edit_agency(self) -> None:
        ids = AGENCY_LINK.findall(self.page("/agencies/?q=dinas", "agency directory, search"))
        if ids:
            self.resubmit(f"/agencies/{random.choice(ids)}/edit/", "agency edit")  # noqa: S311 -- not security


class Admin(Manager):
    username = "admin"


class Reviewer(Manager):
    username = "walikota"
    weight = 2


class Head(Person):
    """An agency head: their agency's innovations, quota and scorecard."""

    username = "kadinkes"
    weight = 2

    @task(3)
    def mine(self) -> None:
        self.innovation_detail(self.page("/innovations/mine/", "my innovations"))

    @task(2)
    def innovations(self) -> None:
        self.page("/innovations/", "innovation list")

    @task(2)
    def quota(self) -> None:
        self.page("/compliance/quota/mine/", "my quota")

    @task(1)
    def home(self) -> None:
        self.page("/", "home")


class Camat(Head):
    username = "camat.sirimau"
    weight = 1


class Staff(Person):
    """The operator who enters innovations: their list, the new-innovation form, a draft saved again."""

    username = "staf.dinkes"
    weight = 3

    @task(3)
    def mine(self) -> None:
        self.innovation_detail(self.page("/innovations/mine/", "my innovations"))

    @task(1)
    def new(self) -> None:
        self.page("/innovations/new/", "new innovation form")

    @task(1)
    def save_draft(self) -> None:
        listing = self.page("/innovations/?state=draft", "innovation list, drafts")
        ids = INNOVATION_LINK.findall(listing)
        if ids:
            self.resubmit(f"/innovations/{random.choice(ids)}/edit/", "innovation edit")  # noqa: S311 -- not security

    @task(1)
    def notifications(self) -> None:
        self.page("/notifications/", "notifications")


class Evaluator(Person):
    username = "juri1"
    weight = 1

    @task
    def reviews(self) -> None:
        self.page("/kompetisi/reviews/", "my reviews")
        self.page("/kompetisi/", "competition rounds")

"""Walk every page a person can reach, as they would: from their start page, follow the links of each page
(navigation, lists, buttons), one page per URL pattern, and measure each at phone width with axe-core.

A pattern is visited once (the first URL found for it): the agency list and one agency, not every agency. What is
not a page (a download, an API response, Django's admin, the language switch) is passed over.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Error, Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

#: Path prefixes that are not pages of the app: Django's admin, the API and its viewer, the language switch.
NOT_PAGES = ("/admin/", "/api/", "/i18n/", "/static/", "/media/", "/healthz/")
#: Endings of links to files, not pages.
FILES = (".pdf", ".csv", ".json", ".xlsx", ".xml", ".zip", ".png", ".svg")

#: Every same-origin link of the page, resolved against its address, without fragments; downloads left out.
LINKS = """() => [...document.querySelectorAll("a[href]:not([download])")]
  .map((a) => new URL(a.getAttribute("href"), document.baseURI))
  .filter((u) => u.origin === location.origin)
  .map((u) => u.pathname + u.search)"""

#: The page's width, and how far the document goes on below the footer's bottom edge (a page shorter than the
#: screen ends at the screen's bottom: that is not a band).
MEASURE = """() => {
  const footer = document.querySelector("body > footer");
  const bottom = Math.max(footer.getBoundingClientRect().bottom + window.scrollY, window.innerHeight);
  return [document.documentElement.scrollWidth, Math.round(document.documentElement.scrollHeight - bottom)];
}"""

#: axe-core's violations of impact serious or critical, as "rule: target" lines (only violations are
#: computed: asking for passes and incomplete results triples the time).
AXE_RUN = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}"""


def pattern_of(path: str) -> str | None:
    """The URL pattern a path belongs to ("innovations/<int:pk>/"), None when it is not a page of the app."""
    if path.startswith(NOT_PAGES) or urlsplit(path).path.endswith(FILES):
        return None
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.route


@dataclass
class Sweep:
    """What the walk found: the pages measured, and each problem as "path: what"."""

    visited: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: Seconds spent loading pages and in axe-core, to keep the walk within its budget.
    load_seconds: float = 0.0
    axe_seconds: float = 0.0


def walk(page: Page, base_url: str, starts: list[str], width: int, shots: Path, axe_done: set[str]) -> Sweep:
    """Visit every page reachable by links from `starts`, once per URL pattern, breadth first. A page with a
    problem is photographed into `shots` (NN.png, in the order of `visited`) for people to look at.

    axe-core takes two thirds of the walk's time, and most patterns are reached by several people: a pattern in
    `axe_done` (checked in an earlier person's walk) is measured for width but not run through axe again, except
    the home page, whose content is each person's own. Checked patterns are added to `axe_done`."""
    sweep = Sweep()
    queue = list(starts)
    seen = {pattern_of(path) for path in starts}
    while queue:
        path = queue.pop(0)
        started = time.perf_counter()
        try:
            response = page.goto(f"{base_url}{path}")
        except Error:  # a download ("Download is starting"): a file, not a page
            continue
        finally:
            sweep.load_seconds += time.perf_counter() - started
        if response is not None and response.status >= 500:  # a broken page is a problem, not a page to pass over
            sweep.problems.append(f"{path}: server error {response.status}")
            continue
        landed = urlsplit(page.url)
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        if landed.path != urlsplit(path).path:  # redirected: measured as the page it landed on, if that is new
            pattern = pattern_of(landed.path)
            if pattern is None or pattern in seen:
                continue
            seen.add(pattern)
            path = f"{landed.path}?{landed.query}" if landed.query else landed.path
        sweep.visited.append(path)
        page_width, below_footer = page.evaluate(MEASURE)
        if page_width > width:
            sweep.problems.append(f"{path}: page is {page_width} px wide")
        if below_footer > 1:
            sweep.problems.append(f"{path}: {below_footer} px blank after the footer")
        pattern = pattern_of(urlsplit(path).path)
        if pattern not in axe_done or pattern == "":
            axe_done.add(pattern or "")
            started = time.perf_counter()
            page.add_script_tag(path=str(AXE))
            sweep.problems += [f"{path}: {line}" for line in page.evaluate(AXE_RUN)]
            sweep.axe_seconds += time.perf_counter() - started
        if sweep.problems and sweep.problems[-1].startswith(f"{path}: "):
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / f"{len(sweep.visited):02d}.png"), full_page=True)
        for link in page.evaluate(LINKS):
            pattern = pattern_of(link)
            if pattern is not None and pattern not in seen:
                seen.add(pattern)
                queue.append(link)
    return sweep

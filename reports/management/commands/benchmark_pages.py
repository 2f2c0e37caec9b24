"""Time EVERY page server-side on the data of `seed_scale`, as each kind of person who may see it.

The pages come from the URL resolver (reports/scale/pages.py), so a page added later is timed without a change
here; a few variants with filters or without the cache follow. For each: median and 95th percentile of the
whole request through Django's test Client (middleware, view, queries, template), its SQL query count, the same
SQL replayed bare on a cursor, the size of the response, and the ratio of the median to bare SQL plus an empty
Django view. Every figure over its target is flagged:

- p95 < 300 ms for the national administrator (country-wide), < 100 ms for one region's people;
- median within 3x (bare SQL + empty view);
- HTML < 150 KiB.

Run it through `make benchmark-pages` (`ARGS="--markdown"` prints the table README shows). A script, never a
timed test.
"""

from __future__ import annotations

import logging
import statistics
from dataclasses import dataclass, replace
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path, reverse
from django.utils import timezone

from agencies.models import Agency, Region, User
from competition.models import Round
from reports.scale.competition import PROVINCE_ORGANISER
from reports.scale.pages import Case, Persona, every_page
from reports.scale.timing import p95, signed_in_client, timed

COUNTRY_P95_MS = 300
REGION_P95_MS = 100
RATIO = 3
HTML_KIB = 150


def empty(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


# This module is the URLconf while the benchmark runs: the project's URLs plus the empty view.
urlpatterns = [path("__benchmark_empty__/", empty), path("", include("config.urls"))]


@dataclass(frozen=True)
class Result:
    status: int
    median_ms: float = 0.0
    p95_ms: float = 0.0
    queries: int = 0
    sql_median_ms: float = 0.0
    size: int = 0
    html: bool = False
    slowest_sql: str = ""


def _bare(sql: str) -> str:
    """The statement to replay: a server-side cursor's query without the cursor (FETCH and CLOSE dropped)."""
    if sql.startswith("DECLARE "):
        return sql.split(" FOR ", 1)[1]
    if sql.startswith(("FETCH ", "CLOSE ")):
        return ""
    return sql


def misses(case: Case, result: Result, floor_ms: float) -> list[str]:
    """The targets this page misses, as short flags for the table."""
    flags = []
    limit = COUNTRY_P95_MS if case.persona.country else REGION_P95_MS
    if result.p95_ms >= limit:
        flags.append(f"p95 ≥ {limit} ms")
    if result.median_ms > RATIO * (result.sql_median_ms + floor_ms):
        flags.append(f"> {RATIO}x SQL")
    if result.html and result.size >= HTML_KIB * 1024:
        flags.append(f"HTML ≥ {HTML_KIB} KiB")
    return flags


class Command(BaseCommand):
    help = "Time every page on seed_scale's data: median, p95, queries, bare SQL, size (see make benchmark-pages)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=10)
        parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest query of a miss")
        parser.add_argument("--only", default="", help="Only the pages whose name contains this text")
        parser.add_argument("--markdown", action="store_true", help="Print the table as Markdown (for README)")

    def handle(self, *args: Any, runs: int, explain: bool, only: str, markdown: bool, **options: Any) -> None:
        admin = User.objects.filter(username="admin.skala").first()
        region = Region.objects.filter(level="city").order_by("code").first()
        if admin is None or region is None:
            raise CommandError("No seed_scale data here: run `manage.py seed_scale` first (make benchmark-pages).")
        agency = Agency.objects.get(region=region, code="A10")
        personas = [Persona("national admin", admin, country=True)]
        for label, username in (("region reviewer", "walikota"), ("agency head", "kepala"), ("staff", "staf")):
            user = User.objects.filter(username=f"{username}.{region.code}").first()
            if user is not None:  # `staf.` came with a later seed_scale
                personas.append(Persona(label, user))
        cases = [*every_page(personas, region, agency), *self._variants(personas, region, agency)]
        cases = [case for case in cases if not only or only in case.page]
        self.stdout.write(
            f"{Agency.objects.count():,} agencies in {Region.objects.filter(level='city').count():,} regions; "
            f"{runs} runs per page after 3 warm-up runs; targets: p95 < {COUNTRY_P95_MS} ms country-wide, "
            f"< {REGION_P95_MS} ms one region; median ≤ {RATIO}x (bare SQL + empty view); HTML < {HTML_KIB} KiB\n"
        )
        # A page refused to a persona is a row of the "not timed" list, not a logged warning with a traceback.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        logging.getLogger("django.security").setLevel(logging.CRITICAL)
        with override_settings(ROOT_URLCONF=__name__):
            floor = self._measure(Case("empty Django view", personas[0], url="/__benchmark_empty__/"), runs)
            self._report(cases, runs, floor.median_ms, explain=explain, markdown=markdown)

    def _variants(self, personas: list[Persona], region: Region, agency: Agency) -> list[Case]:
        """What the plain GET of each page does not show: filtered lists, the dashboard without its cache, the
        organiser's ranking of the province's round and the busiest evaluator's list."""
        admin, reviewer = personas[0], personas[1]
        year = timezone.localdate().year
        filters = {"year": year - 1, "state": "accepted"}
        innovations, dashboard = reverse("innovations:list"), reverse("dashboard")
        cold = {"DASHBOARD_CACHE_SECONDS": 0}
        cases = [
            Case("innovations:list year+state", reviewer, innovations, filters),
            Case("innovations:list year+state", admin, innovations, filters),
            Case("innovations:list search", admin, innovations, {"q": "warga 1234"}),
            Case("agencies:list search", admin, reverse("agencies:list"), {"q": "kelurahan 15"}),
            Case("dashboard one region", reviewer, dashboard, {"year": year, "region": region.pk}),
            Case("dashboard one region, no cache", reviewer, dashboard, {"year": year, "region": region.pk}, cold),
            Case("dashboard country", admin, dashboard, {"year": year, "region": "all"}),
            Case("dashboard country, no cache", admin, dashboard, {"year": year, "region": "all"}, cold),
        ]
        round_ = Round.objects.filter(region__level=Region.Level.PROVINCE).order_by("-pk").first()
        if round_ is None:
            return cases
        organiser = replace(admin, label="province organiser", user=User.objects.get(username=PROVINCE_ORGANISER))
        ranking = reverse("competition:ranking", args=[round_.pk])
        cases.append(Case(f"ranking, {round_.entries.count():,} entries", organiser, ranking, {"stage": "proposal"}))
        evaluator = (
            User.objects.filter(panel_seats__round=round_)
            .annotate(reviews=Count("panel_seats__reviews"))
            .order_by("-reviews", "username")
            .first()
        )
        if evaluator is not None:
            name = f"my reviews, {getattr(evaluator, 'reviews', 0)} assigned"
            persona = replace(admin, label="evaluator", user=evaluator, country=False)
            cases.append(Case(name, persona, reverse("competition:my-reviews")))
        return cases

    def _report(self, cases: list[Case], runs: int, floor_ms: float, *, explain: bool, markdown: bool) -> None:
        header = ("page", "who", "median", "p95", "queries", "bare SQL", "KiB", "ratio", "misses")
        if markdown:
            self.stdout.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
        else:
            self.stdout.write(
                f"{'page':<40} {'who':<16} {'median':>8} {'p95':>8} {'q':>4} {'SQL':>8} {'KiB':>6} {'x':>5}"
            )
        self._row(("empty Django view (floor)", "", f"{floor_ms:.1f}", "", "0", "", "", "", ""), markdown)
        skipped: list[str] = []
        missed = 0
        for case in cases:
            if case.skipped:
                skipped.append(f"{case.page} ({case.persona.label}): {case.skipped}")
                continue
            result = self._measure(case, runs)
            if result.status in (302, 403, 404, 405):
                skipped.append(f"{case.page} ({case.persona.label}): HTTP {result.status}, not this person's page")
                continue
            if result.status != 200:
                missed += 1
                self._row((case.page, case.persona.label, f"HTTP {result.status}", *[""] * 5, "ERROR"), markdown)
                continue
            flags = misses(case, result, floor_ms)
            missed += bool(flags)
            ratio = result.median_ms / (result.sql_median_ms + floor_ms)
            cells = (
                case.page,
                case.persona.label,
                f"{result.median_ms:.1f}",
                f"{result.p95_ms:.1f}",
                str(result.queries),
                f"{result.sql_median_ms:.1f}",
                f"{result.size / 1024:.0f}",
                f"{ratio:.1f}",
                ", ".join(flags) or "—",
            )
            self._row(cells, markdown)
            if explain and flags and result.slowest_sql:
                self._explain(result.slowest_sql)
        self.stdout.write(f"\n{missed} page(s) over a target. Not timed:")
        for line in skipped:
            self.stdout.write(f"- {line}")

    def _row(self, cells: tuple[str, ...], markdown: bool) -> None:
        if markdown:
            self.stdout.write("| " + " | ".join(cells) + " |")
        else:
            page, who, median, p95, queries, sql, size, ratio, flags = cells
            figures = f"{median:>8} {p95:>8} {queries:>4} {sql:>8} {size:>6} {ratio:>5}"
            self.stdout.write(f"{page[:40]:<40} {who[:16]:<16} {figures}  {flags}")
        self.stdout.flush()  # a long run printed to a file shows its progress row by row

    def _measure(self, case: Case, runs: int) -> Result:
        with override_settings(**case.settings):
            return self._measure_case(case, runs)

    def _measure_case(self, case: Case, runs: int) -> Result:
        # A page that raises is reported as HTTP 500 in the table, not the end of the run.
        client = signed_in_client(case.persona.user, raise_request_exception=False)
        size, content_type = 0, ""

        def get() -> int:
            nonlocal size, content_type
            response = client.get(case.url, case.params)
            content_type = response.get("Content-Type", "")
            if getattr(response, "streaming", False):
                size = len(b"".join(response.streaming_content))  # type: ignore[attr-defined]
            else:
                size = len(response.content)
            return response.status_code

        status = get()
        if status != 200:
            return Result(status=status)
        html = content_type.startswith("text/html")
        for _ in range(2):
            get()
        times = timed(get, runs)
        with CaptureQueriesContext(connection) as captured:
            get()
        statements = [sql for sql in (_bare(q["sql"]) for q in captured.captured_queries) if sql]

        def bare() -> None:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
                    if cursor.description:
                        cursor.fetchall()

        sql_times = timed(bare, max(5, runs // 2)) if statements else [0.0]
        slowest = _bare(max(captured.captured_queries, key=lambda q: float(q["time"]))["sql"]) if statements else ""
        return Result(
            status=status,
            median_ms=statistics.median(times),
            p95_ms=p95(times),
            queries=len(captured.captured_queries),
            sql_median_ms=statistics.median(sql_times),
            size=size,
            html=html,
            slowest_sql=slowest,
        )

    def _explain(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}")
            plan = "\n".join(f"      {row[0]}" for row in cursor.fetchall())
        self.stdout.write(f"    slowest: {' '.join(sql.split())[:160]}\n{plan}")

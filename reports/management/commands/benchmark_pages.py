"""Time the pages server-side on the data of `seed_scale`: median and 95th percentile of the whole request
through Django's test Client (middleware, view, queries, template), its SQL query count, and the time of the
same SQL statements replayed bare on a cursor, beside an empty Django view as the floor.

Run it through `make benchmark-pages`. A script, never a timed test: the figures go into README.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path, reverse
from django.utils import timezone

from agencies.models import Agency, Region, User
from competition.models import Round
from reports.scale.competition import PROVINCE_ORGANISER


def empty(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


# This module is the URLconf while the benchmark runs: the project's URLs plus the empty view.
urlpatterns = [path("__benchmark_empty__/", empty), path("", include("config.urls"))]


@dataclass(frozen=True)
class Page:
    name: str
    user: User | None
    url: str
    params: dict[str, Any]
    #: Settings overridden while the page is measured (the dashboard without its cache).
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    median_ms: float
    p95_ms: float
    queries: int
    sql_median_ms: float
    slowest_sql: str


def _bare(sql: str) -> str:
    """The statement to replay: a server-side cursor's query without the cursor (FETCH and CLOSE dropped)."""
    if sql.startswith("DECLARE "):
        return sql.split(" FOR ", 1)[1]
    if sql.startswith(("FETCH ", "CLOSE ")):
        return ""
    return sql


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Time the main pages on seed_scale's data: median, p95, queries, bare SQL (see make benchmark-pages)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest query of each page")
        parser.add_argument("--only", default="", help="Only the pages whose name contains this text")

    def handle(self, *args: Any, runs: int, explain: bool, only: str, **options: Any) -> None:
        admin = User.objects.filter(username="admin.skala").first()
        region = Region.objects.filter(level="city").order_by("code").first()
        if admin is None or region is None:
            raise CommandError("No seed_scale data here: run `manage.py seed_scale` first (make benchmark-pages).")
        reviewer = User.objects.get(username=f"walikota.{region.code}")
        agency = Agency.objects.get(region=region, code="A10")
        year = timezone.localdate().year
        filters = {"year": year - 1, "state": "accepted"}
        innovations = reverse("innovations:list")
        dashboard = reverse("dashboard")
        cold = {"DASHBOARD_CACHE_SECONDS": 0}
        pages = [
            Page("empty Django view (floor)", None, "/__benchmark_empty__/", {}),
            Page("innovation list, one region, no filter", reviewer, innovations, {}),
            Page("innovation list, one region, year+state", reviewer, innovations, filters),
            Page("innovation list, whole country, no filter", admin, innovations, {}),
            Page("innovation list, whole country, year+state", admin, innovations, filters),
            Page("innovation list, whole country, search", admin, innovations, {"q": "warga 1234"}),
            Page("quota page, one region", reviewer, reverse("compliance:quota"), {"year": year}),
            Page("agency scorecard", reviewer, reverse("reports:scorecard", args=[agency.pk]), {}),
            Page("agency scorecard PDF", reviewer, reverse("reports:scorecard-pdf", args=[agency.pk]), {}),
            # The dashboard as most requests see it (cached under the data version) and as the first request
            # after a write computes it (no cache).
            Page("dashboard, one region", reviewer, dashboard, {"year": year, "region": region.pk}),
            Page("dashboard, one region, no cache", reviewer, dashboard, {"year": year, "region": region.pk}, cold),
            Page("dashboard, whole country", admin, dashboard, {"year": year, "region": "all"}),
            Page("dashboard, whole country, no cache", admin, dashboard, {"year": year, "region": "all"}, cold),
            *self._competition_pages(),
        ]
        self.stdout.write(
            f"{Agency.objects.count():,} agencies in {Region.objects.filter(level='city').count():,} regions; "
            f"{runs} runs per page after 3 warm-up runs\n"
        )
        header = f"{'page':<46} {'median':>8} {'p95':>8} {'queries':>8} {'bare SQL':>9}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        with override_settings(ROOT_URLCONF=__name__):
            for page in pages:
                if only and only not in page.name and page.user is not None:
                    continue
                result = self._measure(page, runs)
                self.stdout.write(
                    f"{page.name:<46} {result.median_ms:>6.1f}ms {result.p95_ms:>6.1f}ms {result.queries:>8} "
                    f"{result.sql_median_ms:>7.1f}ms"
                )
                if explain and result.slowest_sql:
                    self._explain(result.slowest_sql)

    def _competition_pages(self) -> list[Page]:
        """The organiser's ranking of the province's round (the largest) and the list of its busiest evaluator."""
        round_ = Round.objects.filter(region__level=Region.Level.PROVINCE).order_by("-pk").first()
        if round_ is None:
            self.stdout.write("(no competition round: seeded before the competition step; its pages are skipped)")
            return []
        organiser = User.objects.get(username=PROVINCE_ORGANISER)
        evaluator = (
            User.objects.filter(panel_seats__round=round_)
            .annotate(reviews=Count("panel_seats__reviews"))
            .order_by("-reviews", "username")
            .first()
        )
        ranking = reverse("competition:ranking", args=[round_.pk])
        name = f"competition ranking, {round_.entries.count():,} entries"
        pages = [Page(name, organiser, ranking, {"stage": "proposal"})]
        if evaluator is not None:
            name = f"evaluator's reviews, {getattr(evaluator, 'reviews', 0)} assigned"
            pages.append(Page(name, evaluator, reverse("competition:my-reviews"), {}))
        return pages

    def _client(self, user: User | None) -> Client:
        client = Client(HTTP_HOST="localhost")
        if user is not None:
            client.force_login(user)
        return client

    def _measure(self, page: Page, runs: int) -> Result:
        with override_settings(**page.settings):
            return self._measure_page(page, runs)

    def _measure_page(self, page: Page, runs: int) -> Result:
        client = self._client(page.user)

        def get() -> None:
            response = client.get(page.url, page.params)
            if response.status_code != 200:
                raise CommandError(f"{page.name}: HTTP {response.status_code}")
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)  # type: ignore[attr-defined]

        for _ in range(3):
            get()
        times = self._time(get, runs)
        with CaptureQueriesContext(connection) as captured:
            get()
        statements = [_bare(q["sql"]) for q in captured.captured_queries]
        statements = [sql for sql in statements if sql]

        def bare() -> None:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
                    if cursor.description:
                        cursor.fetchall()

        sql_times = self._time(bare, max(5, runs // 3)) if statements else [0.0]
        slowest = ""
        if statements:
            slowest = _bare(max(captured.captured_queries, key=lambda q: float(q["time"]))["sql"])
        return Result(
            median_ms=statistics.median(times),
            p95_ms=_p95(times),
            queries=len(captured.captured_queries),
            sql_median_ms=statistics.median(sql_times),
            slowest_sql=slowest,
        )

    @staticmethod
    def _time(call: Callable[[], None], runs: int) -> list[float]:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        return times

    def _explain(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}")
            plan = "\n".join(f"      {row[0]}" for row in cursor.fetchall())
        self.stdout.write(f"    slowest: {' '.join(sql.split())[:160]}\n{plan}")

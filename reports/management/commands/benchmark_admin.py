"""Our agency directory and innovation list beside Django admin's changelist of the same model, on the same
seed_scale data, as the same national administrator: the two pages are requested alternately (ours, the
admin's, ours, ...) so that whatever else the machine is doing weighs on both alike. Prints each median and
p95 and the ratio admin / ours (above 1: ours is faster). Also unfiltered and with one search word.

Run it through `make benchmark-admin`. A script, never a timed test.
"""

from __future__ import annotations

import statistics
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import Client
from django.urls import reverse

from agencies.models import User
from reports.scale.timing import p95, signed_in_client, timed


class Command(BaseCommand):
    help = "Time our directory and innovation list against Django admin's changelists (see make benchmark-admin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, *args: Any, runs: int, **options: Any) -> None:
        admin = User.objects.filter(username="admin.skala").first()
        if admin is None:
            raise CommandError("No seed_scale data here: run `manage.py seed_scale` first (make benchmark-admin).")
        client = signed_in_client(admin)
        pairs: list[tuple[str, str, str, dict[str, Any], dict[str, Any]]] = [
            ("agency directory", reverse("agencies:list"), reverse("admin:agencies_agency_changelist"), {}, {}),
            ("agency directory, search", reverse("agencies:list"), reverse("admin:agencies_agency_changelist"),
             {"q": "kelurahan 15"}, {"q": "kelurahan 15"}),
            ("innovation list", reverse("innovations:list"), reverse("admin:innovations_innovation_changelist"),
             {}, {}),
            ("innovation list, year + state", reverse("innovations:list"),
             reverse("admin:innovations_innovation_changelist"),
             {"year": 2025, "state": "accepted"}, {"year__exact": 2025, "state__exact": "accepted"}),
        ]  # fmt: skip
        header = f"{'page':<32} {'ours':>9} {'p95':>9} {'admin':>9} {'p95':>9} {'admin/ours':>11}"
        self.stdout.write(f"{runs} alternating runs each, after 3 warm-up runs, as the national administrator\n")
        self.stdout.write(header + "\n" + "-" * len(header))
        slower = []
        for name, ours_url, admin_url, ours_params, admin_params in pairs:
            ours, theirs = self._alternate(client, (ours_url, ours_params), (admin_url, admin_params), runs)
            ratio = statistics.median(theirs) / statistics.median(ours)
            if ratio <= 1:
                slower.append(name)
            self.stdout.write(
                f"{name:<32} {statistics.median(ours):>7.1f}ms {p95(ours):>7.1f}ms "
                f"{statistics.median(theirs):>7.1f}ms {p95(theirs):>7.1f}ms {ratio:>10.1f}x"
            )
        if slower:
            raise CommandError(f"Slower than Django admin: {', '.join(slower)}")
        self.stdout.write(self.style.SUCCESS("\nEvery page of ours is faster than the admin's changelist."))

    @staticmethod
    def _alternate(
        client: Client, ours: tuple[str, dict[str, Any]], theirs: tuple[str, dict[str, Any]], runs: int
    ) -> tuple[list[float], list[float]]:
        def get(url: str, params: dict[str, Any]) -> None:
            response = client.get(url, params)
            if response.status_code != 200:
                raise CommandError(f"{url}: HTTP {response.status_code}")

        for _ in range(3):
            get(*ours)
            get(*theirs)
        ours_ms: list[float] = []
        theirs_ms: list[float] = []
        for _ in range(runs):
            ours_ms += timed(lambda: get(*ours), 1)
            theirs_ms += timed(lambda: get(*theirs), 1)
        return ours_ms, theirs_ms

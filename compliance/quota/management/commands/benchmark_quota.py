"""Benchmark of the quota sweep at national scale: fills an EMPTY scratch database with regions, agencies,
staff and innovations (in SQL, in seconds), then times the sweep and counts its queries.

Run it through `make benchmark-quota` (it creates the scratch database and a throwaway Redis database for
the email tasks), not against data you care about: it refuses a database that already has agencies.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, AgencyType
from compliance.quota import services

YEAR = 2026


class Command(BaseCommand):
    help = "Fill a scratch database with N agencies and time the quota sweep (see make benchmark-quota)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agencies", type=int, default=60000)
        parser.add_argument("--per-region", type=int, default=110)
        parser.add_argument("--innovation-share", type=float, default=0.6, help="Agencies with an innovation")

    def handle(self, *args: Any, agencies: int, per_region: int, innovation_share: float, **options: Any) -> None:
        if Agency.objects.exists():
            raise CommandError("This database has agencies already: run the benchmark on an empty scratch database.")
        started = time.perf_counter()
        self._fill(agencies, per_region, innovation_share)
        self.stdout.write(f"filled {agencies} agencies in {time.perf_counter() - started:.1f} s")
        today = datetime.date(YEAR, 12, 10)  # inside the reminder windows: at-risk notifications are due
        self._measure("first sweep (creates every status)", today)
        self._measure("second sweep (nothing changed)", today)
        with connection.cursor() as cursor:  # 5% of the innovations get approved
            cursor.execute(
                "UPDATE innovations_innovation SET state = 'head_approved', first_approved_at = now() "
                "WHERE state = 'draft' AND id % 20 = 0"
            )
        self._measure("third sweep (5% of innovations approved)", today)

    def _measure(self, label: str, today: datetime.date) -> None:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = services.quota_sweep(year=YEAR, today=today)
            elapsed = time.perf_counter() - started
        counts: dict[str, int] = {}
        for status, _count in result.statuses.values():
            counts[str(status)] = counts.get(str(status), 0) + 1
        self.stdout.write(
            f"{label}: {elapsed:.2f} s, {len(queries)} queries, {len(result.changes)} changes, "
            f"{result.notifications} notifications; {dict(sorted(counts.items()))}"
        )
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        sql_time = sum(float(q["time"]) for q in queries.captured_queries)
        self.stdout.write(
            f"    SQL {sql_time:.2f} s of it; slowest: "
            + "; ".join(f"{float(q['time']):.2f} s {' '.join(q['sql'].split())[:70]}" for q in slowest)
        )

    @transaction.atomic
    def _fill(self, agencies: int, per_region: int, share: float) -> None:
        """Regions, agencies (a third of them kelurahan), one staff member each, and innovations for the year.

        Plain SQL with generate_series: the point is to measure the sweep, not the ORM's inserts.
        (`%%` is a literal percent sign in a statement that also takes parameters.)
        """
        regions = max(1, agencies // per_region)
        dinas = AgencyType.objects.get(slug="dinas").pk
        kelurahan = AgencyType.objects.get(slug="kelurahan").pk
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO agencies_region (code, name, level, decree) VALUES ('99', 'Provinsi Uji', 'province', '')"
            )
            # Region codes must look like Kemendagri's (PP.KK); the scratch regions use 10.00 to 98.99.
            cursor.execute(
                """INSERT INTO agencies_region (code, name, level, decree, parent_id)
                   SELECT lpad((10 + g / 100)::text, 2, '0') || '.' || lpad((g %% 100)::text, 2, '0'),
                          'Kota Uji ' || g, 'city', '', (SELECT id FROM agencies_region WHERE code = '99')
                   FROM generate_series(1, %s) g""",
                [regions],
            )
            cursor.execute(
                """WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n
                                     FROM agencies_region WHERE level = 'city')
                   INSERT INTO agencies_agency (region_id, type_id, code, name, head_name, head_title, address,
                                                phone, email, path, depth, created, updated)
                   SELECT r.id, CASE WHEN g %% 3 = 0 THEN %s ELSE %s END, 'A' || g, 'Instansi Uji ' || g,
                          '', '', '', '', '', '/' || g || '/', 0, now(), now()
                   FROM generate_series(1, %s) g JOIN numbered r ON r.n = g %% %s""",
                [kelurahan, dinas, agencies, regions],
            )
            cursor.execute(
                """INSERT INTO agencies_user (password, is_superuser, username, first_name, last_name, email,
                                              is_staff, is_active, date_joined, full_name, nip, phone)
                   SELECT '!', false, 'staf.' || a.id, '', '', 'staf' || a.id || '@uji.go.id', false, true, now(),
                          'Staf ' || a.id, '', ''
                   FROM agencies_agency a"""
            )
            cursor.execute(
                """INSERT INTO agencies_roleassignment (user_id, role, region_id, agency_id, title, active_from,
                                                        created)
                   SELECT u.id, 'staff', a.region_id, a.id, '', '2020-01-01', now()
                   FROM agencies_agency a JOIN agencies_user u ON u.username = 'staf.' || a.id"""
            )
            cursor.execute(
                """INSERT INTO innovations_innovation (agency_id, year, title, state, innovator_kind,
                       innovator_names, innovator_decree, contact_name, contact_phone, contact_email, summary,
                       problem, novelty, design, aims, benefits, results, resources, sustainability, replicability,
                       video_url, replication_source_name, replication_source, running, stopped_reason, created,
                       updated, first_approved_at)
                   SELECT a.id, %s, 'Inovasi ' || a.id,
                          CASE a.id %% 3 WHEN 0 THEN 'accepted' WHEN 1 THEN 'draft' ELSE 'submitted' END,
                          'team', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',
                          'running', '', now(), now(),
                          CASE WHEN a.id %% 3 = 0 THEN '2026-06-01'::timestamptz END
                   FROM agencies_agency a WHERE random() < %s""",
                [YEAR, share],
            )
            cursor.execute("ANALYZE")

"""Fill an EMPTY scratch database with a country's worth of data, in SQL, in minutes:

regions (kota) under one province, each with its city government, dinas, kecamatan with their kelurahan and
puskesmas (correct hierarchy paths); a mayor's office reviewer and an agency head per region and one global
administrator; innovations with their SDGs and the transitions that led to their state; the quota rules,
statuses and status history of every year; Ombudsman assessments of the city government and its dinas, with
zone and grade from the band tables.

Every step is one or a few INSERT ... SELECT generate_series statements: the ORM would take hours. Run it
through `make benchmark-pages`, which creates and drops the scratch database; it refuses a database that has
agencies already.

The competition: the province's round (`panitia.99` organises it, `juri.99.NN` evaluate) with 3,000 entries
drawn from the accepted innovations of every region, all past administrative selection and at the proposal
stage, two reviews each (6,000; about 70 % submitted with a score per criterion) and normalised ranking: the
organiser's ranking of that round is the heavy case. The first region has a small round of its own (its
`walikota` organises it, entries in every state) so that its dashboard shows a funnel and evaluator progress.
The rounds, their stages and criteria come from `competition.services.organiser.round_create`; the rest is SQL.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from agencies.models import Agency
from innovations.models.register import default_public_sections
from reports.scale.base import PASSWORD, Scale, _run
from reports.scale.competition import seed_competition


def seed_regions(scale: Scale) -> int:
    _run("INSERT INTO agencies_region (code, name, level, decree) VALUES ('99', 'Provinsi Skala', 'province', '')")
    # Region codes look like Kemendagri's (PP.KK): 10.00 to 98.99 leave room for 8,900 regions.
    return _run(
        """INSERT INTO agencies_region (code, name, level, decree, parent_id)
           SELECT lpad((10 + g / 100)::text, 2, '0') || '.' || lpad((g %% 100)::text, 2, '0'),
                  'Kota Skala ' || g, 'city', '', (SELECT id FROM agencies_region WHERE code = '99')
           FROM generate_series(0, %(n)s - 1) g""",
        {"n": scale.regions},
    )


def seed_agencies(scale: Scale) -> int:
    """Per region: the city government (root); then, per group of ten, three dinas, a kecamatan, five
    kelurahan under that kecamatan and a puskesmas. Paths are set level by level from the parents'."""
    columns = "region_id, type_id, parent_id, code, name, head_name, head_title, address, phone, email, path, depth"
    _run(
        f"""INSERT INTO agencies_agency ({columns}, created, updated)
            SELECT r.id, (SELECT id FROM agencies_agencytype WHERE slug = 'pemda'), NULL, 'PEMDA',
                   'Pemerintah ' || r.name, 'Wali Kota ' || r.code, 'Wali Kota', '', '', '', '', 0, now(), now()
            FROM agencies_region r WHERE r.level = 'city'"""  # noqa: S608 -- only this module's constants are interpolated
    )
    _run(
        f"""INSERT INTO agencies_agency ({columns}, created, updated)
            SELECT root.region_id,
                   (SELECT id FROM agencies_agencytype
                    WHERE slug = CASE WHEN g %% 10 < 3 THEN 'dinas' WHEN g %% 10 = 3 THEN 'kecamatan'
                                      ELSE 'puskesmas' END),
                   root.id, 'A' || g,
                   CASE WHEN g %% 10 < 3 THEN 'Dinas ' WHEN g %% 10 = 3 THEN 'Kecamatan ' ELSE 'Puskesmas ' END
                       || g || ' ' || r.code,
                   'Kepala ' || g, '', '', '', '', '', 1, now(), now()
            FROM agencies_agency root JOIN agencies_region r ON r.id = root.region_id
            CROSS JOIN generate_series(1, %(n)s - 1) g
            WHERE root.parent_id IS NULL AND g %% 10 IN (0, 1, 2, 3, 9)""",  # noqa: S608 -- only this module's constants are interpolated
        {"n": scale.per_region},
    )
    _run(
        f"""INSERT INTO agencies_agency ({columns}, created, updated)
            SELECT kec.region_id, (SELECT id FROM agencies_agencytype WHERE slug = 'kelurahan'), kec.id, 'A' || g,
                   'Kelurahan ' || g || ' ' || r.code, 'Lurah ' || g, '', '', '', '', '', 2, now(), now()
            FROM agencies_agency kec JOIN agencies_region r ON r.id = kec.region_id
            CROSS JOIN generate_series(1, %(n)s - 1) g
            WHERE g %% 10 BETWEEN 4 AND 8 AND kec.code = 'A' || (g - g %% 10 + 3)""",  # noqa: S608 -- only this module's constants are interpolated
        {"n": scale.per_region},
    )
    _run("UPDATE agencies_agency SET path = '/' || id || '/' WHERE parent_id IS NULL")
    for depth in (1, 2):
        _run(
            """UPDATE agencies_agency a SET path = p.path || a.id || '/'
               FROM agencies_agency p WHERE a.parent_id = p.id AND a.depth = %(depth)s""",
            {"depth": depth},
        )
    return Agency.objects.count()


def seed_people(scale: Scale) -> int:
    """`admin.skala` (superuser), per region `walikota.<code>` (reviewer), `kepala.<code>` (head of the
    first dinas) and `staf.<code>` (staff of that dinas)."""
    password = make_password(PASSWORD)
    _run(
        """INSERT INTO agencies_user (password, is_superuser, username, first_name, last_name, email, is_staff,
               is_active, date_joined, full_name, nip, phone)
           VALUES (%(pw)s, true, 'admin.skala', '', '', '', true, true, now(), 'Admin Skala', '', '')""",
        {"pw": password},
    )
    _run(
        """INSERT INTO agencies_user (password, is_superuser, username, first_name, last_name, email, is_staff,
               is_active, date_joined, full_name, nip, phone)
           SELECT %(pw)s, false, who || '.' || r.code, '', '', '', false, true, now(), who || ' ' || r.name, '', ''
           FROM agencies_region r CROSS JOIN (VALUES ('walikota'), ('kepala'), ('staf')) w(who)
           WHERE r.level = 'city'""",
        {"pw": password},
    )
    return _run(
        """INSERT INTO agencies_roleassignment (user_id, role, region_id, agency_id, title, active_from, created,
                                               acting)
           SELECT u.id, CASE split_part(u.username, '.', 1) WHEN 'walikota' THEN 'reviewer' WHEN 'kepala' THEN 'head'
                             ELSE 'staff' END,
                  r.id, CASE WHEN u.username NOT LIKE 'walikota.%%' THEN a.id END, '', '2020-01-01', now(), false
           FROM agencies_user u
           JOIN agencies_region r ON u.username IN ('walikota.' || r.code, 'kepala.' || r.code, 'staf.' || r.code)
           JOIN agencies_agency a ON a.region_id = r.id AND a.code = 'A10'"""
    )


#: (state, share out of 20, transitions that lead to it as (action, from, to)).
STATES = [
    ("accepted", 8, [("submit", "draft", "submitted"), ("approve", "submitted", "head_approved"),
                     ("accept", "head_approved", "accepted")]),
    ("head_approved", 2, [("submit", "draft", "submitted"), ("approve", "submitted", "head_approved")]),
    ("submitted", 3, [("submit", "draft", "submitted")]),
    ("draft", 5, []),
    ("returned", 1, [("submit", "draft", "submitted"), ("return", "submitted", "returned")]),
    ("withdrawn", 1, [("withdraw", "draft", "withdrawn")]),
]  # fmt: skip


def seed_innovations(scale: Scale) -> int:
    """Innovations spread over the agencies (except the city governments) and years, in every state, with
    classifications, one or two SDGs and their transitions."""
    buckets = []
    low = 0
    for state, share, _steps in STATES:
        buckets.append(f"WHEN g %% 20 < {low + share} THEN '{state}'")
        low += share
    _run("CREATE TEMP TABLE seed_agency AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM agencies_agency "
         "WHERE parent_id IS NOT NULL")  # fmt: skip
    _run(
        f"""WITH cat AS (SELECT kind, array_agg(id ORDER BY id) AS ids FROM innovations_category GROUP BY kind),
                 agencies AS (SELECT count(*) AS n FROM seed_agency)
            INSERT INTO innovations_innovation (agency_id, year, title, state, innovator_kind, innovator_names,
                innovator_decree, contact_name, contact_phone, contact_email, summary, problem, novelty, design,
                aims, benefits, results, resources, sustainability, replicability, video_url,
                replication_source_name, replication_source, running, stopped_reason, created, updated,
                first_approved_at, bentuk_id, jenis_id, tahapan_id, inisiator_id, urusan_id, beneficiaries,
                open_to_replication, replication_contact, publish, public_sections, unpublished_reason)
            SELECT sa.id, %(first)s + g %% %(years)s, 'Inovasi ' || g,
                   CASE {" ".join(buckets)} END,
                   'team', 'Tim ' || g, '', '', '', '', 'Ringkasan inovasi ' || g || ' untuk warga.', '', '', '',
                   '', '', '', '', '', '', '', '', '', 'running', '', now(), now(),
                   CASE WHEN g %% 20 < 10 THEN make_timestamptz(%(first)s + g %% %(years)s, 6, 1, 9, 0, 0) END,
                   (SELECT ids[1 + g %% cardinality(ids)] FROM cat WHERE kind = 'bentuk'),
                   (SELECT ids[1 + g %% cardinality(ids)] FROM cat WHERE kind = 'jenis'),
                   (SELECT ids[1 + g %% cardinality(ids)] FROM cat WHERE kind = 'tahapan'),
                   (SELECT ids[1 + g %% cardinality(ids)] FROM cat WHERE kind = 'inisiator'),
                   (SELECT ids[1 + g %% cardinality(ids)] FROM cat WHERE kind = 'urusan'),
                   (g * 37) %% 5000, false, '', true, %(sections)s::varchar[], ''
            FROM generate_series(1, %(n)s) g
            JOIN seed_agency sa ON sa.n = 1 + (g::bigint * 7919) %% (SELECT n FROM agencies)""",  # noqa: S608 -- only this module's constants are interpolated
        {
            "first": scale.first_year,
            "years": scale.years,
            "n": scale.innovations,
            "sections": default_public_sections(),
        },
    )
    _run(
        """INSERT INTO innovations_innovation_sdgs (innovation_id, category_id)
           SELECT i.id, s.ids[1 + (i.id * k) %% 17]
           FROM innovations_innovation i
           CROSS JOIN (SELECT array_agg(id ORDER BY sort_order) AS ids FROM innovations_category
                       WHERE kind = 'sdg') s
           CROSS JOIN (VALUES (1), (3)) m(k)
           WHERE k = 1 OR i.id %% 2 = 0
           ON CONFLICT DO NOTHING"""
    )
    for state, _share, steps in STATES:
        for position, (action, from_state, to_state) in enumerate(steps):
            _run(
                """INSERT INTO innovations_transition (innovation_id, action, from_state, to_state, at, note)
                   SELECT id, %(action)s, %(from)s, %(to)s,
                          make_timestamptz(year, 2 + %(position)s, 1, 9, 0, 0), ''
                   FROM innovations_innovation WHERE state = %(state)s""",
                {"action": action, "from": from_state, "to": to_state, "position": position, "state": state},
            )
    _run("DROP TABLE seed_agency")
    return scale.innovations


def seed_quota(scale: Scale) -> int:
    """A rule per region and year; each subject agency's status from its head-approved and accepted
    innovations (past years: fulfilled or missed; this year: fulfilled or at risk) and one history row."""
    _run(
        """INSERT INTO compliance_quotarule (region_id, year, deadline, minimum, counting_states,
               replications_count, continuing_count, reminder_days, open, updated, initiative_counts)
           SELECT r.id, y, make_date(y, 12, 31), 1, ARRAY['head_approved', 'accepted'], true, false,
                  ARRAY[60, 30, 7], y = %(last)s, now(), true
           FROM agencies_region r CROSS JOIN generate_series(%(first)s, %(last)s) y WHERE r.level = 'city'""",
        {"first": scale.first_year, "last": scale.last_year},
    )
    _run(
        """INSERT INTO compliance_quotarule_subject_types (quotarule_id, agencytype_id)
           SELECT q.id, t.id FROM compliance_quotarule q CROSS JOIN agencies_agencytype t WHERE t.subject_to_quota"""
    )
    _run(
        """WITH counted AS (
               SELECT agency_id, year, count(*) AS n FROM innovations_innovation
               WHERE state IN ('head_approved', 'accepted') GROUP BY agency_id, year)
           INSERT INTO compliance_quotastatus (agency_id, year, status, count, since, checked_at)
           SELECT a.id, y,
                  CASE WHEN coalesce(c.n, 0) > 0 THEN 'fulfilled' WHEN y < %(last)s THEN 'missed' ELSE 'at_risk' END,
                  coalesce(c.n, 0), make_timestamptz(y, 6, 1, 9, 0, 0), now()
           FROM agencies_agency a JOIN agencies_agencytype t ON t.id = a.type_id AND t.subject_to_quota
           CROSS JOIN generate_series(%(first)s, %(last)s) y
           LEFT JOIN counted c ON c.agency_id = a.id AND c.year = y""",
        {"first": scale.first_year, "last": scale.last_year},
    )
    return _run(
        """INSERT INTO compliance_quotastatuschange (agency_id, year, from_status, to_status, count, at, reason)
           SELECT agency_id, year, 'pending', status, count, since, '' FROM compliance_quotastatus"""
    )


def seed_assessments(scale: Scale) -> int:
    """The city government and every dinas, each year, under the method of that year; zone and grade from
    the method's band table (the same rows the app places scores with)."""
    return _run(
        """INSERT INTO compliance_assessment (agency_id, year, method_id, score, zone, grade, source_url, note,
               created, updated)
           SELECT s.agency_id, s.year, s.method_id, s.score, b.zone, b.grade, '', '', now(), now()
           FROM (SELECT a.id AS agency_id, y AS year, m.id AS method_id,
                        round((m.scale_max * (40 + (a.id * 13 + y * 7) %% 60) / 100.0)::numeric, 2) AS score
                 FROM agencies_agency a
                 JOIN agencies_agencytype t ON t.id = a.type_id AND t.slug IN ('pemda', 'dinas')
                 CROSS JOIN generate_series(%(first)s, %(last)s) y
                 JOIN compliance_assessmentmethod m
                   ON m.first_year <= y AND (m.last_year IS NULL OR m.last_year >= y)) s
           JOIN compliance_band b ON b.method_id = s.method_id AND s.score BETWEEN b.lower AND b.upper""",
        {"first": scale.first_year, "last": scale.last_year},
    )


#: The organiser of the province's round and the prefix of its evaluators; the first region's round has
#: `REGION_EVALUATORS` evaluators `juri.<code>.N` and at most `REGION_ENTRIES` entries.
#: In order.
STEPS: list[tuple[str, Callable[[Scale], int]]] = [
    ("regions", seed_regions),
    ("agencies", seed_agencies),
    ("people", seed_people),
    ("innovations", seed_innovations),
    ("quota", seed_quota),
    ("assessments", seed_assessments),
    ("competition", seed_competition),
]


class Command(BaseCommand):
    help = "Fill an empty scratch database with national-scale data in SQL (see make benchmark-pages)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--regions", type=int, default=550)
        parser.add_argument("--agencies-per-region", type=int, default=110)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--innovations", type=int, default=200_000)
        parser.add_argument("--entries", type=int, default=3000, help="Entries of the province's competition round")
        parser.add_argument("--evaluators", type=int, default=30, help="Evaluators of the province's round")

    def handle(self, *args: Any, **options: Any) -> None:
        if Agency.objects.exists():
            raise CommandError("This database has agencies already: seed_scale fills an empty scratch database.")
        if not 1 <= options["regions"] <= 8900 or options["agencies_per_region"] < 10:
            raise CommandError("Between 1 and 8,900 regions, and at least 10 agencies per region.")
        if options["evaluators"] < 2:
            raise CommandError("At least two evaluators: each entry has two reviews by different evaluators.")
        scale = Scale(
            regions=options["regions"],
            per_region=options["agencies_per_region"],
            years=options["years"],
            innovations=options["innovations"],
            last_year=timezone.localdate().year,
            entries=options["entries"],
            evaluators=options["evaluators"],
        )
        started = time.perf_counter()
        with transaction.atomic():
            for name, step in STEPS:
                step_started = time.perf_counter()
                rows = step(scale)
                self.stdout.write(f"{name}: {rows:,} rows in {time.perf_counter() - step_started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"seeded in {time.perf_counter() - started:.1f} s"))

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

import datetime
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from agencies.models import Agency, Region, User

#: The password of the benchmark's accounts (a scratch database only).
PASSWORD = "skala-nasional-2026"  # noqa: S105 -- a throwaway account in a scratch database


@dataclass(frozen=True)
class Scale:
    regions: int
    per_region: int
    years: int
    innovations: int
    last_year: int
    entries: int = 3000
    evaluators: int = 30

    @property
    def first_year(self) -> int:
        return self.last_year - self.years + 1


def _run(sql: str, params: dict[str, Any] | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or {})
        return cursor.rowcount


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
    """`admin.skala` (superuser), per region `walikota.<code>` (reviewer) and `kepala.<code>` (head of the
    first dinas)."""
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
           FROM agencies_region r CROSS JOIN (VALUES ('walikota'), ('kepala')) w(who) WHERE r.level = 'city'""",
        {"pw": password},
    )
    return _run(
        """INSERT INTO agencies_roleassignment (user_id, role, region_id, agency_id, title, active_from, created)
           SELECT u.id, CASE WHEN u.username LIKE 'walikota.%%' THEN 'reviewer' ELSE 'head' END, r.id,
                  CASE WHEN u.username LIKE 'kepala.%%' THEN a.id END, '', '2020-01-01', now()
           FROM agencies_user u
           JOIN agencies_region r ON u.username IN ('walikota.' || r.code, 'kepala.' || r.code)
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
                first_approved_at, bentuk_id, jenis_id, tahapan_id, inisiator_id, urusan_id, beneficiaries)
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
                   (g * 37) %% 5000
            FROM generate_series(1, %(n)s) g
            JOIN seed_agency sa ON sa.n = 1 + (g::bigint * 7919) %% (SELECT n FROM agencies)""",  # noqa: S608 -- only this module's constants are interpolated
        {"first": scale.first_year, "years": scale.years, "n": scale.innovations},
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
               replications_count, continuing_count, reminder_days, open, updated)
           SELECT r.id, y, make_date(y, 12, 31), 1, ARRAY['head_approved', 'accepted'], true, false,
                  ARRAY[60, 30, 7], y = %(last)s, now()
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
PROVINCE_ORGANISER = "panitia.99"
REGION_EVALUATORS = 5
REGION_ENTRIES = 100
#: (state, share out of 20, stage kind) of the first region's entries: a funnel on its dashboard.
ENTRY_STATES = [("passed", 14, "proposal"), ("submitted", 3, "registration"), ("failed", 2, "registration"),
                ("withdrawn", 1, "registration")]  # fmt: skip
#: The transitions that lead to each entry state as (action, from state, to state, from stage, to stage).
ENTRY_STEPS = {
    "passed": [("submit", "draft", "submitted", "registration", "registration"),
               ("pass", "submitted", "passed", "registration", "proposal")],
    "submitted": [("submit", "draft", "submitted", "registration", "registration")],
    "failed": [("submit", "draft", "submitted", "registration", "registration"),
               ("fail", "submitted", "failed", "registration", "registration")],
    "withdrawn": [("withdraw", "draft", "withdrawn", "registration", "registration")],
}  # fmt: skip


def _competition_people(region_code: str, organiser: str | None, evaluators: list[str], password: str) -> None:
    """The organiser (a reviewer of the region, when new) and the evaluators with their `evaluator` role."""
    names = [organiser, *evaluators] if organiser else evaluators
    _run(
        """INSERT INTO agencies_user (password, is_superuser, username, first_name, last_name, email, is_staff,
               is_active, date_joined, full_name, nip, phone)
           SELECT %(pw)s, false, name, '', '', '', false, true, now(), initcap(replace(name, '.', ' ')), '', ''
           FROM unnest(%(names)s::text[]) name""",
        {"pw": password, "names": names},
    )
    _run(
        """INSERT INTO agencies_roleassignment (user_id, role, region_id, agency_id, title, active_from, created)
           SELECT u.id, CASE WHEN u.username = %(organiser)s THEN 'reviewer' ELSE 'evaluator' END, r.id, NULL,
                  '', '2020-01-01', now()
           FROM agencies_user u JOIN agencies_region r ON r.code = %(code)s
           WHERE u.username = ANY(%(names)s)""",
        {"organiser": organiser or "", "code": region_code, "names": names},
    )


def _competition_round(
    scale: Scale, *, region_code: str, organiser: str, evaluators: list[str], entries: int, funnel: bool
) -> int:
    """One round of the region: created by the service (stages and criteria from the templates, the proposal
    stage open today), its panel, `entries` entries (at most two per agency; of every region when the region is
    the province), their transitions, two reviews per passed entry and the scores of the submitted ones."""
    from competition import workflow
    from competition.forms import DEFAULT_DAYS, default_stage_dates
    from competition.models import CompetitionCategory, CompetitionGroup, Round, StageKind
    from competition.services.organiser import round_create

    region = Region.objects.get(code=region_code)
    by = User.objects.get(username=organiser)
    # The proposal stage opened five days ago: registration and administrative selection are over.
    start = timezone.localdate() - datetime.timedelta(
        days=DEFAULT_DAYS[StageKind.REGISTRATION] + DEFAULT_DAYS[StageKind.ADMIN_SELECTION] + 5
    )
    round_: Round = round_create(
        region=region,
        by=by,
        name=f"Kompetisi Inovasi Pelayanan Publik {region.name} {scale.last_year}",
        year=scale.last_year,
        organiser=f"Bagian Organisasi {region.name}",
        stage_dates=default_stage_dates(start),
        categories=CompetitionCategory.objects.all(),
        groups=CompetitionGroup.objects.all(),
        normalise=True,
    )
    params: dict[str, Any] = {"round": round_.pk, "by": by.pk, "names": evaluators}
    _run(
        """INSERT INTO competition_panelist (round_id, user_id, affiliation, added_by_id, added_at)
           SELECT %(round)s, id, 'Universitas ' || id, %(by)s, now() FROM agencies_user
           WHERE username = ANY(%(names)s) ORDER BY username""",
        params,
    )
    buckets, low = [], 0
    for state, share, kind in ENTRY_STATES if funnel else [("passed", 20, "proposal")]:
        buckets.append(
            (f"WHEN c.n %% 20 < {low + share} THEN '{state}'", f"WHEN c.n %% 20 < {low + share} THEN '{kind}'")
        )
        low += share
    state_sql = "CASE " + " ".join(b[0] for b in buckets) + " END"
    stage_sql = "CASE " + " ".join(b[1] for b in buckets) + " END"
    entered = _run(
        f"""WITH candidates AS (
                SELECT i.id, i.agency_id, i.title, i.summary,
                       row_number() OVER (PARTITION BY i.agency_id ORDER BY i.year DESC, i.id) AS per_agency
                FROM innovations_innovation i JOIN agencies_agency a ON a.id = i.agency_id
                JOIN agencies_region r ON r.id = a.region_id
                WHERE i.state = 'accepted' AND (r.code = %(code)s OR r.parent_id = %(region)s)),
            c AS (SELECT *, row_number() OVER (ORDER BY md5(id::text)) - 1 AS n FROM candidates
                  WHERE per_agency <= 2 ORDER BY md5(id::text) LIMIT %(entries)s),
            cat AS (SELECT array_agg(id ORDER BY sort_order) AS ids FROM competition_competitioncategory),
            grp AS (SELECT array_agg(id ORDER BY sort_order) AS ids FROM competition_competitiongroup)
            INSERT INTO competition_entry (round_id, innovation_id, agency_id, category_id, group_id, state, stage_id,
                summary, background, novelty, implementation, significance, adaptability, resources, sustainability,
                inspiration, replication_process, difference, original_name, video_url, admin_checklist,
                admin_reason, is_winner, created, submitted_at)
            SELECT %(round)s, c.id, c.agency_id,
                   (SELECT ids[1 + c.n %% cardinality(ids)] FROM cat),
                   (SELECT ids[CASE WHEN c.n %% 10 = 9 THEN 2 ELSE 1 END] FROM grp),
                   {state_sql},
                   (SELECT s.id FROM competition_stage s WHERE s.round_id = %(round)s AND s.kind = {stage_sql}),
                   c.summary, 'Latar belakang ' || c.title, 'Kebaruan ' || c.title, 'Implementasi ' || c.title,
                   'Signifikansi ' || c.title, 'Adaptabilitas ' || c.title, 'Sumber daya ' || c.title,
                   'Keberlanjutan ' || c.title,
                   CASE WHEN c.n %% 10 = 9 THEN 'Inspirasi ' || c.title ELSE '' END,
                   CASE WHEN c.n %% 10 = 9 THEN 'Proses replikasi ' || c.title ELSE '' END,
                   CASE WHEN c.n %% 10 = 9 THEN 'Perbedaan ' || c.title ELSE '' END,
                   CASE WHEN c.n %% 10 = 9 THEN 'Inovasi asal ' || c.n ELSE '' END, '',
                   CASE WHEN {state_sql} IN ('passed', 'failed') THEN %(checklist)s::jsonb ELSE '{{}}'::jsonb END,
                   CASE WHEN {state_sql} = 'failed' THEN 'Dokumen pendukung belum lengkap.' ELSE '' END,
                   false, now() - interval '30 days',
                   CASE WHEN {state_sql} <> 'withdrawn' THEN now() - interval '20 days' END
            FROM c""",  # noqa: S608 -- only this module's constants are interpolated
        {
            **params,
            "code": region_code,
            "region": region.pk,
            "entries": entries,
            "checklist": json.dumps({slug: True for slug, _label in workflow.ADMIN_CHECKLIST}),
        },
    )
    _run(
        """INSERT INTO competition_entrytransition (entry_id, action, from_state, to_state, from_stage_id,
               to_stage_id, by_id, at, note)
           SELECT e.id, 'create', '', 'draft', reg.id, reg.id, NULL, e.created, ''
           FROM competition_entry e
           JOIN competition_stage reg ON reg.round_id = e.round_id AND reg.kind = 'registration'
           WHERE e.round_id = %(round)s""",
        params,
    )
    for state, steps in ENTRY_STEPS.items():
        for position, (action, from_state, to_state, from_kind, to_kind) in enumerate(steps, start=1):
            _run(
                """INSERT INTO competition_entrytransition (entry_id, action, from_state, to_state, from_stage_id,
                       to_stage_id, by_id, at, note)
                   SELECT e.id, %(action)s, %(from)s, %(to)s, f.id, t.id,
                          CASE WHEN %(action)s IN ('pass', 'fail') THEN %(by)s END,
                          e.created + %(position)s * interval '5 days', ''
                   FROM competition_entry e
                   JOIN competition_stage f ON f.round_id = e.round_id AND f.kind = %(from_kind)s
                   JOIN competition_stage t ON t.round_id = e.round_id AND t.kind = %(to_kind)s
                   WHERE e.round_id = %(round)s AND e.state = %(state)s""",
                {
                    **params,
                    "action": action,
                    "from": from_state,
                    "to": to_state,
                    "from_kind": from_kind,
                    "to_kind": to_kind,
                    "position": position,
                    "state": state,
                },
            )
    # Two evaluators per passed entry: panelist n % P and another one, shifted by n / P so that the pairs vary;
    # seven in ten reviews submitted (the rest are drafts waiting on their evaluator).
    reviews = _run(
        """WITH p AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total
                      FROM competition_panelist WHERE round_id = %(round)s),
                e AS (SELECT e.id, e.stage_id, row_number() OVER (ORDER BY e.id) - 1 AS n
                      FROM competition_entry e WHERE e.round_id = %(round)s AND e.state = 'passed')
           INSERT INTO competition_review (entry_id, stage_id, panelist_id, state, source, total, comment,
               submitted_at, assigned_by_id, assigned_at)
           SELECT e.id, e.stage_id, p.id, 'draft', 'auto', NULL, '',
                  CASE WHEN (e.n + j) %% 10 < 7 THEN now() - interval '1 day' * ((e.n + j) %% 4) END,
                  %(by)s, now() - interval '4 days'
           FROM e CROSS JOIN (VALUES (0), (1)) pick(j)
           JOIN p ON p.k = CASE WHEN j = 0 THEN e.n %% p.total
                                ELSE (e.n %% p.total + 1 + (e.n / p.total) %% (p.total - 1)) %% p.total END""",
        params,
    )
    # Scores around an entry's merit, with each evaluator's own leniency (so that normalising matters) and some
    # disagreement (so that some spreads are flagged).
    scores = _run(
        """INSERT INTO competition_score (review_id, criterion_id, value, comment)
           SELECT r.id, c.id,
                  least(c.scale_max, 30 + (r.entry_id * 37 + c.sort_order * 11) %% 45 + (r.panelist_id %% 5) * 3
                                    + (r.id * 7 + c.sort_order) %% 13),
                  CASE WHEN c.sort_order = 1 THEN 'Catatan untuk ' || c.name ELSE '' END
           FROM competition_review r JOIN competition_criterion c ON c.stage_id = r.stage_id
           WHERE r.submitted_at IS NOT NULL AND r.entry_id IN (SELECT id FROM competition_entry
                                                                WHERE round_id = %(round)s)""",
        params,
    )
    _run(
        """UPDATE competition_review r
           SET state = 'submitted', comment = 'Penilaian proposal ' || r.entry_id,
               total = (SELECT round(sum(s.value * 100 / c.scale_max * c.weight) / 100, 2)
                        FROM competition_score s JOIN competition_criterion c ON c.id = s.criterion_id
                        WHERE s.review_id = r.id)
           FROM competition_entry e
           WHERE e.id = r.entry_id AND e.round_id = %(round)s AND r.submitted_at IS NOT NULL""",
        params,
    )
    _run(
        """INSERT INTO competition_reviewtransition (review_id, action, from_state, to_state, by_id, at, note)
           SELECT r.id, 'submit', 'draft', 'submitted', p.user_id, r.submitted_at, ''
           FROM competition_review r JOIN competition_panelist p ON p.id = r.panelist_id
           WHERE p.round_id = %(round)s AND r.state = 'submitted'""",
        params,
    )
    return entered + reviews + scores


def seed_competition(scale: Scale) -> int:
    """The province's round (the heavy case: `scale.entries` entries, two reviews each, `scale.evaluators`
    evaluators) and the first region's small round; see the module docstring."""
    password = make_password(PASSWORD)
    province = [f"juri.99.{k:02d}" for k in range(1, scale.evaluators + 1)]
    _competition_people("99", PROVINCE_ORGANISER, province, password)
    rows = _competition_round(
        scale, region_code="99", organiser=PROVINCE_ORGANISER, evaluators=province, entries=scale.entries, funnel=False
    )
    first = Region.objects.filter(level=Region.Level.CITY).order_by("code").first()
    if first is not None:
        local = [f"juri.{first.code}.{k}" for k in range(1, REGION_EVALUATORS + 1)]
        _competition_people(first.code, None, local, password)
        rows += _competition_round(
            scale,
            region_code=first.code,
            organiser=f"walikota.{first.code}",
            evaluators=local,
            entries=REGION_ENTRIES,
            funnel=True,
        )
    return rows


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

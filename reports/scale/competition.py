"""The competition part of `seed_scale`: the province's large round and the first region's small one."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from agencies.models import Region, User
from reports.scale.base import PASSWORD, Scale, _run

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
        """INSERT INTO agencies_roleassignment (user_id, role, region_id, agency_id, title, active_from, created,
                                               acting)
           SELECT u.id, CASE WHEN u.username = %(organiser)s THEN 'reviewer' ELSE 'evaluator' END, r.id, NULL,
                  '', '2020-01-01', now(), false
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

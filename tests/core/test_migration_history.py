"""A database made by an earlier main, with rows in it, migrates forward to today's schema without losing a row.

Three moves in the code's history are checked, in ONE backward and ONE forward pass over the migration graph
(every pass re-renders the project state of about 100 migrations, some 10-30 s of one core each; three separate
round trips cost three minutes of the suite):

- `ImportBatch` moved from `agencies` to `core` (core 0002-0004): batches keep their ids, kinds and rows;
- the flat `compliance` app split into `quota`, `ombudsman` and `skm` (no row moves, content types follow);
- the Ombudsman methods follow the years (ombudsman 0002): 2015-2019 assessments typed under the 0-1000 method
  are re-placed on the published 0-100 scale, with a line in their correction history;
- the Ombudsman's dimensions became rows per method (ombudsman 0005-0006): the four fixed columns' values move
  into score rows of the method's dimensions, and a value the method has no dimension for is kept in the
  correction history.

The pass goes back to the state where all three "before" points hold at once (agencies 0004 and core 0001, the
flat compliance app at 0006), writes each move's rows through the historical models of its point, and goes
forward to the latest state by way of ombudsman 0001 and 0004 (the methods' and the dimensions' "before" points). The reverse migrations are
not re-run here: they exist for `migrate <app> <earlier>` by hand, and this test guards what must never break,
the forward path of a live city's database.
"""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from compliance.ombudsman.models import Assessment, AssessmentCorrection, DimensionScore, Finding
from compliance.quota.models import QuotaRule, QuotaStatus
from compliance.skm.models import Survey
from core.models import ImportBatch

#: Where all three moves are still ahead: the batch in agencies (before core 0002), compliance flat at 0006.
BEFORE_ALL = [
    ("agencies", "0004_notification_moved_to_core"),
    ("core", "0001_notification_moved"),
    ("compliance", "0006_seed_survey"),
    ("quota", None),
    ("ombudsman", None),
    ("skm", None),
]
#: The sub-apps exist, the methods do not follow the years yet (0-1000 for 2013-2019).
BEFORE_METHODS = [("ombudsman", "0001_initial")]
#: The dimension tables exist, the scores are still in four fixed columns.
BEFORE_DIMENSIONS = [("ombudsman", "0004_dimensions_and_note_source")]


def _migrate(targets):
    """Migrate the test database to `targets` (a fresh executor each time, as `manage.py migrate` would start)
    and return the historical models there. The state is made from the targets themselves: the one `migrate()`
    returns after unapplying towards several targets at once lacks some of them."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1] is not None]).apps


def _old_batches(old_apps, chart, people) -> dict[str, int]:
    """Two batches as agencies 0004 kept them (a region foreign key; SKM answers as lists)."""
    OldBatch = old_apps.get_model("agencies", "ImportBatch")
    reviewer = people["reviewer"].pk
    agencies = OldBatch.objects.create(
        kind="agencies",
        region_id=chart["pemda"].region_id,
        filename="instansi.csv",
        rows=[{"line": 2, "code": "PKM-02"}],
        errors=[],
        status="ready",
        created_by_id=reviewer,
    )
    survey = OldBatch.objects.create(
        kind="skm",
        region_id=chart["dinkes"].region_id,
        filename="skm.csv",
        rows=[{"answers": [4, 3], "profile": {"umur": "40"}}],
        options={"agency": chart["dinkes"].pk, "year": 2026, "period": "I", "replace": False},
        status="ready",
        created_by_id=reviewer,
    )
    return {"agencies": agencies.pk, "skm": survey.pk, "agencies_created": agencies.created}


def _old_compliance_rows(old_apps, chart, region) -> dict[str, int]:
    """Rows written through the historical models of the flat compliance app at 0006."""
    rule = old_apps.get_model("compliance", "QuotaRule").objects.create(
        region_id=region.pk, year=2026, deadline=datetime.date(2026, 10, 31), minimum=2
    )
    rule.subject_types.add(old_apps.get_model("agencies", "AgencyType").objects.get(slug="dinas"))
    status = old_apps.get_model("compliance", "QuotaStatus").objects.create(
        agency_id=chart["dinkes"].pk, year=2026, status="at_risk", count=1
    )
    method = old_apps.get_model("compliance", "AssessmentMethod").objects.get(slug="opini-2022")
    assessment = old_apps.get_model("compliance", "Assessment").objects.create(
        agency_id=chart["pkm"].pk, year=2024, method=method, score=Decimal("52.80"), zone="red", grade="D"
    )
    finding = old_apps.get_model("compliance", "Finding").objects.create(
        assessment=assessment,
        text="Maklumat pelayanan belum dipajang.",
        responsible_id=chart["dinkes"].pk,
        due=datetime.date(2026, 3, 31),
        state="in_progress",
    )
    survey = old_apps.get_model("compliance", "Survey").objects.create(
        agency_id=chart["pkm"].pk,
        year=2026,
        period="Semester I",
        source="totals",
        respondents=4,
        totals={"u1": 14},
        nrr={"u1": "3.5000"},
        ikm=Decimal("3.0833"),
        score=Decimal("77.08"),
        grade="B",
    )
    return {
        "rule": rule.pk,
        "status": status.pk,
        "assessment": assessment.pk,
        "finding": finding.pk,
        "survey": survey.pk,
    }


def _old_assessments(old_apps, chart) -> dict[int, int]:
    """Kota Ambon's results as they were typed when one 0-1000 method covered 2013-2019 (ombudsman 0001)."""
    Old = old_apps.get_model("ombudsman", "Assessment")
    method = old_apps.get_model("ombudsman", "AssessmentMethod").objects.get(slug="kepatuhan-2014")
    typed = {
        # Kota Ambon 2018 = 97.16 (ambon.go.id), typed on the published 0-100 scale and stored as red.
        2018: (Decimal("97.16"), "red"),
        # Typed on 0-1000 (701.85, yellow): only 0-100 was published, so it becomes 70.19 (still yellow).
        2017: (Decimal("701.85"), "yellow"),
        2014: (Decimal("655"), "yellow"),
    }
    return {
        year: Old.objects.create(agency_id=chart["pemda"].pk, year=year, method=method, score=score, zone=zone).pk
        for year, (score, zone) in typed.items()
    }


def _old_dimension_columns(old_apps, chart) -> list[int]:
    """Assessments with scores in the fixed columns, as ombudsman 0004 kept them."""
    Old = old_apps.get_model("ombudsman", "Assessment")
    methods = {m.slug: m for m in old_apps.get_model("ombudsman", "AssessmentMethod").objects.all()}
    pemda = chart["pemda"].pk
    rows = [
        Old.objects.create(
            agency_id=pemda, year=2023, method=methods["opini-2022"], score=Decimal("87.99"), zone="green",
            grade="B", dim_input=Decimal("21.00"), dim_proses=Decimal("30.50"), dim_pengaduan=Decimal("18.00"),
        ),
        # 2025 assesses maladministration potential: it has a complaints dimension but no "input" one.
        Old.objects.create(
            agency_id=pemda, year=2025, method=methods["opini-2025"], score=Decimal("81.20"), zone="green",
            dim_input=Decimal("20.00"), dim_pengaduan=Decimal("77.00"),
        ),
    ]  # fmt: skip
    return [row.pk for row in rows]


def test_a_populated_database_of_earlier_mains_migrates_forward_without_losing_a_row(
    transactional_db, chart, people, region
):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    content_type = ContentType.objects.get(app_label="ombudsman", model="assessment").pk
    try:
        old_apps = _migrate(BEFORE_ALL)
        batches = _old_batches(old_apps, chart, people)
        compliance = _old_compliance_rows(old_apps, chart, region)
        old_label = ContentType.objects.values_list("app_label", flat=True).get(pk=content_type)
        methods = _old_assessments(_migrate(BEFORE_METHODS), chart)
        dimensions = _old_dimension_columns(_migrate(BEFORE_DIMENSIONS), chart)

        MigrationExecutor(connection).migrate(latest)

        _assert_batches_moved(batches, chart, people)
        _assert_compliance_split(compliance, chart, region, old_label, content_type)
        _assert_methods_re_placed(methods)
        _assert_dimensions_moved(dimensions)
    finally:
        MigrationExecutor(connection).migrate(
            latest
        )  # the next tests expect the latest schema and state, whatever happened here
        ContentType.objects.clear_cache()


def _assert_batches_moved(ids, chart, people):
    moved = {b.pk: b for b in ImportBatch.objects.all()}
    assert sorted(moved) == sorted([ids["agencies"], ids["skm"]])
    first = moved[ids["agencies"]]
    assert (first.kind, first.scope_id, first.filename, first.rows, first.status, first.created_by_id) == (
        "agencies",
        chart["pemda"].region_id,
        "instansi.csv",
        [{"line": 2, "code": "PKM-02"}],
        "ready",
        people["reviewer"].pk,
    )
    assert first.created == ids["agencies_created"]
    survey = moved[ids["skm"]]
    assert survey.scope_id == chart["dinkes"].pk
    assert survey.rows[0]["line"] == 2
    assert (survey.rows[0]["u1"], survey.rows[0]["u2"], survey.rows[0]["umur"]) == ("4", "3", "40")
    # New batches continue after the copied ids.
    assert ImportBatch.objects.create(kind="x", scope_id=1, filename="n", status="ready").pk > max(moved)


def _assert_compliance_split(ids, chart, region, old_label, content_type):
    # The content type (and what points at it: model permissions, admin history) moved with its model.
    assert (old_label, ContentType.objects.get(pk=content_type).app_label) == ("compliance", "ombudsman")
    rule = QuotaRule.objects.get(pk=ids["rule"])
    assert (rule.region_id, rule.year, rule.deadline, rule.minimum) == (region.pk, 2026, datetime.date(2026, 10, 31), 2)
    # quota 0003: an open rule takes the Sekretariat DPRD as subject too (PP 18/2016).
    assert [t.slug for t in rule.subject_types.all()] == ["sekretariat-dprd", "dinas"]
    status = QuotaStatus.objects.get(pk=ids["status"])
    assert (status.agency_id, status.year, status.status, status.count) == (chart["dinkes"].pk, 2026, "at_risk", 1)
    assessment = Assessment.objects.select_related("method").get(pk=ids["assessment"])
    assert (assessment.agency_id, assessment.method.slug, assessment.score, assessment.zone, assessment.grade) == (
        chart["pkm"].pk,
        "opini-2022",
        Decimal("52.80"),
        "red",
        "D",
    )
    assert [(f.pk, f.state, f.responsible_id) for f in assessment.findings.all()] == [
        (ids["finding"], "in_progress", chart["dinkes"].pk)
    ]
    assert Finding.objects.get(pk=ids["finding"]).text == "Maklumat pelayanan belum dipajang."
    survey = Survey.objects.get(pk=ids["survey"])
    assert (survey.agency_id, survey.period, survey.score, survey.grade, survey.totals) == (
        chart["pkm"].pk,
        "Semester I",
        Decimal("77.08"),
        "B",
        {"u1": 14},
    )


def _assert_methods_re_placed(ids):
    placed = Assessment.objects.select_related("method").filter(pk__in=ids.values())
    assert {a.year: (a.method.slug, str(a.score), a.zone) for a in placed} == {
        2018: ("kepatuhan-2015", "97.16", "green"),
        2017: ("kepatuhan-2015", "70.19", "yellow"),
        2014: ("kepatuhan-2014", "655.00", "yellow"),
    }
    lines = AssessmentCorrection.objects.select_related("assessment").filter(assessment__in=ids.values())
    reason = (
        "Ditempatkan ulang karena perubahan metode: kepatuhan-2014 (0–1000) hanya berlaku untuk 2013–2014; "
        "tahun {} dinilai dengan skala 0–100 menurut kepatuhan-2015."
    )
    migration = [None, "ombudsman.0002_seed_methods_by_year"]
    method = ["kepatuhan-2014", "kepatuhan-2015"]
    assert {c.assessment.year: (c.changes, c.reason) for c in lines} == {
        2018: ({"method": method, "migration": migration, "zone": ["red", "green"]}, reason.format(2018)),
        2017: ({"method": method, "migration": migration, "score": ["701.85", "70.19"]}, reason.format(2017)),
    }


def _assert_dimensions_moved(ids):
    scores = DimensionScore.objects.select_related("assessment", "dimension").filter(assessment__in=ids)
    assert {(s.assessment.year, s.dimension.slug): str(s.score) for s in scores} == {
        (2023, "input"): "21.00",
        (2023, "proses"): "30.50",
        (2023, "pengaduan"): "18.00",
        (2025, "pengaduan"): "77.00",
    }
    kept = AssessmentCorrection.objects.select_related("assessment").get(assessment__in=ids)
    assert (kept.assessment.year, kept.changes) == (
        2025,
        {"dim_input": ["20.00", None], "migration": [None, "ombudsman.0005_seed_dimensions_move_scores"]},
    )

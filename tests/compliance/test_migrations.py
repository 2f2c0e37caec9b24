"""Splitting compliance into sub-apps moves no row: a database as the flat `compliance` app left it (migrated to
compliance 0006, before the sub-apps existed), with rows in its tables, migrates forward, and the sub-apps' models
read the very same rows from the very same tables; the models' content types follow them."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from compliance.ombudsman.models import Assessment, Finding
from compliance.quota.models import QuotaRule, QuotaStatus
from compliance.skm.models import Survey

#: The last state before the split: compliance at 0006, none of the sub-apps' migrations applied.
BEFORE_SPLIT = [("compliance", "0006_seed_survey"), ("quota", None), ("ombudsman", None), ("skm", None)]


def _migrate(targets):
    """Migrate the test database to `targets` and return the project state there (a fresh executor each time, as
    `manage.py migrate` would start)."""
    executor = MigrationExecutor(connection)
    return executor.migrate(targets)


def _old_rows(old_apps, chart, region) -> dict[str, int]:
    """Rows written through the historical models of compliance 0006 (the models as they were then)."""
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


def test_rows_written_before_the_split_are_read_through_the_sub_apps(transactional_db, chart, region):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    content_type = ContentType.objects.get(app_label="ombudsman", model="assessment").pk
    try:
        old_apps = _migrate(BEFORE_SPLIT).apps
        ids = _old_rows(old_apps, chart, region)
        old_label = ContentType.objects.values_list("app_label", flat=True).get(pk=content_type)

        _migrate(latest)

        # The content type (and what points at it: model permissions, admin history) moved with its model.
        assert (old_label, ContentType.objects.get(pk=content_type).app_label) == ("compliance", "ombudsman")

        rule = QuotaRule.objects.get(pk=ids["rule"])
        assert (rule.region_id, rule.year, rule.deadline, rule.minimum) == (
            region.pk,
            2026,
            datetime.date(2026, 10, 31),
            2,
        )
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
    finally:
        _migrate(latest)  # the next tests expect the latest schema and state, whatever happened here
        ContentType.objects.clear_cache()


def test_the_sub_apps_use_the_tables_of_the_flat_app():
    tables = {
        model._meta.label: model._meta.db_table for model in (QuotaRule, QuotaStatus, Assessment, Finding, Survey)
    }

    assert tables == {
        "quota.QuotaRule": "compliance_quotarule",
        "quota.QuotaStatus": "compliance_quotastatus",
        "ombudsman.Assessment": "compliance_assessment",
        "ombudsman.Finding": "compliance_finding",
        "skm.Survey": "compliance_survey",
    }
    assert QuotaRule.subject_types.through._meta.db_table == "compliance_quotarule_subject_types"

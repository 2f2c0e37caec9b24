"""Splitting compliance into sub-apps moved no row: the sub-apps' models use the very tables of the flat
`compliance` app. A populated database of the flat app migrating forward is tests/core/test_migration_history.py."""

from compliance.ombudsman.models import Assessment, Finding
from compliance.quota.models import QuotaRule, QuotaStatus
from compliance.skm.models import Survey


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

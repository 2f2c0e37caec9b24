"""The compliance factories build exactly what their names say, and nothing more."""

import datetime
from decimal import Decimal

import pytest

from compliance.ombudsman.models import Assessment, Finding
from compliance.quota.models import QuotaExemption, QuotaRule, QuotaStatus, QuotaStatusChange
from compliance.skm.models import Survey
from tests.compliance.factories import (
    AssessmentFactory,
    FindingFactory,
    QuotaExemptionFactory,
    QuotaRuleFactory,
    QuotaStatusChangeFactory,
    QuotaStatusFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


def test_quota_factories_build_one_row_each():
    rule = QuotaRuleFactory()
    status = QuotaStatusFactory(status="at_risk")
    change = QuotaStatusChangeFactory(agency=status.agency)
    exemption = QuotaExemptionFactory(agency=status.agency)

    assert (rule.year, rule.deadline, rule.minimum, list(rule.subject_types.all())) == (
        2026,
        datetime.date(2026, 12, 31),
        1,
        [],
    )
    assert (status.year, status.status, status.count) == (2026, "at_risk", 0)
    assert (change.from_status, change.to_status) == ("pending", "at_risk")
    assert exemption.state == "requested"
    assert [QuotaRule.objects.count(), QuotaStatus.objects.count(), QuotaStatusChange.objects.count()] == [1, 1, 1]
    assert QuotaExemption.objects.count() == 1


def test_ombudsman_and_skm_factories_build_one_row_each():
    finding = FindingFactory()
    survey = SurveyFactory(agency=finding.responsible)

    assessment = finding.assessment
    assert (assessment.method.slug, assessment.score, assessment.zone, assessment.grade) == (
        "opini-2022",
        Decimal("80.00"),
        "green",
        "B",
    )
    assert (finding.state, finding.responsible, finding.events.count()) == ("open", assessment.agency, 0)
    assert (survey.respondents, survey.score, survey.grade, survey.responses.count()) == (100, Decimal("75.00"), "C", 0)
    assert [Assessment.objects.count(), Finding.objects.count(), Survey.objects.count()] == [1, 1, 1]
    assert AssessmentFactory(agency=assessment.agency, year=2023).agency == assessment.agency

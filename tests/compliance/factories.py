"""factory_boy factories of the compliance sub-apps' rows, for tests that need a row as it is stored (the
services, which check and notify, are tested through their own calls). Each builds exactly what its name says.

Methods, bands and the survey's tables are seeded by migration; the factories use those rows."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from compliance.ombudsman.models import Assessment, AssessmentMethod, Finding
from compliance.quota.models import QuotaExemption, QuotaRule, QuotaState, QuotaStatus, QuotaStatusChange
from compliance.skm.models import Survey
from tests.agencies.factories import AgencyFactory, RegionFactory

YEAR = 2026


class QuotaRuleFactory(DjangoModelFactory):
    """A region's rule with the defaults (31 December, one innovation, reminders 60/30/7 days); no subject types."""

    class Meta:
        model = QuotaRule
        django_get_or_create = ("region", "year")

    region = factory.SubFactory(RegionFactory)
    year = YEAR
    deadline = factory.LazyAttribute(lambda rule: datetime.date(rule.year, 12, 31))


class QuotaStatusFactory(DjangoModelFactory):
    """An agency's status for a year, as the sweep stores it."""

    class Meta:
        model = QuotaStatus

    agency = factory.SubFactory(AgencyFactory)
    year = YEAR
    status = QuotaState.PENDING
    count = 0
    since = factory.LazyFunction(timezone.now)


class QuotaStatusChangeFactory(DjangoModelFactory):
    class Meta:
        model = QuotaStatusChange

    agency = factory.SubFactory(AgencyFactory)
    year = YEAR
    from_status = QuotaState.PENDING
    to_status = QuotaState.AT_RISK


class QuotaExemptionFactory(DjangoModelFactory):
    """A request as an agency head makes it; pass `state="accepted"` for one already decided."""

    class Meta:
        model = QuotaExemption

    agency = factory.SubFactory(AgencyFactory)
    year = YEAR
    reason_kind = QuotaExemption.Reason.MERGED
    explanation = "Digabung dengan dinas lain."


class AssessmentFactory(DjangoModelFactory):
    """A result under the seeded opini-2022 method; zone and grade as given (the bands are not consulted)."""

    class Meta:
        model = Assessment

    agency = factory.SubFactory(AgencyFactory)
    year = 2024
    method = factory.LazyFunction(lambda: AssessmentMethod.objects.get(slug="opini-2022"))
    score = Decimal("80.00")
    zone = "green"
    grade = "B"


class FindingFactory(DjangoModelFactory):
    """An open improvement note on an assessment, the assessed unit responsible for it."""

    class Meta:
        model = Finding

    assessment = factory.SubFactory(AssessmentFactory)
    text = "Maklumat pelayanan belum dipajang."
    responsible = factory.LazyAttribute(lambda finding: finding.assessment.agency)
    due = datetime.date(YEAR, 6, 30)


class SurveyFactory(DjangoModelFactory):
    """A survey from totals: 100 respondents answering 3 to every element (IKM 3, score 75.00, grade C)."""

    class Meta:
        model = Survey

    agency = factory.SubFactory(AgencyFactory)
    year = YEAR
    period = "Semester I"
    source = Survey.Source.TOTALS
    respondents = 100
    totals = factory.LazyFunction(lambda: {f"u{i}": 300 for i in range(1, 10)})
    nrr = factory.LazyFunction(lambda: {f"u{i}": "3.0000" for i in range(1, 10)})
    ikm = Decimal("3.0000")
    score = Decimal("75.00")
    grade = "C"

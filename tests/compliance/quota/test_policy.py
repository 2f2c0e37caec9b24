"""The quota as the regulations and the mayor state it (issue #15), on a swept database:

- every perangkat daerah is subject by default, the Sekretariat DPRD included (PP 18/2016: a perangkat daerah of the
  kabupaten/kota); the kinds that are not subject (BUMD) stay data;
- at risk = inside the reminder window (or past the mid-year checkpoint) with nothing counted; an early draft is
  "in progress", not at risk; an agency with nothing at all is at risk in the window like any other;
- whether an idea at the inisiatif stage counts is the year's rule switch.
"""

import datetime

import pytest
from django.urls import reverse

from agencies.models import AgencyType
from compliance.quota.models import QuotaRule, QuotaRuleChange, QuotaStatus
from compliance.quota.services import quota_rules_ensure, quota_sweep
from innovations.models import Category
from tests.agencies.factories import AgencyFactory, UserFactory, agency_type, role
from tests.compliance.quota.test_sweep import DEADLINE, YEAR, innovation
from tests.compliance.quota.test_views import _rule_data
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
MAY = datetime.date(YEAR, 5, 1)
NOVEMBER = datetime.date(YEAR, 11, 15)  # inside the 60-day window before 31 December


@pytest.fixture
def agencies(region):
    def make(code, kind="dinas"):
        agency = AgencyFactory(region=region, code=code, name=f"{kind} {code}", type=agency_type(kind))
        staff = UserFactory()
        role(staff, "staff", agency=agency)
        return agency, staff

    return {
        "setwan": make("SETWAN", "sekretariat-dprd"),
        "bumd": make("PDAM", "bumd"),
        "drafting": make("DRAFT"),
        "nothing": make("NOTHING"),
    }


def statuses(today):
    quota_rules_ensure(year=YEAR)
    quota_sweep(year=YEAR, today=today)
    return {s.agency.code: s.status for s in QuotaStatus.objects.filter(year=YEAR).select_related("agency")}


def test_sekretariat_dprd_is_subject_and_bumd_is_not_by_default(agencies):
    """PP 18/2016: the Sekretariat DPRD is a perangkat daerah; a BUMD is a company, not one."""
    subject = set(AgencyType.objects.filter(subject_to_quota=True).values_list("slug", flat=True))

    assert ("sekretariat-dprd" in subject, "bumd" in subject) == (True, False)
    assert {k: v for k, v in statuses(NOVEMBER).items() if k in ("SETWAN", "PDAM")} == {
        "SETWAN": "at_risk",
        "PDAM": "not_subject",
    }


def test_an_early_draft_is_in_progress_and_nothing_at_all_is_at_risk_in_the_window(agencies):
    agency, staff = agencies["drafting"]
    innovation(agency, staff, state="draft")
    waiting, waiting_staff = agencies["setwan"]
    innovation(waiting, waiting_staff, state="submitted")  # awaiting the head's approval

    assert {k: v for k, v in statuses(MAY).items() if k in ("DRAFT", "SETWAN", "NOTHING")} == {
        "DRAFT": "in_progress",
        "SETWAN": "in_progress",
        "NOTHING": "pending",
    }
    assert {k: v for k, v in statuses(NOVEMBER).items() if k in ("DRAFT", "SETWAN", "NOTHING")} == {
        "DRAFT": "at_risk",
        "SETWAN": "at_risk",
        "NOTHING": "at_risk",
    }


def test_the_stage_switch_decides_whether_an_idea_counts(agencies):
    agency, staff = agencies["drafting"]
    idea = Category.objects.get(kind="tahapan", slug="inisiatif")
    innovation(agency, staff, approved_at=datetime.datetime(YEAR, 3, 1, tzinfo=datetime.UTC), tahapan=idea)

    assert statuses(MAY)["DRAFT"] == "fulfilled"

    QuotaRule.objects.filter(year=YEAR).update(initiative_counts=False)
    assert statuses(MAY)["DRAFT"] == "pending"
    assert QuotaRule.objects.get(year=YEAR, region=agency.region).deadline == DEADLINE


def test_the_rule_page_shows_and_saves_the_stage_switch(people, region):
    quota_rules_ensure(year=YEAR)
    client = client_for(people["reviewer"])
    url = reverse("compliance:quota-rule", args=[YEAR])
    rule = QuotaRule.objects.get(region=region, year=YEAR)

    page = client.get(url).content.decode()
    client.post(url, {**_rule_data(rule), "initiative_counts": "", "risk_checkpoint": f"{YEAR}-06-30"})

    assert "Gagasan pada tahap inisiatif ikut dihitung" in page
    rule.refresh_from_db()
    assert (rule.initiative_counts, rule.risk_checkpoint) == (False, datetime.date(YEAR, 6, 30))
    assert QuotaRuleChange.objects.get(rule=rule).changes == {
        "initiative_counts": [True, False],
        "risk_checkpoint": [None, f"{YEAR}-06-30"],
    }

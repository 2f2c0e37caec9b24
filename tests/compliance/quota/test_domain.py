"""The quota's pure rule, worked through: every status an agency can have, and which reminder is due.

The rule is the "Satu Instansi Satu Inovasi" obligation (KIPP regulations PermenPAN-RB 19/2016, 5/2019, 7/2021):
every agency creates at least one public-service innovation a year, a floor, not a cap; the city's quota rule
(a row per region and year) sets the deadline, the minimum and the reminder days.
"""

import datetime

import pytest

from compliance.quota.domain import Facts, decide, reminder_due
from compliance.quota.models import QuotaRule

YEAR = 2026
DEADLINE = datetime.date(YEAR, 12, 31)


def rule(**overrides) -> QuotaRule:
    fields = {"region_id": 1, "year": YEAR, "deadline": DEADLINE, "minimum": 1, "reminder_days": [60, 30, 7]}
    return QuotaRule(**{**fields, **overrides})


def facts(**overrides) -> Facts:
    values = {
        "agency_id": 1,
        "region_id": 1,
        "type_id": 1,
        "active_from": None,
        "active_until": None,
        "on_time": 0,
        "late": 0,
        "drafts": 0,
    }
    return Facts(**{**values, **overrides})


@pytest.mark.parametrize(
    ("today", "agency", "exempt", "expected"),
    [
        (datetime.date(YEAR, 5, 1), facts(on_time=1), False, ("fulfilled", 1)),
        (datetime.date(YEAR, 5, 1), facts(), False, ("pending", 0)),
        # Issue #15: an early draft (or one awaiting approval) is work under way, not a risk.
        (datetime.date(YEAR, 5, 1), facts(drafts=2), False, ("in_progress", 0)),
        # Inside the window nothing counts yet: at risk, draft or not, like an agency with nothing at all.
        (datetime.date(YEAR, 11, 1), facts(drafts=2), False, ("at_risk", 0)),
        (datetime.date(YEAR, 10, 31), facts(), False, ("pending", 0)),  # 61 days before
        (datetime.date(YEAR, 11, 1), facts(), False, ("at_risk", 0)),  # 60 days: the window opens
        (datetime.date(YEAR, 12, 31), facts(), False, ("at_risk", 0)),  # the deadline itself
        (datetime.date(YEAR + 1, 1, 1), facts(), False, ("missed", 0)),
        (datetime.date(YEAR + 1, 1, 1), facts(late=1), False, ("fulfilled_late", 1)),
        (datetime.date(YEAR + 1, 1, 1), facts(on_time=1, late=1), False, ("fulfilled", 2)),
        (datetime.date(YEAR, 5, 1), facts(), True, ("exempt", 0)),
        (datetime.date(YEAR, 5, 1), facts(type_id=2), False, ("not_subject", 0)),
        (datetime.date(YEAR, 5, 1), facts(active_until=datetime.date(YEAR - 1, 6, 1)), False, ("not_subject", 0)),
        (datetime.date(YEAR, 5, 1), facts(active_from=datetime.date(YEAR + 1, 1, 1)), False, ("not_subject", 0)),
    ],
)
def test_decide_gives_every_status(today, agency, exempt, expected):
    assert decide(rule(), agency, today=today, subject_types={1}, exempt=exempt) == expected


@pytest.mark.parametrize(
    ("today", "agency", "expected"),
    [
        (datetime.date(YEAR, 6, 29), facts(), ("pending", 0)),
        (datetime.date(YEAR, 6, 30), facts(), ("at_risk", 0)),  # the mid-year checkpoint itself
        (datetime.date(YEAR, 7, 1), facts(drafts=1), ("at_risk", 0)),
        (datetime.date(YEAR, 7, 1), facts(on_time=1), ("fulfilled", 1)),
    ],
)
def test_a_mid_year_checkpoint_opens_the_risk_earlier(today, agency, expected):
    """The mayor's mid-year checkpoint (30 June here, data on the rule) comes before the 60-day reminder."""
    checkpoint = rule(risk_checkpoint=datetime.date(YEAR, 6, 30))

    assert decide(checkpoint, agency, today=today, subject_types={1}, exempt=False) == expected


def test_decide_respects_a_higher_minimum():
    assert decide(
        rule(minimum=2), facts(on_time=1), today=datetime.date(YEAR, 5, 1), subject_types={1}, exempt=False
    ) == ("pending", 1)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(YEAR, 10, 31), None),  # 61 days before: no reminder yet
        (datetime.date(YEAR, 11, 1), 60),  # the first reminder day
        (datetime.date(YEAR, 12, 1), 30),
        (datetime.date(YEAR, 12, 20), 30),  # between reminders: still the 30-day one (sent once by its key)
        (datetime.date(YEAR, 12, 24), 7),  # a late first sweep owes only the most urgent reminder, not three
        (DEADLINE, 7),
        (datetime.date(YEAR + 1, 1, 1), None),  # after the deadline: the status says missed, no reminder
    ],
)
def test_reminder_due_is_the_most_urgent_reached(today, expected):
    assert reminder_due(rule(), today) == expected


def test_a_rule_without_reminders_owes_none():
    assert reminder_due(rule(reminder_days=[]), datetime.date(YEAR, 12, 30)) is None

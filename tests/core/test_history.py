import datetime
from decimal import Decimal

import pytest

from core.history import assign, diff, plain


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)


def test_plain_keeps_history_json_exact():
    assert plain(Decimal("97.16")) == "97.16"
    assert plain(datetime.date(2026, 1, 31)) == "2026-01-31"
    assert plain([datetime.date(2026, 1, 31), 3]) == ["2026-01-31", 3]
    assert plain(None) is None


def test_diff_lists_only_what_changed_in_order():
    assert diff({"score": "61.2", "zone": "yellow", "note": ""}, {"score": "81.0", "zone": "green", "note": ""}) == {
        "score": ["61.2", "81.0"],
        "zone": ["yellow", "green"],
    }


def test_assign_sets_fields_and_returns_before_and_after():
    row = Row(score=Decimal("61.20"), published=datetime.date(2024, 12, 10))
    changes = assign(
        row,
        {"score": Decimal("81.00"), "published": datetime.date(2024, 12, 10)},
        allowed=["score", "published"],
        service="t",
    )
    assert (row.score, changes) == (Decimal("81.00"), {"score": ["61.20", "81.00"]})


def test_assign_refuses_a_field_the_service_does_not_change():
    with pytest.raises(ValueError, match="t cannot change zone"):
        assign(Row(zone="red"), {"zone": "green"}, allowed=["score"], service="t")

"""The satisfaction survey's pure rules, worked through with the elements and conversion table of PermenPAN-RB
14/2017 built in memory (no database): nine elements (unsur) answered 1 to 4, NRR per element, IKM = sum of NRR / 9,
converted score = IKM x 25, graded A 88.31-100.00 (sangat baik), B 76.61-88.30 (baik), C 65.00-76.60 (kurang baik),
D 25.00-64.99 (tidak baik).
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from compliance.skm.domain import compute, grade_for


@dataclass(frozen=True)
class Element:
    code: str
    name: str


@dataclass(frozen=True)
class Grade:
    lower: Decimal
    grade: str
    label: str


ELEMENTS = [Element(f"u{i}", f"Unsur {i}") for i in range(1, 10)]
# The conversion table of PermenPAN-RB 14/2017 (lower bounds of the converted score).
GRADES = [
    Grade(Decimal("25.00"), "D", "Tidak baik"),
    Grade(Decimal("65.00"), "C", "Kurang baik"),
    Grade(Decimal("76.61"), "B", "Baik"),
    Grade(Decimal("88.31"), "A", "Sangat baik"),
]
# Four respondents' sums per element (u1 ... u9).
TOTALS = {"u1": 14, "u2": 12, "u3": 10, "u4": 15, "u5": 12, "u6": 14, "u7": 15, "u8": 8, "u9": 11}


def figures(*, totals, respondents):
    return compute(totals=totals, respondents=respondents, elements=ELEMENTS, grades=GRADES)


def test_worked_example_nrr_ikm_score_and_grade():
    result = compute(totals=TOTALS, respondents=4, elements=ELEMENTS, grades=GRADES)

    assert {e.code: e.nrr for e in result.elements} == {
        "u1": Decimal("3.5000"),
        "u2": Decimal("3.0000"),
        "u3": Decimal("2.5000"),
        "u4": Decimal("3.7500"),
        "u5": Decimal("3.0000"),
        "u6": Decimal("3.5000"),
        "u7": Decimal("3.7500"),
        "u8": Decimal("2.0000"),
        "u9": Decimal("2.7500"),
    }
    # sum of NRR = 27.75; IKM = 27.75 / 9 = 3.08333...; * 25 = 77.0833... -> 77.08, grade B (76.61 to 88.30).
    assert result.ikm == Decimal("3.0833")
    assert result.score == Decimal("77.08")
    assert (result.grade, result.label) == ("B", "Baik")
    assert [e.code for e in result.weakest_first] == ["u8", "u3", "u9", "u2", "u5", "u1", "u6", "u4", "u7"]


def test_all_fours_and_all_ones_are_the_ends_of_the_scale():
    best = figures(totals={f"u{i}": 40 for i in range(1, 10)}, respondents=10)
    worst = figures(totals={f"u{i}": 10 for i in range(1, 10)}, respondents=10)

    assert (best.ikm, best.score, best.grade) == (Decimal("4.0000"), Decimal("100.00"), "A")
    assert (worst.ikm, worst.score, worst.grade) == (Decimal("1.0000"), Decimal("25.00"), "D")


#: The conversion table's edges (PermenPAN-RB 14/2017, appendix: D 25.00-64.99, C 65.00-76.60, B 76.61-88.30,
#: A 88.31-100.00), checked here against the pure rule and in test_surveys against the seeded table.
GRADE_EDGES = [
    ("25.00", "D"),
    ("64.99", "D"),
    ("65.00", "C"),
    ("76.60", "C"),
    ("76.61", "B"),
    ("88.30", "B"),
    ("88.31", "A"),
    ("100.00", "A"),
]


@pytest.mark.parametrize(("score", "grade"), GRADE_EDGES)
def test_grade_for_follows_the_conversion_table_edges(score, grade):
    assert grade_for(Decimal(score), list(reversed(GRADES))).grade == grade


def test_a_score_below_the_table_has_no_grade():
    assert grade_for(Decimal("24.99"), GRADES) is None


def test_a_survey_without_respondents_is_refused():
    with pytest.raises(ValidationError):
        figures(totals=TOTALS, respondents=0)

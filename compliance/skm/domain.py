"""The satisfaction survey's pure rules (SKM, PermenPAN-RB 14/2017): its figures from the answers or totals, and
the checks of a respondents' file and of reported totals. No database: the callers pass the element and grade rows.

For each element the mean of the answers is its NRR; IKM = sum of NRR / the number of elements (nine); the
converted score = IKM * 25, and the grade is the row of the conversion table whose lower bound is the highest not
above the score. The elements and the table are rows (`SurveyElement`, `SurveyGrade`), so a new regulation is a
data change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.tabular import parse_date

FOUR_PLACES = Decimal("0.0001")
TWO_PLACES = Decimal("0.01")
MIN_ANSWER, MAX_ANSWER = 1, 4
#: Profile columns kept with each respondent when present (anything else is ignored).
PROFILE_COLUMNS = ("umur", "jenis_kelamin", "pendidikan", "pekerjaan", "layanan", "tanggal")


class Element(Protocol):
    """A row of the elements (a `SurveyElement`)."""

    code: str
    name: str


class GradeRow(Protocol):
    """A row of the conversion table (a `SurveyGrade`)."""

    lower: Decimal
    grade: str
    label: str


@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    total: int
    nrr: Decimal


@dataclass(frozen=True)
class SurveyResult:
    respondents: int
    elements: list[ElementResult]
    ikm: Decimal
    score: Decimal
    grade: str
    label: str

    @property
    def weakest_first(self) -> list[ElementResult]:
        return sorted(self.elements, key=lambda e: (e.nrr, e.code))


def compute(
    *, totals: dict[str, int], respondents: int, elements: Sequence[Element], grades: Iterable[GradeRow]
) -> SurveyResult:
    """The survey's figures from the sum of answers per element and the number of respondents."""
    if respondents <= 0:
        raise ValidationError(_("A survey needs at least one respondent."))
    n = Decimal(respondents)
    results = [ElementResult(e.code, e.name, totals[e.code], Decimal(totals[e.code]) / n) for e in elements]
    ikm = sum((r.nrr for r in results), Decimal(0)) / Decimal(len(results))
    score = (ikm * 25).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    grade = grade_for(score, grades)
    return SurveyResult(
        respondents=respondents,
        elements=[
            ElementResult(r.code, r.name, r.total, r.nrr.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)) for r in results
        ],
        ikm=ikm.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP),
        score=score,
        grade=grade.grade if grade else "",
        label=grade.label if grade else "",
    )


def grade_for(score: Decimal, grades: Iterable[GradeRow]) -> GradeRow | None:
    """The conversion-table row whose lower bound is the highest not above `score` (None below the table)."""
    return max((g for g in grades if g.lower <= score), key=lambda g: g.lower, default=None)


# --- checking a respondents' file -------------------------------------------------------------------------------


@dataclass
class CheckedAnswers:
    answers: list[list[int]] = field(default_factory=list)
    profiles: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def totals(self, codes: list[str]) -> dict[str, int]:
        return {code: sum(a[i] for a in self.answers) for i, code in enumerate(codes)}


def check_answers(table_rows: list[tuple[int, dict[str, str]]], *, codes: list[str]) -> CheckedAnswers:
    """Every row's answers must be whole numbers 1-4 in every element column; errors carry the row number."""
    checked = CheckedAnswers()
    if not table_rows:
        checked.errors.append({"row": 1, "column": "", "message": _("The file has no respondents.")})
        return checked
    missing = [c for c in codes if c not in table_rows[0][1]]
    if missing:
        checked.errors.append(
            {
                "row": 1,
                "column": ", ".join(missing),
                "message": _("Missing columns: %(columns)s. The header must have %(all)s.")
                % {"columns": ", ".join(missing), "all": ", ".join(codes)},
            }
        )
        return checked
    for line, values in table_rows:
        row: list[int] = []
        for code in codes:
            raw = (values.get(code) or "").strip()
            try:
                number = int(Decimal(raw.replace(",", ".")))
                if Decimal(raw.replace(",", ".")) != number:
                    raise ValueError
            except (ArithmeticError, ValueError):
                number = 0
            if not MIN_ANSWER <= number <= MAX_ANSWER:
                checked.errors.append(
                    {
                        "row": line,
                        "column": code,
                        "message": _("'%(value)s' is not an answer: use a whole number from 1 to 4.") % {"value": raw}
                        if raw
                        else _("This column must be filled."),
                    }
                )
            row.append(number)
        checked.answers.append(row)
        profile = {k: (values.get(k) or "").strip()[:100] for k in PROFILE_COLUMNS if values.get(k)}
        if profile.get("tanggal"):
            # The day of the answer is kept as a date (ISO), so a typo such as 2026-13-40 is refused here.
            try:
                profile["tanggal"] = parse_date(profile["tanggal"]).isoformat()
            except ValueError:
                checked.errors.append(
                    {
                        "row": line,
                        "column": "tanggal",
                        "message": _("'%(value)s' is not a date: write it as 2026-01-31 or 31/01/2026.")
                        % {"value": profile["tanggal"]},
                    }
                )
        checked.profiles.append(profile)
    return checked


def check_totals(*, totals: dict[str, int], respondents: int) -> dict[str, str]:
    """Each element's total must lie between 1 and 4 times the respondents; returns {code: message}."""
    errors = {}
    for code, total in totals.items():
        if not MIN_ANSWER * respondents <= total <= MAX_ANSWER * respondents:
            errors[code] = _("With %(n)d respondents the total must be between %(low)d and %(high)d.") % {
                "n": respondents,
                "low": MIN_ANSWER * respondents,
                "high": MAX_ANSWER * respondents,
            }
    return errors

"""The Ombudsman's pure rules: a score's zone and grade from a method's band rows, and the score's format. No
database: the callers pass the rows. (The improvement note's moves are the workflow's map, `workflow.py`.)"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from compliance.ombudsman.models import Zone

if TYPE_CHECKING:
    from compliance.ombudsman.models import AssessmentMethod, Band, Dimension

TWO_PLACES = Decimal("0.01")


def zone_label(slug: str) -> str:
    """A zone's name in the active language (the slug itself if it is not a zone)."""
    return str(dict(Zone.choices).get(slug, slug))


@dataclass(frozen=True)
class Placement:
    zone: str
    grade: str
    band: Band | None


def parse_score(value: str | Decimal | float) -> Decimal:
    """A score with two decimal places; accepts the Indonesian decimal comma ("87,99")."""
    try:
        score = Decimal(str(value).strip().replace(",", ".")) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise ValidationError(_("'%(value)s' is not a number.") % {"value": value}) from None
    if score != score.quantize(TWO_PLACES):
        raise ValidationError(_("A score has at most two decimal places (%(value)s).") % {"value": value})
    return score.quantize(TWO_PLACES)


def place(method: AssessmentMethod, score: Decimal, *, bands: Iterable[Band], published_zone: str = "") -> Placement:
    """The zone and grade of `score` under `method`, whose band table is `bands` (in any order).

    A score outside the method's scale is an error. With a band table, the band is the one with the highest
    lower bound not above the score (so 88.00 is A and 87.99 is B); a zone entered as published that contradicts
    it is an error, never silently replaced. Without a band table (opini-2025), the published zone is required
    and kept.
    """
    if not method.scale_min <= score <= method.scale_max:
        raise ValidationError(
            _("Score %(score)s is outside the scale of %(method)s (%(min)s–%(max)s).")  # noqa: RUF001 -- en dash
            % {"score": score, "method": method.slug, "min": method.scale_min, "max": method.scale_max},
            code="outside_scale",
        )
    table = list(bands)
    if not table:
        if not published_zone:
            raise ValidationError(
                _("%(method)s has no published band table: enter the zone as the Ombudsman published it.")
                % {"method": method.slug},
                code="zone_required",
            )
        return Placement(zone=published_zone, grade="", band=None)
    band = max((b for b in table if b.lower <= score), key=lambda b: b.lower)
    if published_zone and published_zone != band.zone:
        raise ValidationError(
            _("Zone %(given)s contradicts the band table: a score of %(score)s under %(method)s is %(zone)s.")
            % {
                "given": zone_label(published_zone),
                "score": score,
                "method": method.slug,
                "zone": zone_label(band.zone),
            },
            code="zone_mismatch",
        )
    return Placement(zone=band.zone, grade=band.grade, band=band)


def method_for_year(methods: Iterable[AssessmentMethod], year: int) -> AssessmentMethod:
    """The one method that applies to `year` (an import row that leaves the method empty takes it).

    No method covers 2020: the Ombudsman held no assessment that year (domain.md §3.2), so a 2020 result is
    refused, with that reason, rather than filed under a neighbouring year's scale."""
    matching = [m for m in methods if m.applies_to(year)]
    if len(matching) == 1:
        return matching[0]
    if not matching:
        raise ValidationError(
            _("The Ombudsman held no assessment in %(year)d: no method applies to that year.") % {"year": year},
            code="no_method",
        )
    raise ValidationError(
        _("Several methods apply to %(year)d (%(methods)s): fill in the method column.")
        % {"year": year, "methods": ", ".join(sorted(m.slug for m in matching))},
        code="several_methods",
    )


def check_dimension_scores(
    method: AssessmentMethod, dimensions: Iterable[Dimension], values: dict[str, str]
) -> tuple[dict[str, Decimal], list[tuple[str, str]]]:
    """The dimension scores given (slug -> text; empty texts are skipped) checked against `method`'s dimensions:
    (slug -> score, [(slug, message)]). A slug the method does not score, and a score outside its dimension's
    range, are errors that name the dimension and the range, so the operator can fix the one cell.

    Worked example (opini-2022, input scored 0-24.24 per the Ombudsman Jateng 2022 split): "21,00" is kept as
    21.00; "30" is refused: "Input ... 30.00 is outside its range 0.00-24.24"."""
    by_slug = {d.slug: d for d in dimensions}
    scores: dict[str, Decimal] = {}
    errors: list[tuple[str, str]] = []
    for slug, text in values.items():
        if not str(text).strip():
            continue
        dimension = by_slug.get(slug)
        if dimension is None:
            errors.append(
                (slug, _("%(method)s does not score the dimension '%(slug)s'.") % {"method": method.slug, "slug": slug})
            )
            continue
        try:
            score = parse_score(text)
        except ValidationError as exc:
            errors.append((slug, f"{dimension.name}: {exc.messages[0]}"))
            continue
        if not dimension.lowest <= score <= dimension.highest:
            errors.append(
                (
                    slug,
                    _("The %(dimension)s score %(score)s is outside its range %(low)s–%(high)s.")  # noqa: RUF001
                    % {"dimension": dimension.name, "score": score, "low": dimension.lowest, "high": dimension.highest},
                )
            )
            continue
        scores[slug] = score
    return scores, errors

"""Writes of Ombudsman assessments: record one, correct one (history kept), attach the source document, and
import a whole file or nothing (every row checked first, for the preview)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, Region, User
from compliance.ombudsman.domain import check_dimension_scores, method_for_year, parse_score, place
from compliance.ombudsman.models import (
    Assessment,
    AssessmentCorrection,
    AssessmentMethod,
    AssessmentSource,
    Dimension,
    DimensionScore,
)
from compliance.ombudsman.selectors import bands_of, dimension_columns, dimensions_by_method
from core.history import assign
from core.tabular import parse_date

COLUMNS = ["agency", "year", "method", "score", "zone", "published", "source_url", "note"]
#: The method may be left empty: the one method that applies to the year is used (`method_for_year`).
REQUIRED = ["agency", "year", "score"]
ZONE_WORDS = {
    "red": "red",
    "merah": "red",
    "yellow": "yellow",
    "kuning": "yellow",
    "green": "green",
    "hijau": "green",
    "hijau tua": "green",
}
Error = dict[str, Any]


def import_columns() -> list[str]:
    """An import file's columns: the fixed ones, then one per dimension slug of any method (from data)."""
    return [*COLUMNS, *dimension_columns()]


def _clean_row(
    values: dict[str, str],
    *,
    agencies: dict[str, Agency],
    methods: dict[str, AssessmentMethod],
    dimensions: dict[int, list[Dimension]],
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Check one row; return the cleaned fields and (column, message) errors."""
    errors: list[tuple[str, str]] = []
    row: dict[str, Any] = {}
    for column in REQUIRED:
        if not values.get(column):
            errors.append((column, _("This column must be filled.")))
    agency = agencies.get(values.get("agency", "").strip().upper())
    if values.get("agency") and agency is None:
        errors.append(("agency", _("No agency with code %(code)s in this region.") % {"code": values["agency"]}))
    method = methods.get(values.get("method", "").strip().lower())
    if values.get("method") and method is None:
        errors.append(
            (
                "method",
                _("Unknown method '%(value)s'. Use one of: %(choices)s.")
                % {"value": values["method"], "choices": ", ".join(sorted(methods))},
            )
        )
    year = None
    if values.get("year"):
        try:
            year = int(values["year"])
        except ValueError:
            errors.append(("year", _("'%(value)s' is not a year.") % {"value": values["year"]}))
    if method and year is not None and not method.applies_to(year):
        errors.append(("year", _("%(method)s does not apply to %(year)d.") % {"method": method.slug, "year": year}))
    elif not values.get("method", "").strip() and year is not None:
        try:
            method = method_for_year(methods.values(), year)
        except ValidationError as exc:
            errors.append(("year" if exc.code == "no_method" else "method", exc.messages[0]))
    zone_word = values.get("zone", "").strip().lower()
    zone = ZONE_WORDS.get(zone_word, "")
    if zone_word and not zone:
        errors.append(("zone", _("'%(value)s' is not a zone (merah, kuning, hijau).") % {"value": values["zone"]}))
    score = None
    if values.get("score"):
        try:
            score = parse_score(values["score"])
        except ValidationError as exc:
            errors.append(("score", exc.messages[0]))
    if method and score is not None:
        try:
            placement = place(method, score, bands=bands_of(method), published_zone=zone)
        except ValidationError as exc:
            errors.append(("score" if exc.code == "outside_scale" else "zone", exc.messages[0]))
        else:
            row.update(zone=placement.zone, grade=placement.grade)
    slugs = {d.slug for rows in dimensions.values() for d in rows}
    given = {slug: values[slug] for slug in slugs if values.get(slug, "").strip()}
    if method and given:
        row["dimensions"], dimension_errors = check_dimension_scores(method, dimensions.get(method.pk, []), given)
        errors += dimension_errors
    if values.get("published"):
        try:
            row["published"] = parse_date(values["published"])
        except ValueError:
            errors.append(
                (
                    "published",
                    _("'%(value)s' is not a date; write it as 2026-01-31 or 31/01/2026.")
                    % {"value": values["published"]},
                )
            )
    if values.get("source_url"):
        try:
            URLValidator()(values["source_url"])
            row["source_url"] = values["source_url"]
        except ValidationError:
            errors.append(("source_url", _("'%(value)s' is not a web address.") % {"value": values["source_url"]}))
    row.update(agency=agency, year=year, method=method, score=score, note=values.get("note", ""))
    return row, errors


def assessments_import_check(
    *, region: Region, table_rows: list[tuple[int, dict[str, str]]], update_existing: bool
) -> tuple[list[dict[str, Any]], list[Error]]:
    """Every row checked against the file and the database; (rows for the preview, errors). Writes nothing."""
    agencies = {a.code.upper(): a for a in Agency.objects.filter(region=region)}
    methods = {m.slug: m for m in AssessmentMethod.objects.prefetch_related("bands")}
    dimensions = dimensions_by_method()
    columns = [*COLUMNS, *dict.fromkeys(d.slug for ds in dimensions.values() for d in ds)]
    existing = set(Assessment.objects.filter(agency__region=region).values_list("agency_id", "year", "method_id"))
    seen: dict[tuple[int, int, int], int] = {}
    rows, errors = [], []
    for line, values in table_rows:
        row, row_errors = _clean_row(values, agencies=agencies, methods=methods, dimensions=dimensions)
        if row["agency"] and row["year"] and row["method"]:
            key = (row["agency"].pk, row["year"], row["method"].pk)
            if key in seen:
                row_errors.append(
                    (
                        "agency",
                        _("The same agency, year and method also appear in row %(other)d.") % {"other": seen[key]},
                    )
                )
            seen.setdefault(key, line)
            if key in existing and not update_existing:
                row_errors.append(
                    (
                        "agency",
                        _(
                            "An assessment of this agency, year and method exists already; "
                            "choose 'update existing' to replace it."
                        ),
                    )
                )
        errors += [{"row": line, "column": column, "message": message} for column, message in row_errors]
        rows.append(
            {
                "line": line,
                **{c: values.get(c, "") for c in columns},
                "derived_zone": row.get("zone", ""),
                "derived_grade": row.get("grade", ""),
                "name": row["agency"].name if row["agency"] else "",
            }
        )
    return rows, errors


@transaction.atomic
def assessments_import(
    *, region: Region, table_rows: list[tuple[int, dict[str, str]]], update_existing: bool, by: User | None
) -> list[Assessment]:
    """Save every row in one transaction, or raise ValidationError listing the errors and save nothing.
    Side effects: those of `assessments_save`."""
    _rows, errors = assessments_import_check(region=region, table_rows=table_rows, update_existing=update_existing)
    if errors:
        raise ValidationError([f"{e['row']}:{e['column']}: {e['message']}" for e in errors])
    return assessments_save(region=region, table_rows=table_rows, by=by)


def assessments_save(
    *, region: Region, table_rows: list[tuple[int, dict[str, str]]], by: User | None
) -> list[Assessment]:
    """Write rows that `assessments_import_check` has passed (the caller holds the transaction).

    Side effects: creates the new assessments; corrects the existing ones, each change kept in its correction
    history."""
    agencies = {a.code.upper(): a for a in Agency.objects.filter(region=region)}
    methods = {m.slug: m for m in AssessmentMethod.objects.prefetch_related("bands")}
    dimensions = dimensions_by_method()
    stored: tuple[str, ...] = ("score", "zone", "grade", "note", "dimensions", "published", "source_url")
    saved = []
    for _line, values in table_rows:
        row, _errors = _clean_row(values, agencies=agencies, methods=methods, dimensions=dimensions)
        fields: dict[str, Any] = {k: row[k] for k in stored if k in row}
        current = Assessment.objects.filter(agency=row["agency"], year=row["year"], method=row["method"]).first()
        if current is None:
            scores = fields.pop("dimensions", {})
            made = Assessment.objects.create(
                agency=row["agency"], year=row["year"], method=row["method"], created_by=by, **fields
            )
            _write_dimension_scores(made, scores, dimensions.get(made.method_id, []))
            saved.append(made)
        else:
            saved.append(assessment_correct(assessment=current, by=by, reason=_("Imported file"), **fields))
    return saved


@transaction.atomic
def assessment_record(
    *,
    agency: Agency,
    year: int,
    method: AssessmentMethod,
    score: Decimal,
    by: User | None,
    zone: str = "",
    dimensions: dict[str, str] | None = None,
    **fields: Any,
) -> Assessment:
    """Record one assessment: the method must apply to the year; zone and grade come from the band table;
    `dimensions` (slug -> score text) must be the method's and within their ranges.
    Side effects: creates the assessment and its dimension scores."""
    if not method.applies_to(year):
        try:
            method_for_year(AssessmentMethod.objects.all(), year)
        except ValidationError as exc:
            if exc.code == "no_method":
                raise ValidationError({"year": exc.messages}) from None
        raise ValidationError(
            {"year": _("%(method)s does not apply to %(year)d.") % {"method": method.slug, "year": year}}
        )
    if Assessment.objects.filter(agency=agency, year=year, method=method).exists():
        raise ValidationError(_("An assessment of this agency, year and method exists already; correct it instead."))
    try:
        placement = place(method, score, bands=bands_of(method), published_zone=zone)
    except ValidationError as exc:
        raise ValidationError({"score" if exc.code == "outside_scale" else "zone": exc.messages}) from None
    method_dimensions = list(method.dimensions.all())
    scores = _checked_dimensions(method, method_dimensions, dimensions or {})
    assessment = Assessment.objects.create(
        agency=agency,
        year=year,
        method=method,
        score=score,
        zone=placement.zone,
        grade=placement.grade,
        created_by=by,
        **fields,
    )
    _write_dimension_scores(assessment, scores, method_dimensions)
    return assessment


def _checked_dimensions(
    method: AssessmentMethod, dimensions: list[Dimension], given: dict[str, str]
) -> dict[str, Decimal]:
    scores, errors = check_dimension_scores(method, dimensions, {k: str(v) for k, v in given.items()})
    if errors:
        raise ValidationError({f"dimension_{slug}": message for slug, message in errors})
    return scores


def _write_dimension_scores(
    assessment: Assessment, scores: dict[str, Decimal], dimensions: list[Dimension]
) -> dict[str, list[str | None]]:
    """Set the given dimension scores (checked already), leaving the others; return the changes as
    {"dimension:<slug>": [old, new]} for the correction history."""
    by_slug = {d.slug: d for d in dimensions}
    current = {row.dimension_id: row for row in DimensionScore.objects.filter(assessment=assessment)}
    changes: dict[str, list[str | None]] = {}
    for slug, score in scores.items():
        dimension = by_slug[slug]
        row = current.get(dimension.pk)
        if row is None:
            DimensionScore.objects.create(assessment=assessment, dimension=dimension, score=score)
            changes[f"dimension:{slug}"] = [None, str(score)]
        elif row.score != score:
            changes[f"dimension:{slug}"] = [str(row.score), str(score)]
            row.score = score
            row.save(update_fields=["score"])
    return changes


CORRECTABLE = ("score", "zone", "grade", "published", "source_url", "note")


@transaction.atomic
def assessment_correct(*, assessment: Assessment, by: User | None, reason: str, **fields: Any) -> Assessment:
    """Change a recorded assessment. Side effects: re-derives zone and grade from the band table, saves, and
    appends who changed what from what to what and why. A correction without a reason is refused."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the assessment is corrected.")})
    assessment = Assessment.objects.select_for_update().select_related("method").get(pk=assessment.pk)
    if "score" in fields or "zone" in fields:
        # With a band table the zone follows the score (a contradicting zone is an error); without one, the zone
        # is what the Ombudsman published.
        has_bands = assessment.method.bands.exists()
        given_zone = fields.get("zone", "" if has_bands else assessment.zone)
        placement = place(
            assessment.method,
            fields.get("score", assessment.score),
            bands=bands_of(assessment.method),
            published_zone=given_zone,
        )
        fields.update(zone=placement.zone, grade=placement.grade)
    given = fields.pop("dimensions", None) or {}
    method_dimensions = list(assessment.method.dimensions.all())
    scores = _checked_dimensions(assessment.method, method_dimensions, {k: str(v) for k, v in given.items()})
    changes = assign(assessment, fields, allowed=CORRECTABLE, service="assessment_correct")
    if changes:
        assessment.save()
    changes.update(_write_dimension_scores(assessment, scores, method_dimensions))
    if changes:
        AssessmentCorrection.objects.create(assessment=assessment, changes=changes, reason=reason.strip(), by=by)
    return assessment


@transaction.atomic
def assessment_attach_source(
    *, assessment: Assessment, by: User, name: str, data: bytes, max_bytes: int
) -> AssessmentSource:
    """Keep the Ombudsman's document with the assessment (checked by its content). Side effects: replaces an
    earlier document (its file is removed after the commit) and records the change in the correction history."""
    source = AssessmentSource(assessment=assessment, uploaded_by=by)
    source.take(name=name, data=data, max_bytes=max_bytes)
    previous = AssessmentSource.objects.filter(assessment=assessment).first()
    if previous is not None:
        old_file = previous.file
        previous.delete()
        transaction.on_commit(lambda: old_file.delete(save=False))
    source.save()
    AssessmentCorrection.objects.create(
        assessment=assessment,
        changes={"source_document": [previous.original_name if previous else "", source.original_name]},
        reason=_("Source document uploaded."),
        by=by,
    )
    return source

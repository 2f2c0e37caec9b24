"""A year's indicator catalogue loaded from the national guideline's table (CSV/XLSX) on the one import flow
(core.imports): every row checked, previewed, then saved all or none. The scope is the year itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.iid.models import Aspect, Catalogue, Indicator
from core import datacache
from core.imports import Error, TableRows, register
from core.models import ImportBatch

KIND = "iid-catalogue"


@dataclass(frozen=True)
class Year:
    """The import's scope: the catalogue's year (its `pk` is what the batch keeps)."""

    pk: int


COLUMNS = (
    "number",
    "aspect",
    "variable",
    "name",
    "weight",
    "mandatory",
    "parameter_1",
    "parameter_2",
    "parameter_3",
    "evidence",
)
YES = {"ya", "yes", "y", "1", "wajib", "true"}
NO = {"tidak", "no", "n", "0", "", "false"}


def _error(line: int, column: str, message: str) -> Error:
    return {"row": line, "column": column, "message": message}


def check_row(line: int, values: Mapping[str, str], seen: dict[int, int]) -> tuple[dict[str, Any], list[Error]]:
    """One row of the table: (the row for the preview, its errors). `seen` maps numbers to their first line."""
    errors: list[Error] = []
    row: dict[str, Any] = {"line": line, **{c: values.get(c, "").strip() for c in COLUMNS}}
    number = row["number"]
    if not number.isdigit() or not 1 <= int(number) <= 99:
        errors.append(_error(line, "number", _("The number must be a whole number from 1 to 99.")))
    elif int(number) in seen:
        errors.append(
            _error(
                line,
                "number",
                _("Indicator %(number)s is already on row %(row)d.") % {"number": number, "row": seen[int(number)]},
            )
        )
    else:
        seen[int(number)] = line
    if row["aspect"].lower() not in Aspect.values:
        errors.append(_error(line, "aspect", _("The aspect must be spd (region) or sid (innovation).")))
    row["aspect"] = row["aspect"].lower()
    if not row["weight"]:
        errors.append(_error(line, "weight", _("The weight is missing.")))
    else:
        try:
            weight = Decimal(row["weight"].replace(",", "."))
        except InvalidOperation:
            weight = Decimal(0)
        if not weight.is_finite() or weight <= 0 or weight >= 1000:
            errors.append(_error(line, "weight", _("The weight must be a number above 0, such as 2 or 1.5.")))
        else:
            row["weight"] = str(weight)
    mandatory = row["mandatory"].lower()
    if mandatory not in YES | NO:
        errors.append(_error(line, "mandatory", _("Write ya or tidak.")))
    row["mandatory"] = mandatory in YES
    for column in ("name", "parameter_1", "parameter_2", "parameter_3"):
        if not row[column]:
            errors.append(_error(line, column, _("This column is empty.")))
    return row, errors


class CatalogueImporter:
    kind = KIND
    columns = COLUMNS
    required = ("number", "aspect", "name", "weight", "parameter_1", "parameter_2", "parameter_3")
    aliases: Mapping[str, str] = {
        "nomor": "number",
        "no": "number",
        "aspek": "aspect",
        "variabel": "variable",
        "nama": "name",
        "indikator": "name",
        "bobot": "weight",
        "wajib": "mandatory",
        "bukti": "evidence",
        "data_dukung": "evidence",
    }
    labels: Mapping[str, Any] = {
        "number": gettext_lazy("number"),
        "aspect": gettext_lazy("aspect"),
        "name": gettext_lazy("name"),
        "weight": gettext_lazy("weight"),
        "mandatory": gettext_lazy("mandatory"),
        "evidence": gettext_lazy("evidence"),
    }

    def validate(
        self, rows: TableRows, *, scope: Year, options: Mapping[str, Any]
    ) -> tuple[list[dict[str, Any]], list[Error]]:
        seen: dict[int, int] = {}
        checked, errors = [], []
        for line, values in rows:
            row, row_errors = check_row(line, values, seen)
            checked.append(row)
            errors += row_errors
        if not rows:
            errors.append(_error(1, "number", _("The file has no indicators.")))
        return checked, errors

    def save(self, rows: list[dict[str, Any]], *, scope: Year, options: Mapping[str, Any], by: Any) -> list[Indicator]:
        """Side effects: creates the year's catalogue if missing (its counting rule and bands copied from the
        latest earlier year); creates or updates every indicator in the file; deletes those not in it, refusing
        (ValidationError, nothing saved) where one already has answers."""
        catalogue = Catalogue.objects.filter(year=scope.pk).first() or _new_catalogue(scope.pk)
        numbers = {int(r["number"]) for r in rows}
        dropped = catalogue.indicators.exclude(number__in=numbers)
        answered = sorted(dropped.filter(answers__isnull=False).values_list("number", flat=True).distinct())
        if answered:
            raise ValidationError(
                _("Indicators %(numbers)s already have answers and must stay in the file.")
                % {"numbers": ", ".join(map(str, answered))}
            )
        dropped.delete()
        saved = []
        for row in rows:
            indicator, _created = Indicator.objects.update_or_create(
                catalogue=catalogue,
                number=int(row["number"]),
                defaults={
                    "aspect": row["aspect"],
                    "variable": row["variable"],
                    "name": row["name"],
                    "weight": Decimal(row["weight"]),
                    "mandatory": row["mandatory"],
                    "parameter_1": row["parameter_1"],
                    "parameter_2": row["parameter_2"],
                    "parameter_3": row["parameter_3"],
                    "evidence": row["evidence"],
                    "provisional": False,
                },
            )
            saved.append(indicator)
        datacache.bump()
        return saved

    def scope_for(self, batch: ImportBatch) -> Year:
        return Year(int(batch.scope_id))

    def may_import(self, user: Any, scope: Year) -> bool:
        return bool(user.has_perm("iid.load_catalogue"))


def _new_catalogue(year: int) -> Catalogue:
    earlier = Catalogue.objects.filter(year__lt=year).order_by("-year").first()
    catalogue = Catalogue.objects.create(
        year=year,
        guideline=_("Loaded from a file"),
        provisional=False,
        count_points=earlier.count_points if earlier else Decimal("0.38"),
        count_cap=earlier.count_cap if earlier else 200,
        basic_urusan=earlier.basic_urusan if earlier else [],
        basic_urusan_min=earlier.basic_urusan_min if earlier else 0,
        reminder_days=earlier.reminder_days if earlier else [30, 14, 3],
    )
    if earlier is not None:
        for band in earlier.bands.all():
            catalogue.bands.create(predicate=band.predicate, lower=band.lower, upper=band.upper)
    return catalogue


IMPORTER = register(CatalogueImporter())

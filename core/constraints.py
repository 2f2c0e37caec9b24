"""Check constraints validated in one query per model instead of one each.

`Model.full_clean()` validates every `CheckConstraint` with a query of its own (Django evaluates the condition in
the database, `SELECT 1 WHERE <condition>` with the instance's values). An agency has four, so creating one cost
four round trips before its INSERT, and an import of a region's 500 agencies 2,000. `OneQueryChecks` asks the
database once for all of a model's check conditions, each as a column of one row, and raises the same errors,
in the same order, as Django's own loop; unique and exclusion constraints are validated by Django as before.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from typing import Any

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Model, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


def failing_checks(
    instance: Model, model: type[Model], checks: list[CheckConstraint], exclude: Any, using: str
) -> set[str] | None:
    """The names of the `checks` the instance's values break, from one query; None when that query cannot be
    made or fails (the caller then validates each constraint as Django would).

    A condition naming an excluded field is passed over, as Django passes it over (its FieldError). Like Django,
    a condition that is unknown (NULL) holds: the database would accept the row."""
    against = instance._get_field_expression_map(meta=model._meta, exclude=exclude)  # type: ignore[attr-defined]
    query = Query(None)
    for name, value in against.items():
        query.add_annotation(value if hasattr(value, "resolve_expression") else Value(value), name, select=False)
    checked = []
    for index, constraint in enumerate(checks):
        holds = Coalesce(ExpressionWrapper(Q(constraint.condition), output_field=BooleanField()), True)
        try:
            query.add_annotation(holds, f"_check_{index}")
        except FieldError:
            continue
        checked.append(constraint.name)
    if not checked:
        return set()
    connection = connections[using]
    try:
        with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError as error:
        logger.warning("Checking %s's constraints in one query failed: %s", model._meta.label, error)
        return None
    return {name for name, holds in zip(checked, row, strict=True) if not holds}


class OneQueryChecks:
    """Mixin for a model (before `models.Model` in its bases): `validate_constraints` with one query for all its
    check constraints. Same errors, same order, same codes as `Model.validate_constraints`."""

    def validate_constraints(self, exclude: Any = None) -> None:
        assert isinstance(self, Model)
        using = router.db_for_write(self.__class__, instance=self)
        errors: dict[str, list[ValidationError]] = {}
        for model_class, constraints in self.get_constraints():
            checks = [c for c in constraints if type(c) is CheckConstraint]
            failing = failing_checks(self, model_class, checks, exclude, using) if checks else set()
            for constraint in constraints:
                try:
                    if type(constraint) is CheckConstraint and failing is not None:
                        if constraint.name in failing:
                            raise ValidationError(
                                constraint.get_violation_error_message(), code=constraint.violation_error_code
                            )
                    else:
                        constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    # As Django files them: a unique constraint of one field under that field, the rest together.
                    if getattr(error, "code", None) == "unique" and len(getattr(constraint, "fields", ())) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)  # type: ignore[attr-defined]
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

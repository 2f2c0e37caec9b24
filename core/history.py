"""The one way a change is described in a history table: {field: [before, after]} in plain JSON values.

Every history of the project (agency changes, quota rule changes, assessment corrections, score changes...)
stores what changed in this shape, so one template and one test helper read them all.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models

Changes = dict[str, list[Any]]


def plain(value: Any) -> Any:
    """A value as it is kept in a history's JSON: dates as ISO text, decimals as text (no float rounding),
    related rows by their name, lists element by element."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: plain(getattr(obj, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    """The fields whose plain value differs, as {field: [before, after]}, in the order of `before`."""
    return {name: [old, after.get(name)] for name, old in before.items() if old != after.get(name)}


def assign(obj: models.Model, fields: Mapping[str, Any], *, allowed: Iterable[str], service: str) -> Changes:
    """Set `fields` on `obj` and return what changed. A field outside `allowed` is a programming error."""
    allowed = set(allowed)
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValueError(f"{service} cannot change {', '.join(unknown)}")
    before = snapshot(obj, fields)
    for name, value in fields.items():
        setattr(obj, name, value)
    return diff(before, snapshot(obj, fields))

"""Data fixtures built once per test process, then put back as rows.

The organisation chart and its people (`chart`, `people`) are built through the services, as in the app: about
200 queries and 0.2 s of one core, for each of the ~1,000 tests that ask for them. A fixture marked `@kept`
is built that way the first time in a process, inside the test's transaction. Before that transaction rolls
back, the rows the build inserted are read out as JSON, one query per table. The next test that asks for the
fixture with the same arguments gets the same rows inserted again (one INSERT per table, same ids) and the same
objects fetched from them: a few milliseconds.

A kept build is only reused where putting its rows back is exactly the same as building again:
- the test runs in a transaction that rolls back (`db`): a transactional test (live server, Celery worker) runs
  commit hooks, which a put-back build would not, so it always builds;
- the arguments are the same objects by model and id as when the build was kept (a `chart` put back with the
  kept ids, so `people` built on it can be put back too), and it is the same day (a build writes "today");
- the build inserted rows, and changed or deleted none that were there before it (checked on the first build
  against PostgreSQL's per-transaction counters; a build that does is never kept);
- every row it inserted has an id above what its table held before (found by id);
- the return value is made of model instances, dicts, lists, tuples and plain values;
- the build stored no file (the next test has a media folder of its own).
Rows that cannot go back in (an id already taken in this test) fall back to building, in a savepoint.
"""

from __future__ import annotations

import datetime
import functools
import os
import types
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import Model
from django.utils import timezone

F = TypeVar("F", bound=Callable[..., Any])
_PLAIN = (str, int, float, bool, type(None), Decimal, datetime.date)


class _NotKept(Exception):
    """The value cannot be described as rows and ids."""


def _describe(value: Any) -> Any:
    """A hashable description: model instances by label and id, containers by their parts, plain values as is."""
    if isinstance(value, Model):
        if value.pk is None:
            raise _NotKept
        return ("model", value._meta.label, value.pk)
    if isinstance(value, dict):
        return ("dict", tuple((key, _describe(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_describe(item) for item in value))
    if isinstance(value, _PLAIN):
        return ("plain", value)
    if isinstance(value, types.FunctionType) and value.__closure__ is None and "<locals>" not in value.__qualname__:
        return ("plain", value)  # a module's function (`make_innovation` hands out `build_innovation`)
    raise _NotKept


def _rebuild(description: Any, fetched: dict[tuple[str, Any], Model]) -> Any:
    kind, body = description[0], description[1:]
    if kind == "model":
        return fetched[(body[0], body[1])]
    if kind == "dict":
        return {key: _rebuild(item, fetched) for key, item in body[0]}
    if kind in ("list", "tuple"):
        items = [_rebuild(item, fetched) for item in body[0]]
        return items if kind == "list" else tuple(items)
    return body[0]


def _models(description: Any, found: dict[str, set[Any]]) -> dict[str, set[Any]]:
    if description[0] == "model":
        found.setdefault(description[1], set()).add(description[2])
    elif description[0] == "dict":
        for _key, item in description[1]:
            _models(item, found)
    elif description[0] in ("list", "tuple"):
        for item in description[1]:
            _models(item, found)
    return found


@dataclass
class _Kept:
    #: (table, its rows as a JSON array, its id sequence), in the order PostgreSQL lists the tables.
    rows: list[tuple[str, str, str]]
    result: Any


def _quote(name: str) -> str:
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(name)


@functools.cache
def _tables() -> dict[str, str]:
    """Every table of an installed model with an integer id: {table: id column}. (Rows with a text key, such as
    sessions, cannot be found "above" the highest id: a build that writes them is not kept.)"""
    tables: dict[str, str] = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.managed and not opts.proxy and opts.pk.get_internal_type() in ("AutoField", "BigAutoField"):
            tables.setdefault(opts.db_table, str(opts.pk.column))
    return tables


def _counters(cursor: Any) -> dict[str, tuple[int, int, int]]:
    """Rows inserted, updated and deleted so far in this transaction, by table."""
    cursor.execute(
        "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables WHERE schemaname = 'public'"
    )
    return {name: (ins, upd, dele) for name, ins, upd, dele in cursor.fetchall()}


def _state(cursor: Any) -> dict[str, tuple[int, str]]:
    """Each table's highest id and a digest of where its rows are stored (an update moves a row: a new ctid)."""
    parts = [
        f"SELECT %s, MAX({_quote(column)}), md5(string_agg(ctid::text, ',' ORDER BY {_quote(column)})) "  # noqa: S608
        f"FROM {_quote(table)}"
        for table, column in _tables().items()
    ]
    cursor.execute(" UNION ALL ".join(parts), list(_tables()))
    return {table: (highest or 0, digest or "") for table, highest, digest in cursor.fetchall()}


class _Keeper:
    """What one fixture function kept in this process, by the description of its arguments."""

    def __init__(self, build: Callable[..., Any]) -> None:
        self.build = build
        self.kept: dict[Any, _Kept | None] = {}

    def __call__(self, **kwargs: Any) -> Any:
        if not connections[DEFAULT_DB_ALIAS].in_atomic_block:  # a transactional test: build as the app does
            return self.build(**kwargs)
        try:
            # Dates a build writes ("today") change at midnight: a build is kept for the day it was made on.
            key = (_describe(kwargs), timezone.localdate())
        except _NotKept:
            return self.build(**kwargs)
        if key not in self.kept:
            return self._build_and_keep(key, kwargs)
        kept = self.kept[key]
        if kept is None:
            return self.build(**kwargs)
        try:
            with transaction.atomic():
                return _put_back(kept)
        except DatabaseError:  # an id or a unique value taken by what this test made first
            return self.build(**kwargs)

    def _build_and_keep(self, key: Any, kwargs: dict[str, Any]) -> Any:
        files = _files()
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            counted, before = _counters(cursor), _state(cursor)
            result = self.build(**kwargs)
            # A build that stored files (evidence, PDFs) is not kept: the next test's media folder would lack them.
            self.kept[key] = _read(cursor, counted, before, result) if _files() == files else None
        return result


def _files() -> set[tuple[str, float]]:
    """The files under MEDIA_ROOT, with their times of change."""
    found = set()
    for folder, _dirs, names in os.walk(settings.MEDIA_ROOT):
        for name in names:
            path = os.path.join(folder, name)
            found.add((path, os.stat(path).st_mtime))
    return found


def _read(cursor: Any, counted: dict[str, tuple[int, int, int]], before: dict[str, tuple[int, str]], result: Any):
    """The rows the build inserted, or None when what it did cannot be put back as rows."""
    try:
        described = _describe(result)
    except _NotKept:
        return None
    rows: list[tuple[str, str, str]] = []
    for table, (ins, upd, dele) in _counters(cursor).items():
        was = counted.get(table, (0, 0, 0))
        if (ins, upd, dele) == was:
            continue
        if table not in before or dele != was[2]:
            return None  # a table with text keys, or rows deleted
        highest, digest = before[table]
        column = _quote(_tables()[table])
        cursor.execute(
            f"SELECT COUNT(*), json_agg(t ORDER BY {column})::text, "  # noqa: S608 - names of our own tables
            f"(SELECT md5(string_agg(ctid::text, ',' ORDER BY {column})) FROM {_quote(table)} WHERE {column} <= %s), "
            f"pg_get_serial_sequence(%s, %s) FROM {_quote(table)} t WHERE {column} > %s",
            [highest, _quote(table), _tables()[table], highest],
        )
        count, data, digest_after, sequence = cursor.fetchone()
        if (digest_after or "") != digest or count != ins - was[0] or sequence is None:
            return None  # rows there before were changed, or rows went in below the highest id
        if count:
            rows.append((table, data, sequence))
    return _Kept(rows=rows, result=described)


def _put_back(kept: _Kept) -> Any:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        for table, data, sequence in kept.rows:
            column = _quote(_tables()[table])
            cursor.execute(
                f"INSERT INTO {_quote(table)} SELECT * FROM json_populate_recordset(NULL::{_quote(table)}, %s)",  # noqa: S608
                [data],
            )
            # The id sequence past the rows put back (only ever forward: ids of rolled-back tests are not reused).
            cursor.execute(
                f"SELECT setval(%s, GREATEST((SELECT MAX({column}) FROM {_quote(table)}), "  # noqa: S608
                f"(SELECT last_value FROM {sequence})))",
                [sequence],
            )
    fetched: dict[tuple[str, Any], Model] = {}
    for label, ids in _models(kept.result, {}).items():
        for pk, instance in apps.get_model(label)._base_manager.in_bulk(ids).items():
            fetched[(label, pk)] = instance
    return _rebuild(kept.result, fetched)


def kept(build: F) -> F:
    """Keep the rows this data fixture builds and put them back for the next test (see the module's text)."""
    keeper = _Keeper(build)

    @functools.wraps(build)
    def fixture(**kwargs: Any) -> Any:
        return keeper(**kwargs)

    return fixture  # type: ignore[return-value]

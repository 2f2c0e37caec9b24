"""The rows that data migrations seed (agency types, categories, Ombudsman methods and bands, the SKM survey,
competition lists, the innovation index's catalogues, readiness items, the service-standard components), put
back after a test that empties the database.

A test in a transaction rolls back and leaves them alone. A transactional test (live server, real Celery worker,
`transaction=True`) ends with a flush of every table, the seeds too, so `conftest.pytest_runtest_teardown` runs
`reseed` after such a test only. Running the seed migrations' code again cost about a second per test once the
index's catalogues were seeded (hundreds of update_or_create calls); instead, right after the test database is
migrated, every project table that holds rows is copied into a schema of its own (`snapshot`), and `reseed`
copies them back with one INSERT per table and resets the id sequences: a few milliseconds.
"""

from pathlib import Path

import pytest
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model

SCHEMA = "seed_snapshot"
#: The models whose tables held rows right after migrate, in the order `snapshot` found them.
_SEEDED: list[type[Model]] = []


def project_app_labels() -> set[str]:
    from django.apps import apps

    return {config.label for config in apps.get_app_configs() if "site-packages" not in Path(config.path).parts}


def _project_models() -> list[type[Model]]:
    from django.apps import apps

    labels, seen, models = project_app_labels(), set(), []
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.app_label in labels and opts.managed and not opts.proxy and opts.db_table not in seen:
            seen.add(opts.db_table)
            models.append(model)
    return models


def snapshot() -> None:
    """Copy every project table with rows (what the migrations seeded) into the snapshot schema."""
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    _SEEDED.clear()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for model in _project_models():
            table = quote(model._meta.db_table)
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")  # noqa: S608 - names of our own tables
            if cursor.fetchone()[0]:
                cursor.execute(f"CREATE TABLE {SCHEMA}.{table} AS TABLE {table}")
                _SEEDED.append(model)


def reseed() -> None:
    """Put the snapshot's rows back (rows already there are left as they are) and move each id sequence past
    them, in one transaction (foreign keys are checked at its end, so the order of the tables does not matter)."""
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    with transaction.atomic(using=DEFAULT_DB_ALIAS), connection.cursor() as cursor:
        for model in _SEEDED:
            table = quote(model._meta.db_table)
            cursor.execute(f"INSERT INTO {table} SELECT * FROM {SCHEMA}.{table} ON CONFLICT DO NOTHING")  # noqa: S608
        for sql in connection.ops.sequence_reset_sql(no_style(), _SEEDED):
            cursor.execute(sql)


def empties_the_database(item: pytest.Item) -> bool:
    """The same test as pytest-django's for running a test as a TransactionTestCase (ends with a flush)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        args = dict(zip(("transaction", "reset_sequences"), marker.args, strict=False)) | marker.kwargs
        if args.get("transaction") or args.get("reset_sequences"):
            return True
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & fixtures)

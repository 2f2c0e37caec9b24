"""The rows that data migrations seed (agency types, categories, Ombudsman methods and bands, the SKM survey,
competition lists), put back after a test that empties the database.

A test in a transaction rolls back and leaves them alone. A transactional test (live server, real Celery worker,
`transaction=True`) ends with a flush of every table, the seeds too, so `conftest.pytest_runtest_teardown` runs
this after such a test only. The seed migrations are found by name (`NNNN_seed_*`, in any app, whatever its
label or folder) and their `RunPython` code runs against the models as they were at that migration, as `migrate`
ran it; each of them is idempotent (update_or_create), as a seed must be.
"""

import re
from functools import cache
from pathlib import Path

import pytest
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython

SEED_NAME = re.compile(r"\d{4}_seed_")


@cache
def seed_steps() -> list[tuple[Apps, RunPython]]:
    """(historical models, operation) for every seed migration, in the order `migrate` applies them."""
    connection = connections[DEFAULT_DB_ALIAS]
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    plan: list[tuple[str, str]] = []
    for leaf in loader.graph.leaf_nodes():
        plan += [node for node in loader.graph.forwards_plan(leaf) if node not in plan]
    steps = []
    for node in plan:
        app_label, name = node
        if not SEED_NAME.match(name) or app_label not in project_app_labels():
            continue
        apps = loader.project_state(node, at_end=False).apps
        steps += [(apps, op) for op in loader.graph.nodes[node].operations if isinstance(op, RunPython)]
    return steps


def project_app_labels() -> set[str]:
    from django.apps import apps

    return {config.label for config in apps.get_app_configs() if "site-packages" not in Path(config.path).parts}


def reseed() -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.schema_editor() as schema_editor:
        for apps, operation in seed_steps():
            operation.code(apps, schema_editor)


def empties_the_database(item: pytest.Item) -> bool:
    """The same test as pytest-django's for running a test as a TransactionTestCase (ends with a flush)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        args = dict(zip(("transaction", "reset_sequences"), marker.args, strict=False)) | marker.kwargs
        if args.get("transaction") or args.get("reset_sequences"):
            return True
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & fixtures)

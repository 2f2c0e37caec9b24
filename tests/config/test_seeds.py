"""The test set-up puts back what data migrations seeded after a test that empties the database (tests/seeds.py)."""

import pytest
from django.apps import apps
from django.db import connection

from tests import seeds


def _project_models():  # type: ignore[no-untyped-def]
    return [model for model in apps.get_models() if model._meta.app_label in seeds.project_app_labels()]


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in _project_models()}


@pytest.mark.django_db
def test_reseed_puts_back_exactly_the_rows_the_migrations_seeded():
    seeded = _counts()
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in _project_models())
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")
    emptied = _counts()

    seeds.reseed()

    assert set(emptied.values()) == {0}
    assert _counts() == seeded
    assert {label for label, count in seeded.items() if count} >= {"agencies.AgencyType", "innovations.Category"}

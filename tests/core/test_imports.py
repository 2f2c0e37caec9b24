"""The one import flow: a batch keeps what the preview checked; confirming checks again and saves all rows or
none. A small importer of notification titles (scoped by a person) shows the flow without any domain's rules;
the domains' own imports are tested with their apps. Batches made before `core` had them move over with their
ids: tests/core/test_migration_history.py."""

from collections.abc import Mapping
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from agencies.models import User
from core import imports
from core.imports import batch_commit, batch_preview, importer_for
from core.models import ImportBatch, Notification
from core.tabular import Table
from tests.agencies.factories import UserFactory

pytestmark = pytest.mark.django_db


class TitleImporter:
    """Each row: a notification title for the person in scope; a title they have already is an error."""

    kind = "test-titles"
    columns = ["title", "body"]
    required = ["title"]
    aliases: Mapping[str, str] = {"judul": "title"}
    labels: Mapping[str, Any] = {}

    def validate(self, rows, *, scope, options):
        existing = set(Notification.objects.filter(user=scope).values_list("title", flat=True))
        preview, errors = [], []
        for line, values in rows:
            preview.append({"line": line, "title": values.get("title", ""), "body": values.get("body", "")})
            if values.get("title") in existing:
                errors.append({"row": line, "column": "title", "message": "exists"})
        return preview, errors

    def save(self, rows, *, scope, options, by):
        saved = []
        for row in rows:
            if row["title"] == options.get("fail_on"):
                raise ValidationError("refused by the domain")
            saved.append(Notification.objects.create(user=scope, kind="test", title=row["title"], key=row["title"]))
        return saved

    def scope_for(self, batch):
        return User.objects.get(pk=batch.scope_id)

    def may_import(self, user, scope):
        return user == scope


@pytest.fixture
def importer(monkeypatch):
    importer = TitleImporter()
    monkeypatch.setitem(imports._IMPORTERS, importer.kind, importer)
    return importer


def table(*titles: str, headers=("title", "body")) -> Table:
    return Table(headers=list(headers), rows=[(n, {"title": t, "body": ""}) for n, t in enumerate(titles, start=2)])


def preview(importer, person, *titles, **options) -> ImportBatch:
    return batch_preview(
        importer=importer, scope_id=person.pk, table=table(*titles), filename="t.csv", by=person, options=options
    )


def test_batch_preview_keeps_the_checked_rows_and_saves_nothing_else(importer):
    person = UserFactory()

    batch = preview(importer, person, "Satu", "Dua")

    assert (batch.kind, batch.scope_id, batch.status, batch.errors) == ("test-titles", person.pk, "ready", [])
    assert batch.rows == [{"line": 2, "title": "Satu", "body": ""}, {"line": 3, "title": "Dua", "body": ""}]
    assert Notification.objects.count() == 0


def test_batch_preview_turns_a_missing_required_column_into_row_1_errors(importer):
    person = UserFactory()

    batch = batch_preview(
        importer=importer, scope_id=person.pk, table=table("x", headers=("body",)), filename="t.csv", by=person
    )

    assert (batch.status, batch.rows) == ("invalid", [])
    assert batch.errors == [{"row": 1, "column": "title", "message": "Judul kolom tidak memuat kolom 'title'."}]


def test_batch_commit_saves_every_row_and_marks_the_batch_saved(importer):
    person = UserFactory()
    batch = preview(importer, person, "Satu", "Dua")

    saved = batch_commit(batch=batch, by=person)

    batch.refresh_from_db()
    assert [n.title for n in saved] == ["Satu", "Dua"]
    assert (batch.status, batch.saved_at is not None) == ("saved", True)
    with pytest.raises(ValidationError) as again:
        batch_commit(batch=batch, by=person)
    assert again.value.messages == ["Impor ini tidak bisa disimpan (ada kesalahan atau sudah disimpan)."]
    assert Notification.objects.count() == 2


def test_batch_commit_refuses_a_batch_with_errors(importer):
    person = UserFactory()
    Notification.objects.create(user=person, kind="test", title="Satu", key="Satu")
    batch = preview(importer, person, "Satu", "Dua")

    with pytest.raises(ValidationError):
        batch_commit(batch=batch, by=person)

    assert (batch.status, list(Notification.objects.values_list("title", flat=True))) == ("invalid", ["Satu"])


def test_batch_commit_after_the_data_changed_saves_nothing_and_keeps_the_new_errors(importer):
    person = UserFactory()
    batch = preview(importer, person, "Satu", "Dua")
    Notification.objects.create(user=person, kind="test", title="Dua", key="Dua")

    with pytest.raises(ValidationError) as changed:
        batch_commit(batch=batch, by=person)

    batch.refresh_from_db()
    assert changed.value.messages == ["Data berubah sejak pratinjau; lihat kesalahan di bawah."]
    assert (batch.status, batch.errors) == ("invalid", [{"row": 3, "column": "title", "message": "exists"}])
    assert list(Notification.objects.values_list("title", flat=True)) == ["Dua"]


def test_a_save_refused_halfway_writes_no_row_and_leaves_the_batch_ready(importer):
    person = UserFactory()
    batch = preview(importer, person, "Satu", "Dua", fail_on="Dua")

    with pytest.raises(ValidationError):
        batch_commit(batch=batch, by=person)

    batch.refresh_from_db()
    assert (batch.status, Notification.objects.count()) == ("ready", 0)


def test_every_apps_importer_is_found_by_its_kind():
    assert {kind: importer_for(kind).kind for kind in ("agencies", "ombudsman", "skm")} == {
        "agencies": "agencies",
        "ombudsman": "ombudsman",
        "skm": "skm",
    }
    assert importer_for("agencies").columns[:3] == ["code", "name", "type"]

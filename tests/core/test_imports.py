"""The one import flow: a batch keeps what the preview checked; confirming checks again and saves all rows or
none. A small importer of notification titles (scoped by a person) shows the flow without any domain's rules;
the domains' own imports are tested with their apps. Batches made before `core` had them move over with their
ids."""

from collections.abc import Mapping
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

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


# --- the batches made before the move -------------------------------------------------------------------------

#: The last state before the batch moved: agencies kept it, with a region foreign key.
BEFORE_MOVE = [("agencies", "0004_notification_moved_to_core"), ("core", "0001_notification_moved")]


def _migrate(targets):
    return MigrationExecutor(connection).migrate(targets)


def test_batches_made_in_agencies_move_to_core_with_their_ids_and_back(transactional_db, chart, people):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    reviewer = people["reviewer"]
    try:
        old_apps = _migrate(BEFORE_MOVE).apps
        OldBatch = old_apps.get_model("agencies", "ImportBatch")
        agencies_batch = OldBatch.objects.create(
            kind="agencies",
            region_id=chart["pemda"].region_id,
            filename="instansi.csv",
            rows=[{"line": 2, "code": "PKM-02"}],
            errors=[],
            status="ready",
            created_by_id=reviewer.pk,
        )
        survey_batch = OldBatch.objects.create(
            kind="skm",
            region_id=chart["dinkes"].region_id,
            filename="skm.csv",
            rows=[{"answers": [4, 3], "profile": {"umur": "40"}}],
            options={"agency": chart["dinkes"].pk, "year": 2026, "period": "I", "replace": False},
            status="ready",
            created_by_id=reviewer.pk,
        )

        _migrate(latest)

        moved = {b.pk: b for b in ImportBatch.objects.all()}
        assert sorted(moved) == sorted([agencies_batch.pk, survey_batch.pk])
        first = moved[agencies_batch.pk]
        assert (first.kind, first.scope_id, first.filename, first.rows, first.status, first.created_by_id) == (
            "agencies",
            chart["pemda"].region_id,
            "instansi.csv",
            [{"line": 2, "code": "PKM-02"}],
            "ready",
            reviewer.pk,
        )
        assert first.created == agencies_batch.created
        survey = moved[survey_batch.pk]
        assert survey.scope_id == chart["dinkes"].pk
        assert survey.rows[0]["line"] == 2
        assert (survey.rows[0]["u1"], survey.rows[0]["u2"], survey.rows[0]["umur"]) == ("4", "3", "40")
        # New batches continue after the copied ids.
        assert ImportBatch.objects.create(kind="x", scope_id=1, filename="n", status="ready").pk > max(moved)

        back = _migrate(BEFORE_MOVE).apps.get_model("agencies", "ImportBatch")
        assert sorted(back.objects.values_list("pk", "kind", "region_id")) == sorted(
            [
                (agencies_batch.pk, "agencies", chart["pemda"].region_id),
                (survey_batch.pk, "skm", chart["dinkes"].region_id),
            ]
        )
    finally:
        _migrate(latest)  # the next tests expect the latest schema, whatever happened here

# Every batch of agencies_importbatch is copied into core_importbatch with its id (a preview's URL names it), so
# that an import previewed before the upgrade can still be confirmed after it. The scope of a batch is its region,
# except for the survey answers (kind "skm"), which are scoped by their unit: theirs comes from the options.
# Their rows gain what the one import flow checks again on confirming: the file line and the answer columns.

from django.core.management.color import no_style
from django.db import migrations

FIELDS = ["id", "kind", "filename", "rows", "errors", "options", "status", "created_by_id", "created", "saved_at"]
SURVEY = "skm"
PROFILE_COLUMNS = ("umur", "jenis_kelamin", "pendidikan", "pekerjaan", "layanan", "tanggal")


def _survey_rows(rows):
    """Rows stored as {"answers": [...], "profile": {...}}, in file order from line 2, as the flow keeps them."""
    return [
        {
            "line": row.get("line", line),
            **{f"u{i}": str(answer) for i, answer in enumerate(row["answers"], start=1)},
            **{column: row["profile"].get(column, "") for column in PROFILE_COLUMNS},
            **row,
        }
        for line, row in enumerate(rows, start=2)
    ]


def _reset_sequence(schema_editor, model):
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def forward(apps, schema_editor):
    Old = apps.get_model("agencies", "ImportBatch")
    New = apps.get_model("core", "ImportBatch")
    copies = []
    for old in Old.objects.order_by("pk").iterator():
        values = {name: getattr(old, name) for name in FIELDS}
        if old.kind == SURVEY and old.options.get("agency"):
            values.update(scope_id=old.options["agency"], rows=_survey_rows(old.rows))
        else:
            values["scope_id"] = old.region_id
        copies.append(New(**values))
    New.objects.bulk_create(copies, batch_size=500)
    _reset_sequence(schema_editor, New)


def backward(apps, schema_editor):
    Old = apps.get_model("agencies", "ImportBatch")
    New = apps.get_model("core", "ImportBatch")
    Agency = apps.get_model("agencies", "Agency")
    regions = set(apps.get_model("agencies", "Region").objects.values_list("pk", flat=True))
    copies = []
    # A batch from the command line has nobody to belong to, which the old table cannot hold; it was never
    # confirmable on a page either, so it stays behind with core's table.
    for new in New.objects.exclude(created_by=None).order_by("pk").iterator():
        values = {name: getattr(new, name) for name in FIELDS}
        if new.kind == SURVEY:
            region_id = Agency.objects.filter(pk=new.scope_id).values_list("region_id", flat=True).first()
            values["options"] = {**new.options, "agency": new.scope_id}
        else:
            region_id = new.scope_id
        # The old table deleted a region's batches with the region; one whose region is gone has no place there.
        if region_id in regions:
            copies.append(Old(region_id=region_id, **values))
    Old.objects.bulk_create(copies, batch_size=500)
    _reset_sequence(schema_editor, Old)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_importbatch'),
        ('agencies', '0004_notification_moved_to_core'),
    ]

    operations = [migrations.RunPython(forward, backward)]

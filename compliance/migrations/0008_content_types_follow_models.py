"""Give the moved models' content types their new app labels, so that what points at a content type (model
permissions granted to staff in the admin, the admin's history) follows the models into `quota`, `ombudsman` and
`skm` instead of staying behind on stale `compliance` rows.

On a fresh database there are no content types yet (they are created after the migrations): nothing to move.
A label that already has its content type (created by an earlier run) keeps it; the old row is left alone.
"""

from django.db import migrations

MOVED = {
    "quota": ["quotarule", "quotarulechange", "quotastatus", "quotastatuschange", "quotaexemption"],
    "ombudsman": [
        "assessmentmethod",
        "band",
        "assessment",
        "assessmentcorrection",
        "assessmentsource",
        "finding",
        "findingevent",
        "findingevidence",
    ],
    "skm": ["surveyelement", "surveygrade", "surveyobligation", "survey", "surveyresponse"],
}


def _relabel(apps, *, to_new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for label, models in MOVED.items():
        old, new = ("compliance", label) if to_new else (label, "compliance")
        for model in models:
            if not ContentType.objects.filter(app_label=new, model=model).exists():
                ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _relabel(apps, to_new=True)


def backwards(apps, schema_editor):
    _relabel(apps, to_new=False)


class Migration(migrations.Migration):

    dependencies = [
        ('compliance', '0007_move_models_to_subapps'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

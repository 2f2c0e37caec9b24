from django.db import migrations
from django.db.models import Min, OuterRef, Subquery


def forwards(apps, schema_editor):
    Innovation = apps.get_model("innovations", "Innovation")
    Transition = apps.get_model("innovations", "Transition")
    first = (
        Transition.objects.filter(innovation=OuterRef("pk"), to_state="head_approved")
        .values("innovation").annotate(at=Min("at")).values("at")
    )
    Innovation.objects.filter(first_approved_at__isnull=True).update(first_approved_at=Subquery(first))


class Migration(migrations.Migration):
    dependencies = [("innovations", "0003_first_approved_at")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

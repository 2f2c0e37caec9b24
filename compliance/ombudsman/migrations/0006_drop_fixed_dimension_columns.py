from django.db import migrations


class Migration(migrations.Migration):
    """The four fixed columns and the method's flag, now that the scores are rows (0005 moved them)."""

    dependencies = [("ombudsman", "0005_seed_dimensions_move_scores")]

    operations = [
        migrations.RemoveField(model_name="assessment", name="dim_input"),
        migrations.RemoveField(model_name="assessment", name="dim_proses"),
        migrations.RemoveField(model_name="assessment", name="dim_output"),
        migrations.RemoveField(model_name="assessment", name="dim_pengaduan"),
        migrations.RemoveField(model_name="assessmentmethod", name="has_dimensions"),
    ]

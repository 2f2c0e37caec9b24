import django.db.models.deletion
from django.db import migrations, models



class Migration(migrations.Migration):
    dependencies = [("ombudsman", "0003_finding_service")]

    operations = [
        migrations.CreateModel(
            name="Dimension",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(help_text="The column name in an import file.", max_length=40, verbose_name="identifier")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("lowest", models.DecimalField(decimal_places=2, default=0, max_digits=6, verbose_name="lowest score")),
                ("highest", models.DecimalField(decimal_places=2, max_digits=6, verbose_name="highest score")),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "method",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="dimensions", to="ombudsman.assessmentmethod"
                    ),
                ),
            ],
            options={
                "verbose_name": "assessment dimension",
                "verbose_name_plural": "assessment dimensions",
                "ordering": ["method", "order", "slug"],
                "constraints": [
                    models.UniqueConstraint(fields=("method", "slug"), name="dimension_slug_unique_per_method"),
                    models.CheckConstraint(condition=models.Q(("highest__gt", models.F("lowest"))), name="dimension_bounds_ordered"),
                ],
            },
        ),
        migrations.CreateModel(
            name="DimensionScore",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("score", models.DecimalField(decimal_places=2, max_digits=6, verbose_name="score")),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="dimension_scores", to="ombudsman.assessment"
                    ),
                ),
                (
                    "dimension",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="scores", to="ombudsman.dimension"
                    ),
                ),
            ],
            options={
                "ordering": ["dimension__order", "dimension__slug"],
                "constraints": [
                    models.UniqueConstraint(fields=("assessment", "dimension"), name="dimension_score_one_per_assessment"),
                    models.CheckConstraint(condition=models.Q(("score__gte", 0)), name="dimension_score_not_negative"),
                ],
            },
        ),
        migrations.AddField(
            model_name="finding",
            name="source_type",
            field=models.CharField(
                choices=[
                    ("report_card", "Assessment report card"),
                    ("corrective_action", "Corrective action (LAHP) of a complaint"),
                    ("field_check", "Own field check"),
                ],
                default="report_card",
                max_length=20,
                verbose_name="source",
            ),
        ),
        migrations.AddConstraint(
            model_name="finding",
            constraint=models.CheckConstraint(
                condition=models.Q(("source_type__in", ["report_card", "corrective_action", "field_check"])),
                name="finding_source_type_known",
            ),
        ),
    ]

"""The passing grade of the proposal stage from 2025: 85 (KIPP 2025 proposal scoring, kabar24 / semarak.co;
shared/reference/domain.md §1.5). Earlier years had no published passing grade, so their rounds keep none."""

from decimal import Decimal

from django.db import migrations

ROWS = [("proposal", 2025, Decimal("85.00"), "KIPP 2025: passing grade proposal 85 (kabar24, semarak.co)")]


def forwards(apps, schema_editor):
    PassingGrade = apps.get_model("competition", "PassingGrade")
    for kind, year, grade, source in ROWS:
        PassingGrade.objects.update_or_create(kind=kind, from_year=year, defaults={"grade": grade, "source": source})


def backwards(apps, schema_editor):
    PassingGrade = apps.get_model("competition", "PassingGrade")
    for kind, year, _grade, _source in ROWS:
        PassingGrade.objects.filter(kind=kind, from_year=year).delete()


class Migration(migrations.Migration):
    dependencies = [("competition", "0005_stage_passing_grade")]
    operations = [migrations.RunPython(forwards, backwards)]

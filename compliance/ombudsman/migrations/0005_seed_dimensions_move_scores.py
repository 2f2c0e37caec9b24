"""Dimensions become rows per method (shared/reference/domain.md §3.2), the four fixed columns' values move into
them, and improvement notes opened from readiness field checks are marked as such.

- opini-2022 (2022-2024): input, proses, output, pengaduan. Their highest scores are the split of the Ombudsman Jateng
  deck on Kendal 2022 (input 24.24, proses 32.37, output 21.85, pengaduan 21.54): they sum to exactly 100, so they
  are read as each dimension's maximum weight. UNCERTAIN (💭 in domain.md): an administrator can change the bounds.
- opini-2025 (Opini Ombudsman RI, Peraturan Ombudsman 61/2025, "potensi maladministrasi"): the six aspects the
  2025 announcements name. UNCERTAIN: the official dimension names and weights are not yet published, so each is
  named as the announcements word it and scored 0-100. The method has no A-E band table (a 2025 score is stored
  with its published zone and no grade), as seeded before.

A value under a column that the assessment's method has no dimension for (e.g. "input" on an opini-2025 result)
is not lost: it goes into the assessment's correction history, from where the reverse puts it back.
"""

from decimal import Decimal as D

from django.db import migrations

MIGRATION = "ombudsman.0005_seed_dimensions_move_scores"
COLUMNS = ("input", "proses", "output", "pengaduan")
NOTE_2022 = "Batas atas = bobot dimensi menurut dek Ombudsman Jateng 2022 (Kendal); belum pasti."
NOTE_2025 = "Nama dan bobot resmi belum terbit (Peraturan Ombudsman 61/2025); belum pasti."
DIMENSIONS = {
    "opini-2022": [
        ("input", "Input (kompetensi pelaksana, sarana dan prasarana)", D("24.24"), NOTE_2022),
        ("proses", "Proses (standar pelayanan dan maklumat)", D("32.37"), NOTE_2022),
        ("output", "Output (persepsi maladministrasi pengguna layanan)", D("21.85"), NOTE_2022),
        ("pengaduan", "Pengaduan (pengelolaan pengaduan)", D("21.54"), NOTE_2022),
    ],
    "opini-2025": [
        ("kompetensi", "Kompetensi penyelenggara", D("100"), NOTE_2025),
        ("perencanaan", "Perencanaan pelayanan (transparansi dan akuntabilitas)", D("100"), NOTE_2025),
        ("pengaduan", "Tata kelola pengaduan", D("100"), NOTE_2025),
        ("persepsi_maladministrasi", "Persepsi maladministrasi", D("100"), NOTE_2025),
        ("kepercayaan", "Kepercayaan publik", D("100"), NOTE_2025),
        ("kepatuhan_produk", "Kepatuhan terhadap produk Ombudsman", D("100"), NOTE_2025),
    ],
}


def seed(apps, schema_editor):
    Method = apps.get_model("ombudsman", "AssessmentMethod")
    Dimension = apps.get_model("ombudsman", "Dimension")
    # Idempotent (update_or_create): tests/seeds.py may run seeds again.
    for method in Method.objects.filter(slug__in=DIMENSIONS):
        for order, (slug, name, highest, notes) in enumerate(DIMENSIONS[method.slug], start=1):
            Dimension.objects.update_or_create(
                method_id=method.pk,
                slug=slug,
                defaults={"name": name, "order": order, "lowest": D("0"), "highest": highest, "notes": notes},
            )


def move_scores(apps, schema_editor):
    Assessment = apps.get_model("ombudsman", "Assessment")
    Dimension = apps.get_model("ombudsman", "Dimension")
    Score = apps.get_model("ombudsman", "DimensionScore")
    Correction = apps.get_model("ombudsman", "AssessmentCorrection")
    dims = {(d.method_id, d.slug): d.pk for d in Dimension.objects.all()}
    has_any = None
    for column in COLUMNS:
        q = {f"dim_{column}__isnull": False}
        has_any = Assessment.objects.filter(**q) if has_any is None else has_any | Assessment.objects.filter(**q)
    for assessment in has_any.distinct():
        kept = {}
        for column in COLUMNS:
            value = getattr(assessment, f"dim_{column}")
            if value is None:
                continue
            dimension_id = dims.get((assessment.method_id, column))
            if dimension_id:
                Score.objects.create(assessment_id=assessment.pk, dimension_id=dimension_id, score=value)
            else:
                kept[f"dim_{column}"] = [str(value), None]
        if kept:
            Correction.objects.create(
                assessment_id=assessment.pk,
                changes={**kept, "migration": [None, MIGRATION]},
                reason="Skor dimensi ini tidak dinilai oleh metode penilaian ini; nilainya disimpan di riwayat.",
            )


def mark_field_check_notes(apps, schema_editor):
    Finding = apps.get_model("ombudsman", "Finding")
    CheckResult = apps.get_model("readiness", "CheckResult")
    opened = CheckResult.objects.filter(finding__isnull=False).values("finding_id")
    Finding.objects.filter(pk__in=opened).update(source_type="field_check")


def forwards(apps, schema_editor):
    seed(apps, schema_editor)
    move_scores(apps, schema_editor)
    mark_field_check_notes(apps, schema_editor)


def backwards(apps, schema_editor):
    Assessment = apps.get_model("ombudsman", "Assessment")
    Method = apps.get_model("ombudsman", "AssessmentMethod")
    Dimension = apps.get_model("ombudsman", "Dimension")
    Score = apps.get_model("ombudsman", "DimensionScore")
    Correction = apps.get_model("ombudsman", "AssessmentCorrection")
    for row in Score.objects.filter(dimension__slug__in=COLUMNS).select_related("dimension"):
        Assessment.objects.filter(pk=row.assessment_id).update(**{f"dim_{row.dimension.slug}": row.score})
    for line in Correction.objects.filter(changes__migration=[None, MIGRATION]):
        values = {k: D(v[0]) for k, v in line.changes.items() if k.startswith("dim_")}
        Assessment.objects.filter(pk=line.assessment_id).update(**values)
        line.delete()
    Method.objects.filter(pk__in=Dimension.objects.values("method_id")).update(has_dimensions=True)
    Score.objects.all().delete()
    Dimension.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ombudsman", "0004_dimensions_and_note_source"),
        ("readiness", "0002_seed_readiness_items"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]

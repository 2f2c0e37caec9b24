"""The Ombudsman's methods as it published them year by year (shared/reference/domain.md §3.2):

- kepatuhan-2014 (0-1000: red 0-500, yellow 501-800, green 801-1000) applies to 2013 and 2014 only;
- kepatuhan-2015 (new): 0-100 for 2015-2019 with the bands stated for 2018 (red 0-50, yellow 51-80, green 81-100),
  lower bounds inclusive as in the 2021 method (50.99 is red, 51.00 yellow). Kota Ambon 2018 = 97.16, green;
- no method covers 2020: the Ombudsman held no assessment that year.

Assessments of 2015-2019 stored under kepatuhan-2014 are re-placed under kepatuhan-2015, each with a line in its
correction history. A score that fits 0-100 is kept (it is what the Ombudsman published; only its zone was read on
the wrong scale); a score above 100 can only have been entered on the 0-1000 scale, so it is divided by 10, which
keeps its place within the scale. The reverse puts every re-placed assessment back as its history line says.
"""

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from django.conf import settings
from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

OLD, NEW = "kepatuhan-2014", "kepatuhan-2015"
NEW_BANDS = [
    (D("0"), D("50.99"), "red", "kepatuhan rendah"),
    (D("51"), D("80.99"), "yellow", "kepatuhan sedang"),
    (D("81"), D("100"), "green", "kepatuhan tinggi"),
]
MIGRATION = "ombudsman.0002_seed_methods_by_year"


def _zone(score):
    return max((b for b in NEW_BANDS if b[0] <= score), key=lambda b: b[0])[2]


def forwards(apps, schema_editor):
    Method = apps.get_model("ombudsman", "AssessmentMethod")
    Band = apps.get_model("ombudsman", "Band")
    Assessment = apps.get_model("ombudsman", "Assessment")
    Correction = apps.get_model("ombudsman", "AssessmentCorrection")
    # Idempotent (update_or_create), as a seed must be: tests/seeds.py runs it again after a flush.
    Method.objects.filter(slug=OLD).update(last_year=2014, name="Survei kepatuhan standar pelayanan (2013–2014, skala 0–1000)")
    old = Method.objects.get(slug=OLD)
    new, _created = Method.objects.update_or_create(
        slug=NEW,
        defaults={
            "name": "Penelitian kepatuhan standar pelayanan (2015–2019, skala 0–100)",
            "first_year": 2015,
            "last_year": 2019,
            "scale_min": D("0"),
            "scale_max": D("100"),
            "has_dimensions": False,
            "notes": "Rentang 2018: merah 0–50, kuning 51–80, hijau 81–100 (Ombudsman Sumsel, 12-12-2018).",
        },
    )
    for low, high, zone, label in NEW_BANDS:
        Band.objects.update_or_create(method_id=new.pk, lower=low, defaults={"upper": high, "zone": zone, "label": label})
    with translation.override(settings.LANGUAGE_CODE):
        reason = gettext(
            "Re-placed by method change: %(old)s (0–1000) applies to 2013–2014 only; %(year)s is assessed on "
            "0–100 under %(new)s."
        )
    for assessment in Assessment.objects.filter(method_id=old.pk, year__gte=2015, year__lte=2019):
        score = assessment.score if assessment.score <= 100 else (assessment.score / 10).quantize(D("0.01"), ROUND_HALF_UP)
        changes = {"method": [OLD, NEW], "migration": [None, MIGRATION]}
        if score != assessment.score:
            changes["score"] = [str(assessment.score), str(score)]
        zone = _zone(score)
        if zone != assessment.zone:
            changes["zone"] = [assessment.zone, zone]
        assessment.method_id, assessment.score, assessment.zone, assessment.grade = new.pk, score, zone, ""
        assessment.save(update_fields=["method", "score", "zone", "grade"])
        Correction.objects.create(
            assessment=assessment,
            changes=changes,
            reason=reason % {"old": OLD, "new": NEW, "year": assessment.year},
        )


def backwards(apps, schema_editor):
    Method = apps.get_model("ombudsman", "AssessmentMethod")
    Correction = apps.get_model("ombudsman", "AssessmentCorrection")
    old = Method.objects.get(slug=OLD)
    for line in Correction.objects.filter(changes__migration=[None, MIGRATION]).select_related("assessment"):
        assessment = line.assessment
        assessment.method_id = old.pk
        if "score" in line.changes:
            assessment.score = D(line.changes["score"][0])
        if "zone" in line.changes:
            assessment.zone = line.changes["zone"][0]
        assessment.save(update_fields=["method", "score", "zone"])
        line.delete()
    # By id, without the ORM's cascade: the historical models of the compliance split are rendered apart, so a
    # cascade across them refuses the instance (no assessment points at the method any more).
    new_ids = list(Method.objects.filter(slug=NEW).values_list("pk", flat=True))
    apps.get_model("ombudsman", "Band").objects.filter(method_id__in=new_ids)._raw_delete(schema_editor.connection.alias)
    Method.objects.filter(pk__in=new_ids)._raw_delete(schema_editor.connection.alias)
    old.last_year, old.name = 2019, "Survei kepatuhan standar pelayanan (2013–2019)"
    old.save(update_fields=["last_year", "name"])


class Migration(migrations.Migration):
    dependencies = [("ombudsman", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

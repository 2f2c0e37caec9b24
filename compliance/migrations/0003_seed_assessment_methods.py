"""The Ombudsman's methods and band tables, by era (see shared/reference/domain.md, section 3).

kepatuhan-2014: 0-1000, red 0-500, yellow 501-800, green 801-1000 (2013-2019 surveys).
kepatuhan-2021: 0-100, red 0.00-50.99, yellow 51.00-80.99, green 81.00-100.
opini-2022 (2022-2024): A 88.00-100, B 78.00-87.99 (green; A shown as dark green), C 54.00-77.99 (yellow),
    D 32.00-53.99, E 0.00-31.99 (red). E's lower bound is not published; 0 is assumed.
opini-2025 (2025 onward): no published bands: zone and opinion are entered as published.
"""

from decimal import Decimal as D

from django.db import migrations

METHODS = [
    ("kepatuhan-2014", "Survei kepatuhan standar pelayanan (2013–2019)", 2013, 2019, D("0"), D("1000"), False),
    ("kepatuhan-2021", "Penilaian kepatuhan standar pelayanan publik (2021)", 2021, 2021, D("0"), D("100"), False),
    ("opini-2022", "Opini pengawasan penyelenggaraan pelayanan publik (2022–2024)", 2022, 2024, D("0"), D("100"), True),
    ("opini-2025", "Opini Ombudsman RI (2025 onward)", 2025, None, D("0"), D("100"), True),
]
BANDS = {
    "kepatuhan-2014": [("0", "500", "red", "", "kepatuhan rendah", False),
                       ("501", "800", "yellow", "", "kepatuhan sedang", False),
                       ("801", "1000", "green", "", "kepatuhan tinggi", False)],
    "kepatuhan-2021": [("0", "50.99", "red", "", "kepatuhan rendah", False),
                       ("51", "80.99", "yellow", "", "kepatuhan sedang", False),
                       ("81", "100", "green", "", "kepatuhan tinggi", False)],
    "opini-2022": [("0", "31.99", "red", "E", "kualitas terendah", False),
                   ("32", "53.99", "red", "D", "kualitas rendah", False),
                   ("54", "77.99", "yellow", "C", "kualitas sedang", False),
                   ("78", "87.99", "green", "B", "kualitas tinggi", False),
                   ("88", "100", "green", "A", "kualitas tertinggi", True)],
}


def forwards(apps, schema_editor):
    Method = apps.get_model("compliance", "AssessmentMethod")
    Band = apps.get_model("compliance", "Band")
    for slug, name, first, last, low, high, dims in METHODS:
        method, _ = Method.objects.update_or_create(
            slug=slug, defaults={"name": name, "first_year": first, "last_year": last, "scale_min": low,
                                 "scale_max": high, "has_dimensions": dims},
        )
        for lower, upper, zone, grade, label, dark in BANDS.get(slug, []):
            Band.objects.update_or_create(
                method=method, lower=D(lower),
                defaults={"upper": D(upper), "zone": zone, "grade": grade, "label": label, "dark": dark},
            )


def backwards(apps, schema_editor):
    apps.get_model("compliance", "AssessmentMethod").objects.filter(slug__in=[m[0] for m in METHODS]).delete()


class Migration(migrations.Migration):
    dependencies = [("compliance", "0002_assessment_methods")]
    operations = [migrations.RunPython(forwards, backwards)]

"""The public-satisfaction survey's nine elements and its conversion table (PermenPAN-RB 14/2017), and the kinds
of agency that must run it (see shared/reference/domain.md, section 5).

Converted score = IKM x 25: A 88.31-100.00 sangat baik, B 76.61-88.30 baik, C 65.00-76.60 kurang baik,
D 25.00-64.99 tidak baik.
"""

from decimal import Decimal as D

from django.db import migrations

ELEMENTS = [
    ("u1", "Persyaratan"),
    ("u2", "Sistem, mekanisme dan prosedur"),
    ("u3", "Waktu penyelesaian"),
    ("u4", "Biaya/tarif"),
    ("u5", "Produk spesifikasi jenis pelayanan"),
    ("u6", "Kompetensi pelaksana"),
    ("u7", "Perilaku pelaksana"),
    ("u8", "Penanganan pengaduan, saran dan masukan"),
    ("u9", "Sarana dan prasarana"),
]
GRADES = [
    ("25.00", "64.99", "D", "Tidak baik"),
    ("65.00", "76.60", "C", "Kurang baik"),
    ("76.61", "88.30", "B", "Baik"),
    ("88.31", "100.00", "A", "Sangat baik"),
]
# Kinds of agency that deliver services to the public directly.
SERVICE_TYPES = ["dinas", "badan", "kecamatan", "kelurahan", "desa", "negeri", "puskesmas", "sekolah", "rsud", "uptd"]


def forwards(apps, schema_editor):
    Element = apps.get_model("compliance", "SurveyElement")
    Grade = apps.get_model("compliance", "SurveyGrade")
    Obligation = apps.get_model("compliance", "SurveyObligation")
    AgencyType = apps.get_model("agencies", "AgencyType")
    for position, (code, name) in enumerate(ELEMENTS, start=1):
        Element.objects.update_or_create(code=code, defaults={"name": name, "position": position})
    for lower, upper, grade, label in GRADES:
        Grade.objects.update_or_create(lower=D(lower), defaults={"upper": D(upper), "grade": grade, "label": label})
    for agency_type in AgencyType.objects.filter(slug__in=SERVICE_TYPES):
        Obligation.objects.get_or_create(agency_type=agency_type)


def backwards(apps, schema_editor):
    apps.get_model("compliance", "SurveyElement").objects.all().delete()
    apps.get_model("compliance", "SurveyGrade").objects.all().delete()
    apps.get_model("compliance", "SurveyObligation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("compliance", "0005_findings_and_surveys"), ("agencies", "0002_seed_agency_types")]
    operations = [migrations.RunPython(forwards, backwards)]

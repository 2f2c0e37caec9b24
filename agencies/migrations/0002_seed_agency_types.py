"""The agency types of a regional government (PP 18/2016, UU 6/2014, Permenkes 43/2019), as data."""

from django.db import migrations

# slug, name (id), name (en), subject to the yearly quota, territorial, order
TYPES = [
    ("pemda", "Pemerintah Daerah", "Regional government", False, False, 5),
    ("sekretariat-daerah", "Sekretariat Daerah", "Regional secretariat", True, False, 10),
    ("bagian", "Bagian Sekretariat Daerah", "Secretariat division", False, False, 12),
    ("sekretariat-dprd", "Sekretariat DPRD", "Secretariat of the regional parliament", False, False, 15),
    ("inspektorat", "Inspektorat", "Inspectorate", True, False, 20),
    ("dinas", "Dinas", "Service office (dinas)", True, False, 30),
    ("badan", "Badan", "Agency (badan)", True, False, 40),
    ("kecamatan", "Kecamatan", "District (kecamatan)", True, True, 50),
    ("kelurahan", "Kelurahan", "Urban village (kelurahan)", True, True, 60),
    ("desa", "Desa", "Village (desa)", True, True, 70),
    ("negeri", "Negeri", "Customary village (negeri)", True, True, 75),
    ("puskesmas", "Puskesmas", "Community health centre", True, False, 80),
    ("sekolah", "Sekolah", "School", True, False, 90),
    ("rsud", "RSUD", "Regional hospital", True, False, 100),
    ("uptd", "UPTD", "Technical implementation unit", True, False, 110),
    ("bumd", "BUMD", "Regionally owned enterprise", False, False, 120),
]


def forwards(apps, schema_editor):
    AgencyType = apps.get_model("agencies", "AgencyType")
    for slug, name, name_en, subject, territorial, order in TYPES:
        AgencyType.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "subject_to_quota": subject,
                "territorial": territorial,
                "sort_order": order,
            },
        )


def backwards(apps, schema_editor):
    AgencyType = apps.get_model("agencies", "AgencyType")
    AgencyType.objects.filter(slug__in=[t[0] for t in TYPES], agencies__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

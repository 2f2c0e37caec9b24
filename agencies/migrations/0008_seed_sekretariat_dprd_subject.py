"""Every perangkat daerah is subject to the one-innovation quota by default, the Sekretariat DPRD included: it is a
perangkat daerah of the kabupaten/kota under PP 18/2016 (domain.md §6.1). The types that are not subject (the pemda
root, the secretariat's bagian, BUMD) stay rows an administrator can change."""

from django.db import migrations


def subject(apps, schema_editor):
    apps.get_model("agencies", "AgencyType").objects.filter(slug="sekretariat-dprd").update(subject_to_quota=True)


def not_subject(apps, schema_editor):
    apps.get_model("agencies", "AgencyType").objects.filter(slug="sekretariat-dprd").update(subject_to_quota=False)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0007_agency_name_id_idx")]
    operations = [migrations.RunPython(subject, not_subject)]

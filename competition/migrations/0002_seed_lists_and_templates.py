"""Lists of the competition as data: groups and categories (KIPP 2025: umum and replikasi; nine categories
aligned with Asta Cita) and the criteria templates of the two scored stages.

The weights are those of a provincial competition that mirrors KIPP (proposal: background 10, novelty 15,
implementation 5, significance 30, adaptability 20, resources 5, sustainability 15; presentation: delivery 30,
substance 50, video 10, presence of the agency head 10). An administrator may add or change rows; a round
copies them when it is created, so a later change never alters a round already running.
"""

from django.db import migrations

GROUPS = [("umum", "Umum", False, 1), ("replikasi", "Replikasi", True, 2)]
CATEGORIES = [
    ("kesetaraan-gender", "Kesetaraan gender dan pelindungan perempuan, anak dan penyandang disabilitas"),
    ("swasembada", "Swasembada pangan, air dan energi"),
    ("lapangan-kerja", "Lapangan kerja dan kualitas tenaga kerja"),
    ("kesehatan", "Pelayanan kesehatan"),
    ("makan-bergizi", "Makan bergizi"),
    ("pemerataan-ekonomi", "Pemerataan ekonomi dan UMKM"),
    ("pengentasan-kemiskinan", "Pengentasan kemiskinan"),
    ("transformasi-digital", "Transformasi digital pelayanan publik"),
    ("lingkungan", "Pelestarian lingkungan hidup"),
]
TEMPLATES = {
    "proposal": [
        (
            "background",
            "Latar belakang dan tujuan",
            "Masalah sebelum inovasi, kelompok sasaran, tujuan yang terukur.",
            10,
        ),
        ("novelty", "Kebaruan", "Gagasan dan keunikan inovasi dibanding cara sebelumnya.", 15),
        ("implementation", "Implementasi", "Bagaimana inovasi menyelesaikan masalah.", 5),
        ("significance", "Signifikansi", "Dampak sebelum dan sesudah, cara mengukurnya, laporan evaluasi.", 30),
        ("adaptability", "Adaptabilitas", "Sudah atau dapat direplikasi di tempat lain.", 20),
        ("resources", "Sumber daya", "Anggaran, SDM, metode, peralatan.", 5),
        ("sustainability", "Keberlanjutan", "Strategi kelembagaan, manajerial dan sosial.", 15),
    ],
    "presentation": [
        ("delivery", "Penyampaian presentasi", "Jelas, runtut, tepat waktu.", 30),
        ("substance", "Substansi (manfaat, replikasi)", "Manfaat nyata bagi warga dan kemungkinan replikasi.", 50),
        ("video", "Video", "Video menggambarkan inovasi dan dampaknya.", 10),
        (
            "head-presence",
            "Kehadiran kepala perangkat daerah",
            "Kepala instansi hadir dan menjelaskan dukungannya.",
            10,
        ),
    ],
}


def forwards(apps, schema_editor):
    Group = apps.get_model("competition", "CompetitionGroup")
    Category = apps.get_model("competition", "CompetitionCategory")
    Template = apps.get_model("competition", "CriterionTemplate")
    for slug, name, replication, order in GROUPS:
        Group.objects.update_or_create(
            slug=slug, defaults={"name": name, "is_replication": replication, "sort_order": order}
        )
    for order, (slug, name) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for template, rows in TEMPLATES.items():
        for order, (slug, name, description, weight) in enumerate(rows, start=1):
            Template.objects.update_or_create(
                template=template,
                slug=slug,
                defaults={"name": name, "description": description, "weight": weight, "sort_order": order},
            )


def backwards(apps, schema_editor):
    apps.get_model("competition", "CriterionTemplate").objects.all().delete()
    apps.get_model("competition", "CompetitionCategory").objects.all().delete()
    apps.get_model("competition", "CompetitionGroup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("competition", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

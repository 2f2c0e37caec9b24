"""The components of a service standard by PermenPAN-RB 15/2014 (domain.md §4): 6 of service delivery, 8 of
service management, with their labels in both languages. Idempotent (update_or_create), as tests reseed it."""

from django.db import migrations

REGULATION = {
    "slug": "permenpanrb-15-2014",
    "name": "PermenPAN-RB Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan",
    "first_year": 2014,
    "review_months": 12,
}

# (slug, group, kind, name, name_en, guidance)
COMPONENTS = [
    ("persyaratan", "delivery", "list", "Persyaratan", "Requirements",
     "Dokumen atau syarat yang harus dipenuhi pengguna layanan."),
    ("prosedur", "delivery", "steps", "Sistem, mekanisme dan prosedur", "Procedure",
     "Tata cara pelayanan bagi pemberi dan penerima layanan, langkah demi langkah."),
    ("jangka-waktu", "delivery", "duration", "Jangka waktu pelayanan", "Time limit",
     "Waktu penyelesaian seluruh proses pelayanan."),
    ("biaya", "delivery", "fee", "Biaya/tarif", "Fee",
     "Ongkos yang dikenakan, atau gratis, dengan dasar hukum penetapan tarifnya."),
    ("produk", "delivery", "text", "Produk pelayanan", "Product",
     "Hasil pelayanan yang diterima pengguna."),
    ("pengaduan", "delivery", "channels", "Penanganan pengaduan, saran dan masukan", "Complaint channels",
     "Saluran pengaduan beserta kontaknya."),
    ("dasar-hukum", "management", "list", "Dasar hukum", "Legal basis",
     "Peraturan perundang-undangan yang menjadi dasar pelayanan."),
    ("sarana", "management", "text", "Sarana, prasarana dan/atau fasilitas", "Facilities",
     "Peralatan dan fasilitas yang dipakai dalam pelayanan, termasuk bagi pengguna berkebutuhan khusus."),
    ("kompetensi", "management", "text", "Kompetensi pelaksana", "Staff competence",
     "Pengetahuan, keahlian, keterampilan dan pengalaman yang dibutuhkan pelaksana."),
    ("pengawasan", "management", "text", "Pengawasan internal", "Internal control",
     "Pengendalian oleh atasan langsung dan aparat pengawasan internal."),
    ("jumlah-pelaksana", "management", "text", "Jumlah pelaksana", "Number of staff",
     "Banyaknya pelaksana sesuai beban kerja."),
    ("jaminan-pelayanan", "management", "text", "Jaminan pelayanan", "Service guarantee",
     "Kepastian pelayanan dilaksanakan sesuai standar."),
    ("jaminan-keamanan", "management", "text", "Jaminan keamanan dan keselamatan pelayanan",
     "Security and safety guarantee", "Rasa aman, bebas dari bahaya, risiko dan keragu-raguan."),
    ("evaluasi-kinerja", "management", "text", "Evaluasi kinerja pelaksana", "Staff performance evaluation",
     "Penilaian pelaksanaan kegiatan sesuai standar pelayanan."),
]


def seed(apps, schema_editor):
    Regulation = apps.get_model("standards", "Regulation")
    Component = apps.get_model("standards", "Component")
    regulation, _ = Regulation.objects.update_or_create(slug=REGULATION["slug"], defaults=REGULATION)
    for position, (slug, group, kind, name, name_en, help_text) in enumerate(COMPONENTS, start=1):
        Component.objects.update_or_create(
            regulation=regulation,
            slug=slug,
            defaults={"position": position, "group": group, "kind": kind, "name": name, "name_en": name_en,
                      "help": help_text},
        )


def unseed(apps, schema_editor):
    apps.get_model("standards", "Regulation").objects.filter(slug=REGULATION["slug"], standards__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_services_and_standards")]
    operations = [migrations.RunPython(seed, unseed)]

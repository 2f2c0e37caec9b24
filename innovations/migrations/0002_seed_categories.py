"""Classification lists of the innovation record, as data (editable by an administrator).

bentuk, jenis, tahapan and inisiator follow Kemendagri's Indeks Inovasi Daerah form; urusan follows
UU 23/2014 (urusan wajib pelayanan dasar, wajib non-pelayanan dasar, pilihan) with the supporting functions
of Permendagri 90/2019; SDGs are the 17 Tujuan Pembangunan Berkelanjutan (TPB).
"""

from django.db import migrations
from django.utils.text import slugify

BENTUK = [
    ("tata-kelola", "Inovasi tata kelola pemerintahan daerah", "Regional governance innovation"),
    ("pelayanan-publik", "Inovasi pelayanan publik", "Public-service innovation"),
    ("lainnya", "Inovasi daerah lainnya", "Other regional innovation"),
]
JENIS = [("digital", "Digital", "Digital"), ("non-digital", "Non-digital", "Non-digital")]
TAHAPAN = [("inisiatif", "Inisiatif", "Initiative"), ("uji-coba", "Uji coba", "Trial"), ("penerapan", "Penerapan", "Implementation")]
INISIATOR = [
    ("kepala-daerah", "Kepala daerah", "Regional head"),
    ("anggota-dprd", "Anggota DPRD", "Member of the regional parliament"),
    ("perangkat-daerah", "Perangkat daerah", "Regional agency"),
    ("asn", "ASN", "Civil servant"),
    ("masyarakat", "Masyarakat", "The public"),
]
URUSAN = {
    "Urusan wajib pelayanan dasar": [
        "Pendidikan", "Kesehatan", "Pekerjaan umum dan penataan ruang", "Perumahan rakyat dan kawasan permukiman",
        "Ketenteraman, ketertiban umum, dan pelindungan masyarakat", "Sosial",
    ],
    "Urusan wajib non-pelayanan dasar": [
        "Tenaga kerja", "Pemberdayaan perempuan dan pelindungan anak", "Pangan", "Pertanahan", "Lingkungan hidup",
        "Administrasi kependudukan dan pencatatan sipil", "Pemberdayaan masyarakat dan desa",
        "Pengendalian penduduk dan keluarga berencana", "Perhubungan", "Komunikasi dan informatika",
        "Koperasi, usaha kecil, dan menengah", "Penanaman modal", "Kepemudaan dan olah raga", "Statistik",
        "Persandian", "Kebudayaan", "Perpustakaan", "Kearsipan",
    ],
    "Urusan pilihan": [
        "Kelautan dan perikanan", "Pariwisata", "Pertanian", "Kehutanan", "Energi dan sumber daya mineral",
        "Perdagangan", "Perindustrian", "Transmigrasi",
    ],
    "Fungsi penunjang urusan pemerintahan": [
        "Perencanaan", "Keuangan", "Kepegawaian", "Pendidikan dan pelatihan", "Penelitian dan pengembangan",
        "Pengawasan", "Kesekretariatan", "Kesatuan bangsa dan politik",
    ],
}
SDGS = [
    ("Tanpa kemiskinan", "No poverty"), ("Tanpa kelaparan", "Zero hunger"),
    ("Kehidupan sehat dan sejahtera", "Good health and well-being"), ("Pendidikan berkualitas", "Quality education"),
    ("Kesetaraan gender", "Gender equality"), ("Air bersih dan sanitasi layak", "Clean water and sanitation"),
    ("Energi bersih dan terjangkau", "Affordable and clean energy"),
    ("Pekerjaan layak dan pertumbuhan ekonomi", "Decent work and economic growth"),
    ("Industri, inovasi dan infrastruktur", "Industry, innovation and infrastructure"),
    ("Berkurangnya kesenjangan", "Reduced inequalities"),
    ("Kota dan permukiman yang berkelanjutan", "Sustainable cities and communities"),
    ("Konsumsi dan produksi yang bertanggung jawab", "Responsible consumption and production"),
    ("Penanganan perubahan iklim", "Climate action"), ("Ekosistem lautan", "Life below water"),
    ("Ekosistem daratan", "Life on land"),
    ("Perdamaian, keadilan dan kelembagaan yang tangguh", "Peace, justice and strong institutions"),
    ("Kemitraan untuk mencapai tujuan", "Partnerships for the goals"),
]


def rows():
    for kind, items in (("bentuk", BENTUK), ("jenis", JENIS), ("tahapan", TAHAPAN), ("inisiator", INISIATOR)):
        for order, (slug, name, name_en) in enumerate(items, start=1):
            yield kind, slug, name, name_en, "", order
    order = 0
    for group, names in URUSAN.items():
        for name in names:
            order += 1
            yield "urusan", slugify(name)[:60], name, "", group, order
    for number, (name, name_en) in enumerate(SDGS, start=1):
        yield "sdg", f"sdg-{number}", f"{number}. {name}", f"{number}. {name_en}", "", number


def forwards(apps, schema_editor):
    Category = apps.get_model("innovations", "Category")
    for kind, slug, name, name_en, group, order in rows():
        Category.objects.update_or_create(
            kind=kind, slug=slug, defaults={"name": name, "name_en": name_en, "group": group, "sort_order": order}
        )


def backwards(apps, schema_editor):
    apps.get_model("innovations", "Category").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("innovations", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

"""The IID catalogues of 2023-2026 as a starting point an administrator can replace by loading a year's file.

Certain (BSKDN's IID 2023 deck): 36 indicators, SPD 1-15 for the region and SID 16-35 per innovation plus the
count of innovations; the formula; the 2023 bands; the 2024 bands (Kab. Tegal's publication). Uncertain, from
third-party implementations that agree with each other, and so marked `provisional`: the indicators' names,
weights (SPD adding up to 21, SID to 37: maxima 63 and 111), parameters and evidence; 0.38 points per innovation
up to 200; the basic-service urusan rule (5 of 6 in 2026); the 2026 bands (a letter of BSKDN no one could check).
2025 copies 2024 (no guideline known), with the 2025 national window (20 June - 23 August, reported).
"""

import datetime
from decimal import Decimal

from django.db import migrations

BASIC_URUSAN = [
    "pendidikan",
    "kesehatan",
    "pekerjaan-umum-dan-penataan-ruang",
    "perumahan-rakyat-dan-kawasan-permukiman",
    "ketenteraman-ketertiban-umum-dan-pelindungan-masyarakat",
    "sosial",
]

# number, variable, name, weight, mandatory, parameters 1-3, evidence
SPD = [
    (1, "Institusi", "Visi dan misi inovasi kepala daerah dalam RPJMD", 2, ("Disebut dalam misi", "Disebut dalam visi dan misi", "Visi, misi dan program prioritas"), "Halaman RPJMD yang memuat inovasi"),
    (2, "Institusi", "Ketepatan waktu penetapan APBD dan belanja wajib", 2, ("Terlambat", "Tepat waktu", "Tepat waktu dan belanja wajib terpenuhi"), "Perda APBD dan surat pengantar"),
    (3, "Institusi", "Perbaikan perizinan (kemudahan berusaha)", 1, ("Ada perbaikan SOP", "Perizinan daring", "Perizinan daring terintegrasi OSS"), "Tangkapan layar dan SOP perizinan"),
    (4, "Institusi", "Pendapatan per kapita", 1, ("Turun", "Tetap", "Naik"), "Data BPS dua tahun terakhir"),
    (5, "Institusi", "Tingkat pengangguran terbuka", 1, ("Naik", "Tetap", "Turun"), "Data BPS dua tahun terakhir"),
    (6, "Institusi", "Pertumbuhan investasi", 1, ("Turun", "Tetap", "Naik"), "Data DPMPTSP/BKPM"),
    (7, "Institusi", "Pertumbuhan pendapatan asli daerah (PAD)", 1, ("Turun", "Tetap", "Naik"), "Laporan realisasi APBD"),
    (8, "Institusi", "Opini BPK atas LKPD", 2, ("Wajar dengan pengecualian", "Wajar tanpa pengecualian sekali", "Wajar tanpa pengecualian berturut-turut"), "Laporan hasil pemeriksaan BPK"),
    (9, "Institusi", "Nilai LAKIP (SAKIP)", 2, ("C atau CC", "B", "BB, A atau AA"), "Surat hasil evaluasi SAKIP KemenPAN-RB"),
    (10, "Sumber daya manusia", "Tingkat kemiskinan", 1, ("Naik", "Tetap", "Turun"), "Data BPS dua tahun terakhir"),
    (11, "Sumber daya manusia", "Indeks Pembangunan Manusia (IPM)", 2, ("Rendah atau sedang", "Tinggi", "Sangat tinggi"), "Data BPS"),
    (12, "Sumber daya manusia", "Penghargaan bagi inovator", 1, ("Piagam", "Piagam dan uang pembinaan", "Piagam, uang pembinaan dan promosi jabatan"), "SK pemberian penghargaan"),
    (13, "Ekosistem inovasi dan kajian", "Rekomendasi kebijakan (Indeks Kualitas Kebijakan)", 2, ("1-2 rekomendasi", "3-4 rekomendasi", "5 rekomendasi atau lebih"), "Dokumen rekomendasi dan tindak lanjut"),
    (14, "Ekosistem inovasi dan kajian", "Rencana Induk Pemajuan Iptek daerah (RIPJ PID)", 1, ("Dalam penyusunan", "Sudah disusun", "Ditetapkan dengan Perkada/Perda"), "Dokumen RIPJ PID dan penetapannya"),
    (15, "Ekosistem inovasi dan kajian", "Fasilitasi hak kekayaan intelektual (HKI)", 1, ("1 fasilitasi", "2-4 fasilitasi", "5 fasilitasi atau lebih"), "Sertifikat HKI atau bukti pendaftaran"),
]
SID = [
    (16, "Infrastruktur", "Regulasi inovasi daerah", 3, True, ("SK kepala daerah atau kepala perangkat daerah", "Peraturan kepala daerah", "Peraturan daerah"), "Halaman regulasi yang menyebut inovasi, pada tahun penerapan"),
    (17, "Infrastruktur", "Ketersediaan sumber daya manusia", 2, True, ("1-10 orang", "11-30 orang", "Lebih dari 30 orang"), "SK atau surat tugas"),
    (18, "Infrastruktur", "Dukungan anggaran", 2, False, ("Satu tahun anggaran", "Dua tahun berturut-turut", "Tahun berjalan dan dua tahun sebelumnya"), "Halaman DPA/APBD yang ditandai"),
    (19, "Infrastruktur", "Alat kerja / penggunaan teknologi informasi", 2, False, ("Manual", "Elektronik", "Sistem informasi daring (atau AI)"), "Tangkapan layar atau foto"),
    (20, "Infrastruktur", "Bimbingan teknis inovasi", 1, False, ("1 kali dalam 3 tahun", "2 kali dalam 3 tahun", "3 kali atau lebih dalam 3 tahun"), "SK, undangan atau daftar hadir"),
    (21, "Infrastruktur", "Program dan kegiatan inovasi dalam RKPD", 2, False, ("RKPD T-1 atau T-2", "RKPD T-1 dan T-2", "RKPD T-1, T-2 dan tahun berjalan"), "Sampul dan halaman RKPD"),
    (22, "Output pengetahuan dan teknologi", "Keterlibatan aktor inovasi", 1, False, ("3 aktor", "4 aktor", "5 aktor atau lebih"), "SK atau undangan rapat"),
    (23, "Output pengetahuan dan teknologi", "Pelaksana inovasi daerah", 1, False, ("Tanpa surat", "Surat tugas", "SK"), "SK pelaksana"),
    (24, "Output pengetahuan dan teknologi", "Jejaring inovasi", 1, False, ("2 perangkat daerah", "3-4 perangkat daerah", "5 perangkat daerah atau lebih"), "SK atau surat tugas"),
    (25, "Output pengetahuan dan teknologi", "Sosialisasi inovasi daerah", 1, False, ("Foto dengan spanduk", "Media milik pemerintah", "Media independen"), "Kliping atau tangkapan layar"),
    (26, "Output pengetahuan dan teknologi", "Pedoman teknis", 1, False, ("Cetak", "Buku elektronik", "Daring"), "Pedoman atau tautannya"),
    (27, "Output pengetahuan dan teknologi", "Kemudahan informasi layanan", 1, False, ("1 saluran", "2 saluran", "3 saluran atau lebih"), "Tangkapan layar telepon, surel, media sosial, aplikasi"),
    (28, "Kecepatan bisnis proses", "Kemudahan proses (kecepatan hasil layanan)", 2, False, ("6 hari atau lebih", "2-5 hari", "1 hari"), "SOP dengan waktu penyelesaian"),
    (29, "Kecepatan bisnis proses", "Penyelesaian layanan pengaduan", 1, False, ("50% atau kurang selesai", "51-90% selesai", "91% atau lebih selesai"), "Rekap dan rasio pengaduan"),
    (30, "Kecepatan bisnis proses", "Layanan terintegrasi", 2, False, ("Berdiri sendiri", "Satu portal", "Terintegrasi dengan unit lain"), "Tangkapan layar"),
    (31, "Kecanggihan produk", "Replikasi", 3, False, ("Direplikasi 1 kali", "Direplikasi 2 kali", "Direplikasi 3 kali di daerah berbeda"), "PKS, MoU atau pernyataan pemda yang mereplikasi"),
    (32, "Kecanggihan produk", "Kecepatan penciptaan inovasi", 2, True, ("9 bulan atau lebih", "5-8 bulan", "1-4 bulan"), "Proposal dengan jadwal"),
    (33, "Kecanggihan produk", "Kemanfaatan inovasi", 3, True, ("1-200 penerima manfaat", "201-500 penerima manfaat", "501 penerima manfaat atau lebih"), "Daftar penerima manfaat atau jumlah pengguna"),
    (34, "Kecanggihan produk", "Monitoring dan evaluasi inovasi daerah", 2, False, ("Monev internal", "Laporan survei kepuasan masyarakat (SKM)", "Penelitian pihak luar"), "Laporan monev"),
    (35, "Kecanggihan produk", "Video inovasi", 4, True, ("1-2 unsur substansi", "3-4 unsur substansi", "5 unsur substansi, paling lama 5 menit"), "Tautan video"),
]
BANDS = {
    2023: [("sangat_inovatif", "60.01", "100"), ("inovatif", "35.00", "60.00"), ("kurang_inovatif", "0.01", "34.99"), ("tidak_dapat_dinilai", "0", "0")],
    # ">60, 35-60, <35": no disclaimer band was published that year.
    2024: [("sangat_inovatif", "60.01", "100"), ("inovatif", "35.00", "60.00"), ("kurang_inovatif", "0", "34.99")],
    2025: [("sangat_inovatif", "60.01", "100"), ("inovatif", "35.00", "60.00"), ("kurang_inovatif", "0", "34.99")],
    2026: [("sangat_inovatif", "65.01", "100"), ("inovatif", "40.01", "65.00"), ("kurang_inovatif", "0.01", "40.00"), ("tidak_dapat_dinilai", "0", "0")],
}
CATALOGUES = {
    2023: {
        "guideline": "Pedoman Umum IGA 2023 (Surat Mendagri 400.10.11/2704/SJ, 18 Mei 2023)",
        "note": "Rumus, jumlah indikator dan predikat dari paparan BSKDN 2023. Nama, bobot dan parameter indikator "
        "berasal dari implementasi pihak ketiga: periksa terhadap pedoman resmi.",
        "basic_urusan_min": 0,
        "window": None,
    },
    2024: {
        "guideline": "Pedoman IGA 2024",
        "note": "Predikat dari publikasi Kab. Tegal 2024. Nama, bobot dan parameter indikator berasal dari "
        "implementasi pihak ketiga: periksa terhadap pedoman resmi.",
        "basic_urusan_min": 0,
        "window": None,
    },
    2025: {
        "guideline": "Salinan katalog 2024 (pedoman 2025 belum dimuat)",
        "note": "Salinan 2024 karena pedoman 2025 belum diketahui. Jendela nasional 20 Juni-23 Agustus 2025.",
        "basic_urusan_min": 0,
        "window": (datetime.date(2025, 6, 20), datetime.date(2025, 8, 23)),
    },
    2026: {
        "guideline": "Salinan katalog 2024 dengan predikat Surat Kepala BSKDN 400.10.11/1887/BSKDN (belum terverifikasi)",
        "note": "Indikator disalin dari 2024; predikat dan syarat 5 dari 6 urusan wajib pelayanan dasar dari "
        "implementasi pihak ketiga. Tanggal jendela nasional diperkirakan dari 2025.",
        "basic_urusan_min": 5,
        "window": (datetime.date(2026, 6, 20), datetime.date(2026, 8, 23)),
    },
}


def seed(apps, schema_editor):
    """Idempotent (update_or_create), as the test suite runs it again after a flush."""
    Catalogue = apps.get_model("iid", "Catalogue")
    Indicator = apps.get_model("iid", "Indicator")
    PredicateBand = apps.get_model("iid", "PredicateBand")
    rows = [(n, v, name, w, False, params, ev) for n, v, name, w, params, ev in SPD] + SID
    for year, data in CATALOGUES.items():
        opens, closes = data["window"] or (None, None)
        catalogue, _ = Catalogue.objects.update_or_create(
            year=year,
            defaults={
                "guideline": data["guideline"],
                "provisional": True,
                "note": data["note"],
                "count_points": Decimal("0.38"),
                "count_cap": 200,
                "basic_urusan": BASIC_URUSAN,
                "basic_urusan_min": data["basic_urusan_min"],
                "window_opens": opens,
                "window_closes": closes,
                "reminder_days": [30, 14, 3],
            },
        )
        for number, variable, name, weight, mandatory, params, evidence in rows:
            Indicator.objects.update_or_create(
                catalogue=catalogue,
                number=number,
                defaults={
                    "aspect": "spd" if number <= 15 else "sid",
                    "variable": variable,
                    "name": name,
                    "weight": Decimal(weight),
                    "mandatory": mandatory,
                    "parameter_1": params[0],
                    "parameter_2": params[1],
                    "parameter_3": params[2],
                    "evidence": evidence,
                    "provisional": True,
                },
            )
        for slug, lower, upper in BANDS[year]:
            PredicateBand.objects.update_or_create(
                catalogue=catalogue, predicate=slug, defaults={"lower": Decimal(lower), "upper": Decimal(upper)}
            )


def unseed(apps, schema_editor):
    """Bottom up, in SQL. Django's delete collector, run here while several apps are unapplied in one go, compares
    models rendered from different migration states and refuses ("Must be "Indicator" instance"). An answer still
    pointing at an indicator makes the database refuse, as the model's PROTECT would."""
    catalogue = apps.get_model("iid", "Catalogue")._meta.db_table
    quote = schema_editor.quote_name
    years = sorted(CATALOGUES)
    for child in ("Indicator", "PredicateBand"):
        table = apps.get_model("iid", child)._meta.db_table
        in_catalogues = f"SELECT id FROM {quote(catalogue)} WHERE year = ANY(%s)"
        schema_editor.execute(f"DELETE FROM {quote(table)} WHERE catalogue_id IN ({in_catalogues})", [years])
    schema_editor.execute(f"DELETE FROM {quote(catalogue)} WHERE year = ANY(%s)", [years])


class Migration(migrations.Migration):
    dependencies = [("iid", "0001_catalogue_answers_exports")]

    operations = [migrations.RunPython(seed, unseed)]

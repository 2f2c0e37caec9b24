"""The Ombudsman method's dimensions and items for 2022-2027 (domain.md §3.2), with what counts as proof.

Weights: 2022 uses the dimension maxima of the Ombudsman Jateng deck (input 24.24, proses 32.37, output 21.85,
pengaduan 21.54, summing to 100). From 2023 the method adds the follow-up of the Ombudsman's corrective actions;
its weight is not published, so 10 is assumed and the four others are scaled to 90 (an administrator corrects
these rows when the Ombudsman publishes its own). Idempotent (update_or_create), as tests reseed it."""

from decimal import Decimal

from django.db import migrations

YEARS = range(2022, 2028)

# slug -> (name, name_en, weight 2022, weight from 2023, first year)
DIMENSIONS = {
    "input": ("Input", "Input", "24.24", "21.82", 2022),
    "proses": ("Proses", "Process", "32.37", "29.13", 2022),
    "output": ("Output", "Output", "21.85", "19.67", 2022),
    "pengaduan": ("Pengaduan", "Complaint handling", "21.54", "19.38", 2022),
    "tindak-lanjut": ("Tindak lanjut produk Ombudsman", "Follow-up of Ombudsman actions", "0", "10.00", 2023),
}

# (dimension, slug, name, name_en, proof)
ITEMS = [
    ("input", "kompetensi-pelaksana", "Kompetensi pelaksana layanan", "Competence of front-line staff",
     "Daftar pelatihan atau sertifikat pelaksana; SK penempatan petugas layanan"),
    ("input", "sarana-prasarana", "Sarana dan prasarana (ruang tunggu, toilet, loket, fasilitas disabilitas)",
     "Facilities (waiting room, toilets, counter, access for disabled users)",
     "Foto fasilitas di tempat; daftar inventaris"),
    ("proses", "standar-dipajang", "Standar pelayanan ditetapkan dan dipajang", "Service standard decreed and displayed",
     "SK standar pelayanan; foto papan standar di loket"),
    ("proses", "maklumat-dipajang", "Maklumat pelayanan ditandatangani dan dipajang",
     "Service pledge (maklumat) signed and displayed", "Maklumat bertanda tangan; foto maklumat terpajang"),
    ("proses", "standar-diterapkan", "Pelayanan dijalankan sesuai standar (waktu, biaya, persyaratan)",
     "Service delivered as the standard says (time, fee, requirements)",
     "Buku register layanan; contoh berkas yang selesai tepat waktu"),
    ("proses", "informasi-pelayanan", "Informasi pelayanan tersedia (papan, laman, media sosial)",
     "Service information available (boards, website, social media)",
     "Tautan laman atau media sosial; foto papan informasi"),
    ("output", "persepsi-maladministrasi", "Persepsi pengguna: tanpa pungli, penundaan berlarut atau diskriminasi",
     "Users' perception: no illegal fees, undue delay or discrimination",
     "Hasil survei pengguna atau SKM terbaru; rekap kuesioner"),
    ("pengaduan", "sarana-pengaduan", "Sarana pengaduan tersedia dan diketahui pengguna",
     "Complaint channels available and known to users",
     "Foto kotak atau loket pengaduan; nomor WhatsApp; akun SP4N-LAPOR!"),
    ("pengaduan", "pengelola-pengaduan", "Petugas pengelola pengaduan ditunjuk", "Complaint officer appointed",
     "SK petugas pengelola pengaduan"),
    ("pengaduan", "register-pengaduan", "Pengaduan dicatat dan ditindaklanjuti", "Complaints recorded and followed up",
     "Buku register pengaduan beserta tanggapannya"),
    ("tindak-lanjut", "tindak-lanjut-ombudsman", "Tindakan korektif dan rekomendasi Ombudsman ditindaklanjuti",
     "Ombudsman's corrective actions and recommendations followed up",
     "Laporan tindak lanjut LAHP atau rekomendasi dan bukti perbaikannya"),
]


def seed(apps, schema_editor):
    Dimension = apps.get_model("readiness", "Dimension")
    Item = apps.get_model("readiness", "Item")
    for year in YEARS:
        dims = {}
        for position, (slug, (name, name_en, w2022, w2023, first)) in enumerate(DIMENSIONS.items(), start=1):
            if year < first:
                continue
            dims[slug], _ = Dimension.objects.update_or_create(
                year=year,
                slug=slug,
                defaults={"name": name, "name_en": name_en, "position": position,
                          "weight": Decimal(w2022 if year == 2022 else w2023)},
            )
        for position, (dim, slug, name, name_en, proof) in enumerate(ITEMS, start=1):
            if dim in dims:
                Item.objects.update_or_create(
                    dimension=dims[dim],
                    slug=slug,
                    defaults={"name": name, "name_en": name_en, "proof": proof, "position": position},
                )


def unseed(apps, schema_editor):
    apps.get_model("readiness", "Dimension").objects.filter(year__in=list(YEARS)).delete()


class Migration(migrations.Migration):
    dependencies = [("readiness", "0001_checklists_and_field_checks")]
    operations = [migrations.RunPython(seed, unseed)]

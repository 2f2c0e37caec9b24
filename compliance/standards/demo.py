"""Demo services and standards: Disdukcapil, DPMPTSP, a kecamatan, two kelurahan, two puskesmas, a school and
the water perumda, each with a maklumat and services whose standards stand in every state of their life."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Region, User
from compliance.standards import services
from compliance.standards.models import Service
from innovations.demo import tiny_pdf

# (unit code or kind, service name, state to reach, product, requirements, minutes/days, fee or None for free)
PLANS: list[tuple[str, str, str, str, list[str], tuple[int, str], int | None]] = [
    (
        "DISDUKCAPIL",
        "Penerbitan akta kelahiran",
        "published",
        "Akta kelahiran",
        ["Surat keterangan lahir", "Kartu Keluarga", "KTP-el kedua orang tua"],
        (1, "workdays"),
        None,
    ),
    (
        "DISDUKCAPIL",
        "Perekaman KTP-el",
        "review_due",
        "KTP-el",
        ["Kartu Keluarga", "Berusia 17 tahun atau sudah menikah"],
        (30, "minutes"),
        None,
    ),
    (
        "DISDUKCAPIL",
        "Pindah datang penduduk",
        "consultation",
        "Surat keterangan pindah datang",
        ["Surat keterangan pindah", "Kartu Keluarga"],
        (1, "workdays"),
        None,
    ),
    (
        "DPMPTSP",
        "Izin usaha mikro",
        "published",
        "Nomor Induk Berusaha",
        ["KTP-el pemilik", "Alamat tempat usaha"],
        (1, "workdays"),
        None,
    ),
    (
        "DPMPTSP",
        "Persetujuan bangunan gedung",
        "decreed",
        "PBG",
        ["Gambar rencana teknis", "Bukti kepemilikan tanah", "KTP-el pemohon"],
        (28, "workdays"),
        1_250_000,
    ),
    (
        "kecamatan",
        "Rekomendasi izin keramaian",
        "published",
        "Surat rekomendasi",
        ["Surat permohonan", "KTP-el penanggung jawab"],
        (2, "workdays"),
        None,
    ),
    (
        "kelurahan-1",
        "Surat keterangan domisili",
        "published",
        "Surat keterangan domisili",
        ["Surat pengantar RT/RW", "Kartu Keluarga"],
        (1, "hours"),
        None,
    ),
    (
        "kelurahan-2",
        "Surat keterangan tidak mampu",
        "draft",
        "Surat keterangan tidak mampu",
        ["Surat pengantar RT/RW"],
        (1, "hours"),
        None,
    ),
    (
        "PKM-01",
        "Pemeriksaan kesehatan ibu hamil",
        "published",
        "Buku KIA dan hasil pemeriksaan",
        ["Kartu BPJS atau KTP-el"],
        (45, "minutes"),
        None,
    ),
    (
        "PKM-02",
        "Surat keterangan sehat",
        "consultation",
        "Surat keterangan sehat",
        ["KTP-el", "Pas foto"],
        (30, "minutes"),
        25_000,
    ),
    (
        "SEKOLAH-01",
        "Penerimaan peserta didik baru",
        "revised",
        "Pengumuman penerimaan",
        ["Akta kelahiran", "Kartu Keluarga", "Rapor TK (bila ada)"],
        (14, "days"),
        None,
    ),
    (
        "PERUMDA-AIR",
        "Sambungan air baru",
        "published",
        "Sambungan air minum terpasang",
        ["KTP-el", "Denah lokasi", "Bukti kepemilikan rumah"],
        (7, "workdays"),
        850_000,
    ),
]


def components(agency: Agency, product: str, needs: list[str], time: tuple[int, str], fee: int | None) -> dict:
    basis = "Perda tentang Retribusi Daerah" if fee else "Pelayanan tanpa biaya"
    return {
        "persyaratan": needs,
        "prosedur": [
            "Pemohon mengambil nomor antrean",
            "Petugas memeriksa berkas",
            "Berkas diproses dan diverifikasi",
            f"{product} diserahkan kepada pemohon",
        ],
        "jangka-waktu": {"amount": time[0], "unit": time[1]},
        "biaya": {"free": fee is None, "amount": fee or 0, "basis": basis},
        "produk": product,
        "pengaduan": [
            {"channel": "WhatsApp pengaduan", "contact": "0811-4700-100"},
            {"channel": "SP4N-LAPOR!", "contact": "lapor.go.id"},
            {"channel": "Kotak saran", "contact": ""},
        ],
        "dasar-hukum": [
            "UU 25/2009 tentang Pelayanan Publik",
            "PermenPAN-RB 15/2014 tentang Pedoman Standar Pelayanan",
        ],
        "sarana": "Ruang tunggu, loket, toilet, kursi roda dan jalur landai untuk penyandang disabilitas",
        "kompetensi": "Pendidikan minimal SMA sederajat dan memahami prosedur layanan",
        "pengawasan": f"Pengawasan oleh pimpinan {agency.name} dan Inspektorat",
        "jumlah-pelaksana": "3 orang",
        "jaminan-pelayanan": "Pelayanan diberikan sesuai standar yang ditetapkan",
        "jaminan-keamanan": "Data pemohon dijaga kerahasiaannya; ruang layanan dilengkapi APAR",
        "evaluasi-kinerja": "Evaluasi kinerja pelaksana setiap semester",
    }


def _units(region: Region) -> dict[str, Agency]:
    by_code = {a.code: a for a in Agency.objects.filter(region=region)}
    kecamatan = Agency.objects.filter(region=region, type__slug="kecamatan").order_by("code").first()
    kelurahan = list(
        Agency.objects.filter(region=region, type__slug="kelurahan", parent=kecamatan).order_by("code")[:2]
    )
    if kecamatan:
        by_code["kecamatan"] = kecamatan
    for i, unit in enumerate(kelurahan, start=1):
        by_code[f"kelurahan-{i}"] = unit
    return by_code


@transaction.atomic
def seed_standards(region: Region) -> int:
    """Services, standards and maklumat of the demo units; skips a unit's service already there. Returns how many
    services were created."""
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        return 0
    units = _units(region)
    today = timezone.localdate()
    created = 0
    for key, name, state, product, needs, time, fee in PLANS:
        agency = units.get(key)
        if agency is None or Service.objects.filter(agency=agency, name=name).exists():
            continue
        service = services.service_create(agency=agency, name=name, by=admin)
        created += 1
        _walk(service, state, components(agency, product, needs, time, fee), admin, today)
        if not hasattr(agency, "maklumat"):
            services.maklumat_save(
                agency=agency,
                by=admin,
                text=(
                    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang "
                    "telah ditetapkan, terus melakukan perbaikan, dan apabila tidak menepati janji ini, kami siap "
                    "menerima sanksi sesuai peraturan perundang-undangan."
                ),
                signed_by=agency.head_name or f"Kepala {agency.name}",
                signed_on=datetime.date(today.year, 1, 6),
                name="maklumat.pdf",
                data=tiny_pdf(f"Maklumat Pelayanan {agency.name}"),
            )
    return created


def _walk(service: Service, state: str, values: dict[str, Any], by: User, today: datetime.date) -> None:
    draft = service.standards.get()
    services.standard_save(standard=draft, components=values, by=by)
    if state == "draft":
        return
    start = today - datetime.timedelta(days=20 if state != "consultation" else 2)
    standard = services.standard_consult(standard=draft, by=by, starts=start, ends=start + datetime.timedelta(days=14))
    if state == "consultation":
        services.standard_public_comment(standard=standard, text="Mohon jam layanan diperpanjang sampai sore.")
        return
    standard = services.standard_decree(
        standard=standard,
        by=by,
        sk_number=f"800/{service.pk:03d}/SK/{today.year}",
        sk_date=start + datetime.timedelta(days=15),
        name="sk.pdf",
        data=tiny_pdf(f"SK standar pelayanan {service.name}"),
    )
    if state == "decreed":
        return
    published_on = today - datetime.timedelta(days=400 if state in ("review_due", "revised") else 4)
    standard = services.standard_publish(standard=standard, by=by, today=published_on)
    if state in ("review_due", "revised"):
        services.standards_mark_review_due(today=today)
    if state == "revised":
        revised = services.standard_revise(service=service, by=by)
        values = {**values, "jangka-waktu": {"amount": 7, "unit": "days"}, "jumlah-pelaksana": "5 orang"}
        services.standard_save(standard=revised, components=values, by=by)

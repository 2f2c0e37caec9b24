"""Demo innovations of the demo city: 2024, 2025 and 2026 across agencies and every state, with small real
evidence files, so that every page has something to show. Idempotent: an agency's demo titles are created once.

The titles are typical of Indonesian public-service innovations; the records themselves are invented.
"""

from __future__ import annotations

import datetime
import struct
import zlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from agencies.demo import demo_username
from agencies.models import Agency, Region, User
from innovations import services
from innovations.catalogue.demo import seed_catalogue
from innovations.models import Category, Innovation

# agency code, title, bentuk, jenis, urusan (name), sdgs, year, target state, replicates (title) or None
DEMO = [
    (
        "DINKES",
        "SIAGA Ibu Hamil: pendampingan ibu hamil risiko tinggi lewat WhatsApp",
        "pelayanan-publik",
        "digital",
        "Kesehatan",
        [3, 5],
        2024,
        "accepted",
        None,
    ),
    ("DINKES", "Posyandu Remaja Manise", "pelayanan-publik", "non-digital", "Kesehatan", [3], 2025, "accepted", None),
    (
        "DINKES",
        "Antar Obat ke Rumah Lansia (ANTAR LANSIA)",
        "pelayanan-publik",
        "non-digital",
        "Kesehatan",
        [3, 10],
        2026,
        "submitted",
        None,
    ),
    (
        "DISDUKCAPIL",
        "Dukcapil Jemput Bola di Negeri (DJBN)",
        "pelayanan-publik",
        "non-digital",
        "Administrasi kependudukan dan pencatatan sipil",
        [16],
        2024,
        "accepted",
        None,
    ),
    (
        "DISDUKCAPIL",
        "Akta Kelahiran Langsung dari Puskesmas",
        "pelayanan-publik",
        "digital",
        "Administrasi kependudukan dan pencatatan sipil",
        [16, 3],
        2025,
        "accepted",
        None,
    ),
    (
        "DISDUKCAPIL",
        "Antrean Daring Layanan Adminduk",
        "pelayanan-publik",
        "digital",
        "Administrasi kependudukan dan pencatatan sipil",
        [16],
        2026,
        "accepted",
        None,
    ),
    (
        "DPMPTSP",
        "Izin Usaha Mikro Sehari Jadi",
        "pelayanan-publik",
        "digital",
        "Penanaman modal",
        [8],
        2025,
        "accepted",
        None,
    ),
    (
        "DPMPTSP",
        "Mal Pelayanan Publik Keliling",
        "pelayanan-publik",
        "non-digital",
        "Penanaman modal",
        [8, 16],
        2026,
        "head_approved",
        None,
    ),
    (
        "BAPPEDALITBANG",
        "Dasbor Perencanaan Terpadu (SIPANDU)",
        "tata-kelola",
        "digital",
        "Perencanaan",
        [17],
        2026,
        "returned",
        None,
    ),
    ("DLHP", "Bank Sampah Negeri", "lainnya", "non-digital", "Lingkungan hidup", [11, 12], 2025, "accepted", None),
    (
        "DLHP",
        "Angkut Sampah Terjadwal Berbasis Aplikasi",
        "pelayanan-publik",
        "digital",
        "Lingkungan hidup",
        [11],
        2026,
        "draft",
        None,
    ),
    (
        "DISHUB",
        "Halte Pintar Informasi Angkot",
        "pelayanan-publik",
        "digital",
        "Perhubungan",
        [11, 9],
        2026,
        "withdrawn",
        None,
    ),
    ("DINDIKBUD", "Guru Kunjung Pulau", "pelayanan-publik", "non-digital", "Pendidikan", [4], 2024, "accepted", None),
    ("DINDIKBUD", "Rapor Digital Sekolah Dasar", "tata-kelola", "digital", "Pendidikan", [4], 2026, "submitted", None),
    (
        "81.71.02",
        "Layanan Surat Keterangan Satu Jam di Kecamatan",
        "pelayanan-publik",
        "non-digital",
        "Kesekretariatan",
        [16],
        2026,
        "accepted",
        None,
    ),
    (
        "81.71.02.1011",
        "Lurah Menyapa: pengaduan warga lewat pesan singkat",
        "pelayanan-publik",
        "digital",
        "Ketenteraman, ketertiban umum, dan pelindungan masyarakat",
        [16],
        2026,
        "submitted",
        None,
    ),
    (
        "81.71.01.2001",
        "Negeri Peduli Stunting",
        "pelayanan-publik",
        "non-digital",
        "Kesehatan",
        [2, 3],
        2025,
        "accepted",
        "Posyandu Remaja Manise",
    ),
    (
        "PKM-01",
        "Puskesmas Rijali Tanpa Antre",
        "pelayanan-publik",
        "digital",
        "Kesehatan",
        [3],
        2026,
        "accepted",
        "Antrean Daring Layanan Adminduk",
    ),
    (
        "PKM-02",
        "Kelas Ibu Balita Berbasis Negeri",
        "pelayanan-publik",
        "non-digital",
        "Kesehatan",
        [3, 5],
        2026,
        "draft",
        None,
    ),
    (
        "INSPEKTORAT",
        "Klinik Konsultasi Pengelolaan Keuangan Desa",
        "tata-kelola",
        "non-digital",
        "Pengawasan",
        [16],
        2025,
        "accepted",
        None,
    ),
]

#: Entered and approved after its year's deadline, then accepted: the quota shows "fulfilled late".
LATE_ENTRY = ("INSPEKTORAT", 2025)

DESIGN_SENTENCES = [
    "Petugas mendata warga sasaran bersama kader dan perangkat negeri setiap awal bulan.",
    "Data itu dimasukkan ke lembar kerja bersama sehingga setiap petugas tahu siapa yang harus dikunjungi.",
    "Warga menerima jadwal layanan lewat pesan singkat dan pengumuman di rumah ibadah.",
    "Pada hari layanan, petugas membawa formulir, peralatan dan obat yang diperlukan.",
    "Setiap layanan dicatat dan dilaporkan ke kepala dinas setiap minggu untuk dievaluasi.",
    "Keluhan warga ditampung melalui nomor pengaduan dan dijawab paling lambat dua hari kerja.",
    "Kepala unit memeriksa capaian bulanan dan membahas hambatan dalam rapat koordinasi.",
    "Standar operasional prosedur ditetapkan dengan keputusan kepala dinas dan diumumkan kepada warga.",
]


def design_text(title: str) -> str:
    """About 330 words of plausible 'rancang bangun' (the IID form asks for at least 300)."""
    words = f"Rancang bangun {title}. " + " ".join(DESIGN_SENTENCES * 4)
    return words


def tiny_pdf(title: str) -> bytes:
    """A valid one-page PDF saying the title (hand-built: no PDF library needed for a demo file)."""
    text = title.replace("(", "[").replace(")", "]")[:80]
    content = f"BT /F1 14 Tf 50 780 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_png(seed: int) -> bytes:
    """A valid 48x32 PNG in a colour derived from `seed` (stands in for a photo of the service)."""
    width, height = 48, 32
    colour = bytes([(seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256])
    raw = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@dataclass
class _People:
    staff: User
    head: User
    reviewer: User


def _demo_people(region: Region, agency: Agency) -> _People:
    """Demo actors for an agency: its own staff/head accounts if it has them, otherwise the demo operator."""
    from agencies.services import role_assign

    operator, _ = User.objects.get_or_create(
        username=demo_username(region, f"operator.{agency.code.lower()}"),
        defaults={"full_name": f"Operator {agency.name}"[:200]},
    )
    if not operator.has_usable_password():
        operator.set_unusable_password()
        operator.save(update_fields=["password"])
    role_assign(user=operator, role="staff", region_id=region.pk, agency=agency, title="Operator Inovasi")
    head = User.objects.filter(role_assignments__agency=agency, role_assignments__role="head").first()
    if head is None:
        head, _ = User.objects.get_or_create(
            username=demo_username(region, f"pimpinan.{agency.code.lower()}"),
            defaults={"full_name": agency.head_name or agency.name},
        )
        head.set_unusable_password()
        head.save(update_fields=["password"])
        role_assign(user=head, role="head", region_id=region.pk, agency=agency, title=agency.head_title)
    reviewer = User.objects.get(username=demo_username(region, "walikota"))
    return _People(staff=operator, head=head, reviewer=reviewer)


def _walk(innovation: Innovation, target: str, people: _People) -> None:
    steps = {
        "draft": [],
        "submitted": ["submit"],
        "head_approved": ["submit", "approve"],
        "accepted": ["submit", "approve", "accept"],
        "returned": ["submit", "approve", "return"],
        "withdrawn": ["submit", "withdraw"],
    }[target]
    actor = {
        "submit": people.staff,
        "approve": people.head,
        "accept": people.reviewer,
        "return": people.reviewer,
        "withdraw": people.staff,
    }
    notes = {"return": "Lengkapi data dampak sebelum dan sesudah inovasi, serta lampirkan SK tim inovasi."}
    for step in steps:
        services.TRANSITION_SERVICES[step](innovation=innovation, by=actor[step], note=notes.get(step, ""))


def _backdate(innovation: Innovation, *, start: datetime.datetime) -> None:
    """Demo history happens in the innovation's own year (seeding runs today): a week between steps."""
    for offset, transition in enumerate(innovation.transitions.order_by("at", "id")):
        transition.at = start + datetime.timedelta(days=7 * offset)
        transition.save(update_fields=["at"])
    approved = innovation.transitions.filter(to_state="head_approved").order_by("at").first()
    Innovation.objects.filter(pk=innovation.pk).update(first_approved_at=approved.at if approved else None)


@transaction.atomic
def seed_innovations(region: Region) -> int:
    agencies = {a.code: a for a in Agency.objects.filter(region=region)}
    cat = {(c.kind, c.slug): c for c in Category.objects.all()}
    urusan = {c.name: c for c in Category.objects.filter(kind="urusan")}
    created = 0
    by_title: dict[str, Innovation] = {}
    for n, (code, title, bentuk, jenis, urusan_name, sdgs, year, state, replicates) in enumerate(DEMO, start=1):
        agency = agencies.get(code)
        if agency is None:
            continue
        existing = Innovation.objects.filter(agency=agency, title=title, year=year).first()
        if existing:
            by_title[title] = existing
            continue
        people = _demo_people(region, agency)
        launch = datetime.date(year - 1, (n % 12) + 1, 1)
        innovation = services.innovation_create(
            agency=agency,
            year=year,
            by=people.staff,
            title=title,
            innovator_kind="team",
            innovator_names=f"Tim Inovasi {agency.name}",
            innovator_decree=f"SK Kepala {agency.name} No. 800/{100 + n}/{year - 1}",
            innovator_decree_date=launch - datetime.timedelta(days=120),
            contact_name=people.staff.display_name,
            contact_phone="0911-35" + f"{n:04d}",
            bentuk=cat[("bentuk", bentuk)],
            jenis=cat[("jenis", jenis)],
            tahapan=cat[("tahapan", "penerapan")],
            inisiator=cat[("inisiator", "perangkat-daerah" if n % 3 else "asn")],
            urusan=urusan[urusan_name],
            sdgs=[cat[("sdg", f"sdg-{s}")] for s in sdgs],
            trial_date=launch - datetime.timedelta(days=90),
            launch_date=launch,
            summary=f"{title} mendekatkan layanan kepada warga Kota Ambon dan memangkas waktu tunggu.",
            problem="Sebelumnya warga harus datang berkali-kali ke kantor dan menunggu lama untuk dilayani.",
            novelty="Layanan didatangkan ke warga dan dipantau setiap minggu oleh pimpinan unit.",
            design=design_text(title),
            aims="Mempercepat layanan dan menjangkau warga yang jauh.",
            benefits="Waktu layanan turun dan jumlah warga yang terlayani naik.",
            results="Sebelum: rata-rata 5 hari kerja. Sesudah: 1 hari kerja. Warga terlayani naik 40 persen.",
            resources="APBD unit kerja, 6 petugas, satu kendaraan operasional.",
            sustainability="Ditetapkan dengan SK dan SOP; anggaran masuk rencana kerja tahunan.",
            replicability="Dapat diterapkan di kecamatan dan negeri lain dengan biaya kecil.",
            beneficiaries=250 * n,
            replication_of=by_title.get(replicates) if replicates else None,
        )
        services.evidence_add(
            innovation=innovation,
            by=people.staff,
            name=f"sk-tim-inovasi-{n}.pdf",
            data=tiny_pdf(f"SK Tim Inovasi - {title}"),
            kind="decree",
            caption="SK Tim Inovasi",
        )
        services.evidence_add(
            innovation=innovation,
            by=people.staff,
            name=f"foto-layanan-{n}.png",
            data=tiny_png(n),
            kind="photo",
            caption="Foto kegiatan layanan",
        )
        _walk(innovation, state, people)
        if (agency.code, year) != LATE_ENTRY:
            _backdate(innovation, start=timezone.make_aware(datetime.datetime(year, 2, 1 + n % 20, 9, 0)))
        by_title[title] = innovation
        created += 1
    _seed_history(by_title, region)
    seed_catalogue(region, by_title, lambda agency: _demo_people(region, agency))
    return created


def _seed_history(by_title: dict[str, Innovation], region: Region) -> None:
    """One innovation that kept running into the next years, and one that stopped."""
    # The objects in `by_title` may hold the state they were created in: the workflow moves a locked copy.
    for innovation in by_title.values():
        innovation.refresh_from_db(fields=["state", "running"])
    running = by_title.get("SIAGA Ibu Hamil: pendampingan ibu hamil risiko tinggi lewat WhatsApp")
    if running is not None and not running.continuations.exists() and running.state == "accepted":
        people = _demo_people(region, running.agency)
        follow_up = services.innovation_continue(innovation=running, by=people.staff)
        _walk(follow_up, "accepted", people)
    stopped = by_title.get("Guru Kunjung Pulau")
    if stopped is not None and stopped.running == Innovation.Running.RUNNING and stopped.state == "accepted":
        people = _demo_people(region, stopped.agency)
        services.innovation_stop(
            innovation=stopped,
            by=people.staff,
            reason="Kapal operasional rusak dan belum ada anggaran pengganti pada tahun berjalan.",
        )

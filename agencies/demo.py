"""The demo organisation chart: a real city (Kota Ambon by default) with its kecamatan, kelurahan, desa and
negeri from the Kemendagri codes, a realistic set of perangkat daerah, puskesmas and schools, and one demo
user per role. Idempotent: what exists (by code) is left as it is.

People's names here are invented.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, AgencyType, Region, RoleAssignment, User
from agencies.regions import CITIES_FILE, load_regions, read_rows
from agencies.services import agency_create, role_assign

DEFAULT_REGION = "81.71"
SUPPORTED_REGIONS = {"81.71": "ambon", "71.72": "bitung", "82.72": "tidore"}

# Kota Ambon is the only city with all three village kinds: 20 kelurahan, 8 desa and 22 negeri (customary
# villages headed by a raja). The Kemendagri code only says kelurahan (1xxx) or desa (2xxx); which desa
# codes are negeri comes from the city's own regulations (Perda Kota Ambon 3/2008 and 8/2017).
AMBON_NEGERI = {
    "81.71.01.2001",
    "81.71.01.2002",
    "81.71.01.2003",
    "81.71.01.2004",
    "81.71.01.2005",  # Nusaniwe
    "81.71.02.2003",
    "81.71.02.2009",  # Batu Merah, Soya
    "81.71.03.2001",
    "81.71.03.2002",
    "81.71.03.2005",  # Passo, Halong, Nania
    "81.71.04.2003",
    "81.71.04.2005",
    "81.71.04.2006",
    "81.71.04.2007",  # Rumah Tiga, Tawiri, Hative Besar, Laha
    "81.71.05.2001",
    "81.71.05.2002",
    "81.71.05.2003",
    "81.71.05.2004",  # Leitimur Selatan
    "81.71.05.2005",
    "81.71.05.2006",
    "81.71.05.2007",
    "81.71.05.2008",
}

# code, name, type, parent code
PERANGKAT_DAERAH = [
    ("SETDA", "Sekretariat Daerah", "sekretariat-daerah", "PEMDA"),
    ("ORGANISASI", "Bagian Organisasi Sekretariat Daerah", "bagian", "SETDA"),
    ("SETWAN", "Sekretariat DPRD", "sekretariat-dprd", "PEMDA"),
    ("INSPEKTORAT", "Inspektorat", "inspektorat", "PEMDA"),
    ("BAPPEDALITBANG", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "badan", "PEMDA"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "badan", "PEMDA"),
    ("BAPENDA", "Badan Pendapatan Daerah", "badan", "PEMDA"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan", "PEMDA"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan", "PEMDA"),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "badan", "PEMDA"),
    ("DINDIKBUD", "Dinas Pendidikan dan Kebudayaan", "dinas", "PEMDA"),
    ("DINKES", "Dinas Kesehatan", "dinas", "PEMDA"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "dinas", "PEMDA"),
    ("DPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "dinas", "PEMDA"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "dinas", "PEMDA"),
    ("DAMKAR", "Dinas Pemadam Kebakaran", "dinas", "PEMDA"),
    ("DINSOS", "Dinas Sosial", "dinas", "PEMDA"),
    ("DISNAKER", "Dinas Tenaga Kerja", "dinas", "PEMDA"),
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "dinas", "PEMDA"),
    ("DP2KB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "dinas", "PEMDA"),
    ("DKP", "Dinas Ketahanan Pangan", "dinas", "PEMDA"),
    ("DLHP", "Dinas Lingkungan Hidup dan Persampahan", "dinas", "PEMDA"),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "dinas", "PEMDA"),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "dinas", "PEMDA"),
    ("DISHUB", "Dinas Perhubungan", "dinas", "PEMDA"),
    ("DISKOMINFO", "Dinas Komunikasi, Informatika dan Persandian", "dinas", "PEMDA"),
    ("DISKOPUKM", "Dinas Koperasi dan Usaha Kecil Menengah", "dinas", "PEMDA"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas", "PEMDA"),
    ("DISPORA", "Dinas Kepemudaan dan Olahraga", "dinas", "PEMDA"),
    ("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "dinas", "PEMDA"),
    ("DISPAR", "Dinas Pariwisata", "dinas", "PEMDA"),
    ("DISKAN", "Dinas Perikanan", "dinas", "PEMDA"),
    ("DISTAN", "Dinas Pertanian", "dinas", "PEMDA"),
    ("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "dinas", "PEMDA"),
    ("RSUD", "RSUD {city}", "rsud", "DINKES"),
    ("UPTD-LABKESDA", "UPTD Laboratorium Kesehatan Daerah", "uptd", "DINKES"),
    ("UPTD-PASAR", "UPTD Pengelolaan Pasar", "uptd", "DISPERINDAG"),
    ("PERUMDA-AIR", "Perumda Air Minum {city}", "bumd", "PEMDA"),
]

AMBON_PUSKESMAS = [
    "Rijali",
    "Waihaong",
    "Air Salobar",
    "Benteng",
    "Nusaniwe",
    "Latuhalat",
    "Urimessing",
    "Karang Panjang",
    "Belakang Soya",
    "Kayu Putih",
    "Hative Kecil",
    "Air Besar",
    "Passo",
    "Lateri",
    "Tawiri",
    "Poka",
    "Rumah Tiga",
    "Kilang",
    "Hutumury",
    "Ch. M. Tiahahu",
    "Halong",
]
SCHOOLS = [
    "SD Negeri 1 {city}",
    "SD Negeri 2 {city}",
    "SD Negeri 50 {city}",
    "SMP Negeri 1 {city}",
    "SMP Negeri 4 {city}",
    "SMP Negeri 9 {city}",
    "SMP Negeri 14 {city}",
]

FIRST_NAMES = [
    "Agustina",
    "Yusuf",
    "Ronald",
    "Fransiska",
    "Hasan",
    "Merry",
    "Abdul",
    "Johanis",
    "Sitti",
    "Benny",
    "Nurlela",
    "Jacob",
    "Maria",
    "Rizal",
    "Elsye",
    "Hendrik",
    "Saleha",
    "Max",
    "Ludia",
    "Ismail",
]
FAMILY_NAMES = [
    "Pelupessy",
    "Latuconsina",
    "Tuasikal",
    "Matulessy",
    "Siahaya",
    "Manuhutu",
    "Tupamahu",
    "Huwae",
    "Lewaherilla",
    "Sahetapy",
    "Wattimena",
    "Nikijuluw",
    "Ririmasse",
    "Pattiasina",
    "Tahitu",
    "Soselisa",
    "Ohorella",
    "Leiwakabessy",
    "Rumra",
    "Talakua",
]


def invented_name(n: int) -> str:
    return f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {FAMILY_NAMES[(n * 7 + 3) % len(FAMILY_NAMES)]}"


HEAD_TITLES = {
    "kecamatan": "Camat {name}",
    "kelurahan": "Lurah {name}",
    "desa": "Kepala Desa {name}",
    "negeri": "Raja Negeri {name}",
    "puskesmas": "Kepala Puskesmas {name}",
    "sekolah": "Kepala Sekolah",
}


@dataclass
class DemoResult:
    region: Region
    agencies_created: int = 0
    users_created: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, region: Region) -> None:
        self.region = region
        self.types = {t.slug: t for t in AgencyType.objects.all()}
        self.by_code = {a.code: a for a in Agency.objects.filter(region=region)}
        self.created = 0
        self.counter = len(self.by_code)

    def agency(self, code: str, name: str, type_slug: str, parent_code: str | None, **extra: Any) -> Agency:
        if code in self.by_code:
            return self.by_code[code]
        self.counter += 1
        head_title = HEAD_TITLES.get(type_slug, "Kepala {name}").format(name=extra.pop("short_name", name))
        agency = agency_create(
            by=None,
            region=self.region,
            type=self.types[type_slug],
            parent=self.by_code.get(parent_code) if parent_code else None,
            code=code,
            name=name,
            head_name=invented_name(self.counter),
            head_title=head_title,
            **extra,
        )
        self.by_code[code] = agency
        self.created += 1
        return agency


def demo_username(region: Region, name: str) -> str:
    """The demo account `name` of `region`: as it is for the default city (the README's logins), with the city
    after a dot for any other ("walikota.bitung"), so that a second city's demo never gives the first city's
    people roles there."""
    if region.code == DEFAULT_REGION:
        return name
    return f"{name}.{SUPPORTED_REGIONS.get(region.code, region.code.replace('.', ''))}"


def _city_short_name(region: Region) -> str:
    return region.name.removeprefix("Kota ").removeprefix("Kabupaten ")


@transaction.atomic
def seed_org_chart(region_code: str = DEFAULT_REGION) -> DemoResult:
    if region_code not in SUPPORTED_REGIONS:
        raise ValueError(f"No demo data for region {region_code}; choose one of {', '.join(SUPPORTED_REGIONS)}")
    load_regions(codes={region_code})
    region = Region.objects.get(code=region_code)
    city = _city_short_name(region)
    b = _Builder(region)
    b.agency("PEMDA", f"Pemerintah {region.name}", "pemda", None, kemendagri_code=region_code)
    for code, name, type_slug, parent in PERANGKAT_DAERAH:
        b.agency(code, name.format(city=city), type_slug, parent, short_name=name.format(city=city))

    rows = [r for r in read_rows(CITIES_FILE) if r["kode"].startswith(region_code + ".")]
    for row in rows:
        code, name = row["kode"], row["nama"]
        if row["tingkat"] == "kecamatan":
            b.agency(code, f"Kecamatan {name}", "kecamatan", "PEMDA", kemendagri_code=code, short_name=name)
        elif row["tingkat"] == "desa_kelurahan":
            kind = "kelurahan" if code.split(".")[3].startswith("1") else "desa"
            if code in AMBON_NEGERI:
                kind = "negeri"
            label = kind.capitalize()
            b.agency(code, f"{label} {name}", kind, code.rsplit(".", 1)[0], kemendagri_code=code, short_name=name)

    kecamatan_names = [r["nama"] for r in rows if r["tingkat"] == "kecamatan"]
    puskesmas = AMBON_PUSKESMAS if region_code == "81.71" else kecamatan_names
    for i, name in enumerate(puskesmas, start=1):
        b.agency(f"PKM-{i:02d}", f"Puskesmas {name}", "puskesmas", "DINKES", short_name=name)
    for i, name in enumerate(SCHOOLS, start=1):
        b.agency(f"SEKOLAH-{i:02d}", name.format(city=city), "sekolah", "DINDIKBUD")

    result = DemoResult(region=region, agencies_created=b.created)
    _seed_users(result, b, kecamatan_names)
    return result


def _user(result: DemoResult, username: str, full_name: str, email: str, password: str, **flags: bool) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "email": email, **flags}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        result.users_created.append(username)
    return user


def _seed_users(result: DemoResult, b: _Builder, kecamatan_names: list[str]) -> None:
    from django.conf import settings

    password = settings.DEMO_PASSWORD
    region = result.region
    city = _city_short_name(region).lower().replace(" ", "")
    R = RoleAssignment.Role
    # The default city's administrator is the site's superuser; another city's is an administrator of that city.
    main = region.code == DEFAULT_REGION
    admin = _user(
        result,
        demo_username(region, "admin"),
        "Administrator Sistem",
        f"admin@{city}.go.id",
        password,
        is_staff=main,
        is_superuser=main,
    )
    role_assign(user=admin, role=R.ADMIN, region_id=region.pk, title="Administrator")

    walikota = _user(
        result, demo_username(region, "walikota"), "Bagian Organisasi Setda", f"organisasi@{city}.go.id", password
    )
    role_assign(
        user=walikota,
        role=R.REVIEWER,
        region_id=region.pk,
        agency=b.by_code["ORGANISASI"],
        title="Analis Kelembagaan, Bagian Organisasi",
    )

    dinkes = b.by_code["DINKES"]
    kadinkes = _user(result, demo_username(region, "kadinkes"), dinkes.head_name, f"kadinkes@{city}.go.id", password)
    # The heads have held their posts for years, so the league of heads shows them for whole years.
    since = datetime.date(timezone.localdate().year - 2, 1, 1)
    role_assign(
        user=kadinkes,
        role=R.HEAD,
        region_id=region.pk,
        agency=dinkes,
        title="Kepala Dinas Kesehatan",
        active_from=since,
    )
    staf = _user(
        result, demo_username(region, "staf.dinkes"), "Operator Dinas Kesehatan", f"dinkes@{city}.go.id", password
    )
    role_assign(user=staf, role=R.STAFF, region_id=region.pk, agency=dinkes, title="Operator Inovasi")

    camat_kecamatan = "Sirimau" if "Sirimau" in kecamatan_names else kecamatan_names[0]
    kecamatan = Agency.objects.get(region=region, type__slug="kecamatan", name=f"Kecamatan {camat_kecamatan}")
    camat = _user(
        result,
        demo_username(region, f"camat.{camat_kecamatan.lower().replace(' ', '')}"),
        kecamatan.head_name,
        f"kec.{camat_kecamatan.lower().replace(' ', '')}@{city}.go.id",
        password,
    )
    role_assign(
        user=camat, role=R.HEAD, region_id=region.pk, agency=kecamatan, title=kecamatan.head_title, active_from=since
    )

    juri1 = _user(result, demo_username(region, "juri1"), "Dr. Marlen Rahanra", "juri1@unpatti.ac.id", password)
    role_assign(user=juri1, role=R.EVALUATOR, region_id=region.pk, title="Akademisi, Universitas Pattimura")
    juri2 = _user(result, demo_username(region, "juri2"), "Ratna Kusumawati", "juri2@menpan.go.id", password)
    role_assign(user=juri2, role=R.EVALUATOR, region_id=region.pk, title="Kementerian PANRB")

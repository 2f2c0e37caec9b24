"""Services and standards as they are stored. `COMPLETE` is a standard with every one of the 14 components of
PermenPAN-RB 15/2014 written, as a unit would write it for the birth certificate."""

import factory
from factory.django import DjangoModelFactory

from compliance.standards.models import Regulation, Service, Standard, State
from tests.agencies.factories import AgencyFactory

COMPLETE = {
    "persyaratan": ["Surat keterangan lahir dari bidan atau rumah sakit", "Kartu Keluarga", "KTP kedua orang tua"],
    "prosedur": ["Pemohon menyerahkan berkas di loket", "Petugas memeriksa berkas", "Akta dicetak dan diserahkan"],
    "jangka-waktu": {"amount": 1, "unit": "workdays"},
    "biaya": {"free": True, "amount": 0, "basis": "Pasal 79A UU 24/2013"},
    "produk": "Akta kelahiran",
    "pengaduan": [{"channel": "WhatsApp", "contact": "0811-0000-1111"}, {"channel": "Kotak saran", "contact": ""}],
    "dasar-hukum": ["UU 24/2013 tentang Administrasi Kependudukan", "Perpres 96/2018"],
    "sarana": "Ruang tunggu ber-AC, kursi roda, loket prioritas",
    "kompetensi": "Berpendidikan minimal SMA dan terlatih SIAK",
    "pengawasan": "Kepala bidang memeriksa register harian",
    "jumlah-pelaksana": "4 orang",
    "jaminan-pelayanan": "Akta selesai dalam satu hari kerja",
    "jaminan-keamanan": "Data pemohon dijaga kerahasiaannya",
    "evaluasi-kinerja": "Evaluasi bulanan oleh kepala dinas",
}


def regulation() -> Regulation:
    return Regulation.objects.get(slug="permenpanrb-15-2014")


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Layanan {n}")
    slug = factory.Sequence(lambda n: f"layanan-{n}")


class StandardFactory(DjangoModelFactory):
    """A version in the state asked for, with every component written (dates and SK where the state has them)."""

    class Meta:
        model = Standard

    service = factory.SubFactory(ServiceFactory)
    version = 1
    regulation = factory.LazyFunction(regulation)
    state = State.DRAFT
    components = factory.LazyFunction(lambda: dict(COMPLETE))

"""The catalogue file (all rows or none), the portal export through a real Celery worker, and the reminders
before the national window (once per item and milestone)."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from compliance.iid import reminders, services
from compliance.iid.models import Catalogue, Indicator
from compliance.iid.tasks import run_portal_export
from core.models import ImportBatch, Notification
from tests.compliance.iid.factories import answer
from tests.conftest import client_for
from tests.innovations.test_notifications import wait_for

HEADER = "nomor,aspek,variabel,nama,bobot,wajib,parameter_1,parameter_2,parameter_3,bukti"
GOOD = [
    "1,spd,Institusi,Visi misi inovasi,2,tidak,Misi,Visi dan misi,Program prioritas,RPJMD",
    "16,sid,Infrastruktur,Regulasi inovasi,3,ya,SK,Perkada,Perda,Halaman regulasi",
]


def _upload(client, lines, year=2027):
    body = "\n".join([HEADER, *lines]) + "\n"
    return client.post(
        "/compliance/iid/catalogue/import/",
        {"year": year, "file": SimpleUploadedFile("katalog.csv", body.encode(), content_type="text/csv")},
    )


@pytest.mark.django_db
def test_a_missing_weight_or_a_repeated_number_saves_nothing(people):
    client = client_for(people["admin"])
    bad = [GOOD[0], "16,sid,Infrastruktur,Regulasi inovasi,,ya,SK,Perkada,Perda,", GOOD[0].replace("Visi misi", "Lagi")]

    response = _upload(client, bad)
    batch = ImportBatch.objects.get()
    page = client.get(response.url)

    assert (response.status_code, batch.status) == (302, "invalid")
    assert batch.errors == [
        {"row": 3, "column": "weight", "message": "Bobot belum diisi."},
        {"row": 4, "column": "number", "message": "Indikator 1 sudah ada di baris 2."},
    ]
    assert client.post(response.url).status_code == 400
    assert not Catalogue.objects.filter(year=2027).exists()
    assert "Baris 3, kolom bobot (weight): Bobot belum diisi." in page.content.decode()


@pytest.mark.django_db
def test_a_good_file_makes_the_year_with_the_latest_bands(people):
    client = client_for(people["admin"])

    preview = _upload(client, GOOD)
    saved = client.post(preview.url)

    catalogue = Catalogue.objects.get(year=2027)
    assert (saved.status_code, saved.url) == (302, "/compliance/iid/catalogue/?year=2027")
    assert list(catalogue.indicators.values_list("number", "aspect", "weight", "mandatory", "provisional")) == [
        (1, "spd", Decimal("2.00"), False, False),
        (16, "sid", Decimal("3.00"), True, False),
    ]
    assert list(catalogue.bands.values_list("predicate", "lower")) == [
        ("sangat_inovatif", Decimal("65.01")),
        ("inovatif", Decimal("40.01")),
        ("kurang_inovatif", Decimal("0.01")),
        ("tidak_dapat_dinilai", Decimal("0.00")),
    ]


@pytest.mark.django_db
def test_an_answered_indicator_cannot_be_dropped_by_a_file(people, accepted):
    answer(by=people["staff"], innovation=accepted, number=17, parameter=1, year=2026)
    client = client_for(people["admin"])

    saved = client.post(_upload(client, GOOD, year=2026).url)

    assert saved.status_code == 400
    assert "Indikator 17 sudah memiliki jawaban dan harus tetap ada di berkas." in saved.content.decode()
    assert Indicator.objects.filter(catalogue__year=2026).count() == 35


def test_portal_export_through_the_worker(people, region, accepted, verifier, worker):
    video = answer(by=people["staff"], innovation=accepted, number=35, parameter=3, year=2026)
    answer(
        by=people["staff"],
        innovation=accepted,
        number=16,
        parameter=1,
        year=2026,
        evidence=False,
        evidence_url="https://ambonkota.go.id/perwali-12",
    )
    answer(by=people["reviewer"], region=region, number=8, parameter=3, year=2026)
    services.answer_accept(answer=video, by=verifier)
    client = client_for(people["reviewer"])

    started = client.post("/compliance/iid/export/", {"region": region.pk, "year": 2026})
    token = started.url.split("/")[-2]
    assert wait_for(lambda: client.get(f"/compliance/iid/export/{token}/status/").json()["finished"])
    workbook = client.get(f"/compliance/iid/export/{token}/xlsx/")
    archive = client.get(f"/compliance/iid/export/{token}/zip/")

    book = load_workbook(io.BytesIO(b"".join(workbook.streaming_content)))
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert book.sheetnames == ["Daerah (SPD)", "Inovasi", "Indikator inovasi (SID)", "Nilai"]
    assert [c.value for c in book["Daerah (SPD)"][9]] == [
        8,
        "Opini BPK atas LKPD",
        3,
        "Wajar tanpa pengecualian berturut-turut",
        6,
        "SPD-08 opini-bpk-atas-lkpd.pdf",
        None,
        "Menunggu verifikasi",
    ]
    assert [c.value for c in book["Indikator inovasi (SID)"][2]][2:] == [
        16,
        "Regulasi inovasi daerah",
        1,
        "SK kepala daerah atau kepala perangkat daerah",
        3,
        None,
        "https://ambonkota.go.id/perwali-12",
        "Menunggu verifikasi",
    ]
    assert sorted(names) == [f"SID-35 sehat-keliling-{accepted.pk}.pdf", "SPD-08 opini-bpk-atas-lkpd.pdf"]
    assert run_portal_export.delay(job_id=0).get(timeout=30) == "vanished"


@pytest.mark.django_db
def test_reminders_once_per_item_and_milestone(people, accepted, region):
    Catalogue.objects.filter(year=2026).update(
        window_opens=datetime.date(2026, 6, 20), window_closes=datetime.date(2026, 8, 23), reminder_days=[30, 14]
    )
    answer(by=people["staff"], innovation=accepted, number=16, parameter=1, year=2026)

    first = reminders.send_reminders(today=datetime.date(2026, 5, 21))  # 30 days ahead
    again = reminders.send_reminders(today=datetime.date(2026, 5, 22))
    later = reminders.send_reminders(today=datetime.date(2026, 6, 6))  # 14 days ahead

    assert (first, again, later) == (3, 0, 3)
    assert sorted(Notification.objects.filter(kind="iid.reminder").values_list("user__username", "key")) == sorted(
        [
            ("kadinkes", f"iid.reminder:2026:30:innovation:{accepted.pk}"),
            ("staf.dinkes", f"iid.reminder:2026:30:innovation:{accepted.pk}"),
            ("walikota", f"iid.reminder:2026:30:region:{region.pk}"),
            ("kadinkes", f"iid.reminder:2026:14:innovation:{accepted.pk}"),
            ("staf.dinkes", f"iid.reminder:2026:14:innovation:{accepted.pk}"),
            ("walikota", f"iid.reminder:2026:14:region:{region.pk}"),
        ]
    )

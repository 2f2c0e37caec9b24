"""The standards pages: who may open what (another agency 404, read-only 403), the draft's form keeps what was
typed, the register's download and query counts, and the public pages that never show a draft or personal data."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from compliance.standards import services
from compliance.standards.models import StandardComment
from innovations.demo import tiny_pdf
from tests.compliance.standards.conftest import TODAY
from tests.compliance.standards.factories import COMPLETE
from tests.conftest import client_for
from tests.reports.exporting import csv_rows


def public(service, name="service", **kwargs):
    agency = service.agency
    return reverse(f"standards-public:{name}", args=[agency.region.code, agency.code, service.slug])


@pytest.mark.parametrize(
    ("who", "listing", "unit", "detail", "edit", "decree", "compare", "maklumat"),
    [
        ("reviewer", 200, 200, 200, 403, 200, 200, 403),
        ("admin", 200, 200, 200, 403, 200, 200, 403),
        ("head", 200, 200, 200, 200, 200, 200, 200),
        ("staff", 200, 200, 200, 200, 200, 200, 200),
        ("other_staff", 200, 404, 404, 404, 404, 404, 404),
        ("camat", 200, 404, 404, 404, 404, 404, 404),
        ("evaluator", 200, 404, 404, 404, 404, 404, 404),
        ("outsider", 200, 404, 404, 404, 404, 404, 404),
        (None, 302, 302, 302, 302, 302, 302, 302),
    ],
)
def test_permission_matrix(published, chart, people, who, listing, unit, detail, edit, decree, compare, maklumat):
    other = services.service_create(agency=chart["dinkes"], name="Izin apotek", by=people["staff"])
    client = client_for(people.get(who))
    service = published.service

    assert client.get(reverse("compliance:services")).status_code == listing
    assert client.get(reverse("compliance:agency-services", args=[chart["dinkes"].pk])).status_code == unit
    assert client.get(reverse("compliance:service", args=[service.pk])).status_code == detail
    assert client.get(reverse("compliance:standard-edit", args=[other.standards.get().pk])).status_code == edit
    assert client.get(reverse("compliance:standard-decree", args=[published.pk])).status_code == decree
    assert client.get(reverse("compliance:service-compare", args=[service.pk])).status_code == compare
    assert client.get(reverse("compliance:maklumat", args=[chart["dinkes"].pk])).status_code == maklumat


def test_reviewer_cannot_decree_through_the_page(in_consultation, people):
    response = client_for(people["reviewer"]).post(
        reverse("compliance:service", args=[in_consultation.service_id]),
        {"action": "decree", "sk_number": "1", "sk_date": "2026-03-02", "sk_file": io.BytesIO(tiny_pdf("x"))},
    )
    assert response.status_code == 403


def test_draft_form_keeps_everything_typed_when_the_dates_are_wrong(draft, people):
    data = {
        "c_persyaratan": "KTP\nKK",
        "c_produk": "Surat keterangan sehat",
        "c_jangka-waktu": "2",
        "c_jangka-waktu_unit": "hours",
        "consultation_from": "2026-03-10",
        "consultation_until": "2026-03-01",
        "consult": "1",
    }
    response = client_for(people["staff"]).post(reverse("compliance:standard-edit", args=[draft.pk]), data)

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"consultation_until": ["Konsultasi harus berakhir pada atau setelah hari pertamanya."]}
    assert (form["c_persyaratan"].value(), form["c_produk"].value(), form["c_jangka-waktu"].value()) == (
        "KTP\nKK",
        "Surat keterangan sehat",
        "2",
    )
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_decree_missing_a_component_is_refused_on_the_page_by_name(draft, people):
    services.standard_save(
        standard=draft, components={k: v for k, v in COMPLETE.items() if k != "produk"}, by=people["staff"]
    )
    services.standard_consult(standard=draft, by=people["staff"], starts=TODAY, ends=TODAY)
    upload = io.BytesIO(tiny_pdf("SK"))
    upload.name = "sk.pdf"

    response = client_for(people["head"]).post(
        reverse("compliance:service", args=[draft.service_id]),
        {"action": "decree", "sk_number": "800/1", "sk_date": "2026-03-02", "sk_file": upload},
    )

    assert response.status_code == 400
    assert response.context["decree_form"].non_field_errors() == ["Komponen ini belum ditulis: Produk pelayanan."]
    assert response.context["decree_form"]["sk_number"].value() == "800/1"


def test_register_query_count_does_not_grow(chart, people, flat_queries):
    def two_more():
        for name in ("Dua", "Tiga"):
            services.service_create(agency=chart["disdik"], name=name, by=people["other_staff"])

    services.service_create(agency=chart["dinkes"], name="Satu", by=people["staff"])
    response = flat_queries(client_for(people["reviewer"]), reverse("compliance:services"), 8, two_more)

    assert [s.name for s in response.context["page"]] == ["Satu", "Dua", "Tiga"]


def test_register_downloads_as_csv(published, chart, people):
    services.service_create(agency=chart["disdik"], name="Mutasi siswa", by=people["other_staff"])

    response = client_for(people["reviewer"]).get(reverse("compliance:services"), {"export": "csv"})

    assert csv_rows(response) == [
        [
            "Wilayah",
            "Kode instansi",
            "Instansi",
            "Kode layanan",
            "Layanan",
            "Versi yang berlaku",
            "Diterbitkan pada",
            "Jatuh tempo tinjauan",
            "Status versi yang berlaku",
            "Versi yang disiapkan",
            "Status versi yang disiapkan",
        ],
        ["Kota Ambon", "DINDIK", "Dinas Pendidikan", "mutasi-siswa", "Mutasi siswa", "", "", "", "", "1", "Draf"],
        [
            "Kota Ambon",
            "DINKES",
            "Dinas Kesehatan",
            "surat-keterangan-sehat",
            "Surat keterangan sehat",
            "1",
            "2026-03-02",
            "2027-03-02",
            "Diterbitkan",
            "",
            "",
        ],
    ]


# --- public pages -----------------------------------------------------------------------------------------------


def test_public_pages_never_show_a_draft(draft, client):
    assert client.get(public(draft.service)).status_code == 404
    html = client.get(reverse("standards-public:unit", args=["81.71", "DINKES"])).content.decode()
    assert "Surat keterangan sehat" not in html
    assert "Belum ada standar pelayanan yang diterbitkan." in html


def test_public_consultation_takes_a_comment_and_never_shows_who_wrote_it(in_consultation, client):
    page = client.get(public(in_consultation.service))
    assert page.status_code == 200
    assert "Akta kelahiran" in page.content.decode()

    response = client.post(
        public(in_consultation.service),
        {"text": "Tolong tambah loket lansia", "name": "Ani Wijaya", "contact": "0812-3456-7890", "website": ""},
        follow=True,
    )

    html = response.content.decode()
    assert "Terima kasih: komentar Anda sudah kami terima." in html
    assert "Ani Wijaya" not in html and "0812-3456-7890" not in html and "Tolong tambah loket" not in html
    assert list(StandardComment.objects.values_list("text", "public_name", "public_contact")) == [
        ("Tolong tambah loket lansia", "Ani Wijaya", "0812-3456-7890")
    ]


def test_public_comment_honeypot_keeps_nothing_and_the_rate_limit_stops_a_flood(in_consultation, client):
    url = public(in_consultation.service)
    client.post(url, {"text": "spam", "website": "http://spam.example"})
    assert StandardComment.objects.count() == 0

    statuses = [client.post(url, {"text": f"komentar {i}"}).status_code for i in range(6)]

    assert statuses == [302, 302, 302, 302, 302, 429]
    assert StandardComment.objects.count() == 5


def test_public_page_shows_the_published_standard_and_no_personal_data(published, people, chart, client):
    agency = chart["dinkes"]
    agency.phone, agency.email, agency.head_name = "0911-123", "kadis@example.org", "dr. Kepala"
    agency.save()
    html = client.get(public(published.service)).content.decode()

    assert "Versi 1, ditetapkan dengan keputusan 800/12/DINKES/2026" in html
    assert all(name in html for name in ("Persyaratan", "Evaluasi kinerja pelaksana", "0811-0000-1111"))
    assert "kadis@example.org" not in html and "0911-123" not in html
    assert people["staff"].display_name not in html and people["head"].display_name not in html


@pytest.mark.parametrize(("name", "size"), [("poster-a4", (595, 842)), ("poster-a3", (842, 1191))])
def test_poster_is_a_pdf_of_the_page_size_with_every_component(published, client, name, size):
    response = client.get(public(published.service, name))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for label in ("1. Persyaratan", "6. Penanganan pengaduan, saran dan masukan", "14. Evaluasi kinerja pelaksana"):
        assert label in text
    assert "Akta kelahiran" in text


def test_poster_of_a_service_without_a_published_standard_is_404(in_consultation, client):
    assert client.get(public(in_consultation.service, "poster-a4")).status_code == 404


def test_public_unit_page_query_count_does_not_grow(published, chart, people, client, flat_queries):
    def two_in_consultation():
        for name in ("Izin apotek", "Izin klinik"):
            other = services.service_create(agency=chart["dinkes"], name=name, by=people["staff"])
            draft = other.standards.get()
            services.standard_save(standard=draft, components=dict(COMPLETE), by=people["staff"])
            services.standard_consult(standard=draft, by=people["staff"], starts=TODAY, ends=TODAY)

    # 4: the agency, its services with their versions' ids, those versions, the maklumat
    url = reverse("standards-public:unit", args=["81.71", "DINKES"])
    response = flat_queries(client, url, 4, two_in_consultation)

    assert [s.name for s in response.context["services"]] == ["Izin apotek", "Izin klinik", "Surat keterangan sehat"]


def test_consultation_closes_after_its_last_day(in_consultation, client, settings):
    in_consultation.consultation_from = datetime.date(2026, 1, 1)
    in_consultation.consultation_until = datetime.date(2026, 1, 15)
    in_consultation.save()
    response = client.post(public(in_consultation.service), {"text": "terlambat"})
    assert response.status_code == 400
    assert StandardComment.objects.count() == 0

"""The service search of an assessment's note form: the services of its region's units only, for the mayor's
office only; the form still refuses a service from elsewhere."""

import datetime

import pytest
from django.urls import reverse

from agencies.models import Agency
from compliance.ombudsman.models import Finding
from tests.agencies.test_autocomplete import names
from tests.compliance.standards.factories import ServiceFactory
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered(chart, people, other_region):
    bitung = Agency.objects.get(region=other_region, code="DINKES")
    return {
        "imunisasi": ServiceFactory(agency=chart["dinkes"], name="Pelayanan Imunisasi"),
        "kia": ServiceFactory(agency=chart["pkm"], name="Pelayanan KIA"),
        "bitung": ServiceFactory(agency=bitung, name="Pelayanan KIA Bitung"),
    }


def test_search_permission_matrix_and_rows(assessment, offered, people):
    url = reverse("compliance:finding-service-autocomplete", args=[assessment.pk])

    statuses = {who: client_for(user).get(url).status_code for who, user in people.items()}
    found = names(client_for(people["reviewer"]).get(url, {"q": "pelayanan"}))

    assert statuses == {
        "admin": 200,
        "reviewer": 200,
        "head": 403,
        "staff": 404,
        "other_staff": 404,
        "camat": 404,
        "evaluator": 404,
        "outsider": 404,
    }
    assert found == ["Pelayanan Imunisasi — Dinas Kesehatan", "Pelayanan KIA — Puskesmas Rijali"]
    assert names(client_for(people["reviewer"]).get(url, {"q": "kia"})) == ["Pelayanan KIA — Puskesmas Rijali"]


@pytest.mark.parametrize("extra", [0, 2])
def test_search_query_count_does_not_grow(assessment, offered, people, chart, extra, django_assert_num_queries):
    for i in range(extra):
        ServiceFactory(agency=chart["disdik"], name=f"Pelayanan Sekolah {i}")
    client = client_for(people["reviewer"])
    url = reverse("compliance:finding-service-autocomplete", args=[assessment.pk])
    client.get(url)

    with django_assert_num_queries(6):
        assert len(names(client.get(url))) == 2 + extra


def test_note_form_lists_no_service_and_refuses_one_from_another_region(assessment, offered, people, chart):
    client = client_for(people["reviewer"])
    url = reverse("compliance:finding-create", args=[assessment.pk])
    data = {"text": "Papan maklumat", "responsible": chart["pkm"].pk, "due": "2026-12-31", "source_type": "report_card"}

    page = client.get(url).content.decode()
    refused = client.post(url, {**data, "service": offered["bitung"].pk})
    saved = client.post(url, {**data, "service": offered["kia"].pk})

    assert "Pelayanan KIA" not in page
    assert f'data-autocomplete-url="/compliance/ombudsman/{assessment.pk}/findings/services/"' in page
    assert refused.status_code == 400
    assert refused.context["form"].errors["service"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
    assert saved.status_code == 302
    assert list(Finding.objects.values_list("service__name", "due")) == [("Pelayanan KIA", datetime.date(2026, 12, 31))]

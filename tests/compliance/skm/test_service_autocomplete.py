"""The service search of the survey forms: the services of the units the person may enter a survey for."""

import pytest
from django.urls import reverse

from agencies.models import Agency
from compliance.skm import selectors
from compliance.skm.forms import SurveyTotalsForm
from tests.agencies.test_autocomplete import names
from tests.compliance.standards.factories import ServiceFactory
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = reverse("compliance:survey-service-autocomplete")


@pytest.fixture
def offered(chart, people, other_region):
    bitung = Agency.objects.get(region=other_region, code="DINKES")
    return {
        "imunisasi": ServiceFactory(agency=chart["dinkes"], name="Pelayanan Imunisasi"),
        "ijazah": ServiceFactory(agency=chart["disdik"], name="Legalisir Ijazah"),
        "bitung": ServiceFactory(agency=bitung, name="Pelayanan Imunisasi Bitung"),
    }


def test_each_person_finds_only_the_services_of_their_units(offered, people):
    found = {who: names(client_for(user).get(URL)) for who, user in people.items()}

    assert found == {
        "admin": ["Pelayanan Imunisasi — Dinas Kesehatan", "Legalisir Ijazah — Dinas Pendidikan"],
        "reviewer": ["Pelayanan Imunisasi — Dinas Kesehatan", "Legalisir Ijazah — Dinas Pendidikan"],
        "head": ["Pelayanan Imunisasi — Dinas Kesehatan"],
        "staff": ["Pelayanan Imunisasi — Dinas Kesehatan"],
        "other_staff": ["Legalisir Ijazah — Dinas Pendidikan"],
        "camat": [],
        "evaluator": [],
        "outsider": ["Pelayanan Imunisasi Bitung — Dinas Kesehatan Bitung"],
    }
    assert client_for(None).get(URL).status_code == 302


@pytest.mark.parametrize("extra", [0, 2])
def test_search_query_count_does_not_grow(offered, people, chart, extra, django_assert_num_queries):
    for i in range(extra):
        ServiceFactory(agency=chart["disdik"], name=f"Legalisir Rapor {i}")
    client = client_for(people["reviewer"])
    client.get(URL)

    with django_assert_num_queries(5):
        assert names(client.get(URL, {"q": "legalisir"}))[:1] == ["Legalisir Ijazah — Dinas Pendidikan"]


def test_survey_form_accepts_an_offered_service_and_refuses_a_foreign_one(offered, people, chart):
    units = selectors.recordable_units(people["staff"])

    def service_errors(service):
        form = SurveyTotalsForm({"agency": chart["dinkes"].pk, "service": service.pk}, agencies=units, elements=[])
        form.is_valid()
        return form.errors.get("service"), str(form["service"]).count("<option")

    assert service_errors(offered["imunisasi"]) == (None, 2)  # the empty choice and the chosen one
    assert service_errors(offered["bitung"]) == (
        ["Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."],
        1,
    )

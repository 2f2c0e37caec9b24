"""The agency's Ombudsman page (chart + table), entering and correcting an assessment."""

import json

import pytest
from django.urls import reverse

from compliance.ombudsman.models import Assessment, AssessmentCorrection
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reviewer", 200),
        ("admin", 200),
        ("head", 200),
        ("staff", 200),
        ("other_staff", 404),
        ("camat", 404),
        ("outsider", 404),
        (None, 302),
    ],
)
def test_agency_assessments_page_permission_matrix(people, chart, who, status):
    url = reverse("compliance:agency-assessments", args=[chart["dinkes"].pk])

    assert client_for(people.get(who)).get(url).status_code == status


@pytest.mark.parametrize(("who", "status"), [("reviewer", 200), ("head", 403), ("staff", 403), (None, 302)])
def test_entry_page_permission_matrix(people, who, status):
    assert client_for(people.get(who)).get(reverse("compliance:assessment-create")).status_code == status


def test_page_shows_the_years_as_chart_data_and_table(people, chart, record_assessment):
    record_assessment(chart["pemda"], 2014, "kepatuhan-2014", "655")
    record_assessment(chart["pemda"], 2023, "opini-2022", "88.00")

    response = client_for(people["reviewer"]).get(reverse("compliance:agency-assessments", args=[chart["pemda"].pk]))

    html = response.content.decode()
    data = json.loads(html.split('<script id="assessment-data" type="application/json">')[1].split("</script>")[0])
    assert data == [
        {
            "year": 2014,
            "score": 655.0,
            "percent": 65.5,
            "zone": "yellow",
            "grade": "",
            "dark": False,
            "method": "kepatuhan-2014",
        },
        {
            "year": 2023,
            "score": 88.0,
            "percent": 88.0,
            "zone": "green",
            "grade": "A",
            "dark": True,
            "method": "opini-2022",
        },
    ]
    assert [a.year for a in response.context["rows"]] == [2023, 2014]
    assert "Hijau tua" in html and 'id="assessment-table"' in html


@pytest.mark.parametrize("years", [1, 3])
def test_page_query_count_does_not_grow(people, chart, record_assessment, django_assert_num_queries, years):
    for offset in range(years):
        record_assessment(chart["pemda"], 2022 + offset, "opini-2022", "70")
    client = client_for(people["reviewer"])
    url = reverse("compliance:agency-assessments", args=[chart["pemda"].pk])
    client.get(url)

    # session, user, roles, agency, assessments with methods and sources, their dimension scores (one prefetch
    # since the dimensions are rows), their corrections, their improvement notes, grade-A bands, unread notifications
    with django_assert_num_queries(11):
        client.get(url)


def test_entering_a_contradicting_zone_keeps_what_was_typed_and_saves_nothing(chart, enter_assessment):
    response = enter_assessment(chart["pemda"], 2021, "kepatuhan-2021", "80,99", zone="green", note="rapor 2021")

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "zone": [
            "Zona Hijau bertentangan dengan tabel rentang nilai: nilai 80.99 menurut kepatuhan-2021 berada di zona Kuning."
        ]
    }
    assert 'value="80,99"' in response.content.decode()
    assert Assessment.objects.count() == 0


def test_entering_an_assessment_derives_zone_and_grade(people, chart, enter_assessment):
    response = enter_assessment(chart["dinkes"], 2024, "opini-2022", "77,99", published="2024-12-10")

    saved = Assessment.objects.get()
    assert response["Location"] == reverse("compliance:agency-assessments", args=[chart["dinkes"].pk])
    assert (str(saved.score), saved.zone, saved.grade, saved.created_by) == ("77.99", "yellow", "C", people["reviewer"])


def test_correcting_through_the_page_keeps_the_history(people, chart, record_assessment):
    assessment = record_assessment(chart["dinkes"], 2014, "kepatuhan-2014", "702")
    url = reverse("compliance:assessment-correct", args=[assessment.pk])

    refused = client_for(people["head"]).post(url, {"score": "802", "reason": "x"})  # sees it, may not change it
    hidden = client_for(people["other_staff"]).post(url, {"score": "802", "reason": "x"})
    client_for(people["reviewer"]).post(url, {"score": "802", "reason": "Salah salin dari rapor"})

    assessment.refresh_from_db()
    assert (refused.status_code, hidden.status_code) == (403, 404)
    assert (str(assessment.score), assessment.zone) == ("802.00", "green")
    assert AssessmentCorrection.objects.get().changes == {"score": ["702.00", "802.00"], "zone": ["yellow", "green"]}

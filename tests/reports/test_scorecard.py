"""The agency scorecard: who may open it, its figures against the database, its query count, and its PDF."""

import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from innovations.models import State
from reports import scorecard
from tests.agencies.factories import user_with_role
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def url(agency, pdf=False):
    return reverse("reports:scorecard-pdf" if pdf else "reports:scorecard", args=[agency.pk])


MATRIX = [
    ("reviewer", "dinkes", 200),
    ("admin", "dinkes", 200),
    ("head", "dinkes", 200),
    ("head", "pkm", 200),  # a unit under the head's agency
    ("head", "disdik", 404),
    ("staff", "dinkes", 200),
    ("staff", "pkm", 404),  # staff see their own agency only
    ("other_staff", "dinkes", 404),
    ("camat", "rijali", 200),
    ("camat", "dinkes", 404),
    ("evaluator", "dinkes", 404),
    ("outsider", "dinkes", 404),
    (None, "dinkes", 302),
]


@pytest.mark.parametrize(("who", "agency", "status"), MATRIX)
def test_scorecard_permission_matrix(people, chart, who, agency, status):
    assert client_for(people.get(who)).get(url(chart[agency])).status_code == status


@pytest.mark.parametrize(("who", "agency", "status"), MATRIX)
def test_scorecard_pdf_permission_matrix(people, chart, who, agency, status):
    assert client_for(people.get(who)).get(url(chart[agency], pdf=True)).status_code == status


def test_an_agency_of_another_region_is_404_even_for_the_mayors_office(people, chart):
    outsider_agency = people["outsider"].role_assignments.get().agency

    assert client_for(people["reviewer"]).get(url(outsider_agency)).status_code == 404


@pytest.fixture
def filled(people, chart, make_innovation, quota_status, record_assessment):
    """Dinas Kesehatan with three years of quota, four innovations in three states and two assessments."""
    quota_status(chart["dinkes"], 2024, "missed")
    quota_status(chart["dinkes"], 2025, "fulfilled", count=1)
    quota_status(chart["dinkes"], THIS_YEAR, "at_risk")
    quota_status(chart["disdik"], THIS_YEAR, "fulfilled", count=1)  # another agency: not on the page
    staff = people["staff"]
    innovations = {
        "posyandu": make_innovation(chart["dinkes"], staff, State.ACCEPTED, title="Posyandu Digital"),
        "klinik": make_innovation(chart["dinkes"], staff, State.SUBMITTED, title="Klinik Keliling"),
        "ambulans": make_innovation(chart["dinkes"], staff, year=THIS_YEAR, title="Ambulans Desa"),
        "lama": make_innovation(chart["dinkes"], staff, State.ACCEPTED, year=2024, title="Apotek Hidup"),
        # A unit under it: on its own scorecard, not on this one.
        "puskesmas": make_innovation(chart["pkm"], user_with_role("staff", agency=chart["pkm"]), title="Bukan Dinas"),
    }
    record_assessment(chart["dinkes"], 2021, "kepatuhan-2021", "55.10")
    record_assessment(chart["dinkes"], 2023, "opini-2022", "89.30")
    return innovations


def test_scorecard_figures_match_the_database(people, chart, filled):
    response = client_for(people["head"]).get(url(chart["dinkes"]))

    sections = {s.slug: s.context for s in response.context["sections"]}
    assert [s.slug for s in response.context["sections"]] == [
        "quota",
        "innovations",
        "assessments",
        "improvement_notes",
        "skm",
        "competition",
        "iid",
        "readiness",
    ]
    assert [(s.year, s.status, s.count) for s in sections["quota"]["statuses"]] == [
        (THIS_YEAR, "at_risk", 0),
        (2025, "fulfilled", 1),
        (2024, "missed", 0),
    ]
    assert sections["quota"]["missed_years"] == [2024]
    states = [s.value for s in State]
    assert [
        (row["year"], {s.value: n for s, n in row["cells"]}, row["total"]) for row in sections["innovations"]["matrix"]
    ] == [
        (THIS_YEAR, {**dict.fromkeys(states, 0), "draft": 1}, 1),
        (2025, {**dict.fromkeys(states, 0), "accepted": 1, "submitted": 1}, 2),
        (2024, {**dict.fromkeys(states, 0), "accepted": 1}, 1),
    ]
    assert [i.title for i in sections["innovations"]["innovations"]] == [
        "Ambulans Desa",
        "Klinik Keliling",
        "Posyandu Digital",
        "Apotek Hidup",
    ]
    assert [(a.year, str(a.score), a.zone, a.grade) for a in sections["assessments"]["rows"]] == [
        (2023, "89.30", "green", "A"),
        (2021, "55.10", "yellow", ""),
    ]
    assert response.context["summary"]["innovations_this_year"] == 1
    assert response.context["summary"]["innovations_total"] == 4
    assert response.context["summary"]["quota"].status == "at_risk"
    assert response.context["summary"]["assessment"].year == 2023


def test_chart_data_is_embedded_with_the_table_behind_it(people, chart, filled):
    html = client_for(people["reviewer"]).get(url(chart["dinkes"])).content.decode()

    data = json.loads(re.search(r'<script id="assessment-data" type="application/json">(.*?)</script>', html).group(1))
    assert data == [
        {
            "year": 2021,
            "score": 55.1,
            "percent": 55.1,
            "zone": "yellow",
            "grade": "",
            "dark": False,
            "method": "kepatuhan-2021",
        },
        {
            "year": 2023,
            "score": 89.3,
            "percent": 89.3,
            "zone": "green",
            "grade": "A",
            "dark": True,
            "method": "opini-2022",
        },
    ]
    assert 'aria-describedby="scorecard-assessments"' in html
    assert '<table class="table table-sm align-middle mb-2" id="scorecard-assessments">' in html


def test_each_count_links_to_the_list_it_counts(people, chart, filled):
    reviewer = client_for(people["reviewer"])
    html = reviewer.get(url(chart["dinkes"])).content.decode()
    agency = chart["dinkes"].pk

    link = f'href="/innovations/?agency={agency}&amp;year=2025&amp;state=accepted">1</a>'
    total = f'href="/innovations/?agency={agency}&amp;year=2025">2</a>'
    listed = reviewer.get(reverse("innovations:list"), {"agency": agency, "year": 2025})

    assert link in html
    assert total in html
    assert listed.context["page"].paginator.count == 2


def test_extension_sections_are_drawn_in_order(people, chart, monkeypatch):
    extra = scorecard.Section("extra", "Catatan", "reports/scorecard/quota.html", lambda agency: {"statuses": []})
    monkeypatch.setattr(scorecard, "SECTIONS", [*scorecard.SECTIONS, extra])

    response = client_for(people["reviewer"]).get(url(chart["dinkes"]))

    assert [s.slug for s in response.context["sections"]][-1] == "extra"
    assert 'id="section-extra"' in response.content.decode()


@pytest.mark.parametrize("pdf", [False, True])
def test_scorecard_query_count_does_not_grow(
    people, chart, make_innovation, quota_status, record_assessment, django_assert_num_queries, pdf
):
    reviewer = client_for(people["reviewer"])
    make_innovation(chart["dinkes"], people["staff"], title="Satu")
    quota_status(chart["dinkes"], 2025, "fulfilled", count=1)
    record_assessment(chart["dinkes"], 2023, "opini-2022", "70")
    # session, user, roles, agency, rule check (none: roles are cached), quota, counts, list, assessments,
    # improvement notes and their counts, surveys, competition entries, the innovation index (catalogue,
    # indicators, bands, innovations, answers), the readiness checklists and their scores, how often the agency's
    # innovations were replicated (the catalogue); the page adds the unread-notifications count in its header.
    # The header's count of work waiting (core.inbox) is read once and then cached under the data version, which a
    # test inside one transaction never bumps: the first visit warms it.
    queries = 21 if pdf else 22
    reviewer.get(url(chart["dinkes"], pdf=pdf))
    with django_assert_num_queries(queries):
        reviewer.get(url(chart["dinkes"], pdf=pdf))
    for year in (2023, 2024):
        make_innovation(chart["dinkes"], people["staff"], year=year, title=f"Inovasi {year}")
        quota_status(chart["dinkes"], year, "missed")
    record_assessment(chart["dinkes"], 2021, "kepatuhan-2021", "60")
    record_assessment(chart["dinkes"], 2024, "opini-2022", "80")
    with django_assert_num_queries(queries):
        reviewer.get(url(chart["dinkes"], pdf=pdf))


def test_pdf_is_a_pdf_of_the_same_figures(people, chart, filled):
    response = client_for(people["head"]).get(url(chart["dinkes"], pdf=True))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == (f'attachment; filename="rapor-DINKES-{timezone.localdate():%Y%m%d}.pdf"')
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Rapor Dinas Kesehatan" in text
    assert "Ambulans Desa" in text and "Apotek Hidup" in text
    assert "2023 opini-2022 89,30 Hijau tua A" in text
    assert "2024 Tidak terpenuhi 0" in text
    assert "Unduh" not in text  # no buttons in print


def test_agency_without_records_has_a_page_that_says_so(people, chart):
    html = client_for(people["reviewer"]).get(url(chart["disdik"])).content.decode()

    assert "Instansi ini belum mendaftarkan inovasi." in html
    assert "Belum ada penilaian Ombudsman yang tercatat untuk unit ini." in html
    assert 'id="assessment-data"' not in html


def test_improvement_notes_and_surveys_sections(people, chart, record_assessment):
    import datetime

    from compliance.ombudsman.services import finding_create
    from compliance.skm.services import survey_record

    assessment = record_assessment(chart["dinkes"], 2024, "opini-2022", "60")
    finding_create(
        assessment=assessment,
        text="Maklumat belum dipajang",
        responsible=chart["dinkes"],
        due=datetime.date(2026, 1, 31),
        by=people["reviewer"],
    )
    survey_record(
        agency=chart["dinkes"],
        year=2026,
        period="Semester I",
        by=people["reviewer"],
        respondents=4,
        totals={f"u{i}": 12 for i in range(1, 10)},
    )

    response = client_for(people["head"]).get(url(chart["dinkes"]))

    sections = {s.slug: s.context for s in response.context["sections"]}
    assert [f.text for f in sections["improvement_notes"]["rows"]] == ["Maklumat belum dipajang"]
    assert sections["improvement_notes"]["counts"]["open"] == 1
    assert [(s.period, s.grade) for s in sections["skm"]["rows"]] == [("Semester I", "C")]
    assert sections["competition"]["rows"] == []
    html = response.content.decode()
    assert 'id="scorecard-notes"' in html and 'id="scorecard-skm"' in html

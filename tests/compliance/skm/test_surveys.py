"""The public-satisfaction survey (SKM): the regulation's computation on a worked example, the grade edges, the
respondents' import (all or nothing), the totals form, the units without a survey, and who may see what."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from compliance.skm import domain, services
from compliance.skm.models import Survey, SurveyGrade, SurveyResponse
from core.models import ImportBatch
from tests.compliance.skm.test_domain import GRADE_EDGES
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# Four respondents, nine elements each (u1 ... u9).
ANSWERS = [
    [4, 3, 3, 4, 3, 3, 4, 2, 3],
    [3, 3, 2, 4, 3, 4, 4, 2, 3],
    [4, 4, 3, 4, 3, 3, 3, 3, 3],
    [3, 2, 2, 3, 3, 4, 4, 1, 2],
]
TOTALS = {"u1": 14, "u2": 12, "u3": 10, "u4": 15, "u5": 12, "u6": 14, "u7": 15, "u8": 8, "u9": 11}
HEADER = "u1,u2,u3,u4,u5,u6,u7,u8,u9,umur,jenis_kelamin"


def csv_of(rows: list[list[object]]) -> SimpleUploadedFile:
    body = "\n".join([HEADER, *(",".join(str(v) for v in row) for row in rows)]) + "\n"
    return SimpleUploadedFile("skm.csv", body.encode(), content_type="text/csv")


@pytest.mark.parametrize(("score", "grade"), GRADE_EDGES)
def test_grade_edges(score, grade):
    assert domain.grade_for(Decimal(score), SurveyGrade.objects.all()).grade == grade


def test_recording_answers_keeps_each_respondent(chart, people):
    survey = services.survey_record(
        agency=chart["pkm"],
        year=2026,
        period="Semester I",
        by=people["reviewer"],
        answers=ANSWERS,
        profiles=[{"umur": "30"}, {}, {}, {"jenis_kelamin": "P"}],
    )

    assert (survey.respondents, survey.totals, survey.score, survey.grade) == (4, TOTALS, Decimal("77.08"), "B")
    assert survey.source == "respondents"
    assert list(SurveyResponse.objects.filter(survey=survey).order_by("pk").values_list("answers", "profile")) == [
        (ANSWERS[0], {"umur": "30"}),
        (ANSWERS[1], {}),
        (ANSWERS[2], {}),
        (ANSWERS[3], {"jenis_kelamin": "P"}),
    ]


def test_the_same_period_twice_is_refused_unless_replaced(chart, people):
    args = {"agency": chart["dinkes"], "year": 2026, "by": people["reviewer"], "respondents": 4, "totals": TOTALS}
    services.survey_record(period="Semester I", **args)

    with pytest.raises(ValidationError) as excinfo:
        services.survey_record(period="semester i", **args)
    assert excinfo.value.message_dict == {
        "period": [
            "Dinas Kesehatan sudah memiliki survei untuk semester i 2026. Pilih 'ganti' untuk mencatatnya ulang."
        ]
    }

    services.survey_record(period="Semester I", replace=True, **{**args, "respondents": 5})
    assert list(Survey.objects.values_list("period", "respondents")) == [("Semester I", 5)]


def test_totals_outside_what_the_respondents_can_give_are_refused():
    errors = domain.check_totals(totals={"u1": 3, "u2": 17, "u3": 16}, respondents=4)

    assert errors == {
        "u1": "Dengan 4 responden, jumlahnya harus antara 4 dan 16.",
        "u2": "Dengan 4 responden, jumlahnya harus antara 4 dan 16.",
    }


def test_check_answers_names_every_bad_cell_by_row():
    codes = [f"u{i}" for i in range(1, 10)]
    rows = [
        (2, dict.fromkeys(codes, "3")),
        (3, {**dict.fromkeys(codes, "3"), "u4": "5", "u9": "dua"}),
        (4, {**dict.fromkeys(codes, "3"), "u2": "", "u5": "2.5"}),
    ]

    checked = domain.check_answers(rows, codes=codes)

    assert [(e["row"], e["column"]) for e in checked.errors] == [(3, "u4"), (3, "u9"), (4, "u2"), (4, "u5")]
    assert checked.errors[0]["message"] == "'5' bukan jawaban: gunakan bilangan bulat 1 sampai 4."
    assert checked.errors[2]["message"] == "Kolom ini wajib diisi."


def test_the_day_of_an_answer_must_be_a_real_date():
    codes = [f"u{i}" for i in range(1, 10)]
    rows = [
        (2, {**dict.fromkeys(codes, "3"), "tanggal": "2026-13-40"}),
        (3, {**dict.fromkeys(codes, "3"), "tanggal": "31/01/2026"}),
    ]

    checked = domain.check_answers(rows, codes=codes)

    assert checked.errors == [
        {
            "row": 2,
            "column": "tanggal",
            "message": "'2026-13-40' bukan tanggal: tulis seperti 2026-01-31 atau 31/01/2026.",
        }
    ]
    assert checked.profiles[1] == {"tanggal": "2026-01-31"}


def test_a_file_without_the_element_columns_says_which_are_missing():
    checked = domain.check_answers([(2, {"u1": "3", "nama": "x"})], codes=[f"u{i}" for i in range(1, 10)])

    assert len(checked.errors) == 1
    assert checked.errors[0]["message"].startswith("Kolom yang tidak ada: u2, u3, u4, u5, u6, u7, u8, u9.")


# --- pages ------------------------------------------------------------------------------------------------------


def _upload(client, agency, rows, **extra):
    data = {"agency": agency.pk, "year": 2026, "period": "Semester I", "file": csv_of(rows), **extra}
    return client.post(reverse("compliance:survey-import"), data)


def test_import_with_one_bad_row_saves_nothing_then_the_fixed_file_saves_all(chart, people):
    client = client_for(people["staff"])
    bad = [[*a, 40, "L"] for a in ANSWERS]
    bad[2][3] = 7

    response = _upload(client, chart["dinkes"], bad)
    batch = ImportBatch.objects.get(kind="skm")
    preview = client.get(response["Location"])

    assert response.status_code == 302
    assert batch.status == "invalid"
    html = preview.content.decode()
    assert "Baris 4, kolom u4:" in html
    assert "Simpan survei" not in html
    assert client.post(response["Location"]).status_code == 400
    assert Survey.objects.count() == 0

    fixed = _upload(client, chart["dinkes"], [[*a, 40, "L"] for a in ANSWERS])
    preview = client.get(fixed["Location"]).content.decode()
    assert "77,08" in preview  # Indonesian decimal comma
    saved = client.post(fixed["Location"])

    survey = Survey.objects.get()
    assert saved["Location"] == reverse("compliance:survey", args=[survey.pk])
    assert (survey.agency, survey.respondents, survey.score, survey.grade) == (
        chart["dinkes"],
        4,
        Decimal("77.08"),
        "B",
    )
    assert SurveyResponse.objects.filter(survey=survey).first().profile == {"umur": "40", "jenis_kelamin": "L"}
    # Confirming the same preview twice saves once.
    assert client.post(fixed["Location"]).status_code == 400
    assert Survey.objects.count() == 1


def test_totals_form_keeps_what_was_typed_on_error(chart, people):
    data = {"agency": chart["dinkes"].pk, "year": 2026, "period": "Tahunan", "respondents": 4, **TOTALS, "u1": 99}

    response = client_for(people["head"]).post(reverse("compliance:survey-create"), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Dengan 4 responden, jumlahnya harus antara 4 dan 16." in html
    assert 'value="99"' in html and 'value="Tahunan"' in html
    assert Survey.objects.count() == 0


def test_totals_form_saves_and_shows_elements_weakest_first(chart, people):
    data = {"agency": chart["dinkes"].pk, "year": 2026, "period": "Tahunan", "respondents": 4, **TOTALS}

    response = client_for(people["head"]).post(reverse("compliance:survey-create"), data)
    survey = Survey.objects.get()
    page = client_for(people["staff"]).get(response["Location"]).content.decode()

    assert (survey.source, survey.score) == ("totals", Decimal("77.08"))
    table = page.split('id="element-table"')[1]
    assert table.index("Penanganan pengaduan") < table.index("Waktu penyelesaian") < table.index("Perilaku pelaksana")


def test_staff_cannot_record_for_another_agency(chart, people):
    data = {"agency": chart["disdik"].pk, "year": 2026, "period": "Tahunan", "respondents": 4, **TOTALS}

    response = client_for(people["staff"]).post(reverse("compliance:survey-create"), data)

    assert response.status_code == 400
    assert "Masukkan pilihan yang valid." in response.content.decode()
    assert Survey.objects.count() == 0


def test_overview_lists_units_without_a_survey(chart, people):
    services.survey_record(
        agency=chart["pkm"], year=2026, period="Semester I", by=people["reviewer"], respondents=4, totals=TOTALS
    )

    response = client_for(people["reviewer"]).get(reverse("compliance:surveys") + "?year=2026")

    missing = response.context["missing"]
    # Obliged kinds in the chart: two dinas, two kecamatan, two kelurahan, one puskesmas (surveyed); not the pemda.
    assert sorted(a.code for a in missing) == sorted(
        ["DINKES", "DINDIK", "81.71.02", "81.71.01", "81.71.02.1011", "81.71.01.1007"]
    )
    assert (response.context["obliged"], response.context["surveyed"]) == (7, 1)
    assert [s.agency.code for s in response.context["rows"]] == ["PKM-01"]


def test_overview_query_count_does_not_grow(chart, people, flat_queries):
    def three_units():
        for code in ("pkm", "dinkes", "rijali"):
            services.survey_record(
                agency=chart[code], year=2026, period="I", by=people["reviewer"], respondents=4, totals=TOTALS
            )

    flat_queries(client_for(people["reviewer"]), reverse("compliance:surveys") + "?year=2026", 11, three_units)


@pytest.mark.parametrize(
    ("who", "overview", "unit", "detail", "entry"),
    [
        ("reviewer", 200, 200, 200, 200),
        ("admin", 200, 200, 200, 200),
        ("head", 302, 200, 200, 200),
        ("staff", 302, 200, 200, 200),
        ("other_staff", 302, 404, 404, 200),
        ("camat", 302, 404, 404, 200),
        ("evaluator", 403, 404, 404, 403),
        ("outsider", 302, 404, 404, 200),
        (None, 302, 302, 302, 302),
    ],
)
def test_permission_matrix(chart, people, who, overview, unit, detail, entry):
    survey = services.survey_record(
        agency=chart["dinkes"], year=2026, period="I", by=people["reviewer"], respondents=4, totals=TOTALS
    )
    client = client_for(people.get(who))

    assert client.get(reverse("compliance:surveys")).status_code == overview
    assert client.get(reverse("compliance:agency-surveys", args=[chart["dinkes"].pk])).status_code == unit
    assert client.get(reverse("compliance:survey", args=[survey.pk])).status_code == detail
    assert client.get(reverse("compliance:survey-create")).status_code == entry
    assert client.get(reverse("compliance:survey-import")).status_code == entry


def test_someone_elses_import_preview_is_404(chart, people):
    response = _upload(client_for(people["staff"]), chart["dinkes"], [[*a, 40, "L"] for a in ANSWERS])

    assert client_for(people["head"]).get(response["Location"]).status_code == 404
    assert client_for(people["reviewer"]).post(response["Location"]).status_code == 404
    assert Survey.objects.count() == 0

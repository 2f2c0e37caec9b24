"""The mayor's office dashboard: its figures against a data set built here, every number's link opening a list
of exactly that many records, who may open it, and a query count that does not grow with the data."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.ombudsman import services as ombudsman_services
from compliance.ombudsman.models import AssessmentMethod
from compliance.quota.models import QuotaStatus, QuotaStatusChange
from compliance.skm import services as skm_services
from innovations.models import State
from tests.agencies.factories import AgencyFactory, user_with_role
from tests.competition.conftest import juri2, panel, round_, scored  # noqa: F401 -- fixtures of a scored round
from tests.conftest import client_for
from tests.innovations.factories import build_innovation
from tests.snapshots import kept

pytestmark = pytest.mark.django_db
YEAR = 2026
TOTALS = {f"u{i}": 12 for i in range(1, 10)}


@pytest.fixture
@kept
def data(chart, people):
    """Innovations in several states and classifications, quota statuses, assessments, notes and a survey."""
    pkm_staff = user_with_role("staff", agency=chart["pkm"], username="staf.pkm")
    rijali_staff = user_with_role("staff", agency=chart["rijali"], username="staf.rijali")
    user_with_role("head", agency=chart["disdik"], username="kadisdik")
    accepted = State.ACCEPTED
    build_innovation(chart["dinkes"], people["staff"], accepted, year=YEAR, title="A", sdgs=(3,))
    build_innovation(
        chart["dinkes"], people["staff"], accepted, year=YEAR, title="B", jenis="non-digital", sdgs=(3, 16)
    )
    build_innovation(chart["pkm"], pkm_staff, accepted, year=YEAR, title="C", urusan="pendidikan", sdgs=(4,))
    build_innovation(chart["rijali"], rijali_staff, accepted, year=YEAR, title="D", tahapan="uji-coba", sdgs=(3,))
    build_innovation(chart["rijali"], rijali_staff, State.SUBMITTED, year=YEAR, title="E")
    build_innovation(chart["disdik"], people["other_staff"], accepted, year=YEAR - 1, title="F")
    build_innovation(chart["disdik"], people["other_staff"], year=YEAR, title="G")
    now = timezone.now()
    # Each status with the history the sweep would have written: `then` ten days ago, `status` two days ago.
    for agency, status, then in [
        ("dinkes", "fulfilled", "at_risk"),
        ("pkm", "fulfilled", "fulfilled"),
        ("rijali", "fulfilled", None),
        ("disdik", "at_risk", "at_risk"),
        ("wainitu", "missed", "at_risk"),
        ("sirimau", "pending", None),
    ]:
        QuotaStatus.objects.create(agency=chart[agency], year=YEAR, status=status, count=0)
        if then:
            QuotaStatusChange.objects.create(
                agency=chart[agency], year=YEAR, to_status=then, at=now - datetime.timedelta(days=10)
            )
        if then != status:
            QuotaStatusChange.objects.create(
                agency=chart[agency],
                year=YEAR,
                from_status=then or "",
                to_status=status,
                at=now - datetime.timedelta(days=2),
            )
    method = AssessmentMethod.objects.get(slug="opini-2022")
    record = ombudsman_services.assessment_record
    record(agency=chart["pemda"], year=2023, method=method, score=Decimal("74.10"), by=people["reviewer"])
    record(agency=chart["pemda"], year=2024, method=method, score=Decimal("88.62"), by=people["reviewer"])
    red = record(agency=chart["pkm"], year=2024, method=method, score=Decimal("52.80"), by=people["reviewer"])
    record(agency=chart["disdik"], year=2022, method=method, score=Decimal("40"), by=people["reviewer"])
    record(agency=chart["disdik"], year=2024, method=method, score=Decimal("80"), by=people["reviewer"])
    ombudsman_services.finding_create(
        assessment=red, text="Lewat", responsible=chart["dinkes"], due=datetime.date(2026, 1, 31), by=people["reviewer"]
    )
    ombudsman_services.finding_create(
        assessment=red, text="Nanti", responsible=chart["pkm"], due=datetime.date(2099, 1, 31), by=people["reviewer"]
    )
    skm_services.survey_record(
        agency=chart["pkm"], year=YEAR, period="I", by=people["reviewer"], respondents=4, totals=TOTALS
    )
    return chart


def get_dashboard(people, query=f"?year={YEAR}", who="reviewer"):
    response = client_for(people[who]).get(reverse("dashboard") + query)
    assert response.status_code == 200
    return response.context


def test_quota_counts_and_change_since_last_week(data, people):
    quota = get_dashboard(people)["quota"]

    assert [(r["status"], r["count"], r["change"]) for r in quota["rows"]] == [
        ("fulfilled", 3, 2),
        ("fulfilled_late", 0, 0),
        ("at_risk", 1, -2),
        ("in_progress", 0, 0),
        ("missed", 1, 1),
        ("exempt", 0, 0),
        ("not_subject", 0, 0),
        ("pending", 1, 1),
    ]
    assert quota["total"] == 6


def test_innovation_figures(data, people):
    innovations = get_dashboard(people)["innovations"]

    def counts(key):
        return {r["label"]: r["count"] for r in innovations[key]["rows"]}

    assert [(y["label"], y["count"]) for y in innovations["years"]] == [
        ("2021", 0),
        ("2022", 0),
        ("2023", 0),
        ("2024", 0),
        ("2025", 1),
        ("2026", 4),
    ]
    assert {s["label"]: s["count"] for s in innovations["states"]}["Draf"] == 1
    assert {s["label"]: s["count"] for s in innovations["states"]}["Diajukan"] == 1
    assert counts("jenis") == {"Digital": 3, "Non-digital": 1}
    assert counts("tahapan") == {"Penerapan": 3, "Uji coba": 1}
    assert counts("urusan") == {"Kesehatan": 3, "Pendidikan": 1}
    assert sorted(counts("sdgs").values()) == [1, 1, 3]
    assert counts("types") == {"Dinas": 2, "Kelurahan": 1, "Puskesmas": 1}
    assert counts("kecamatan") == {"Kecamatan Nusaniwe": 0, "Kecamatan Sirimau": 1}
    assert [(o["key"], o["count"]) for o in innovations["origins"]] == [
        ("new", 4),
        ("continuing", 0),
        ("replication", 0),
    ]


def test_compliance_and_attention(data, people):
    context = get_dashboard(people)
    compliance, attention = context["compliance"], context["attention"]

    assert [(p["year"], p["zone"], p["grade"]) for p in compliance["trend"]] == [
        (2023, "yellow", "C"),
        (2024, "green", "A"),
    ]
    assert [(a.agency.code, a.year, a.zone) for a in compliance["units"]] == [
        ("PKM-01", 2024, "red"),
        ("DINDIK", 2024, "green"),
    ]
    assert compliance["notes"] == {"pending": 2, "overdue": 1, "done": 0, "verified": 0}
    assert compliance["grades"] == [
        {"grade": "A", "count": 0},
        {"grade": "B", "count": 0},
        {"grade": "C", "count": 1},
        {"grade": "D", "count": 0},
    ]
    assert [s.agency.code for s in attention["risky"]] == ["81.71.01.1007", "DINDIK"]  # missed first
    assert [a.agency.code for a in attention["red"]] == ["PKM-01"]  # Disdik's red 2022 is not its latest
    assert [f.text for f in attention["overdue"]] == ["Lewat"]
    # Obliged: 2 dinas, 2 kecamatan, 2 kelurahan, 1 puskesmas; the puskesmas has a survey.
    assert attention["no_survey_count"] == 6


def _count_behind(client, url):
    context = client.get(url).context
    return context["page"].paginator.count


def test_every_number_opens_a_list_of_exactly_that_many_records(data, people):
    context = get_dashboard(people)
    client = client_for(people["reviewer"])
    links = [(r["url"], r["count"]) for r in context["quota"]["rows"]]
    innovations = context["innovations"]
    links += [(y["url"], y["count"]) for y in innovations["years"]]
    links += [(s["url"], s["count"]) for s in innovations["states"]]
    links += [(o["url"], o["count"]) for o in innovations["origins"]]
    for key in ("bentuk", "jenis", "tahapan", "urusan", "sdgs", "types", "kecamatan"):
        links += [(r["url"], r["count"]) for r in innovations[key]["rows"]]

    assert len(links) > 30
    for url, count in links:
        assert (url, _count_behind(client, url)) == (url, count)


def test_filters_by_agency_type_and_kecamatan(data, people):
    kelurahan = data["rijali"].type
    context = get_dashboard(people, f"?year={YEAR}&agency_type={kelurahan.pk}&kecamatan={data['sirimau'].pk}")

    assert [(y["label"], y["count"]) for y in context["innovations"]["years"]][-1] == ("2026", 1)
    assert [(r["status"], r["count"]) for r in context["quota"]["rows"] if r["count"]] == [("fulfilled", 1)]
    client = client_for(people["reviewer"])
    assert _count_behind(client, context["innovations"]["years"][-1]["url"]) == 1
    assert _count_behind(client, context["quota"]["rows"][0]["url"]) == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reviewer", 200),
        ("admin", 200),
        ("head", 403),
        ("staff", 403),
        ("camat", 403),
        ("evaluator", 403),
        ("outsider", 403),
        (None, 302),
    ],
)
def test_permission_matrix(chart, people, who, status):
    assert client_for(people.get(who)).get(reverse("dashboard")).status_code == status


#: 38, plus one since the red-zone units are counted on the whole query (not on the ten listed), two for the
#: catalogue (replications to date, the most replicated originals) and two for the readiness section (the least
#: ready units and their scores).
DASHBOARD_QUERIES = 44


def test_query_count_does_not_grow_with_the_data(chart, people, panel, django_assert_num_queries):  # noqa: F811
    client = client_for(people["reviewer"])
    url = reverse("dashboard") + f"?year={YEAR}"
    QuotaStatus.objects.create(agency=chart["pkm"], year=YEAR, status="pending", count=0)
    client.get(url)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        client.get(url)
    build_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, year=YEAR, sdgs=(3, 4))
    for key in ("dinkes", "disdik", "rijali"):
        QuotaStatus.objects.create(agency=chart[key], year=YEAR, status="fulfilled", count=1)
    client.get(url)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        client.get(url)


def test_competition_funnel_and_evaluator_progress(scored, people):  # noqa: F811
    competition = get_dashboard(people)["competition"]

    assert competition["round"].name == "Kompetisi Inovasi 2026"
    assert sum(row["count"] for row in competition["funnel"]["rows"]) == 3
    assert len(competition["funnel"]["rows"]) == 6  # every stage, registration to announcement
    assert sorted((p["assigned"], p["submitted"]) for p in competition["progress"]) == [(3, 3), (3, 3)]
    assert competition["pending"] == 0


def test_cached_dashboard_is_fresh_after_every_kind_of_write(
    data, people, settings, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """With the cache on, a second visit reads the cache; a save through the ORM, the quota sweep's SQL and an
    assignment's bulk insert each make the next visit count again."""
    from compliance.quota.services import quota_sweep

    settings.DASHBOARD_CACHE_SECONDS = 600
    client = client_for(people["reviewer"])
    url = reverse("dashboard") + f"?year={YEAR}"

    def accepted_this_year():
        return client.get(url).context["innovations"]["years"][-1]["count"]

    assert accepted_this_year() == 4
    with django_assert_max_num_queries(8):  # session, user, roles, regions, filters: the figures come cached
        assert accepted_this_year() == 4

    # The test runs in one transaction: the version moves when the writes' on_commit callbacks run.
    with django_capture_on_commit_callbacks(execute=True):
        build_innovation(data["disdik"], people["other_staff"], State.ACCEPTED, year=YEAR, title="H")
    assert accepted_this_year() == 5

    def heat_cells():
        """The 2026 column of the rendered heat map (a cached fragment of the page), as sorted status slugs."""
        html = client.get(url).content.decode()
        return sorted(re.findall(r'<span class="heat-cell heat-([a-z_]+)" title="2026: ', html))

    before = {r["status"]: r["count"] for r in client.get(url).context["quota"]["rows"]}
    cells_before = heat_cells()
    assert heat_cells() == cells_before  # the second rendering comes from the fragment cache
    with django_capture_on_commit_callbacks(execute=True):
        quota_sweep(year=YEAR, today=datetime.date(YEAR, 3, 1), notify=False)
    after = {r["status"]: r["count"] for r in client.get(url).context["quota"]["rows"]}
    assert after != before
    assert sum(after.values()) == QuotaStatus.objects.filter(year=YEAR, agency__region=data["pemda"].region).count()
    assert heat_cells() == sorted(status for status, count in after.items() for _ in range(count))
    assert heat_cells() != cells_before


def test_csv_and_xlsx_carry_every_table(data, people):
    import csv
    import io

    import openpyxl

    client = client_for(people["reviewer"])
    response = client.get(reverse("dashboard") + f"?year={YEAR}&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert response["Content-Disposition"] == f'attachment; filename="dasbor-{data["pemda"].region.code}-{YEAR}.csv"'
    # In the reader's language: sections and items as the page words them, never the stored slugs.
    assert rows[0] == ["Bagian", "Butir", "Tahun", "Jumlah"]
    assert ["Status kuota", "Terpenuhi", "2026", "3"] in rows
    assert ["Status kuota, perubahan sejak minggu lalu", "Berisiko", "2026", "-2"] in rows
    assert ["Status kuota per instansi dan tahun: Puskesmas Rijali (PKM-01)", "Terpenuhi", "2026", "1"] in rows
    assert ["Inovasi diterima per tahun", "", "2025", "1"] in rows
    assert ["Baru, lanjutan, replikasi", "Baru", "2026", "4"] in rows
    assert ["Jenis", "Non-digital", "2026", "1"] in rows
    assert ["Kecamatan (beserta unit di bawahnya)", "Kecamatan Sirimau", "2026", "1"] in rows
    assert ["Catatan perbaikan", "Lewat tenggat", "2026", "1"] in rows
    assert ["Perlu perhatian", "Unit tanpa survei kepuasan masyarakat", "2026", "6"] in rows
    assert ["Ombudsman: hasil terakhir tiap unit", "Puskesmas Rijali (PKM-01): 52.80 Merah D", "2024", "1"] in rows
    city = [r for r in rows if r[0] == "Ombudsman: kota"]
    assert [r[2] for r in city] == ["2023", "2024"]
    assert all(r[1].endswith((" Kuning C", " Hijau A")) and "opini-2022" not in r[1] for r in city)
    assert {r[0] for r in rows[1:]} >= {"Mutu survei (SKM)", "Semua data menurut status"}

    book = client.get(reverse("dashboard") + f"?year={YEAR}&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(book.content)).active
    assert sheet.max_row == len(rows)


def test_the_red_zone_count_is_not_capped_at_the_listed_ten(chart, people):
    import csv
    import io

    method = AssessmentMethod.objects.get(slug="opini-2022")
    for i in range(11):
        unit = AgencyFactory(region=chart["pemda"].region, code=f"UPT-{i:02}", name=f"UPT {i:02}")
        ombudsman_services.assessment_record(
            agency=unit, year=2024, method=method, score=Decimal("40"), by=people["reviewer"]
        )

    attention = get_dashboard(people)["attention"]
    export = client_for(people["reviewer"]).get(reverse("dashboard") + f"?year={YEAR}&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))

    assert (attention["red_count"], len(attention["red"])) == (11, 10)
    assert ["Perlu perhatian", "Unit di zona merah", "2026", "11"] in rows


def _rows_behind(client, url):
    """The number of records the list at `url` shows: its paginated rows, or the survey page's missing units."""
    context = client.get(url).context
    if url.startswith(reverse("compliance:surveys")):
        return len(context["missing"])
    return context["page"].paginator.count


@pytest.mark.parametrize(
    "filters",
    ["", "agency_type={kelurahan}", "agency_type={puskesmas}", "kecamatan={sirimau}", "kecamatan={nusaniwe}"],
)
def test_every_number_under_each_filter_opens_a_list_filtered_the_same_way(data, people, filters):
    query = filters.format(
        kelurahan=data["rijali"].type_id,
        puskesmas=data["pkm"].type_id,
        sirimau=data["sirimau"].pk,
        nusaniwe=data["nusaniwe"].pk,
    )
    context = get_dashboard(people, f"?year={YEAR}&{query}")
    client = client_for(people["reviewer"])
    innovations, compliance, attention = context["innovations"], context["compliance"], context["attention"]
    links = [(r["url"], r["count"]) for r in context["quota"]["rows"]]
    links += [(y["url"], y["count"]) for y in innovations["years"]]
    links += [(s["url"], s["count"]) for s in innovations["states"]]
    for key in ("bentuk", "jenis", "tahapan", "urusan", "sdgs", "types", "kecamatan"):
        links += [(r["url"], r["count"]) for r in innovations[key]["rows"]]
    links += [(compliance["notes_urls"][state], n) for state, n in compliance["notes"].items()]
    links += [(attention["overdue_url"], attention["overdue_count"])]
    links += [(attention["no_survey_url"].split("#")[0], attention["no_survey_count"])]

    assert [(url, _rows_behind(client, url)) for url, _ in links] == links


def test_heat_map_cells_are_coloured_by_class_with_the_okabe_ito_colours_of_the_statuses(data, people):
    """Each status's class in app.css has the colour the charts use (reports.dashboard_scope.QUOTA_COLOURS), and
    the cells carry a class, not an inline style (550 of them for a region of 110 agencies over 5 years)."""
    from pathlib import Path

    from compliance.quota.models import QuotaState
    from reports.dashboard_scope import QUOTA_COLOURS

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "app.css").read_text()
    classes = dict(re.findall(r"\.heat-([a-z_]+) \{ background: (#[0-9A-F]{6}); \}", css))
    assert classes == {**{s.value: QUOTA_COLOURS[s] for s in QuotaState}, "none": "#FFFFFF"}

    html = client_for(people["reviewer"]).get(reverse("dashboard"), {"year": YEAR}).content.decode()
    heatmap = html[html.index('id="heatmap"') :]
    heatmap = heatmap[: heatmap.index("</table>")]
    assert "style=" not in heatmap
    # The 2026 column holds the six statuses counted above (test_quota_counts_and_change_since_last_week).
    cells = re.findall(r'<span class="heat-cell heat-([a-z_]+)" title="2026: ([^"]+)">', heatmap)
    assert sorted(cells) == [
        ("at_risk", "Berisiko"),
        ("fulfilled", "Terpenuhi"),
        ("fulfilled", "Terpenuhi"),
        ("fulfilled", "Terpenuhi"),
        ("missed", "Tidak terpenuhi"),
        ("pending", "Belum ada inovasi"),
    ]


def test_the_kept_filter_shows_each_query_as_typed_even_when_the_scope_is_the_same(data, people, settings):
    """Years 1999 and 2101 are both refused (2000-2100) and both fall back to this year's figures; with the filter
    kept as a fragment, each page still shows the year its person typed, with the error."""
    settings.FILTER_CACHE_SECONDS = settings.DASHBOARD_CACHE_SECONDS = 300
    client = client_for(people["reviewer"])

    def year_field(year: str) -> str:
        html = client.get(reverse("dashboard"), {"year": year}).content.decode()
        return re.search(r'<input type="number" name="year" value="(\d+)"', html).group(1)

    assert (year_field("1999"), year_field("2101")) == ("1999", "2101")

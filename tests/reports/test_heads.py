"""The head's measure: a year's results attributed to whoever held each head's post on each day (the role history),
acting heads (Plt.) marked, a head who moved mid-year under both agencies; the league for the mayor's office and
each head's statement (page and PDF), who may see them, and their query counts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from agencies.models import RoleAssignment, User
from compliance.quota.models import QuotaStatus
from innovations.models import Innovation, State
from reports import heads
from tests.agencies.factories import UserFactory, role, sub_agency
from tests.compliance.factories import AssessmentFactory, FindingFactory, SurveyFactory
from tests.conftest import client_for
from tests.innovations.factories import build_innovation
from tests.snapshots import kept

pytestmark = pytest.mark.django_db
YEAR = 2026
D = datetime.date


def head_role(user, agency, start, until=None, *, acting=False):
    assignment = role(user, "head", agency=agency)
    RoleAssignment.objects.filter(pk=assignment.pk).update(active_from=start, active_until=until, acting=acting)
    return assignment


def named(user, name):
    User.objects.filter(pk=user.pk).update(full_name=name)
    user.refresh_from_db()
    return user


@pytest.fixture
@kept
def world(people, chart):
    """Dinas Kesehatan in 2026: Hendrik acting (Plt.) January-April, Yusuf May-June (after heading Dinas
    Pendidikan January-April), Rina (kadinkes) from July; the camat of Sirimau all year."""
    rina = named(people["head"], "Rina Latuconsina")
    RoleAssignment.objects.filter(user=rina).update(active_from=D(YEAR, 7, 1))
    camat = named(people["camat"], "Umar Sirimau")
    RoleAssignment.objects.filter(user=camat).update(active_from=D(YEAR, 1, 1))
    hendrik = named(UserFactory(username="plt.dinkes"), "Hendrik Pattinama")
    head_role(hendrik, chart["dinkes"], D(YEAR, 1, 1), D(YEAR, 5, 1), acting=True)
    yusuf = named(UserFactory(username="kadis.pindah"), "Yusuf Tuasikal")
    head_role(yusuf, chart["disdik"], D(YEAR - 1, 3, 1), D(YEAR, 5, 1))
    head_role(yusuf, chart["dinkes"], D(YEAR, 5, 1), D(YEAR, 7, 1))
    QuotaStatus.objects.create(agency=chart["dinkes"], year=YEAR, status="fulfilled", count=2)
    QuotaStatus.objects.create(agency=chart["disdik"], year=YEAR, status="at_risk", count=0)
    for title, approved in [("Antar Obat Lansia", D(YEAR, 3, 10)), ("Posyandu Digital", D(YEAR, 8, 1))]:
        item = build_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, year=YEAR, title=title)
        moment = datetime.datetime.combine(approved, datetime.time(10), tzinfo=datetime.UTC)
        Innovation.objects.filter(pk=item.pk).update(first_approved_at=moment)
    result = AssessmentFactory(agency=chart["dinkes"], year=YEAR, score=Decimal("81.20"), zone="green", grade="")
    FindingFactory(assessment=result, due=D(YEAR, 6, 15), text="Maklumat pelayanan belum dipajang.")
    SurveyFactory(agency=chart["dinkes"], year=YEAR)
    return {"rina": rina, "hendrik": hendrik, "yusuf": yusuf, "camat": camat}


def row(term):
    return (
        term.person.display_name,
        term.agency.code,
        term.start,
        term.end,
        term.days,
        term.share,
        term.acting,
        term.quota.status if term.quota else None,
        [i.title for i in term.innovations],
        term.assessment.score if term.assessment else None,
        term.survey.grade if term.survey else None,
        [n.text for n in term.open_notes],
    )


def test_the_league_attributes_each_day_to_its_head(world, chart):
    terms = heads.league(region_id=chart["dinkes"].region_id, year=YEAR)

    assert [row(t) for t in terms] == [
        (
            "Hendrik Pattinama",
            "DINKES",
            D(2026, 1, 1),
            D(2026, 4, 30),
            120,
            33,
            True,
            "fulfilled",
            ["Antar Obat Lansia"],
            Decimal("81.20"),
            "C",
            [],
        ),
        (
            "Rina Latuconsina",
            "DINKES",
            D(2026, 7, 1),
            D(2026, 12, 31),
            184,
            50,
            False,
            "fulfilled",
            ["Posyandu Digital"],
            Decimal("81.20"),
            "C",
            [],
        ),
        (
            "Yusuf Tuasikal",
            "DINKES",
            D(2026, 5, 1),
            D(2026, 6, 30),
            61,
            17,
            False,
            "fulfilled",
            [],
            Decimal("81.20"),
            "C",
            ["Maklumat pelayanan belum dipajang."],
        ),
        ("Yusuf Tuasikal", "DINDIK", D(2026, 1, 1), D(2026, 4, 30), 120, 33, False, "at_risk", [], None, None, []),
        ("Umar Sirimau", "81.71.02", D(2026, 1, 1), D(2026, 12, 31), 365, 100, False, None, [], None, None, []),
    ]


def test_a_head_who_moved_has_both_agencies_in_the_statement(world, chart):
    terms = heads.statement(person=world["yusuf"], year=YEAR)

    assert [(t.agency.code, t.start, t.end) for t in terms] == [
        ("DINDIK", D(2026, 1, 1), D(2026, 4, 30)),
        ("DINKES", D(2026, 5, 1), D(2026, 6, 30)),
    ]


def statement_url(person, pdf=False):
    return reverse("reports:head-statement-pdf" if pdf else "reports:head-statement", args=[YEAR, person.pk])


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("reviewer", 200),
        ("admin", 200),
        ("yusuf", 200),  # the head's own statement
        ("head", 403),  # another head of the region
        ("staff", 403),
        ("evaluator", 403),
        ("outsider", 404),
        (None, 302),
    ],
)
def test_statement_permission_matrix(world, people, viewer, expected):
    user = world.get(viewer) or people.get(viewer) if viewer else None

    assert client_for(user).get(statement_url(world["yusuf"])).status_code == expected


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("reviewer", 200),
        ("admin", 200),
        ("head", 403),
        ("staff", 403),
        ("evaluator", 403),
        ("outsider", 403),
        (None, 302),
    ],
)
def test_league_permission_matrix(world, people, viewer, expected):
    user = people[viewer] if viewer else None

    assert client_for(user).get(reverse("reports:head-league"), {"year": YEAR}).status_code == expected


def test_a_person_never_head_that_year_has_no_statement(world, people):
    assert client_for(people["reviewer"]).get(statement_url(people["staff"])).status_code == 404


def test_the_statement_pdf_names_the_head_and_both_agencies(world, people):
    response = client_for(people["reviewer"]).get(statement_url(world["yusuf"], pdf=True))

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert ("Yusuf Tuasikal" in text, "Dinas Pendidikan" in text, "Dinas Kesehatan" in text) == (True, True, True)


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_league_and_statement_queries_do_not_grow_with_heads(people, chart):
    client = client_for(people["reviewer"])
    person = UserFactory(username="kadisdik")
    head_role(person, chart["disdik"], D(YEAR, 1, 1))
    for agency in (chart["disdik"], chart["dinkes"]):
        SurveyFactory(agency=agency, year=YEAR)
    _queries(client, reverse("reports:head-league"), {"year": YEAR})  # warm the session and the caches
    one_league = _queries(client, reverse("reports:head-league"), {"year": YEAR})
    one_statement = _queries(client, reverse("reports:head-statement", args=[YEAR, person.pk]))
    for n in range(2):
        extra = sub_agency(chart["pemda"], "dinas", code=f"DINAS-{n}", name=f"Dinas {n}")
        head_role(person, extra, D(YEAR, 2, 1))
        head_role(UserFactory(), extra, D(YEAR, 1, 1))

    assert _queries(client, reverse("reports:head-league"), {"year": YEAR}) == one_league
    assert _queries(client, reverse("reports:head-statement", args=[YEAR, person.pk])) == one_statement


def test_the_units_readiness_goes_with_each_head_of_the_year(world, chart, people):
    from compliance.readiness import selectors as readiness_selectors
    from compliance.readiness import services as readiness_services
    from compliance.readiness.models import Entry

    checklist = readiness_services.checklist_open(agency=chart["dinkes"], year=YEAR, by=people["staff"])
    first_three = list(checklist.entries.order_by("pk").values_list("pk", flat=True)[:3])
    Entry.objects.filter(pk__in=first_three).update(
        paper_at=datetime.datetime(YEAR, 3, 1, tzinfo=datetime.UTC), ground_on=D(YEAR, 3, 2)
    )
    expected = readiness_selectors.checklist_score(checklist)

    terms = heads.league(region_id=chart["dinkes"].region_id, year=YEAR)

    readiness = {(t.person.display_name, t.agency.code): t.readiness for t in terms}
    assert (expected.ready, expected.items) == (3, checklist.entries.count())
    assert readiness == {
        ("Hendrik Pattinama", "DINKES"): expected,
        ("Rina Latuconsina", "DINKES"): expected,
        ("Yusuf Tuasikal", "DINKES"): expected,
        ("Yusuf Tuasikal", "DINDIK"): None,
        ("Umar Sirimau", "81.71.02"): None,
    }
    page = client_for(people["reviewer"]).get(reverse("reports:head-statement", args=[YEAR, world["rina"].pk]))
    shown = str(expected.weighted).replace(".", ",")  # the page writes the Indonesian decimal comma
    assert f'{shown}% <span class="small text-muted">(3 dari {expected.items} siap)</span>' in page.content.decode()

"""The quota pages: who may open what, how many queries they cost, the overview's filters and exports, all
through the views (the rule form and the exemption flow: test_rule_and_exemptions.py)."""

import datetime

import pytest
from django.urls import reverse

from compliance.quota import services
from compliance.quota.models import QuotaExemption, QuotaRule, QuotaRuleChange, QuotaStatus
from compliance.quota.services import quota_rules_ensure, quota_sweep
from core.models import Notification
from tests.agencies.factories import AgencyFactory, agency_type, user_with_role
from tests.compliance.quota.conftest import MARCH, NOVEMBER, YEAR
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

WHO = ["admin", "reviewer", "head", "staff", "other_staff", "camat", "evaluator", "outsider", None]
LOGIN = "login"  # 302 to the login page, nothing changed
DONE = "done"  # 302 onwards, the change made
EXPLANATION = "Digabung dengan Dinas Sosial menurut Perda 2/2026; belum ada anggaran inovasi."


def _login_url(url: str) -> str:
    return f"{reverse('login')}?next={url}"


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _rows(response) -> list[tuple[str, str]]:
    return [(row.agency.name, row.status) for row in response.context["page"].object_list]


def _rule_data(rule: QuotaRule, **overrides) -> dict:
    """The rule form as the page fills it in, with `overrides` typed over it."""
    data = {
        "deadline": rule.deadline.isoformat(),
        "minimum": str(rule.minimum),
        "counting_states": list(rule.counting_states),
        "reminder_days": ", ".join(str(d) for d in rule.reminder_days),
        "subject_types": [t.pk for t in rule.subject_types.all()],
    }
    for flag in ("replications_count", "continuing_count", "initiative_counts", "open"):
        if getattr(rule, flag):
            data[flag] = "on"
    data.update(overrides)
    return data


def _rule_state() -> list[tuple]:
    return list(
        QuotaRule.objects.order_by("region__code", "year").values_list(
            "region__code", "year", "deadline", "reminder_days", "updated_by"
        )
    )


# --- permission matrices -------------------------------------------------------------------------------------

MANAGERS_ONLY = {"admin": 200, "reviewer": 200, None: LOGIN} | dict.fromkeys(
    ["head", "staff", "other_staff", "camat", "evaluator", "outsider"], 403
)


@pytest.mark.parametrize("who", WHO)
def test_overview_permission_matrix(people, chart, who):
    url = reverse("compliance:quota")

    response = client_for(people.get(who)).get(url)

    if MANAGERS_ONLY[who] == LOGIN:
        assert (response.status_code, response["Location"]) == (302, _login_url(url))
    else:
        assert response.status_code == MANAGERS_ONLY[who]


@pytest.mark.parametrize("who", WHO)
def test_rule_page_get_permission_matrix(people, chart, who):
    quota_rules_ensure(year=YEAR)
    before = _rule_state()
    url = reverse("compliance:quota-rule", args=[YEAR])

    response = client_for(people.get(who)).get(url)

    if MANAGERS_ONLY[who] == LOGIN:
        assert (response.status_code, response["Location"]) == (302, _login_url(url))
    else:
        assert response.status_code == MANAGERS_ONLY[who]
    assert _rule_state() == before


@pytest.mark.parametrize("who", WHO)
def test_rule_page_post_permission_matrix(people, chart, region, who):
    quota_rules_ensure(year=YEAR)
    rule = QuotaRule.objects.get(region=region, year=YEAR)
    before = _rule_state()
    url = reverse("compliance:quota-rule", args=[YEAR])

    response = client_for(people.get(who)).post(url, _rule_data(rule, deadline=f"{YEAR}-10-31"))

    expected = MANAGERS_ONLY[who]
    if expected == 200:  # the mayor's office saves and goes back to the overview
        assert (response.status_code, response["Location"]) == (302, f"{reverse('compliance:quota')}?year={YEAR}")
        rule.refresh_from_db()
        assert (rule.deadline, rule.updated_by) == (datetime.date(YEAR, 10, 31), people[who])
        assert QuotaRuleChange.objects.count() == 1
        return
    if expected == LOGIN:
        assert (response.status_code, response["Location"]) == (302, _login_url(url))
    else:
        assert response.status_code == expected
    assert _rule_state() == before
    assert QuotaRuleChange.objects.count() == 0


# The quota page of an agency: its own people, the heads above it and the mayor's office see it; nobody else
# even learns it exists (404). The evaluator (a competition judge) has no business with quotas.
AGENCY_PAGE = {
    "dinkes": {"admin": 200, "reviewer": 200, "head": 200, "staff": 200, None: LOGIN}
    | dict.fromkeys(["other_staff", "camat", "evaluator", "outsider"], 404),
    "pkm": {"admin": 200, "reviewer": 200, "head": 200, None: LOGIN}
    | dict.fromkeys(["staff", "other_staff", "camat", "evaluator", "outsider"], 404),
    "rijali": {"admin": 200, "reviewer": 200, "camat": 200, None: LOGIN}
    | dict.fromkeys(["head", "staff", "other_staff", "evaluator", "outsider"], 404),
}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("agency", AGENCY_PAGE)
def test_agency_quota_page_permission_matrix(people, chart, agency, who):
    url = reverse("compliance:agency-quota", args=[chart[agency].pk])

    response = client_for(people.get(who)).get(url)

    if AGENCY_PAGE[agency][who] == LOGIN:
        assert (response.status_code, response["Location"]) == (302, _login_url(url))
    else:
        assert response.status_code == AGENCY_PAGE[agency][who]


@pytest.mark.parametrize(
    ("who", "target"),
    [
        ("staff", "dinkes"),
        ("head", "dinkes"),
        ("camat", "sirimau"),
        ("other_staff", "disdik"),
        ("outsider", "outsider"),  # their own agency in Bitung
        ("reviewer", "overview"),
        ("admin", "overview"),
        ("evaluator", 403),
        (None, LOGIN),
    ],
)
def test_my_quota_redirects_to_the_persons_own_quota(people, chart, who, target):
    url = reverse("compliance:my-quota")

    response = client_for(people.get(who)).get(url)

    if target == 403:
        assert response.status_code == 403
        return
    expected = {
        LOGIN: _login_url(url),
        "overview": reverse("compliance:quota"),
        "outsider": reverse("compliance:agency-quota", args=[people["outsider"].role_assignments.get().agency_id]),
    }.get(target) or reverse("compliance:agency-quota", args=[chart[target].pk])
    assert (response.status_code, response["Location"]) == (302, expected)


# Asking for an exemption: the head of the agency, or the head of a unit above it (the camat for a kelurahan).
# Whoever can see the page but does not lead the agency gets 403; whoever cannot see it 404.
EXEMPTION_REQUEST = {
    "dinkes": {"head": DONE, "admin": 403, "reviewer": 403, "staff": 403, None: LOGIN}
    | dict.fromkeys(["other_staff", "camat", "evaluator", "outsider"], 404),
    "rijali": {"camat": DONE, "admin": 403, "reviewer": 403, None: LOGIN}
    | dict.fromkeys(["head", "staff", "other_staff", "evaluator", "outsider"], 404),
}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("agency", EXEMPTION_REQUEST)
def test_exemption_request_permission_matrix(people, chart, agency, who):
    url = reverse("compliance:agency-quota", args=[chart[agency].pk])
    data = {"year": YEAR, "reason_kind": "merged", "explanation": EXPLANATION}

    response = client_for(people.get(who)).post(url, data)

    expected = EXEMPTION_REQUEST[agency][who]
    requests = list(QuotaExemption.objects.values_list("agency__code", "year", "state", "requested_by__username"))
    if expected == DONE:
        assert (response.status_code, response["Location"]) == (302, url)
        assert requests == [(chart[agency].code, YEAR, "requested", people[who].username)]
        return
    if expected == LOGIN:
        assert (response.status_code, response["Location"]) == (302, _login_url(url))
    else:
        assert response.status_code == expected
    assert requests == []
    assert not Notification.objects.filter(kind="quota.exemption_requested").exists()


# Deciding: the mayor's office only. The head who asked sees the request (403), other people do not (404).
EXEMPTION_DECIDE = {"admin": DONE, "reviewer": DONE, "head": 403, "staff": 403, None: LOGIN} | dict.fromkeys(
    ["other_staff", "camat", "evaluator", "outsider"], 404
)


@pytest.mark.parametrize("who", WHO)
def test_exemption_decide_permission_matrix(people, chart, who):
    quota_sweep(year=YEAR, today=MARCH)
    exemption = services.exemption_request(
        agency=chart["dinkes"], year=YEAR, reason_kind="merged", explanation=EXPLANATION, by=people["head"]
    )
    url = reverse("compliance:exemption-decide", args=[exemption.pk])

    response = client_for(people.get(who)).post(url, {"accept": "1", "note": ""})

    exemption.refresh_from_db()
    status = QuotaStatus.objects.get(agency=chart["dinkes"], year=YEAR).status
    if EXEMPTION_DECIDE[who] == DONE:
        assert (response.status_code, response["Location"]) == (
            302,
            f"{reverse('compliance:quota')}?year={YEAR}#exemptions",
        )
        assert (exemption.state, exemption.decided_by, status) == ("accepted", people[who], "exempt")
        return
    if EXEMPTION_DECIDE[who] == LOGIN:
        assert (response.status_code, response["Location"]) == (302, _login_url(url))
    else:
        assert response.status_code == EXEMPTION_DECIDE[who]
    assert (exemption.state, exemption.decided_by, exemption.decided_at, status) == ("requested", None, None, "pending")
    assert not Notification.objects.filter(kind="quota.exemption_decided").exists()


@pytest.mark.parametrize("who", ["reviewer", "head"])
def test_exemption_decide_refuses_get(people, chart, who):
    exemption = services.exemption_request(
        agency=chart["dinkes"], year=YEAR, reason_kind="merged", explanation=EXPLANATION, by=people["head"]
    )

    response = client_for(people[who]).get(reverse("compliance:exemption-decide", args=[exemption.pk]))

    assert response.status_code == 405
    assert QuotaExemption.objects.get().state == "requested"


# --- query counts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_overview_query_count_does_not_grow(region, django_assert_num_queries, count):
    reviewer = user_with_role("reviewer", region=region, username="walikota")
    agencies = [AgencyFactory(region=region, name=f"Dinas Uji {i}") for i in range(count)]
    AgencyFactory(region=region, type=agency_type("kecamatan"), name="Kecamatan Uji")
    quota_sweep(year=YEAR, today=MARCH)
    quota_sweep(year=YEAR, today=NOVEMBER)  # pending -> at risk: the "latest changes" list has a row per agency
    for i, agency in enumerate(agencies):
        head = user_with_role("head", agency=agency, username=f"kepala{i}")
        services.exemption_request(agency=agency, year=YEAR, reason_kind="merged", explanation=EXPLANATION, by=head)
    client = client_for(reviewer)
    url = reverse("compliance:quota")
    client.get(url)  # warm the session

    # session, user, roles, regions the user manages, count of the table, counts per status, the rule, its
    # subject types (prefetched), latest changes with their agency, open exemptions with agency and requester,
    # unread notifications in the header, the filter form's choices (agency types, kecamatan), then the page
    # of statuses with agency, type and parent joined
    with django_assert_num_queries(15):
        response = client.get(url)

    assert (len(response.context["page"].object_list), len(response.context["changes"])) == (count + 1, count + 1)
    assert len(response.context["exemptions"]) == count


@pytest.mark.parametrize("years", [1, 3])
def test_agency_quota_page_query_count_does_not_grow(people, chart, django_assert_num_queries, years):
    for year in range(YEAR - years + 1, YEAR + 1):
        quota_sweep(year=year, today=datetime.date(year, 3, 1))
        exemption = services.exemption_request(
            agency=chart["dinkes"], year=year, reason_kind="merged", explanation=EXPLANATION, by=people["head"]
        )
        services.exemption_decide(exemption=exemption, accept=True, note="Sesuai Perda.", by=people["reviewer"])
    client = client_for(people["head"])
    url = reverse("compliance:agency-quota", args=[chart["dinkes"].pk])
    client.get(url)

    # session, user, roles, the agency with region and type, its statuses, its history, its exemptions with
    # requester and decider, this year's statuses of its units, unread notifications in the header
    with django_assert_num_queries(11):
        response = client.get(url)

    assert [s.status for s in response.context["statuses"]] == ["exempt"] * years
    assert [c.to_status for c in response.context["changes"]] == ["exempt", "pending"] * years
    assert len(response.context["exemptions"]) == years


def test_a_head_sees_the_quota_of_the_units_under_the_agency(people, chart):
    this_year = datetime.date.today().year
    quota_sweep(year=this_year, today=datetime.date(this_year, 3, 1))

    head_page = client_for(people["head"]).get(reverse("compliance:agency-quota", args=[chart["dinkes"].pk]))
    camat_page = client_for(people["camat"]).get(reverse("compliance:agency-quota", args=[chart["sirimau"].pk]))

    assert [(s.agency.name, s.status) for s in head_page.context["units"]] == [("Puskesmas Rijali", "pending")]
    assert [(s.agency.name, s.status) for s in camat_page.context["units"]] == [("Kelurahan Rijali", "pending")]
    assert "Unit di bawahnya pada" in head_page.content.decode()


# --- the overview: counts, filters, exports ------------------------------------------------------------------


def test_overview_shows_the_counts_and_every_agency_of_the_region(people, swept):
    response = client_for(people["reviewer"]).get(reverse("compliance:quota"))

    assert [(state.value, n) for state, n in response.context["counts"]] == [
        ("fulfilled", 1),
        ("fulfilled_late", 0),
        ("at_risk", 0),
        ("in_progress", 2),
        ("missed", 0),
        ("exempt", 0),
        ("not_subject", 1),
        ("pending", 4),
    ]
    assert response.context["total"] == 8
    assert _rows(response) == [
        ("Dinas Kesehatan", "pending"),
        ("Dinas Pendidikan", "in_progress"),
        ("Kecamatan Nusaniwe", "pending"),
        ("Kecamatan Sirimau", "pending"),
        ("Kelurahan Rijali", "in_progress"),
        ("Kelurahan Wainitu", "pending"),
        ("Pemerintah Kota Ambon", "not_subject"),
        ("Puskesmas Rijali", "fulfilled"),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "in_progress"}, [("Dinas Pendidikan", "in_progress"), ("Kelurahan Rijali", "in_progress")]),
        ({"status": "fulfilled"}, [("Puskesmas Rijali", "fulfilled")]),
        ({"status": "missed"}, []),
        ({"type": "kelurahan"}, [("Kelurahan Rijali", "in_progress"), ("Kelurahan Wainitu", "pending")]),
        ({"kecamatan": "sirimau"}, [("Kecamatan Sirimau", "pending"), ("Kelurahan Rijali", "in_progress")]),
        ({"q": "rijali"}, [("Kelurahan Rijali", "in_progress"), ("Puskesmas Rijali", "fulfilled")]),
        ({"q": "DINAS"}, [("Dinas Kesehatan", "pending"), ("Dinas Pendidikan", "in_progress")]),
        (
            {"kecamatan": "nusaniwe", "status": "pending"},
            [("Kecamatan Nusaniwe", "pending"), ("Kelurahan Wainitu", "pending")],
        ),
        (
            {"status": "in_progress", "sort": "-agency"},
            [("Kelurahan Rijali", "in_progress"), ("Dinas Pendidikan", "in_progress")],
        ),
    ],
)
def test_overview_filters(people, swept, params, expected):
    if "type" in params:
        params = {**params, "type": agency_type(params["type"]).pk}
    if "kecamatan" in params:
        params = {**params, "kecamatan": swept[params["kecamatan"]].pk}

    response = client_for(people["reviewer"]).get(reverse("compliance:quota"), {"year": YEAR, **params})

    assert response.status_code == 200
    assert _rows(response) == expected


def test_overview_of_another_year_is_empty_until_swept(people, swept):
    response = client_for(people["reviewer"]).get(reverse("compliance:quota"), {"year": YEAR - 1})

    assert (response.context["year"], _rows(response), response.context["total"]) == (YEAR - 1, [], 0)


def test_the_overview_table_kept_as_a_fragment_follows_a_sweep(
    people, swept, settings, django_capture_on_commit_callbacks
):
    """With the fragment cache on, the table is rendered once per data version: a sweep that changes a status
    shows on the next view (Dinas Pendidikan: in progress, then fulfilled once its head approved an innovation)."""
    import re

    from innovations.models import State
    from tests.innovations.factories import build_innovation

    settings.FILTER_CACHE_SECONDS = 300
    client = client_for(people["reviewer"])

    def disdik_badge() -> str:
        html = client.get(reverse("compliance:quota"), {"year": YEAR}).content.decode()
        return re.search(r'>Dinas Pendidikan</a>.*?<span class="badge quota-([a-z_]+)">', html, re.S).group(1)

    assert disdik_badge() == "in_progress"
    assert disdik_badge() == "in_progress"  # from the fragment
    user_with_role("head", agency=swept["disdik"], username="kadisdik")
    with django_capture_on_commit_callbacks(execute=True):
        build_innovation(swept["disdik"], people["other_staff"], State.HEAD_APPROVED, year=YEAR, title="Rapor Daring")
        quota_sweep(year=YEAR, today=MARCH, notify=False)
    assert disdik_badge() == "fulfilled"

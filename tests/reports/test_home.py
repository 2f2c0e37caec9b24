import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.quota.models import QuotaRule
from innovations.models import State
from tests.agencies.factories import UserFactory, user_with_role
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "roles"),
    [
        ("staff", ["Staf instansi (operator) — Dinas Kesehatan"]),
        ("camat", ["Pimpinan instansi — Kecamatan Sirimau"]),
        ("reviewer", ["Peninjau Bagian Organisasi (Setda) — Kota Ambon"]),
    ],
)
def test_home_lists_the_users_roles(people, who, roles):
    response = client_for(people[who]).get(reverse("home"))

    assert [
        f"{r.get_role_display()} — {r.agency.name if r.agency else r.region.name}" for r in response.context["roles"]
    ] == roles


def test_home_needs_login(db, client):
    response = client.get(reverse("home"))

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/")


def test_home_of_a_person_without_role_says_whom_to_ask(db):
    response = client_for(UserFactory()).get(reverse("home"))

    assert response.context["roles"] == []
    assert "Minta Bagian Organisasi Setda menambahkan Anda ke instansi Anda." in response.content.decode()


def test_manager_shortcuts_only_for_managers(people):
    staff_page = client_for(people["staff"]).get(reverse("home")).content.decode()
    reviewer_page = client_for(people["reviewer"]).get(reverse("home")).content.decode()

    assert (reverse("agencies:import") in staff_page, reverse("agencies:import") in reviewer_page) == (False, True)


def test_indonesian_is_the_default_even_for_an_english_browser(db, client):
    default = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    chosen = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="id")

    assert (default["Content-Language"], "Masuk ke Satu Inovasi" in default.content.decode()) == ("id", True)
    assert (chosen["Content-Language"], "Log in to Satu Inovasi" in chosen.content.decode()) == ("en", True)


@pytest.mark.parametrize("url", ["/agencies/?type=zzz", "/innovations/?year=abc", "/compliance/quota/?status=xyz"])
def test_a_filter_value_not_understood_is_said_not_silently_dropped(people, url):
    response = client_for(people["reviewer"]).get(url)

    assert (response.status_code, response.context["filter"].form.is_valid()) == (200, False)
    assert (
        "Nilai filter tidak dikenali dan tidak diterapkan; lihat kolom yang ditandai merah."
        in response.content.decode()
    )


def test_valid_filters_show_no_such_notice(people):
    response = client_for(people["reviewer"]).get("/agencies/?type=dinas")

    assert 'id="filter-errors"' not in response.content.decode()


# --- the work inbox ------------------------------------------------------------------------------------------


def waiting(user):
    """(kind, title, action link) of each item on the person's home page, in the order shown."""
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return [(i.kind, i.title, i.url) for _, items in response.context["sections"] for i in items]


def test_staff_see_drafts_and_returned_records_with_the_note(people, chart, make_innovation):
    draft = make_innovation(chart["dinkes"], people["staff"], title="Si-Sehat")
    returned = make_innovation(chart["dinkes"], people["staff"], State.RETURNED, title="Antar Obat")
    make_innovation(chart["disdik"], people["other_staff"], title="Guru Kunjung")

    response = client_for(people["staff"]).get(reverse("home"))
    items = [i for _, its in response.context["sections"] for i in its]

    assert [(i.kind, i.title, i.url, i.note) for i in items] == [
        ("innovation-draft", "Si-Sehat", reverse("innovations:update", args=[draft.pk]), ""),
        (
            "innovation-returned",
            "Antar Obat",
            reverse("innovations:update", args=[returned.pk]),
            "Lengkapi data anggaran.",
        ),
    ]
    assert items[0].context == "Dinas Kesehatan · belum ada bukti dukung"
    assert "Lengkapi data anggaran." in response.content.decode()


def test_heads_see_what_their_agency_and_units_submitted(people, chart, make_innovation):
    pkm_staff = user_with_role("staff", agency=chart["pkm"])
    mine = make_innovation(chart["dinkes"], people["staff"], State.SUBMITTED, title="Si-Sehat")
    unit = make_innovation(chart["pkm"], pkm_staff, State.SUBMITTED, title="Posyandu Remaja")
    make_innovation(chart["disdik"], people["other_staff"], State.SUBMITTED, title="Guru Kunjung")

    assert waiting(people["head"]) == [
        ("innovation-to-approve", "Si-Sehat", reverse("innovations:detail", args=[mine.pk])),
        ("innovation-to-approve", "Posyandu Remaja", reverse("innovations:detail", args=[unit.pk])),
    ]
    assert waiting(people["camat"]) == []


def test_the_mayors_office_sees_what_heads_approved(people, chart, make_innovation):
    approved = make_innovation(chart["dinkes"], people["staff"], State.HEAD_APPROVED, title="Si-Sehat")
    make_innovation(chart["dinkes"], people["staff"], State.SUBMITTED, title="Antar Obat")

    assert waiting(people["reviewer"]) == [
        ("innovation-to-review", "Si-Sehat", reverse("innovations:detail", args=[approved.pk]))
    ]
    assert (waiting(people["outsider"]), waiting(people["evaluator"])) == ([], [])


def test_quota_at_risk_shows_to_the_agency_and_as_one_line_to_the_mayors_office(people, chart, quota_status):
    year = timezone.localdate().year
    QuotaRule.objects.create(region=chart["dinkes"].region, year=year, deadline=datetime.date(year, 12, 31))
    quota_status(chart["dinkes"], year, "at_risk")
    quota_status(chart["disdik"], year, "at_risk")
    quota_status(chart["pkm"], year, "fulfilled", count=1)

    staff_items = waiting(people["staff"])
    reviewer = client_for(people["reviewer"]).get(reverse("home"))
    summary = [i for _, its in reviewer.context["sections"] for i in its]

    assert staff_items == [
        ("quota-at_risk", "Dinas Kesehatan: Berisiko", f"{reverse('innovations:create')}?agency={chart['dinkes'].pk}")
    ]
    assert [(i.title, i.count, i.due) for i in summary] == [
        ("2 instansi berisiko tidak memenuhi kuota", 2, datetime.date(year, 12, 31))
    ]
    assert summary[0].url == (
        f"{reverse('compliance:quota')}?region={chart['dinkes'].region_id}&year={year}&status=at_risk"
    )
    assert reviewer.context["open_count"] == 2


def test_the_count_of_open_items_shows_in_the_navigation(people, chart, make_innovation):
    make_innovation(chart["dinkes"], people["staff"], title="Si-Sehat")
    make_innovation(chart["dinkes"], people["staff"], State.RETURNED, title="Antar Obat")

    page = client_for(people["staff"]).get(reverse("agencies:list")).content.decode()

    assert '<span class="badge text-bg-warning nav-count">2<span class="visually-hidden"> menunggu Anda</span>' in page


def test_a_new_operators_home_leads_to_the_form(people, chart, make_innovation):
    first = client_for(people["staff"]).get(reverse("home"))
    make_innovation(chart["dinkes"], people["staff"], title="Si-Sehat")
    later = client_for(people["staff"]).get(reverse("home"))

    assert (first.context["first_innovation"], later.context["first_innovation"]) == (True, False)
    assert f'href="{reverse("innovations:create")}"' in first.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_the_home_page_reads_the_same_number_of_queries_for_one_or_three_items(
    people, chart, make_innovation, django_assert_num_queries, n
):
    for i in range(n):
        make_innovation(chart["dinkes"], people["staff"], State.SUBMITTED, title=f"Inovasi {i}")
        make_innovation(chart["dinkes"], people["staff"], State.HEAD_APPROVED, title=f"Disetujui {i}")
    client = client_for(people["head"])
    client.get(reverse("home"))  # the session, the data version: what every page reads once

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("home"))

    assert len(response.context["sections"][0][1]) == n


#: session, user, the two two-factor lookups, roles (active_roles, for the first-innovation check), role rows of
#: the page, first-innovation check, notifications count. The items come from the cache the first view filled
#: (core.inbox.cached_items_for): none of the providers' 13 queries (innovation drafts, to approve, quota of the
#: agency, findings, imports waiting, service standards, readiness checklists and field checks, the index's
#: four, still-running rounds), down from 21.
HOME_QUERIES = 8


def test_the_inbox_is_read_from_the_cache_until_a_write_commits(
    people, chart, make_innovation, django_capture_on_commit_callbacks, settings
):
    """A repeat view reads the gathered items from the cache; a submission through the service and the quota
    sweep's SQL each show on the next view (the data version moves when their transaction commits), and a
    reader who switches language gets the items in their language."""
    from compliance.quota.services import quota_sweep
    from innovations.services import innovation_submit

    draft = make_innovation(chart["dinkes"], people["staff"], title="Si-Sehat")
    head = client_for(people["head"])

    def shown():
        sections = head.get(reverse("home")).context["sections"]
        return [(str(section), i.kind, i.title, str(i.action)) for section, items in sections for i in items]

    before = shown()
    with django_capture_on_commit_callbacks(execute=True):
        innovation_submit(innovation=draft, by=people["staff"])
    submitted = shown()
    with django_capture_on_commit_callbacks(execute=True):
        # A fixed day before the risk window: the status does not depend on the day the test runs.
        year = timezone.localdate().year
        quota_sweep(year=year, today=datetime.date(year, 2, 1), notify=False)
    swept = shown()
    head.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = head.get(reverse("home")).content.decode()

    to_approve = ("Inovasi yang perlu disetujui", "innovation-to-approve", "Si-Sehat", "Baca dan setujui")
    assert before == []
    assert submitted == [to_approve]
    assert swept == [
        to_approve,
        ("Kuota inovasi", "quota-pending", "Dinas Kesehatan: Belum ada inovasi", "Daftarkan inovasi"),
        ("Kuota inovasi", "quota-pending", "Puskesmas Rijali: Belum ada inovasi", "Buka kuotanya"),
    ]
    expected_in_english = ["Innovations to approve", "Read and approve", "Puskesmas Rijali: Pending"]
    assert [text in english for text in expected_in_english] == [True, True, True]

import pytest
from django.urls import reverse

from agencies.models import Agency, AgencyChange, RoleAssignment
from tests.agencies.factories import agency_type, sub_agency
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# Expected status per user for each page of DINKES (200 allowed, 403 read-only member, 404 outsider,
# 302 anonymous: to the login page). People of the region read an agency's pages; only the mayor's office and
# admins manage it.
READERS = ["head", "staff", "other_staff", "evaluator"]
READ = {"admin": 200, "reviewer": 200, **dict.fromkeys(READERS, 200), "outsider": 404, None: 302}
MANAGE = {"admin": 200, "reviewer": 200, **dict.fromkeys(READERS, 403), "outsider": 404, None: 302}
PAGES = {"detail": READ, "update": MANAGE, "merge": MANAGE, "deactivate": MANAGE}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ["admin", "reviewer", "head", "staff", "other_staff", "evaluator", "outsider", None])
def test_agency_pages_permission_matrix(people, chart, page, who):
    response = client_for(people.get(who)).get(reverse(f"agencies:{page}", args=[chart["dinkes"].pk]))

    assert response.status_code == PAGES[page][who]


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("reviewer", 200), ("head", 403), ("staff", 403), ("outsider", 403), (None, 302)],
)
@pytest.mark.parametrize("name", ["agencies:create", "agencies:import"])
def test_create_and_import_permission_matrix(people, name, who, status):
    assert client_for(people.get(who)).get(reverse(name)).status_code == status


@pytest.mark.parametrize(("who", "status"), [("admin", 200), ("staff", 200), ("outsider", 200), (None, 302)])
def test_directory_permission_matrix(people, who, status):
    assert client_for(people.get(who)).get(reverse("agencies:list")).status_code == status


@pytest.mark.parametrize(("who", "status"), [("reviewer", 302), ("head", 403), ("staff", 403), ("outsider", 404)])
def test_person_add_and_role_end_permission_matrix(people, chart, who, status):
    dinkes = chart["dinkes"]
    target = RoleAssignment.objects.get(user=people["staff"])
    client = client_for(people[who])

    add = client.post(
        reverse("agencies:person-add", args=[dinkes.pk]),
        {"username": "staf.baru", "role": "staff", "full_name": "Staf Baru", "email": "a@b.id"},
    )
    end = client.post(reverse("agencies:role-end", args=[dinkes.pk, target.pk]))

    assert (add.status_code, end.status_code) == (status, status)


def test_directory_lists_the_visible_agencies_by_name(people, chart):
    response = client_for(people["staff"]).get(reverse("agencies:list"))

    names = [a.name for a in response.context["page"].object_list]
    assert names == sorted(a.name for a in Agency.objects.filter(region=chart["pemda"].region))


def test_directory_search_and_filters(people, chart):
    client = client_for(people["reviewer"])

    by_word = client.get(reverse("agencies:list"), {"q": "rijali"}).context["page"].object_list
    by_kecamatan = client.get(reverse("agencies:list"), {"kecamatan": chart["sirimau"].pk}).context["page"].object_list
    by_type = client.get(reverse("agencies:list"), {"type": "kelurahan"}).context["page"].object_list

    assert [a.name for a in by_word] == ["Kelurahan Rijali", "Puskesmas Rijali"]
    assert [a.name for a in by_kecamatan] == ["Kecamatan Sirimau", "Kelurahan Rijali"]
    assert [a.name for a in by_type] == ["Kelurahan Rijali", "Kelurahan Wainitu"]


def test_directory_hides_inactive_agencies_unless_asked(people, chart):
    from agencies.services import agency_dissolve

    agency_dissolve(agency=chart["pkm"], effective_date=chart["pkm"].created.date(), by=None, note="Perwali")
    client = client_for(people["reviewer"])

    active = client.get(reverse("agencies:list"), {"q": "puskesmas"}).context["page"].object_list
    inactive = (
        client.get(reverse("agencies:list"), {"q": "puskesmas", "status": "inactive"}).context["page"].object_list
    )

    assert ([a.name for a in active], [a.name for a in inactive]) == ([], ["Puskesmas Rijali"])


@pytest.mark.parametrize("extra", [0, 2])
def test_directory_query_count_does_not_grow(people, chart, django_assert_num_queries, extra):
    for i in range(extra):
        sub_agency(chart["dinkes"], "puskesmas", name=f"Puskesmas Tambahan {i}")
    client = client_for(people["staff"])
    client.get(reverse("agencies:list"))  # warm the session

    # session, user, roles, Django's model permissions (2, for the "add" button), count, page of agencies,
    # agency-type choices of the filter form (kecamatan are searched as typed), unread notifications in the header,
    # and the two two-factor lookups (has this person an authenticator or recovery codes: optional for staff)
    with django_assert_num_queries(11):
        response = client.get(reverse("agencies:list"), {"q": "puskesmas"})

    assert response.context["page"].paginator.count == 1 + extra


@pytest.mark.parametrize("extra", [0, 2])
def test_agency_page_query_count_does_not_grow(people, chart, django_assert_num_queries, extra):
    dinkes = chart["dinkes"]
    for i in range(extra):
        sub_agency(dinkes, "puskesmas", name=f"Puskesmas X{i}")
    client = client_for(people["reviewer"])
    client.get(reverse("agencies:detail", args=[dinkes.pk]))

    # session, user, roles, agency, ancestors, children, people, history, quota statuses (panel), latest
    # Ombudsman assessment, improvement notes counts and latest survey (panel), services counts (panel), latest
    # readiness checklist (panel), unread notifications in the header, and the verified two-factor device of the
    # session (required for the mayor's office)
    with django_assert_num_queries(16):
        response = client.get(reverse("agencies:detail", args=[dinkes.pk]))

    assert len(response.context["children"]) == 1 + extra


def test_agency_page_shows_hierarchy_people_and_history(people, chart):
    response = client_for(people["reviewer"]).get(reverse("agencies:detail", args=[chart["rijali"].pk]))

    assert [a.name for a in response.context["ancestors"]] == ["Pemerintah Kota Ambon", "Kecamatan Sirimau"]
    assert [c.kind for c in response.context["history"]] == ["created"]
    dinkes_page = client_for(people["reviewer"]).get(reverse("agencies:detail", args=[chart["dinkes"].pk]))
    assert sorted((r.user.username, r.role) for r in dinkes_page.context["people"]) == [
        ("kadinkes", "head"),
        ("staf.dinkes", "staff"),
    ]
    assert [c.name for c in dinkes_page.context["children"]] == ["Puskesmas Rijali"]


def agency_form(name, type_id, parent, code, **typed):
    """The agency form as the page posts it: what the person did not type is sent empty."""
    blank = ["kemendagri_code", "head_name", "head_title", "address", "phone", "email", "active_from", "note"]
    return {**dict.fromkeys(blank, ""), "name": name, "type": type_id, "parent": parent.pk, "code": code, **typed}


def test_edit_form_with_bad_input_keeps_what_was_typed_and_saves_nothing(people, chart):
    url = reverse("agencies:update", args=[chart["dinkes"].pk])
    data = agency_form(
        "Dinas Kesehatan Kota Ambon",
        chart["dinkes"].type_id,
        chart["pemda"],
        "dindik",
        kemendagri_code="99.99.99",
        head_name="dr. Baru",
        email="bukan-email",
    )

    response = client_for(people["reviewer"]).post(url, data)

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "code": ["Kode ini sudah dipakai instansi lain di wilayah ini."],
        "kemendagri_code": ["Kode ini tidak berada di dalam Kota Ambon (81.71)."],
        "email": ["Masukkan alamat email dengan format yang benar."],
    }
    assert 'value="Dinas Kesehatan Kota Ambon"' in response.content.decode()
    chart["dinkes"].refresh_from_db()
    assert chart["dinkes"].name == "Dinas Kesehatan"


def test_reviewer_renames_an_agency_and_history_shows_it(people, chart):
    dinkes = chart["dinkes"]
    data = agency_form(
        "Dinas Kesehatan Kota", dinkes.type_id, chart["pemda"], "DINKES", head_name="Kepala Uji", note="Perwali 3/2026"
    )

    response = client_for(people["reviewer"]).post(reverse("agencies:update", args=[dinkes.pk]), data)

    assert response.status_code == 302
    change = dinkes.changes.get(kind=AgencyChange.Kind.UPDATED)
    assert (change.changes, change.note, change.changed_by) == (
        {"name": ["Dinas Kesehatan", "Dinas Kesehatan Kota"]},
        "Perwali 3/2026",
        people["reviewer"],
    )


def test_reviewer_creates_a_unit_under_an_agency(people, chart, region):
    data = agency_form(
        "Puskesmas Waihaong", agency_type("puskesmas").pk, chart["dinkes"], "pkm-02", active_from="2026-01-02"
    )

    response = client_for(people["reviewer"]).post(reverse("agencies:create"), data)

    created = Agency.objects.get(code="PKM-02")
    assert response["Location"] == reverse("agencies:detail", args=[created.pk])
    assert (created.region, created.parent, created.path) == (
        region,
        chart["dinkes"],
        f"{chart['dinkes'].path}{created.pk}/",
    )


def test_merge_through_the_page(people, chart):
    data = {"into": chart["dinkes"].pk, "effective_date": "2026-02-01", "note": "Perda 4/2026"}

    response = client_for(people["reviewer"]).post(reverse("agencies:merge", args=[chart["disdik"].pk]), data)

    chart["disdik"].refresh_from_db()
    assert response["Location"] == reverse("agencies:detail", args=[chart["dinkes"].pk])
    assert (chart["disdik"].merged_into, str(chart["disdik"].active_until)) == (chart["dinkes"], "2026-02-01")


def test_deactivate_with_units_left_shows_the_reason_and_keeps_input(people, chart):
    data = {"effective_date": "2026-02-01", "note": "Perda 4/2026"}

    response = client_for(people["reviewer"]).post(reverse("agencies:deactivate", args=[chart["sirimau"].pk]), data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Pindahkan atau nonaktifkan dulu unit di bawah instansi ini: Kelurahan Rijali."
    ]
    assert "Perda 4/2026" in response.content.decode()


def test_adding_a_new_person_creates_the_account_and_mails_a_password_link(people, chart, mailoutbox):
    data = {
        "username": "Staf.PKM",
        "full_name": "Maria Huwae",
        "email": "maria@ambon.go.id",
        "role": "staff",
        "title": "Operator",
    }

    client_for(people["reviewer"]).post(reverse("agencies:person-add", args=[chart["pkm"].pk]), data)

    assignment = RoleAssignment.objects.get(user__username="staf.pkm")
    assert (assignment.role, assignment.agency, assignment.title) == ("staff", chart["pkm"], "Operator")
    assert [m.to for m in mailoutbox] == [["maria@ambon.go.id"]]
    assert mailoutbox[0].subject == "Buat kata sandi Satu Inovasi Anda"
    assert "Nama pengguna Anda: staf.pkm." in mailoutbox[0].body
    assert "/accounts/reset/" in mailoutbox[0].body


def test_login_page_is_in_indonesian_and_english(db, client):
    indonesian = client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("login")).content.decode()

    assert ("Masuk ke Satu Inovasi" in indonesian, "Log in to Satu Inovasi" in english) == (True, True)


def test_the_add_a_person_form_is_kept_as_a_fragment_inside_the_pages_own_form(people, chart, settings):
    """Its fields come from the fragment cache on a repeat view (core.datacache.form_fragment), once, inside the
    page's form that carries the CSRF and create-once tokens: no second <form> with a token of its own."""
    settings.FORM_CACHE_SECONDS = 300
    client = client_for(people["reviewer"])
    url = reverse("agencies:detail", args=[chart["dinkes"].pk])

    def person_form(html):
        start = html.index(f'action="{reverse("agencies:person-add", args=[chart["dinkes"].pk])}"')
        return html[start : html.index("</form>", start)]

    first = person_form(client.get(url).content.decode())
    again = person_form(client.get(url).content.decode())

    assert (first.count("<form"), first.count('name="csrfmiddlewaretoken"'), first.count('name="username"')) == (
        0,
        1,
        1,
    )
    assert again.split('name="form_token"')[1].split(">", 1)[1] == first.split('name="form_token"')[1].split(">", 1)[1]

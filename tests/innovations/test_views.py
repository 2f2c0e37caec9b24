import pytest
from django.conf import settings
from django.urls import reverse

from innovations import services
from innovations.models import Innovation, State
from tests.conftest import client_for
from tests.innovations.factories import PDF_BYTES, add_evidence

pytestmark = pytest.mark.django_db

WHO = ["staff", "other_staff", "head", "camat", "reviewer", "evaluator", "outsider", None]
LOGIN = "login"  # 302 to the login page, nothing changed
DONE = "done"  # 302 back to the innovation (or the copy), the change made


def _matrix(**given):
    """Expected outcome per user; whoever is not named cannot see a DINKES innovation at all (404)."""
    return {"other_staff": 404, "camat": 404, "evaluator": 404, "outsider": 404, None: LOGIN, **given}


# Pages without an innovation in the URL: every signed-in person may open the lists; only people who work for
# an agency (staff or head) may open the form, since a record belongs to an agency.
PLAIN_PAGES = {
    "innovations:list": dict.fromkeys(WHO, 200) | {None: 302},
    "innovations:mine": dict.fromkeys(WHO, 200) | {None: 302},
    "innovations:create": dict.fromkeys(WHO, 200) | {"reviewer": 403, "evaluator": 403, None: 302},
}
# Pages of a DINKES draft with one evidence file.
OBJECT_PAGES = {
    "detail": _matrix(staff=200, head=200, reviewer=200),
    "update": _matrix(staff=200, head=200, reviewer=403),
    "evidence": _matrix(staff=200, head=200, reviewer=200),
}
# POST endpoints: (state the DINKES innovation starts in, form data, expected outcome per user).
MEMBER_STEP = _matrix(staff=DONE, head=DONE, reviewer=403)
HEAD_STEP = _matrix(staff=403, head=DONE, reviewer=403)
REVIEW_STEP = _matrix(staff=403, head=403, reviewer=DONE)
POSTS = {
    "submit": (State.DRAFT, {}, MEMBER_STEP),
    "approve": (State.SUBMITTED, {}, HEAD_STEP),
    "accept": (State.HEAD_APPROVED, {}, REVIEW_STEP),
    "return": (State.HEAD_APPROVED, {"note": "Lengkapi foto."}, REVIEW_STEP),
    "withdraw": (State.SUBMITTED, {}, MEMBER_STEP),
    "reopen": (State.ACCEPTED, {"note": "Data dampak salah."}, REVIEW_STEP),
    "redraft": (State.WITHDRAWN, {}, MEMBER_STEP),
    "continue": (State.ACCEPTED, {}, MEMBER_STEP),
    "stop": (State.ACCEPTED, {"reason": "Anggaran dihentikan."}, MEMBER_STEP),
}


def _observe(innovation: Innovation) -> tuple[str, str, list[int]]:
    innovation.refresh_from_db()
    return innovation.state, innovation.running, [c.year for c in innovation.continuations.all()]


def _post_url(endpoint: str, pk: int) -> str:
    if endpoint in ("continue", "stop"):
        return reverse(f"innovations:{endpoint}", args=[pk])
    return reverse("innovations:transition", args=[pk, endpoint])


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- permission matrices -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", PLAIN_PAGES)
def test_plain_pages_permission_matrix(people, name, who):
    response = client_for(people.get(who)).get(reverse(name))

    assert response.status_code == PLAIN_PAGES[name][who]
    if who is None:
        assert response["Location"] == f"/accounts/login/?next={reverse(name)}"


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("page", OBJECT_PAGES)
def test_innovation_pages_permission_matrix(people, chart, make_innovation, page, who):
    innovation = make_innovation(chart["dinkes"], people["staff"], State.DRAFT, evidence=1)
    pk = innovation.evidence.get().pk if page == "evidence" else innovation.pk
    url = reverse(f"innovations:{page}", args=[pk])

    response = client_for(people.get(who)).get(url)

    expected = OBJECT_PAGES[page][who]
    if expected == LOGIN:
        assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("endpoint", POSTS)
def test_innovation_actions_permission_matrix(people, chart, make_innovation, endpoint, who):
    start, data, outcomes = POSTS[endpoint]
    innovation = make_innovation(chart["dinkes"], people["staff"], start)
    before = _observe(innovation)
    url = _post_url(endpoint, innovation.pk)

    response = client_for(people.get(who)).post(url, data)

    expected = outcomes[who]
    after = _observe(innovation)
    if expected == DONE:
        if endpoint == "continue":
            copy = innovation.continuations.get()
            assert (response.status_code, response["Location"]) == (302, reverse("innovations:update", args=[copy.pk]))
            assert (copy.year, copy.state, copy.title) == (2026, State.DRAFT, innovation.title)
            assert after == (State.ACCEPTED, "running", [2026])
        else:
            assert (response.status_code, response["Location"]) == (
                302,
                reverse("innovations:detail", args=[innovation.pk]),
            )
            changed = {
                "submit": (State.SUBMITTED, "running", []),
                "approve": (State.HEAD_APPROVED, "running", []),
                "accept": (State.ACCEPTED, "running", []),
                "return": (State.RETURNED, "running", []),
                "withdraw": (State.WITHDRAWN, "running", []),
                "reopen": (State.RETURNED, "running", []),
                "redraft": (State.DRAFT, "running", []),
                "stop": (State.ACCEPTED, "stopped", []),
            }[endpoint]
            assert after == changed
    elif expected == LOGIN:
        assert (response.status_code, response["Location"], after) == (302, f"/accounts/login/?next={url}", before)
    else:
        assert (response.status_code, after) == (expected, before)


@pytest.mark.parametrize(
    ("page", "rijali", "wainitu"),
    [("detail", 200, 404), ("evidence", 200, 404), ("update", 403, 404), ("approve", DONE, 404)],
)
def test_camat_sees_the_kelurahan_of_sirimau_only(
    people, chart, kelurahan_staff, make_innovation, page, rijali, wainitu
):
    innovations = {
        place: make_innovation(chart[place], kelurahan_staff[place], State.SUBMITTED, evidence=1)
        for place in ("rijali", "wainitu")
    }
    client = client_for(people["camat"])

    outcomes = {}
    for place, innovation in innovations.items():
        if page == "approve":
            response = client.post(reverse("innovations:transition", args=[innovation.pk, "approve"]))
            innovation.refresh_from_db()
            outcomes[place] = DONE if innovation.state == State.HEAD_APPROVED else response.status_code
        else:
            pk = innovation.evidence.get().pk if page == "evidence" else innovation.pk
            outcomes[place] = client.get(reverse(f"innovations:{page}", args=[pk])).status_code

    assert outcomes == {"rijali": rijali, "wainitu": wainitu}


def test_evidence_download_serves_the_stored_file(people, chart, make_innovation):
    innovation = make_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, evidence=1)
    evidence = innovation.evidence.get()

    response = client_for(people["reviewer"]).get(reverse("innovations:evidence", args=[evidence.pk]))

    assert b"".join(response.streaming_content) == PDF_BYTES
    assert (response["Content-Type"], response["Content-Disposition"], response["X-Content-Type-Options"]) == (
        "application/pdf",
        'inline; filename="bukti-1.pdf"',
        "nosniff",
    )
    assert str(settings.MEDIA_ROOT) in evidence.file.path


# --- refused moves and bad input -----------------------------------------------------------------------------


def test_accepting_a_draft_is_refused_with_a_message_and_nothing_changes(people, chart, make_innovation):
    innovation = make_innovation(chart["dinkes"], people["staff"], State.DRAFT)
    url = reverse("innovations:transition", args=[innovation.pk, "accept"])

    response = client_for(people["reviewer"]).post(url, follow=True)

    assert response.redirect_chain == [(reverse("innovations:detail", args=[innovation.pk]), 302)]
    assert _messages(response) == ["Inovasi berstatus draf tidak bisa diterima."]
    assert _observe(innovation) == (State.DRAFT, "running", [])
    assert list(innovation.transitions.values_list("action", flat=True)) == ["create"]


def test_accepting_a_draft_is_refused_by_the_service(people, chart, make_innovation):
    from django.core.exceptions import ValidationError

    innovation = make_innovation(chart["dinkes"], people["staff"], State.DRAFT)

    with pytest.raises(ValidationError) as refused:
        services.innovation_accept(innovation=innovation, by=people["reviewer"])

    assert refused.value.messages == ["Inovasi berstatus draf tidak bisa diterima."]
    assert _observe(innovation) == (State.DRAFT, "running", [])


def test_approving_without_the_head_role_is_403_with_a_message(people, chart, make_innovation):
    innovation = make_innovation(chart["dinkes"], people["staff"], State.SUBMITTED)

    response = client_for(people["reviewer"]).post(reverse("innovations:transition", args=[innovation.pk, "approve"]))

    assert response.status_code == 403
    assert _messages(response) == ["Peran Anda tidak mengizinkan langkah ini untuk inovasi instansi tersebut."]
    assert _observe(innovation) == (State.SUBMITTED, "running", [])


def test_approving_another_agencys_innovation_is_refused(people, chart, kelurahan_staff, make_innovation):
    from django.core.exceptions import PermissionDenied

    rijali = make_innovation(chart["rijali"], kelurahan_staff["rijali"], State.SUBMITTED)

    response = client_for(people["head"]).post(reverse("innovations:transition", args=[rijali.pk, "approve"]))
    with pytest.raises(PermissionDenied) as refused:
        services.innovation_approve(innovation=rijali, by=people["head"])

    assert response.status_code == 404
    assert str(refused.value) == "Peran Anda tidak mengizinkan langkah ini untuk inovasi instansi tersebut."
    assert _observe(rijali) == (State.SUBMITTED, "running", [])


def test_returning_without_a_note_is_refused_with_a_message(people, chart, make_innovation):
    innovation = make_innovation(chart["dinkes"], people["staff"], State.SUBMITTED)

    response = client_for(people["head"]).post(
        reverse("innovations:transition", args=[innovation.pk, "return"]), {"note": "  "}, follow=True
    )

    assert _messages(response) == ["Tulis catatan tentang apa yang harus diperbaiki."]
    assert _observe(innovation) == (State.SUBMITTED, "running", [])


def test_submitting_an_incomplete_draft_lists_what_is_missing(people, chart, make_innovation):
    innovation = make_innovation(chart["dinkes"], people["staff"], State.DRAFT, design="Terlalu pendek.", urusan=None)

    response = client_for(people["staff"]).post(
        reverse("innovations:transition", args=[innovation.pk, "submit"]), follow=True
    )

    assert _messages(response) == [
        "Isi: urusan pemerintahan. Uraikan rancang bangun paling sedikit 300 kata (sekarang 2)."
    ]
    assert _observe(innovation) == (State.DRAFT, "running", [])


def test_unknown_action_is_404(people, chart, make_innovation):
    innovation = make_innovation(chart["dinkes"], people["staff"], State.DRAFT)

    response = client_for(people["staff"]).post(reverse("innovations:transition", args=[innovation.pk, "publish"]))

    assert (response.status_code, _observe(innovation)) == (404, (State.DRAFT, "running", []))


def test_done_message_follows_the_chosen_language(people, chart, make_innovation):
    innovation = make_innovation(chart["dinkes"], people["staff"], State.DRAFT)
    client = client_for(people["staff"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(reverse("innovations:transition", args=[innovation.pk, "submit"]), follow=True)

    assert _messages(response) == ["Submitted. The head of the agency has been notified."]


# --- query counts --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow(people, chart, make_innovation, django_assert_num_queries, count):
    for i in range(count):
        make_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, title=f"Inovasi {i}", evidence=1)
    client = client_for(people["reviewer"])
    client.get(reverse("innovations:list"))  # warm the session

    # session, user, roles, count, unread notifications in the header, then the filter form's choices: agency
    # types, bentuk, jenis, tahapan, urusan, SDG (agencies and kecamatan are searched as typed); then the page
    # of innovations with agency and categories joined
    with django_assert_num_queries(13):
        response = client.get(reverse("innovations:list"))

    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 3])
def test_list_filter_form_comes_from_the_cache_until_the_data_changes(
    people, chart, make_innovation, django_assert_num_queries, django_capture_on_commit_callbacks, settings, count
):
    settings.FILTER_CACHE_SECONDS = 300
    for i in range(count):
        make_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, title=f"Inovasi {i}")
    client = client_for(people["reviewer"])
    first = client.get(reverse("innovations:list"), {"state": "accepted"})

    # session, user, roles, count, unread notifications, the page of innovations: none of the form's choices
    with django_assert_num_queries(7):
        cached = client.get(reverse("innovations:list"), {"state": "accepted"})
    with django_capture_on_commit_callbacks(execute=True):  # the data version moves when the write commits
        make_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, title="Inovasi baru")
    # The form's choices again, and the header's count of work waiting (both kept under the data version; the
    # count asks every inbox provider: innovations, competition, quota, Ombudsman, imports, standards, readiness,
    # the index and the still-running check).
    with django_assert_num_queries(22):
        client.get(reverse("innovations:list"), {"state": "accepted"})

    form = first.content.decode().split('class="filter-panel"')[1].split("</form>")[0]
    assert cached.content.decode().split('class="filter-panel"')[1].split("</form>")[0] == form
    assert cached.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_innovations_query_count_does_not_grow(people, chart, make_innovation, django_assert_num_queries, count):
    for i in range(count):
        make_innovation(chart["dinkes"], people["staff"], State.SUBMITTED, title=f"Inovasi {i}")
    client = client_for(people["staff"])
    client.get(reverse("innovations:mine"))

    # session, user, roles, innovations with agency, tahapan and continued_from joined, agencies, unread
    # notifications in the header
    with django_assert_num_queries(8):
        response = client.get(reverse("innovations:mine"))

    assert [(year, len(rows)) for year, rows in response.context["by_year"]] == [(2025, count)]


@pytest.mark.parametrize("count", [1, 3])
def test_detail_query_count_does_not_grow(people, chart, make_innovation, django_assert_num_queries, count):
    original = make_innovation(
        chart["dinkes"], people["staff"], State.ACCEPTED, evidence=count, sdgs=range(1, count + 1)
    )
    for i in range(count):
        make_innovation(chart["disdik"], people["other_staff"], title=f"Replikasi {i}", replication_of=original)
    client = client_for(people["reviewer"])
    url = reverse("innovations:detail", args=[original.pk])
    client.get(url)

    # session, user, roles, the innovation with agency, region, type, categories and previous year joined; then
    # prefetched: SDGs, evidence, timeline with people, continuations; the update that marks this page's
    # notifications read; unread notifications in the header; the catalogue's part: the regions sharing their
    # catalogue, whether it is in the person's catalogue, its lineage with the originals and replications (one
    # recursive query whatever the hops); the services it changed (the innovation-detail panel slot). No longer
    # the replications prefetched apart (the lineage has them; 16 before).
    with django_assert_num_queries(15):
        response = client.get(url)

    innovation = response.context["innovation"]
    assert (len(innovation.evidence.all()), len(innovation.sdgs.all()), len(innovation.replications.all())) == (
        count,
        count,
        count,
    )


def test_evidence_is_only_added_while_editable(people, chart, make_innovation):
    from django.core.exceptions import PermissionDenied

    innovation = make_innovation(chart["dinkes"], people["staff"], State.ACCEPTED)

    with pytest.raises(PermissionDenied):
        add_evidence(innovation, people["staff"])

    assert innovation.evidence.count() == 0


def test_a_camat_forcing_a_kelurahan_gets_the_reason_by_the_agency_field(people, chart):
    response = client_for(people["camat"]).post(
        reverse("innovations:create"), {"agency": chart["rijali"].pk, "year": "2026", "title": "Lapak Warga"}
    )

    assert response.status_code == 400
    assert response.context["start"].errors == {
        "agency": [
            "Anda hanya dapat mendaftarkan inovasi untuk instansi tempat Anda bekerja. Unit tanpa operator "
            "(seperti kelurahan): minta Bagian Organisasi menambahkan operatornya, yang lalu mendaftarkannya."
        ]
    }
    assert '<select name="agency"' in response.content.decode()
    assert Innovation.objects.count() == 0


def test_my_innovations_says_you_where_it_is_the_readers_turn(people, chart, make_innovation):
    make_innovation(chart["dinkes"], people["staff"], State.SUBMITTED, title="Si-Sehat")
    make_innovation(chart["dinkes"], people["staff"], title="Antar Obat")

    def turns(user):
        by_year = client_for(user).get(reverse("innovations:mine")).context["by_year"]
        return [(i.title, i.waiting_on, i.your_turn) for _, rows in by_year for i in rows]

    assert turns(people["head"]) == [("Antar Obat", "agency", True), ("Si-Sehat", "head", True)]
    assert turns(people["staff"]) == [("Antar Obat", "agency", True), ("Si-Sehat", "head", False)]
    assert "Anda: baca dan setujui" in client_for(people["head"]).get(reverse("innovations:mine")).content.decode()


def test_the_form_fields_come_from_the_cache_until_the_record_changes(
    people, chart, make_innovation, django_assert_num_queries, django_capture_on_commit_callbacks, settings
):
    """An unbound form's crispy fields are kept per record, person and data version (core.datacache.form_fragment):
    a repeat view builds none of its choices; a save shows at once; a refused save is rendered afresh, with its
    errors and what was typed."""
    settings.FORM_CACHE_SECONDS = 300
    draft = make_innovation(chart["dinkes"], people["staff"], title="Si-Sehat")
    client = client_for(people["staff"])
    url = reverse("innovations:update", args=[draft.pk])
    client.get(url)

    # session, user, two-factor devices (2), roles, the innovation, its SDGs (the form's initial values, which the
    # progress list reuses), evidence, its stage (what is missing), the last note, unread notifications: not the
    # six category lists of the fields, nor a query per filled choice for the progress list (16 before)
    with django_assert_num_queries(11):
        cached = client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_update(innovation=draft, by=people["staff"], title="Si-Sehat Keliling")
    saved = client.get(url).content.decode()
    refused = client.post(url, {"title": "", "innovator_names": "Tim Gizi"})

    title_input = '<input type="text" name="title" value="{}" maxlength="200" class="textinput form-control"'
    assert (title_input.format("Si-Sehat") in cached, title_input.format("Si-Sehat Keliling") in saved) == (True, True)
    # One CSRF token in the form, the page's own: none kept inside the fragment.
    forms = [html.split('class="innovation-form">')[1].split("</form>")[0] for html in (cached, saved)]
    assert [form.count('name="csrfmiddlewaretoken"') for form in forms] == [1, 1]
    assert refused.status_code == 400
    assert 'name="title" maxlength="200" class="textinput form-control is-invalid"' in refused.content.decode()
    assert "Tim Gizi" in refused.content.decode()

"""The innovation workflow: every allowed move, every refused one, and what each records and sends."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from innovations import services
from innovations.models import Category, Innovation, State, Transition
from tests.agencies.factories import UserFactory, role
from tests.innovations.workflow import RETURNED_ONCE_THEN_ACCEPTED, transitions
from tests.snapshots import kept

pytestmark = pytest.mark.django_db


def category(kind: str, slug: str) -> Category:
    return Category.objects.get(kind=kind, slug=slug)


def complete(**overrides):
    fields = {
        "title": "Antar Obat Lansia",
        "innovator_names": "Tim Dinkes",
        "bentuk": category("bentuk", "pelayanan-publik"),
        "jenis": category("jenis", "non-digital"),
        "tahapan": category("tahapan", "penerapan"),
        "inisiator": category("inisiator", "asn"),
        "urusan": Category.objects.get(kind="urusan", name="Kesehatan"),
        "trial_date": datetime.date(2025, 1, 6),
        "launch_date": datetime.date(2025, 4, 1),
        "summary": "Obat diantar ke rumah lansia.",
        "problem": "Lansia sulit datang.",
        "benefits": "Lansia terlayani.",
        "design": "kata " * 300,
    }
    return {**fields, **overrides}


@pytest.fixture
@kept
def draft(people, chart):
    return services.innovation_create(agency=chart["dinkes"], year=2026, by=people["staff"], **complete())


def walk(innovation, people, *steps):
    actors = {
        "submit": "staff",
        "approve": "head",
        "accept": "reviewer",
        "return": "reviewer",
        "withdraw": "staff",
        "reopen": "reviewer",
        "redraft": "staff",
    }
    for step in steps:
        innovation = services.TRANSITION_SERVICES[step](
            innovation=innovation,
            by=people[actors[step]],
            note="Perbaiki data dampak." if step in ("return", "reopen") else "",
        )
    return innovation


def test_the_whole_workflow_records_every_transition(people, draft):
    walk(draft, people, "submit", "approve", "return", "submit", "approve", "accept")

    assert transitions(draft) == RETURNED_ONCE_THEN_ACCEPTED
    assert Innovation.objects.get(pk=draft.pk).state == State.ACCEPTED


@pytest.mark.parametrize(
    ("steps", "action", "message"),
    [
        ((), "accept", "Inovasi berstatus draf tidak bisa diterima."),
        ((), "approve", "Inovasi berstatus draf tidak bisa disetujui."),
        (("submit", "approve", "accept"), "submit", "Inovasi berstatus diterima tidak bisa diajukan."),
        (("submit", "withdraw"), "approve", "Inovasi berstatus ditarik tidak bisa disetujui."),
    ],
)
def test_moves_not_in_the_map_are_refused_and_change_nothing(people, draft, steps, action, message):
    innovation = walk(draft, people, *steps)
    before = innovation.state

    with pytest.raises(ValidationError) as exc:
        services.TRANSITION_SERVICES[action](innovation=innovation, by=people["reviewer"], note="x")

    assert exc.value.messages == [message]
    assert Innovation.objects.get(pk=draft.pk).state == before
    assert Transition.objects.filter(innovation=draft).count() == 1 + len(steps)


#: The steps that bring a draft to where `action` is the next move.
BEFORE = {"submit": (), "approve": ("submit",), "accept": ("submit", "approve")}


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("other_staff", "submit"),  # staff of another agency
        ("head", "accept"),  # a head cannot do the mayor's office's step
        ("staff", "approve"),  # staff cannot approve their own work
        ("camat", "approve"),  # a camat is head of a kecamatan, not above Dinas Kesehatan
        ("evaluator", "submit"),
    ],
)
def test_people_without_the_role_are_refused(people, draft, who, action):
    innovation = walk(draft, people, *BEFORE[action])
    before = innovation.state

    with pytest.raises(PermissionDenied):
        services.TRANSITION_SERVICES[action](innovation=innovation, by=people[who])

    assert Innovation.objects.get(pk=draft.pk).state == before


def test_a_camat_approves_the_innovation_of_a_kelurahan_under_the_kecamatan(people, chart):
    lurah_staff = UserFactory()
    role(lurah_staff, "staff", agency=chart["rijali"])
    innovation = services.innovation_create(agency=chart["rijali"], year=2026, by=lurah_staff, **complete())
    services.innovation_submit(innovation=innovation, by=lurah_staff)

    services.innovation_approve(innovation=innovation, by=people["camat"])

    assert Innovation.objects.get(pk=innovation.pk).state == State.HEAD_APPROVED


def test_return_needs_a_note(people, draft):
    walk(draft, people, "submit")

    with pytest.raises(ValidationError) as exc:
        services.innovation_return(innovation=draft, by=people["head"], note="  ")

    assert exc.value.message_dict == {"note": ["Tulis catatan tentang apa yang harus diperbaiki."]}


def test_submit_lists_what_is_missing(people, chart):
    innovation = services.innovation_create(
        agency=chart["dinkes"], year=2026, by=people["staff"], title="Baru mulai", design="terlalu pendek"
    )

    with pytest.raises(ValidationError) as exc:
        services.innovation_submit(innovation=innovation, by=people["staff"])

    assert exc.value.messages == [
        "Isi: nama inovator atau anggota tim.",
        "Isi: bentuk inovasi.",
        "Isi: jenis inovasi.",
        "Isi: tahapan inovasi.",
        "Isi: inisiator.",
        "Isi: urusan pemerintahan.",
        "Isi: ringkasan.",
        "Isi: permasalahan sebelum inovasi.",
        "Isi: manfaat.",
        "Uraikan rancang bangun paling sedikit 300 kata (sekarang 2).",
    ]


def test_an_accepted_innovation_cannot_be_edited_until_reopened(people, draft):
    walk(draft, people, "submit", "approve", "accept")

    with pytest.raises(ValidationError):
        services.innovation_update(innovation=draft, by=people["staff"], title="Diubah diam-diam")
    walk(draft, people, "reopen")
    services.innovation_update(innovation=draft, by=people["staff"], title="Diubah setelah dibuka")

    assert Innovation.objects.get(pk=draft.pk).title == "Diubah setelah dibuka"


def test_continue_into_next_year_copies_content_and_keeps_the_link(people, draft):
    walk(draft, people, "submit", "approve", "accept")

    copy = services.innovation_continue(innovation=draft, by=people["staff"])

    assert (copy.year, copy.state, copy.continued_from, copy.title, copy.design) == (
        2027,
        State.DRAFT,
        draft,
        draft.title,
        draft.design,
    )
    with pytest.raises(ValidationError) as exc:
        services.innovation_continue(innovation=draft, by=people["staff"])
    assert exc.value.messages == ["Inovasi ini sudah dilanjutkan ke tahun 2027."]


def test_a_stopped_innovation_keeps_its_reason_and_cannot_continue(people, draft):
    walk(draft, people, "submit", "approve", "accept")

    services.innovation_stop(innovation=draft, by=people["staff"], reason="Anggaran dihentikan.")

    draft.refresh_from_db()
    assert (draft.running, draft.stopped_reason) == ("stopped", "Anggaran dihentikan.")
    with pytest.raises(ValidationError):
        services.innovation_continue(innovation=draft, by=people["staff"])


def test_replication_of_own_agency_is_refused(people, chart, draft):
    with pytest.raises(ValidationError) as exc:
        services.innovation_create(
            agency=chart["dinkes"], year=2026, by=people["staff"], **complete(title="Salinan", replication_of=draft)
        )

    assert exc.value.message_dict == {"replication_of": ["Replikasi adalah dari inovasi instansi lain."]}


def test_age_in_years_is_derived_from_the_launch_date(draft):
    assert draft.years_implemented_on(datetime.date(2026, 4, 1)) == 1.0
    assert draft.years_implemented_on(datetime.date(2025, 3, 1)) is None


def test_state_slugs_are_stable():
    assert [s.value for s in State] == ["draft", "submitted", "head_approved", "accepted", "returned", "withdrawn"]


def test_saving_a_draft_unchanged_writes_nothing_and_keeps_cached_pages(
    draft, people, django_capture_on_commit_callbacks
):
    """The form sent back as it was (a person clicking "Simpan draf" twice): the time of the last change stays,
    and the data version the cached pages are keyed by does not move; a real change moves both."""
    from core import datacache

    sdgs = list(Category.objects.filter(kind="sdg").order_by("pk")[:2])
    services.innovation_update(innovation=draft, by=people["staff"], sdgs=sdgs)  # the SDGs chosen once
    saved = Innovation.objects.get(pk=draft.pk).updated
    version = datacache.version()

    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_update(innovation=draft, by=people["staff"], sdgs=iter(sdgs), **complete())
    unchanged = (Innovation.objects.get(pk=draft.pk).updated, datacache.version())
    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_update(innovation=draft, by=people["staff"], sdgs=iter(sdgs[:1]), **complete())
    fewer_sdgs = Innovation.objects.get(pk=draft.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_update(innovation=draft, by=people["staff"], **complete(title="Antar Obat Lansia 2"))

    assert unchanged == (saved, version)
    assert list(fewer_sdgs.sdgs.values_list("pk", flat=True)) == [sdgs[0].pk]
    assert fewer_sdgs.updated > saved
    assert Innovation.objects.get(pk=draft.pk).title == "Antar Obat Lansia 2"
    assert datacache.version() == version + 2

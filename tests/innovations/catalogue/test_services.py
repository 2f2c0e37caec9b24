"""Replicating an innovation and confirming it; publishing choices; unpublishing with a reason kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Notification
from innovations.catalogue import services
from innovations.models import Innovation, Replication, ReplicationAgreement, Transition
from tests.innovations.catalogue.factories import replicate
from tests.innovations.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_replication_starts_a_linked_draft_and_tells_the_original_head_once(people, chart, original, disdik_head):
    replication = replicate(original, chart["dinkes"], people["staff"], agreement=("pks.pdf", PDF_BYTES))

    replica = replication.replica
    assert (replica.agency, replica.state, replica.replication_of, replica.year) == (
        chart["dinkes"],
        "draft",
        original,
        2025,
    )
    # The replica starts from the original's description, as a trial from its own start date, with its own people.
    assert (replica.design, replica.tahapan.slug, replica.trial_date, replica.contact_phone) == (
        original.design,
        "uji-coba",
        datetime.date(2025, 3, 1),
        "",
    )
    assert (replication.adaptation, replication.agreement.original_name) == (
        "Jadwal kunjungan disesuaikan dengan musim ombak.",
        "pks.pdf",
    )
    notes = Notification.objects.filter(kind="innovation.replicated")
    assert [(n.user.username, n.title) for n in notes] == [
        ("kadisdik", "Dinas Kesehatan sedang mereplikasi inovasi Anda")
    ]


def test_a_renamed_file_as_agreement_is_refused_and_nothing_is_kept(people, chart, original):
    with pytest.raises(ValidationError) as refused:
        replicate(original, chart["dinkes"], people["staff"], agreement=("pks.pdf", b"MZ\x90\x00 not a pdf"))

    assert refused.value.messages == [
        "pks.pdf bukan berkas PDF, JPG, PNG, DOCX atau XLSX (isinya berbeda). Unggah salah satu jenis itu."
    ]
    assert (Replication.objects.count(), ReplicationAgreement.objects.count()) == (0, 0)
    assert Innovation.objects.filter(replication_of=original).count() == 0


def test_an_agency_cannot_replicate_its_own_innovation_nor_a_read_only_member(people, chart, original):
    with pytest.raises(PermissionDenied):
        replicate(original, chart["disdik"], people["other_staff"])
    with pytest.raises(PermissionDenied):
        replicate(original, chart["dinkes"], people["evaluator"])


def test_the_original_head_confirms_once_and_the_replicating_agency_is_told(people, chart, original, disdik_head):
    replication = replicate(original, chart["dinkes"], people["staff"])

    with pytest.raises(PermissionDenied):
        services.replication_confirm(replication=replication, by=people["head"])
    services.replication_confirm(replication=replication, by=disdik_head)
    services.replication_confirm(replication=replication, by=disdik_head)

    replication.refresh_from_db()
    assert replication.confirmed_by == disdik_head
    told = Notification.objects.filter(kind="innovation.replication_confirmed").order_by("user__username")
    assert [n.user.username for n in told] == ["kadinkes", "staf.dinkes"]


def test_opening_to_replication_needs_an_official_contact(people, original):
    with pytest.raises(ValidationError) as refused:
        services.publication_set(
            innovation=original,
            by=people["other_staff"],
            publish=True,
            public_sections=["summary"],
            open_to_replication=True,
            replication_contact=" ",
            public_evidence=[],
        )
    assert refused.value.message_dict == {
        "replication_contact": ["Berikan kontak resmi bagi instansi yang ingin mereplikasi."]
    }


def test_publication_choices_keep_the_order_of_the_sections_and_set_each_evidence(people, original):
    first, _second = original.evidence.order_by("pk")

    services.publication_set(
        innovation=original,
        by=people["other_staff"],
        publish=True,
        public_sections=["results", "summary", "nonsense"],
        open_to_replication=True,
        replication_contact="Seksi Kurikulum, telepon kantor (0911) 352-111",
        public_evidence=[first.pk],
    )

    original.refresh_from_db()
    assert (original.public_sections, original.open_to_replication) == (["summary", "results"], True)
    assert list(original.evidence.order_by("pk").values_list("is_public", flat=True)) == [True, False]


def test_the_mayors_office_unpublishes_with_a_reason_kept_in_the_history(people, original):
    with pytest.raises(PermissionDenied):
        services.innovation_unpublish(innovation=original, by=people["other_staff"], reason="x")
    with pytest.raises(ValidationError):
        services.innovation_unpublish(innovation=original, by=people["reviewer"], reason="  ")

    services.innovation_unpublish(innovation=original, by=people["reviewer"], reason="Foto memuat wajah anak.")

    original.refresh_from_db()
    assert original.unpublished_reason == "Foto memuat wajah anak."
    last = Transition.objects.filter(innovation=original).latest("at", "pk")
    assert (last.action, last.by, last.note, last.from_state, last.to_state) == (
        "unpublish",
        people["reviewer"],
        "Foto memuat wajah anak.",
        "accepted",
        "accepted",
    )

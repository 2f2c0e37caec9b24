"""A standard's life through the services: draft, consultation with comments, decree (every component, a signed
PDF or image), publishing, the daily review job and a revised version that retires the one in force."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from compliance.standards import services
from compliance.standards.models import Standard, StandardComment, StandardDecree, State
from core.models import Notification
from innovations.demo import tiny_pdf, tiny_png
from tests.compliance.standards.conftest import CONSULT_UNTIL, TODAY
from tests.compliance.standards.factories import COMPLETE


def test_new_service_starts_with_an_empty_draft_and_a_stable_slug(service, people):
    assert service.slug == "surat-keterangan-sehat"
    assert [(s.version, s.state, s.components) for s in service.standards.all()] == [(1, "draft", {})]
    with pytest.raises(ValidationError) as refused:
        services.service_create(agency=service.agency, name="Surat Keterangan Sehat", by=people["staff"])
    assert refused.value.message_dict == {"slug": ["Unit ini sudah punya layanan dengan alamat ini: pilih yang lain."]}


def test_staff_of_another_agency_cannot_add_a_service(chart, people):
    with pytest.raises(PermissionDenied):
        services.service_create(agency=chart["dinkes"], name="X", by=people["other_staff"])


def test_a_standard_missing_components_cannot_be_decreed_and_the_message_names_them(draft, people):
    partial = {k: v for k, v in COMPLETE.items() if k not in ("jaminan-keamanan", "biaya")}
    services.standard_save(standard=draft, components=partial, by=people["staff"])
    services.standard_consult(standard=draft, by=people["staff"], starts=TODAY, ends=TODAY)

    with pytest.raises(ValidationError) as refused:
        services.standard_decree(
            standard=draft, by=people["head"], sk_number="1/2026", sk_date=TODAY, name="sk.pdf", data=tiny_pdf("x")
        )

    assert refused.value.messages == [
        "Komponen ini belum ditulis: Biaya/tarif, Jaminan keamanan dan keselamatan pelayanan."
    ]
    draft.refresh_from_db()
    assert (draft.state, draft.sk_number, StandardDecree.objects.count()) == ("consultation", "", 0)


def test_a_decree_that_is_not_a_pdf_or_image_is_refused_by_its_content(in_consultation, people):
    with pytest.raises(ValidationError) as refused:
        services.standard_decree(
            standard=in_consultation,
            by=people["head"],
            sk_number="1/2026",
            sk_date=TODAY,
            name="sk.pdf",
            data=b"MZ\x90\x00 this is a program",
        )

    assert refused.value.message_dict == {
        "sk_file": ["sk.pdf bukan berkas PDF, JPG, PNG, DOCX atau XLSX (isinya berbeda). Unggah salah satu jenis itu."]
    }
    in_consultation.refresh_from_db()
    assert in_consultation.state == "consultation"


def test_staff_cannot_decree_only_the_head(in_consultation, people):
    with pytest.raises(PermissionDenied):
        services.standard_decree(
            standard=in_consultation, by=people["staff"], sk_number="1", sk_date=TODAY, name="a.png", data=tiny_png(1)
        )


def test_decree_and_publish_record_every_move_and_set_the_review_date(published, people):
    assert (published.state, published.published_on, published.review_due_on) == (
        "published",
        TODAY,
        datetime.date(2027, 3, 2),
    )
    assert [(t.from_state, t.to_state, t.by) for t in published.transitions.all()] == [
        ("draft", "consultation", people["staff"]),
        ("consultation", "decreed", people["head"]),
        ("decreed", "published", people["head"]),
    ]
    assert published.decree.extension == "pdf"


def test_public_comments_are_taken_only_during_the_consultation(in_consultation, draft):
    comment = services.standard_public_comment(
        standard=in_consultation, text="Mohon loket prioritas lansia", name="Ibu Ani", contact="0812"
    )
    assert (comment.from_public, comment.by, comment.public_name) == (True, None, "Ibu Ani")
    with pytest.raises(ValidationError) as late:
        services.standard_public_comment(
            standard=in_consultation, text="x", today=CONSULT_UNTIL + datetime.timedelta(days=1)
        )
    assert late.value.messages == [f"Konsultasi ditutup pada {CONSULT_UNTIL:%d-%m-%Y}."]


def test_staff_comment_is_kept_with_who(in_consultation, people):
    services.standard_comment(standard=in_consultation, by=people["head"], text="Tambahkan jam layanan")
    assert list(StandardComment.objects.values_list("text", "by__username", "from_public")) == [
        ("Tambahkan jam layanan", "kadinkes", False)
    ]


def test_review_job_moves_once_and_tells_the_head_once(published, people):
    first = services.standards_mark_review_due(today=datetime.date(2027, 3, 2))
    second = services.standards_mark_review_due(today=datetime.date(2027, 3, 3))

    published.refresh_from_db()
    assert (first.moved, first.notified, second.moved, second.notified) == (1, 1, 0, 0)
    assert published.state == "review_due"
    assert list(Notification.objects.values_list("user__username", "key")) == [
        ("kadinkes", f"standard-review-{published.pk}")
    ]


def test_a_revised_version_copies_the_components_and_retires_the_old_one_when_published(published, people):
    services.standards_mark_review_due(today=datetime.date(2027, 3, 2))
    revised = services.standard_revise(service=published.service, by=people["staff"])
    with pytest.raises(ValidationError):
        services.standard_revise(service=published.service, by=people["staff"])
    changed = {**revised.components, "jangka-waktu": {"amount": 2, "unit": "hours"}}
    services.standard_save(standard=revised, components=changed, by=people["staff"])
    services.standard_consult(standard=revised, by=people["staff"], starts=TODAY, ends=TODAY)
    services.standard_decree(
        standard=revised, by=people["head"], sk_number="2/2027", sk_date=TODAY, name="sk.png", data=tiny_png(2)
    )
    services.standard_publish(standard=revised, by=people["head"], today=datetime.date(2027, 4, 1))

    assert list(Standard.objects.order_by("version").values_list("version", "state")) == [
        (1, State.SUPERSEDED),
        (2, State.PUBLISHED),
    ]


def test_maklumat_needs_the_signed_scan_first_then_keeps_it(chart, people):
    with pytest.raises(ValidationError) as refused:
        services.maklumat_save(
            agency=chart["dinkes"], by=people["staff"], text="Kami sanggup", signed_by="dr. A", signed_on=TODAY
        )
    assert refused.value.message_dict == {"scan": ["Unggah maklumat yang sudah ditandatangani (PDF atau foto)."]}
    first = services.maklumat_save(
        agency=chart["dinkes"],
        by=people["staff"],
        text="Kami sanggup",
        signed_by="dr. A",
        signed_on=TODAY,
        name="m.pdf",
        data=tiny_pdf("M"),
    )
    again = services.maklumat_save(
        agency=chart["dinkes"], by=people["head"], text="Kami sanggup melayani", signed_by="dr. A", signed_on=TODAY
    )
    assert (again.pk, again.text, again.sha256) == (first.pk, "Kami sanggup melayani", first.sha256)

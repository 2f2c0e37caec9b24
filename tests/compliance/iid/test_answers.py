"""Answering, prefilling, verifying and sending back, through the services."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from compliance.iid import prefill, selectors, services
from compliance.iid.models import Answer, AnswerTransition
from core.models import Notification
from innovations.models import State
from tests.compliance.iid.factories import answer, indicator
from tests.innovations.factories import build_innovation

pytestmark = pytest.mark.django_db


def test_claimed_counts_every_answer_verified_only_accepted(accepted, people, verifier, region):
    # Indicator 35 (weight 4) at parameter 3 = 12; one innovation, divisor MAX(10, 1) = 10 -> SID 1.20.
    video = answer(by=people["staff"], innovation=accepted, number=35, parameter=3, year=2026)
    answer(by=people["staff"], innovation=accepted, number=16, parameter=1, year=2026)  # 3 x 1 = 3 -> 0.30

    before = selectors.compute_scores(region, 2026)
    services.answer_accept(answer=video, by=verifier)
    after = selectors.compute_scores(region, 2026)

    assert (before.claimed.sid, before.verified.sid) == (Decimal("1.50"), Decimal("0.00"))
    assert (after.claimed.sid, after.verified.sid) == (Decimal("1.50"), Decimal("1.20"))
    assert before.verified.predicate == "tidak_dapat_dinilai"
    assert after.maturity(accepted.agency_id) == (Decimal("13.51"), Decimal("10.81"))  # 15/111, 12/111


def test_send_back_notifies_and_fixing_waits_again(accepted, people, verifier):
    sent = answer(by=people["staff"], innovation=accepted, number=17, parameter=3, year=2026)

    services.answer_return(answer=sent, by=verifier, note="SK tidak terbaca, unggah ulang.")
    fixed = answer(by=people["staff"], innovation=accepted, number=17, parameter=2, year=2026)

    assert fixed.state == "submitted"
    assert list(AnswerTransition.objects.filter(answer=sent).values_list("action", "to_state", "note")) == [
        ("answer", "submitted", ""),
        ("return", "returned", "SK tidak terbaca, unggah ulang."),
        ("answer", "submitted", ""),
    ]
    assert sorted(Notification.objects.filter(kind="iid.answer_returned").values_list("user__username", flat=True)) == [
        "kadinkes",
        "staf.dinkes",
    ]


def test_send_back_needs_a_note_and_the_verifier(accepted, people, verifier):
    sent = answer(by=people["staff"], innovation=accepted, number=17, parameter=3, year=2026)

    with pytest.raises(ValidationError) as no_note:
        services.answer_return(answer=sent, by=verifier, note=" ")
    with pytest.raises(PermissionDenied):
        services.answer_accept(answer=sent, by=people["reviewer"])

    assert no_note.value.message_dict == {"note": ["Tuliskan apa yang salah pada jawaban atau buktinya."]}


def test_an_answer_without_evidence_cannot_be_verified(accepted, people, verifier):
    bare = answer(by=people["staff"], innovation=accepted, number=20, parameter=1, year=2026, evidence=False)

    with pytest.raises(ValidationError) as refused:
        services.answer_accept(answer=bare, by=verifier)

    assert refused.value.messages == ["Jawaban tanpa bukti (berkas atau tautan) tidak dapat diverifikasi."]
    assert Answer.objects.get(pk=bare.pk).state == "submitted"


def test_a_file_that_is_not_what_it_says_saves_nothing(accepted, people):
    with pytest.raises(ValidationError):
        services.answer_save(
            indicator=indicator(2026, 16),
            region=accepted.agency.region,
            innovation=accepted,
            parameter=2,
            by=people["staff"],
            file_name="sk.pdf",
            file_data=b"MZ not a pdf",
        )

    assert Answer.objects.count() == 0


def test_only_accepted_innovations_of_ones_own_agency_are_answered(chart, people, accepted):
    draft = build_innovation(chart["dinkes"], people["staff"], State.DRAFT, year=2026)

    with pytest.raises(PermissionDenied):
        answer(by=people["staff"], innovation=draft, number=16, parameter=1, year=2026)
    with pytest.raises(PermissionDenied):
        answer(by=people["other_staff"], innovation=accepted, number=16, parameter=1, year=2026)
    with pytest.raises(PermissionDenied):
        answer(by=people["staff"], region=accepted.agency.region, number=1, parameter=1, year=2026)


def test_replications_prefill_indicator_31_and_another_choice_needs_a_reason(accepted, chart, people):
    build_innovation(
        chart["disdik"],
        people["other_staff"],
        State.SUBMITTED,
        year=2026,
        title="Sehat Sekolah",
        replication_of=accepted,
    )
    build_innovation(chart["disdik"], people["other_staff"], State.WITHDRAWN, year=2026, replication_of=accepted)

    found = prefill.suggestions_for([accepted])[accepted.pk]
    with pytest.raises(ValidationError) as refused:
        answer(by=people["staff"], innovation=accepted, number=31, parameter=3, year=2026, suggested=1)
    chosen = answer(
        by=people["staff"],
        innovation=accepted,
        number=31,
        parameter=1,
        year=2026,
        suggested=1,
        explanation=found[31].explanation,
    )

    assert found[31] == prefill.Suggestion(1, "Direplikasi 1 kali: Sehat Sekolah (Dinas Pendidikan, Kota Ambon).")
    assert found[32] == prefill.Suggestion(2, "Uji coba 2024-01-15, penerapan 2024-07-01: 5 bulan.")
    assert refused.value.message_dict == {
        "override_reason": ["Sistem menyarankan parameter 1: jelaskan mengapa Anda memilih yang lain."]
    }
    assert (chosen.explanation, chosen.override_reason) == (found[31].explanation, "")

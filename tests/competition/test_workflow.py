"""The two workflow maps are what the services enforce: a move the map does not allow from a state is refused in
the service's own words and writes nothing; every allowed move appends exactly one transition row (who, from,
to, both stages for an entry, the note)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from competition.models import EntryState, EntryTransition, ReviewTransition
from competition.services.agency import entry_submit, entry_withdraw
from competition.services.evaluator import review_reopen, review_submit
from competition.services.organiser import entries_advance, entry_fail, entry_pass
from competition.workflow import ENTRY_CREATE, ENTRY_WORKFLOW, REVIEW_WORKFLOW
from tests.agencies.factories import user_with_role
from tests.competition.conftest import CHECKLIST, accepted, enter, score_all

pytestmark = pytest.mark.django_db


def test_entry_map_moves_and_who_makes_them():
    assert {a: (m.sources, m.target, m.permission, m.note_required) for a, m in ENTRY_WORKFLOW.map.items()} == {
        "submit": (("draft",), "submitted", "competition.submit_entry", False),
        "withdraw": (("draft", "submitted"), "withdrawn", "competition.withdraw_entry", False),
        "pass": (("submitted",), "passed", "competition.select_entry", False),
        "fail": (("submitted",), "failed", "competition.select_entry", True),
        "advance": (("passed",), "passed", "competition.manage_round", False),
    }
    assert (ENTRY_CREATE.sources, ENTRY_CREATE.target, ENTRY_CREATE.permission) == (
        ("",),
        "draft",
        "competition.enter_round",
    )


def test_review_map_moves_and_who_makes_them():
    assert {a: (m.sources, m.target, m.permission, m.note_required) for a, m in REVIEW_WORKFLOW.map.items()} == {
        "submit": (("draft", "reopened"), "submitted", "competition.submit_review", False),
        "reopen": (("submitted",), "reopened", "competition.manage_round", True),
    }


def test_entry_moves_outside_the_map_are_refused_in_their_own_words(round_, people, chart):
    organiser = people["reviewer"]
    # Each move through its service, made by the person whose move it is.
    calls = {
        "submit": lambda e: entry_submit(entry=e, by=e.created_by),
        "withdraw": lambda e: entry_withdraw(entry=e, by=e.created_by),
        "pass": lambda e: entry_pass(entry=e, by=organiser, checklist=CHECKLIST),
        "fail": lambda e: entry_fail(entry=e, by=organiser, checklist={}, note="Video rusak."),
        "advance": lambda e: entries_advance(round_=round_, by=organiser, entry_ids=[e.pk]),
    }
    staff_pkm = user_with_role("staff", agency=chart["pkm"], username="staf.pkm")
    by_state = {
        EntryState.DRAFT: enter(round_, accepted(chart["dinkes"], "Draf"), people["staff"], submit=False),
        EntryState.SUBMITTED: enter(round_, accepted(chart["dinkes"], "Diajukan"), people["staff"]),
        EntryState.PASSED: enter(
            round_, accepted(chart["disdik"], "Lolos"), people["other_staff"], passed=True, organiser=organiser
        ),
        EntryState.FAILED: entry_fail(
            entry=enter(round_, accepted(chart["disdik"], "Gagal"), people["other_staff"]),
            by=organiser,
            checklist={},
            note="Tidak lengkap.",
        ),
        EntryState.WITHDRAWN: entry_withdraw(
            entry=enter(round_, accepted(chart["pkm"], "Ditarik"), staff_pkm), by=staff_pkm
        ),
    }
    rows_before = EntryTransition.objects.count()

    refusals = {}
    for state, entry in by_state.items():
        for action, call in calls.items():
            if state in ENTRY_WORKFLOW.map[action].sources:
                continue
            with pytest.raises(ValidationError) as error:
                call(entry)
            refusals[(state.value, action)] = error.value.messages

    not_draft = ["Hanya pendaftaran berstatus draf yang dapat diajukan."]
    not_live = ["Pendaftaran ini tidak dapat ditarik sekarang."]
    not_submitted = ["Hanya pendaftaran yang sudah diajukan yang dapat diseleksi."]
    assert refusals == {
        ("draft", "pass"): not_submitted,
        ("draft", "fail"): not_submitted,
        ("draft", "advance"): ["Draf belum lolos seleksi."],
        ("submitted", "submit"): not_draft,
        ("submitted", "advance"): ["Diajukan belum lolos seleksi."],
        ("passed", "submit"): not_draft,
        ("passed", "withdraw"): not_live,
        ("passed", "pass"): not_submitted,
        ("passed", "fail"): not_submitted,
        ("failed", "submit"): not_draft,
        ("failed", "withdraw"): not_live,
        ("failed", "pass"): not_submitted,
        ("failed", "fail"): not_submitted,
        ("failed", "advance"): ["Gagal belum lolos seleksi."],
        ("withdrawn", "submit"): not_draft,
        ("withdrawn", "withdraw"): not_live,
        ("withdrawn", "pass"): not_submitted,
        ("withdrawn", "fail"): not_submitted,
        ("withdrawn", "advance"): ["Ditarik belum lolos seleksi."],
    }
    assert EntryTransition.objects.count() == rows_before


def _rows_added(entry, since):
    return [
        (t.action, t.by.username, t.from_state, t.to_state, t.from_stage.kind, t.to_stage.kind, t.note)
        for t in entry.transitions.select_related("by", "from_stage", "to_stage").filter(pk__gt=since)
    ]


def _last_row(entry):
    last = entry.transitions.order_by("-pk").first()
    return last.pk if last else 0


def test_every_entry_move_in_the_map_writes_one_transition_row(round_, people, chart):
    staff, organiser = people["staff"], people["reviewer"]
    walked = set()

    def make(entry, action, call):
        since = _last_row(entry)
        walked.add((entry.state, action))
        call()
        entry.refresh_from_db()
        return _rows_added(entry, since)

    kept = enter(round_, accepted(chart["dinkes"], "Antar Obat"), staff, submit=False)
    dropped = enter(round_, accepted(chart["disdik"], "Guru Kunjung"), people["other_staff"], submit=False)

    assert make(kept, "submit", lambda: entry_submit(entry=kept, by=staff, note=" Siap. ")) == [
        ("submit", "staf.dinkes", "draft", "submitted", "registration", "registration", "Siap.")
    ]
    assert make(kept, "pass", lambda: entry_pass(entry=kept, by=organiser, checklist=CHECKLIST, note="Lengkap.")) == [
        ("pass", "walikota", "submitted", "passed", "registration", "proposal", "Lengkap.")
    ]
    assert make(
        kept, "advance", lambda: entries_advance(round_=round_, by=organiser, entry_ids=[kept.pk], note="Lima besar.")
    ) == [("advance", "walikota", "passed", "passed", "proposal", "presentation", "Lima besar.")]
    assert make(dropped, "withdraw", lambda: entry_withdraw(entry=dropped, by=people["other_staff"], note="Salah")) == [
        ("withdraw", "staf.disdik", "draft", "withdrawn", "registration", "registration", "Salah")
    ]
    failed = enter(round_, accepted(chart["disdik"], "Posyandu"), people["other_staff"])
    assert make(failed, "fail", lambda: entry_fail(entry=failed, by=organiser, checklist={}, note="Video rusak.")) == [
        ("fail", "walikota", "submitted", "failed", "registration", "registration", "Video rusak.")
    ]
    late = enter(round_, accepted(chart["dinkes"], "Lain"), staff)
    assert make(late, "withdraw", lambda: entry_withdraw(entry=late, by=staff)) == [
        ("withdraw", "staf.dinkes", "submitted", "withdrawn", "registration", "registration", "")
    ]
    # Every move the map allows, from every state it allows it, has been made once above.
    assert walked == {(s, a) for a, m in ENTRY_WORKFLOW.map.items() for s in m.sources}


def test_entry_moves_refuse_the_wrong_person_in_their_own_words(round_, people, chart):
    entry = enter(round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], submit=False)

    with pytest.raises(PermissionDenied) as not_theirs:
        entry_submit(entry=entry, by=people["other_staff"])
    with pytest.raises(PermissionDenied) as not_withdrawable:
        entry_withdraw(entry=entry, by=people["other_staff"])
    entry = entry_submit(entry=entry, by=people["staff"])
    with pytest.raises(PermissionDenied) as not_organiser:
        entry_pass(entry=entry, by=people["staff"], checklist=CHECKLIST)
    with pytest.raises(ValidationError) as no_reason:
        entry_fail(entry=entry, by=people["reviewer"], checklist={}, note=" ")

    assert [str(e.value) for e in (not_theirs, not_withdrawable, not_organiser)] == [
        "Anda tidak bertugas di instansi ini.",
        "Pendaftaran ini tidak dapat ditarik sekarang.",
        "Hanya penyelenggara babak ini yang dapat melakukannya.",
    ]
    assert no_reason.value.message_dict == {"note": ["Tuliskan alasan tidak lolos untuk instansi."]}
    assert (ENTRY_WORKFLOW.allowed(entry, people["staff"]), ENTRY_WORKFLOW.allowed(entry, people["reviewer"])) == (
        ["withdraw"],
        ["pass", "fail"],
    )


def test_review_moves_follow_the_map_one_transition_row_each(assigned, people, panel):
    organiser, evaluator = people["reviewer"], people["evaluator"]
    review = assigned.reviews.get(panelist=panel[0])
    refusals = []

    def refused(call):
        with pytest.raises(ValidationError) as error:
            call()
        refusals.append(error.value.messages)

    refused(lambda: review_reopen(review=review, by=organiser, note="Cek"))  # draft
    score_all(review, evaluator, 70)
    refused(lambda: review_submit(review=review, by=evaluator))  # submitted
    with pytest.raises(ValidationError) as no_reason:
        review_reopen(review=review, by=organiser, note=" ")
    with pytest.raises(PermissionDenied) as not_organiser:
        review_reopen(review=review, by=people["staff"], note="Cek")
    review_reopen(review=review, by=organiser, note=" Periksa kebaruan. ")
    refused(lambda: review_reopen(review=review, by=organiser, note="Cek"))  # reopened
    with pytest.raises(PermissionDenied) as not_assigned:
        review_submit(review=review, by=panel[1].user)
    review_submit(review=review, by=evaluator)

    assert refusals == [
        ["Hanya penilaian yang sudah dikirim yang dapat dibuka kembali."],
        ["Penilaian ini sudah dikirim."],
        ["Hanya penilaian yang sudah dikirim yang dapat dibuka kembali."],
    ]
    assert no_reason.value.message_dict == {"note": ["Tuliskan alasan penilaian dibuka kembali."]}
    assert [str(e.value) for e in (not_organiser, not_assigned)] == [
        "Hanya penyelenggara babak ini yang dapat melakukannya.",
        "Penilaian ini tidak ditugaskan kepada Anda.",
    ]
    assert [(t.action, t.by.username, t.from_state, t.to_state, t.note) for t in review.transitions.all()] == [
        ("submit", "juri1", "draft", "submitted", ""),
        ("reopen", "walikota", "submitted", "reopened", "Periksa kebaruan."),
        ("submit", "juri1", "reopened", "submitted", ""),
    ]
    assert ReviewTransition.objects.count() == 3

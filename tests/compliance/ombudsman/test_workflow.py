"""The improvement note's map is what `finding_move` enforces: a move the map does not have from a state is refused
in the service's own words and writes nothing; every allowed move appends exactly one state event (who, from, to,
the comment)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from compliance.ombudsman.models import Finding, FindingEvent, FindingState
from compliance.ombudsman.services import finding_move
from compliance.ombudsman.workflow import FINDING_WORKFLOW
from tests.compliance.factories import AssessmentFactory, FindingFactory

pytestmark = pytest.mark.django_db
LABELS = {
    "open": "Terbuka",
    "in_progress": "Sedang dikerjakan",
    "done": "Selesai, menunggu verifikasi",
    "verified": "Terverifikasi",
}


@pytest.fixture
def notes(chart):
    """One note in each state on the same assessment, the health office responsible for it."""
    assessment = AssessmentFactory(agency=chart["pkm"])
    return {
        state: FindingFactory(assessment=assessment, responsible=chart["dinkes"], state=state)
        for state in FindingState.values
    }


def test_finding_map_moves_forward_and_only_a_done_item_goes_back():
    assert {a: (m.sources, m.target, m.permission, m.note_required) for a, m in FINDING_WORKFLOW.map.items()} == {
        "start": (("open",), "in_progress", "compliance.work_on_finding", False),
        "complete": (("open", "in_progress"), "done", "compliance.complete_finding", False),
        "verify": (("done",), "verified", "compliance.verify_finding", False),
        "send_back": (("done",), "in_progress", "compliance.verify_finding", True),
    }


def test_moves_outside_the_map_are_refused_in_the_services_words_and_write_nothing(notes, people):
    refusals = {}
    for state, note in notes.items():
        for to in ("open", "in_progress", "done", "verified"):
            if any(state in m.sources and m.target == to for m in FINDING_WORKFLOW.map.values()):
                continue
            with pytest.raises(ValidationError) as error:
                finding_move(finding=note, to=to, by=people["admin"], comment="Coba")
            refusals[(state, to)] = error.value.messages

    assert refusals == {
        (state, to): [f"Catatan berstatus '{LABELS[state]}' tidak dapat diubah menjadi '{LABELS[to]}'."]
        for state, to in [
            ("open", "open"),
            ("open", "verified"),
            ("in_progress", "open"),
            ("in_progress", "in_progress"),
            ("in_progress", "verified"),
            ("done", "open"),
            ("done", "done"),
            ("verified", "open"),
            ("verified", "in_progress"),
            ("verified", "done"),
            ("verified", "verified"),
        ]
    }
    assert dict(Finding.objects.values_list("pk", "state")) == {note.pk: state for state, note in notes.items()}
    assert not FindingEvent.objects.exists()


@pytest.mark.parametrize(
    ("state", "to", "who", "comment", "event"),
    [
        ("open", "in_progress", "staff", "Mulai", ("staf.dinkes", "open", "in_progress", "Mulai")),
        ("open", "done", "head", "Sudah dipasang", ("kadinkes", "open", "done", "Sudah dipasang")),
        ("in_progress", "done", "head", " Sudah dipasang ", ("kadinkes", "in_progress", "done", "Sudah dipasang")),
        ("done", "verified", "reviewer", "", ("walikota", "done", "verified", "")),
        ("done", "in_progress", "reviewer", "Foto buram", ("walikota", "done", "in_progress", "Foto buram")),
    ],
)
def test_each_allowed_move_writes_one_state_event(notes, people, state, to, who, comment, event):
    moved = finding_move(finding=notes[state], to=to, by=people[who], comment=comment)

    assert moved.state == to
    assert list(
        FindingEvent.objects.values_list("finding_id", "kind", "by__username", "from_state", "to_state", "text")
    ) == [(moved.pk, "state", *event)]


@pytest.mark.parametrize(
    ("state", "who", "allowed"),
    [
        ("open", "staff", ["start"]),
        ("open", "head", ["start", "complete"]),
        ("open", "reviewer", []),
        ("open", "other_staff", []),
        ("in_progress", "staff", []),
        ("in_progress", "head", ["complete"]),
        ("done", "head", []),
        ("done", "reviewer", ["verify", "send_back"]),
        ("verified", "reviewer", []),
    ],
)
def test_allowed_moves_are_the_map_and_the_persons_permissions(notes, people, state, who, allowed):
    assert FINDING_WORKFLOW.allowed(notes[state], people[who]) == allowed


def test_a_move_without_its_permission_is_refused_and_writes_nothing(notes, people):
    with pytest.raises(PermissionDenied):
        finding_move(finding=notes["done"], to="verified", by=people["head"])

    notes["done"].refresh_from_db()
    assert notes["done"].state == "done"
    assert not FindingEvent.objects.exists()

"""The entrant agency's services: an entry prefilled from its innovation, every move recorded."""

import pytest

from competition.services.organiser import (
    entry_pass,
)
from tests.competition.conftest import CHECKLIST, accepted, enter

pytestmark = pytest.mark.django_db


def test_entry_is_prefilled_and_every_transition_recorded(round_, people, chart):
    innovation = accepted(
        chart["dinkes"], "Antar Obat", summary="Obat diantar.", problem="Lansia sulit datang.", aims="Tujuan."
    )

    entry = enter(round_, innovation, people["staff"])
    entry = entry_pass(entry=entry, by=people["reviewer"], checklist=CHECKLIST, note="Lengkap.")

    assert (entry.summary, entry.background) == ("Obat diantar.", "Lansia sulit datang.\n\nTujuan.")
    assert [(t.action, t.from_state, t.to_state, t.to_stage.kind, t.by.username) for t in entry.transitions.all()] == [
        ("create", "", "draft", "registration", "staf.dinkes"),
        ("submit", "draft", "submitted", "registration", "staf.dinkes"),
        ("pass", "submitted", "passed", "proposal", "walikota"),
    ]

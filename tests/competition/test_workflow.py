"""The workflow maps as data: each move from where it may start, and a move the map does not allow refused."""

import pytest

from competition.workflow import ENTRY_MOVES, REVIEW_MOVES, target


def test_entry_moves_from_draft_to_a_decision():
    assert {(a, m.sources, m.target) for a, m in ENTRY_MOVES.items()} == {
        ("create", ("",), "draft"),
        ("submit", ("draft",), "submitted"),
        ("withdraw", ("draft", "submitted"), "withdrawn"),
        ("pass", ("submitted",), "passed"),
        ("fail", ("submitted",), "failed"),
        ("advance", ("passed",), "passed"),
    }


def test_review_moves_and_who_makes_them():
    assert {a: (m.sources, m.target, m.who) for a, m in REVIEW_MOVES.items()} == {
        "submit": (("draft", "reopened"), "submitted", "competition.review_entry"),
        "reopen": (("submitted",), "reopened", "competition.manage_round"),
    }


def test_a_move_outside_the_map_is_refused():
    assert target(ENTRY_MOVES, "withdraw", "submitted") == "withdrawn"
    with pytest.raises(ValueError, match="pass is not a move from 'draft'"):
        target(ENTRY_MOVES, "pass", "draft")
    with pytest.raises(ValueError):
        target(REVIEW_MOVES, "reopen", "draft")

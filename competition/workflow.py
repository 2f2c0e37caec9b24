"""The two workflows of the competition as data: which move leads from which state to which, and who may make it.

The services make each move (lock, guard, write) and record it here, so that every entry and review transition
goes through one place; the transition engine of `core` will read these maps instead.

Entries: draft → submitted → passed | failed (administrative selection); draft | submitted → withdrawn. A passed
entry moves on through the scored stages (`advance`: the state stays, the stage changes).
Reviews: draft → submitted → reopened (by the organiser) → submitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from agencies.models import User
from competition.models import Entry, EntryState, EntryTransition, Review, ReviewState, ReviewTransition, Stage


@dataclass(frozen=True)
class Move:
    action: str
    sources: tuple[str, ...]
    target: str
    #: The named permission (competition/rules.py) of whoever may make the move.
    who: str


def _by_action(*moves: Move) -> Mapping[str, Move]:
    return {move.action: move for move in moves}


_ANY_LIVE_ENTRY = (EntryState.DRAFT.value, EntryState.SUBMITTED.value)

ENTRY_MOVES = _by_action(
    Move("create", ("",), EntryState.DRAFT, who="competition.enter_round"),
    Move("submit", (EntryState.DRAFT,), EntryState.SUBMITTED, who="competition.submit_entry"),
    Move("withdraw", _ANY_LIVE_ENTRY, EntryState.WITHDRAWN, who="competition.withdraw_entry"),
    Move("pass", (EntryState.SUBMITTED,), EntryState.PASSED, who="competition.select_entry"),
    Move("fail", (EntryState.SUBMITTED,), EntryState.FAILED, who="competition.select_entry"),
    Move("advance", (EntryState.PASSED,), EntryState.PASSED, who="competition.manage_round"),
)

REVIEW_MOVES = _by_action(
    Move("submit", (ReviewState.DRAFT, ReviewState.REOPENED), ReviewState.SUBMITTED, who="competition.review_entry"),
    Move("reopen", (ReviewState.SUBMITTED,), ReviewState.REOPENED, who="competition.manage_round"),
)

#: The organiser's checklist of the administrative selection (what SINOVIK's secretariat checks): an entry
#: passes only with every item ticked.
ADMIN_CHECKLIST = [
    ("complete", "The proposal is complete and its answers are meaningful"),
    ("age", "The innovation has been implemented long enough"),
    ("documents", "The statements and supporting documents are attached"),
    ("video", "The video link works"),
    ("unique", "The same title is not entered twice"),
]


def target(moves: Mapping[str, Move], action: str, current: str) -> str:
    """The state `action` leads to from `current`. The services check first with words a person reads; a
    refusal here means the map and a service disagree, a bug rather than a user's mistake."""
    move = moves[action]
    if current not in move.sources:
        raise ValueError(f"{action} is not a move from {current!r}")
    return move.target


def record_entry(
    entry: Entry, *, action: str, from_state: str, by: User | None, from_stage: Stage | None = None, note: str = ""
) -> EntryTransition:
    """Append the entry's move (its state and stage before and after) once the service has saved it."""
    if target(ENTRY_MOVES, action, from_state) != entry.state:
        raise ValueError(f"{action} leads to {ENTRY_MOVES[action].target}, not {entry.state}")
    return EntryTransition.objects.create(
        entry=entry,
        action=action,
        from_state=from_state,
        to_state=entry.state,
        from_stage=from_stage or entry.stage,
        to_stage=entry.stage,
        by=by,
        note=note,
    )


def record_review(review: Review, *, action: str, from_state: str, by: User, note: str = "") -> ReviewTransition:
    if target(REVIEW_MOVES, action, from_state) != review.state:
        raise ValueError(f"{action} leads to {REVIEW_MOVES[action].target}, not {review.state}")
    return ReviewTransition.objects.create(
        review=review, action=action, from_state=from_state, to_state=review.state, by=by, note=note
    )

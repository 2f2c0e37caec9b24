"""The two workflows of the competition on the transition engine of `core`: which move leads from which state to
which, and who may make it. The services make every move of an entry or a review through `.move(...)`.

Entries: draft → submitted → passed | failed (administrative selection); draft | submitted → withdrawn. A passed
entry moves on through the scored stages (`advance`: the state stays, the stage changes). Creating an entry is
not a move of an existing row: `entry_create` inserts it as a draft and records `ENTRY_CREATE`.
Reviews: draft → submitted → reopened (by the organiser) → submitted.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from competition.models import Entry, EntryState, EntryTransition, Review, ReviewState, ReviewTransition, Stage
from core.workflow import Move, Workflow, noted_move

# Each refusal is a sentence of its own (the words the services have always used), so the engine's refusal
# template is the move's words alone.
_OWN_WORDS = "%(action)s"
_ORGANISER_ONLY = gettext_lazy("Only the organiser of this round may do this.")
_ANY_LIVE_ENTRY = (EntryState.DRAFT.value, EntryState.SUBMITTED.value)


def move_to_stage(entry: Entry, stage: Stage) -> list[str]:
    """For an `apply`: put the entry in `stage`; its transition row keeps the stage it came from."""
    entry.stage_before = entry.stage
    entry.stage = stage
    return ["stage"]


def _record_entry(entry: Entry, move: Move, source: str, by: Any, note: str) -> EntryTransition:
    before, entry.stage_before = entry.stage_before, None
    return EntryTransition.objects.create(
        entry=entry,
        action=move.action,
        from_state=source,
        to_state=entry.state,
        from_stage=before or entry.stage,
        to_stage=entry.stage,
        by=by,
        note=note,
    )


#: The entry's first row: inserted by `entry_create`, recorded as a move from no state.
ENTRY_CREATE = Move("create", ("",), EntryState.DRAFT, "competition.enter_round")

ENTRY_WORKFLOW: Workflow[Entry] = Workflow(
    model=Entry,
    moves=(
        Move(
            "submit",
            (EntryState.DRAFT,),
            EntryState.SUBMITTED,
            "competition.submit_entry",
            denied=gettext_lazy("You do not work for this agency."),
        ),
        Move(
            "withdraw",
            _ANY_LIVE_ENTRY,
            EntryState.WITHDRAWN,
            "competition.withdraw_entry",
            denied=gettext_lazy("This entry cannot be withdrawn now."),
        ),
        Move("pass", (EntryState.SUBMITTED,), EntryState.PASSED, "competition.select_entry", denied=_ORGANISER_ONLY),
        noted_move(
            "fail",
            (EntryState.SUBMITTED,),
            EntryState.FAILED,
            "competition.select_entry",
            why=gettext_lazy("Give the agency the reason it failed."),
            denied=_ORGANISER_ONLY,
        ),
        Move("advance", (EntryState.PASSED,), EntryState.PASSED, "competition.manage_round", denied=_ORGANISER_ONLY),
    ),
    record=_record_entry,
    refused=_OWN_WORDS,
    action_words={
        "submit": gettext_lazy("Only a draft entry can be submitted."),
        "withdraw": gettext_lazy("This entry cannot be withdrawn now."),
        "pass": gettext_lazy("Only a submitted entry can be selected."),
        "fail": gettext_lazy("Only a submitted entry can be selected."),
        # `entries_advance` refuses first, naming the entry ("... has not passed selection").
    },
    related=("round", "agency", "group", "innovation", "stage"),
)

REVIEW_WORKFLOW: Workflow[Review] = Workflow(
    model=Review,
    moves=(
        Move(
            "submit",
            (ReviewState.DRAFT, ReviewState.REOPENED),
            ReviewState.SUBMITTED,
            "competition.submit_review",
            denied=gettext_lazy("This review is not assigned to you."),
        ),
        noted_move(
            "reopen",
            (ReviewState.SUBMITTED,),
            ReviewState.REOPENED,
            "competition.manage_round",
            why=gettext_lazy("Say why the review is reopened."),
            denied=_ORGANISER_ONLY,
        ),
    ),
    record=lambda review, move, source, by, note: ReviewTransition.objects.create(
        review=review, action=move.action, from_state=source, to_state=review.state, by=by, note=note
    ),
    refused=_OWN_WORDS,
    action_words={
        "submit": gettext_lazy("This review has already been submitted."),
        "reopen": gettext_lazy("Only a submitted review can be reopened."),
    },
    related=("stage", "stage__round", "panelist", "panelist__user", "entry", "entry__innovation"),
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

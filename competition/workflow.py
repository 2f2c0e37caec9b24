"""The two workflows of the competition on the transition engine of `core`: which move leads from which state to
which, and who may make it. The services make every move of an entry or a review through `.move(...)`.

Entries: draft → submitted → passed | failed (administrative selection); draft | submitted → withdrawn. A passed
entry moves on through the scored stages (`advance`: the state stays, the stage changes). Creating an entry is
not a move of an existing row: `entry_create` inserts it as a draft and records `ENTRY_CREATE`.
Reviews: draft → submitted → reopened (by the organiser) → submitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from competition.models import Entry, EntryState, EntryTransition, Review, ReviewState, ReviewTransition, Stage
from core.workflow import M, Move, Workflow


@dataclass
class CompetitionWorkflow(Workflow[M]):
    """The engine, with each move's own refusal of a person without its permission: the organiser's moves and
    the agency's are refused in different words, and the engine has one sentence per workflow."""

    denied: Mapping[str, str | Promise] = field(default_factory=dict)

    def check(self, obj: M, action: str, *, by: Any, note: str = "") -> Move:
        try:
            return super().check(obj, action, by=by, note=note)
        except PermissionDenied:
            raise PermissionDenied(str(self.denied.get(action, self.permission_denied))) from None


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

ENTRY_WORKFLOW: CompetitionWorkflow[Entry] = CompetitionWorkflow(
    model=Entry,
    moves=(
        Move("submit", (EntryState.DRAFT,), EntryState.SUBMITTED, "competition.submit_entry"),
        Move("withdraw", _ANY_LIVE_ENTRY, EntryState.WITHDRAWN, "competition.withdraw_entry"),
        Move("pass", (EntryState.SUBMITTED,), EntryState.PASSED, "competition.select_entry"),
        Move(
            "fail",
            (EntryState.SUBMITTED,),
            EntryState.FAILED,
            "competition.select_entry",
            note_required=True,
            note_message=gettext_lazy("Give the agency the reason it failed."),
        ),
        Move("advance", (EntryState.PASSED,), EntryState.PASSED, "competition.manage_round"),
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
    denied={
        "submit": gettext_lazy("You do not work for this agency."),
        "withdraw": gettext_lazy("This entry cannot be withdrawn now."),
        "pass": _ORGANISER_ONLY,
        "fail": _ORGANISER_ONLY,
        "advance": _ORGANISER_ONLY,
    },
    related=("round", "agency", "group", "innovation", "stage"),
)

REVIEW_WORKFLOW: CompetitionWorkflow[Review] = CompetitionWorkflow(
    model=Review,
    moves=(
        Move("submit", (ReviewState.DRAFT, ReviewState.REOPENED), ReviewState.SUBMITTED, "competition.submit_review"),
        Move(
            "reopen",
            (ReviewState.SUBMITTED,),
            ReviewState.REOPENED,
            "competition.manage_round",
            note_required=True,
            note_message=gettext_lazy("Say why the review is reopened."),
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
    denied={
        "submit": gettext_lazy("This review is not assigned to you."),
        "reopen": _ORGANISER_ONLY,
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

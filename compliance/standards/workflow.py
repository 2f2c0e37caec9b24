"""The standard's workflow on the transition engine of `core`: draft → consultation → decreed → published →
review_due. A revision is a new version (services.standard_revise); publishing it retires the one in force.
The permissions are checked on the service's unit; the daily review job moves with no person (`by=None`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from compliance.standards.models import Standard, StandardTransition, State
from core.workflow import Move, Workflow

S = State


def _record(standard: Standard, move: Move, source: str, by: Any, note: str) -> StandardTransition:
    return StandardTransition.objects.create(
        standard=standard, action=move.action, from_state=source, to_state=move.target, by=by, note=note
    )


STANDARD_WORKFLOW: Workflow[Standard] = Workflow(
    model=Standard,
    moves=(
        Move("consult", (S.DRAFT,), S.CONSULTATION, "standards.change_service"),
        Move("redraft", (S.CONSULTATION,), S.DRAFT, "standards.change_service"),
        Move("decree", (S.CONSULTATION,), S.DECREED, "standards.decree_standard"),
        Move("publish", (S.DECREED,), S.PUBLISHED, "standards.decree_standard"),
        # Moves of the daily job and of publishing a newer version, never a button: no permission of their own.
        Move("review_due", (S.PUBLISHED,), S.REVIEW_DUE),
        Move("supersede", (S.PUBLISHED, S.REVIEW_DUE), S.SUPERSEDED),
    ),
    record=_record,
    refused=_("A standard that is %(state)s cannot be %(action)s."),
    action_words={
        "consult": _("sent to consultation"),
        "redraft": _("taken back to draft"),
        "decree": _("decreed"),
        "publish": _("published"),
        "review_due": _("marked due for review"),
        "supersede": _("replaced"),
    },
    permission_object=lambda standard, move: standard.service.agency,
    related=("service__agency",),
)

#: The moves a person makes from the page, with their button words.
PAGE_MOVES = ("consult", "redraft", "decree", "publish")

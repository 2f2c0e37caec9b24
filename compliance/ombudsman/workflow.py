"""The improvement note's workflow on the transition engine of `core`: which move leads from which state to which,
and who may make it. `services.finding_move` makes every change of state through `FINDING_WORKFLOW.move(...)`.

open → in_progress → done → verified; the mayor's office may send a done item back to in_progress, with a
reason. The agency's permissions are checked on the responsible agency, the mayor's office's on its region.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.ombudsman.models import Finding, FindingEvent, FindingState
from core.workflow import Move, Workflow, noted_move

F = FindingState

#: The permission checked on the responsible agency's region rather than on the agency.
REGION_PERMISSION = "compliance.verify_finding"


def finding_permission_object(finding: Finding, permission: str | None) -> Any:
    """What a move's permission is checked on: the responsible agency, or its region for the mayor's office."""
    return finding.responsible.region if permission == REGION_PERMISSION else finding.responsible


def cannot_become(finding: Finding, to: str) -> str:
    """The refusal of a move the workflow does not have from the item's state (the states as the page shows them)."""
    return _("An item that is '%(state)s' cannot become '%(to)s'.") % {
        "state": finding.get_state_display(),
        "to": F(to).label if to in F.values else to,
    }


def _record(finding: Finding, move: Move, source: str, by: Any, note: str) -> FindingEvent:
    return FindingEvent.objects.create(
        finding=finding, kind=FindingEvent.Kind.STATE, by=by, text=note, from_state=source, to_state=move.target
    )


FINDING_WORKFLOW: Workflow[Finding] = Workflow(
    model=Finding,
    moves=(
        Move("start", (F.OPEN,), F.IN_PROGRESS, "compliance.work_on_finding"),
        Move("complete", (F.OPEN, F.IN_PROGRESS), F.DONE, "compliance.complete_finding"),
        Move("verify", (F.DONE,), F.VERIFIED, REGION_PERMISSION),
        noted_move(
            "send_back",
            (F.DONE,),
            F.IN_PROGRESS,
            REGION_PERMISSION,
            why=gettext_lazy("Say why the item is sent back."),
        ),
    ),
    record=_record,
    permission_object=lambda finding, move: finding_permission_object(finding, move.permission),
    refusal=lambda finding, move: cannot_become(finding, move.target),
    related=("responsible__region",),
)


def finding_action(finding: Finding, to: str) -> str | None:
    """The move that takes the item to `to`: the one allowed from its state, else any that leads there (for the
    engine to refuse in the workflow's words); None when no move leads there."""
    leading = [m for m in FINDING_WORKFLOW.map.values() if m.target == to]
    allowed = [m for m in leading if finding.state in m.sources]
    return next((m.action for m in (*allowed, *leading)), None)

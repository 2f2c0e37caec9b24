"""The quota exemption's workflow on the transition engine of `core`: an agency head's request waits for the
mayor's office, who accepts it or rejects it with a reason. `services.exemption_decide` makes both moves through
`EXEMPTION_WORKFLOW.move(...)`; `services.exemption_request` inserts the request in its first state.

The request is its own history: a decision is made once, so the row keeps who decided, when and why (from is
always "requested") instead of a table of transitions.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from compliance.quota.models import QuotaExemption
from core.workflow import Move, Workflow, noted_move

D = QuotaExemption.Decision


def _record(exemption: QuotaExemption, move: Move, source: str, by: Any, note: str) -> QuotaExemption:
    exemption.decided_by = by
    exemption.decided_at = timezone.now()
    exemption.decision_note = note
    exemption.save(update_fields=["decided_by", "decided_at", "decision_note"])
    return exemption


EXEMPTION_WORKFLOW: Workflow[QuotaExemption] = Workflow(
    model=QuotaExemption,
    moves=(
        Move("accept", (D.REQUESTED,), D.ACCEPTED, "compliance.decide_exemption"),
        noted_move(
            "reject",
            (D.REQUESTED,),
            D.REJECTED,
            "compliance.decide_exemption",
            why=gettext_lazy("Say why the request is rejected."),
        ),
    ),
    record=_record,
    # One sentence whatever the decision was: the request is no longer waiting.
    refused=gettext_lazy("This request was already decided."),
    # The mayor's office decides for the agencies of its region.
    permission_object=lambda exemption, move: exemption.agency.region,
    related=("agency__region",),
)

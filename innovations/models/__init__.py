"""The innovation register's models, one module per concern; the app label and table names are unchanged.

`register` holds the record, its workflow rows and evidence; `catalogue` what the catalogue adds: replication
records, the region's catalogue settings and the yearly "still running?" rounds.
"""

from innovations.models.catalogue import (
    CatalogueSetting,
    Replication,
    ReplicationAgreement,
    RunningConfirmation,
    RunningReminder,
    RunningRound,
    StopReason,
    agreement_path,
)
from innovations.models.register import (
    EDITABLE_STATES,
    PUBLIC_SECTIONS,
    Category,
    Evidence,
    Innovation,
    State,
    Transition,
    classified_as,
    evidence_path,
)

__all__ = [
    "EDITABLE_STATES",
    "PUBLIC_SECTIONS",
    "CatalogueSetting",
    "Category",
    "Evidence",
    "Innovation",
    "Replication",
    "ReplicationAgreement",
    "RunningConfirmation",
    "RunningReminder",
    "RunningRound",
    "State",
    "StopReason",
    "Transition",
    "agreement_path",
    "classified_as",
    "evidence_path",
]

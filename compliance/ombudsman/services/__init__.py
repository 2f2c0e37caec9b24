"""Every write of the Ombudsman part, one module per subject: assessments (record, correct, source document,
import) and the improvement notes (create, move, evidence, comment, reschedule, the daily overdue job)."""

from compliance.ombudsman.services.assessments import (
    COLUMNS,
    assessment_attach_source,
    assessment_correct,
    assessment_record,
    assessments_import,
    assessments_import_check,
)
from compliance.ombudsman.services.findings import (
    OverdueSweep,
    finding_add_evidence,
    finding_comment,
    finding_create,
    finding_move,
    finding_reschedule,
    findings_mark_overdue,
)

__all__ = [
    "COLUMNS",
    "OverdueSweep",
    "assessment_attach_source",
    "assessment_correct",
    "assessment_record",
    "assessments_import",
    "assessments_import_check",
    "finding_add_evidence",
    "finding_comment",
    "finding_create",
    "finding_move",
    "finding_reschedule",
    "findings_mark_overdue",
]

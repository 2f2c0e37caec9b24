"""How the Ombudsman pages load their one object: from what the person may see (404 otherwise), then a named
permission on the assessed unit, the responsible agency or their region (403)."""

from __future__ import annotations

from typing import Any

from compliance.ombudsman import selectors
from compliance.ombudsman.models import Assessment, Finding
from compliance.ombudsman.workflow import finding_permission_object
from core.views import ScopedObjectMixin


class AssessmentMixin(ScopedObjectMixin):
    """An assessment of a unit the person may see, in `self.assessment`; `permission` on its unit's region."""

    context_name = "assessment"
    assessment: Assessment
    scope = selectors.assessments_visible_to
    scope_related = ("agency__region",)
    permission_on = "agency.region"


class FindingMixin(ScopedObjectMixin):
    """An improvement note the person may see, in `self.finding`; `permission` on its responsible agency (or the
    agency's region for the mayor's office)."""

    permission = "compliance.view_finding"
    context_name = "finding"
    finding: Finding
    scope = selectors.findings_visible_to
    scope_related = ("responsible__region", "assessment__agency", "assessment__method")

    def get_permission_object(self, obj: Finding) -> Any:
        return finding_permission_object(obj, self.permission)

"""Pages of the reports: the home page and the agency scorecard (the export pages are in core.export_views)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from agencies.models import Agency
from agencies.selectors import role_assignments_of
from core import inbox
from core.views import AuthedRequest, ScopedObjectMixin
from innovations import selectors as innovation_selectors
from reports import pdf, scorecard, selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The work inbox: what waits on this person, from every domain (core.inbox), oldest first."""
    roles = list(role_assignments_of(request.user))
    # The scorecard of each agency the person works in (a head and a staff role in one agency: one link).
    scorecards = list({r.agency_id: r.agency for r in roles if r.agency is not None}.values())
    items = inbox.cached_items_for(request.user)
    inbox.open_count(request.user, items=items)
    return render(
        request,
        "reports/home.html",
        {
            "roles": roles,
            "scorecards": scorecards,
            "sections": inbox.sections(items),
            "open_count": sum(item.count for item in items),
            "today": timezone.localdate(),
            "first_innovation": innovation_selectors.starts_with_nothing(request.user),
        },
    )


# --- the agency scorecard -------------------------------------------------------------------------------------


class ScorecardMixin(ScopedObjectMixin):
    """The agency, from those whose scorecard the person may open (404 otherwise), then the rule (403)."""

    permission = "reports.view_scorecard"
    context_name = "agency"
    agency: Agency
    scope = selectors.scorecard_agencies_visible_to
    scope_related = ("region", "type", "parent")

    def context(self) -> dict[str, Any]:
        sections = scorecard.build(self.agency)
        return {
            "agency": self.agency,
            "sections": sections,
            "summary": scorecard.summary(sections),
            "printed": timezone.localtime(),
        }


class ScorecardView(ScorecardMixin, View):
    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, "reports/scorecard.html", self.context())


class ScorecardPdfView(ScorecardMixin, View):
    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        data = pdf.render_pdf("reports/scorecard_pdf.html", {**self.context(), "pdf": True}, request=request)
        response = HttpResponse(data, content_type="application/pdf")
        filename = f"rapor-{self.agency.code}-{timezone.localdate():%Y%m%d}.pdf".replace('"', "")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

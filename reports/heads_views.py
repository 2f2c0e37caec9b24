"""Pages of the head's measure: the league of heads for the mayor's office, and each head's yearly statement
(page and PDF). The figures are `reports.heads`; who may see what is `reports.rules`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from agencies.models import Agency, User
from agencies.selectors import managed_region_ids, region_ids_for, regions_managed_by
from core.views import AuthedRequest
from reports import heads, pdf

FIRST_YEAR = 2013


def _year(raw: Any) -> int:
    """The year asked for, or this year when it is missing or not a sensible year."""
    this_year = timezone.localdate().year
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year + 1 else this_year


class HeadLeagueView(LoginRequiredMixin, View):
    def get(self, request: AuthedRequest) -> HttpResponse:
        year = _year(request.GET.get("year"))
        regions = regions_managed_by(request.user)
        asked = request.GET.get("region", "")
        region = (regions.filter(pk=int(asked)).first() if asked.isdigit() else None) or regions.first()
        if region is None or not request.user.has_perm("reports.view_head_league", region):
            raise PermissionDenied
        terms = heads.league(region_id=region.pk, year=year)
        years = list(range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1))
        return render(
            request,
            "reports/heads/league.html",
            {"terms": terms, "year": year, "years": years, "region": region, "regions": regions},
        )


@dataclass(frozen=True)
class StatementSubject:
    """What the statement's permission looks at: the person and the agencies they headed that year."""

    person: User
    regions: tuple[Agency, ...]


class HeadStatementMixin(LoginRequiredMixin):
    def statement(self, request: AuthedRequest, year: int, person_id: int) -> dict[str, Any]:
        person = get_object_or_404(User, pk=person_id)
        terms = heads.statement(person=person, year=year)
        if not terms:
            raise Http404
        subject = StatementSubject(person=person, regions=tuple(t.agency for t in terms))
        if not request.user.has_perm("reports.view_head_statement", subject):
            member_of = region_ids_for(request.user)
            # A member of a region the head served in knows the head exists: 403; anyone else: 404.
            if member_of is None or member_of & {t.agency.region_id for t in terms}:
                raise PermissionDenied
            raise Http404
        if request.user.pk != person.pk:
            # The mayor's office sees the head's months in its own regions only.
            managed = managed_region_ids(request.user)
            terms = [t for t in terms if managed is None or t.agency.region_id in managed]
        return {"person": person, "year": year, "terms": terms, "printed": timezone.localtime()}


class HeadStatementView(HeadStatementMixin, View):
    def get(self, request: AuthedRequest, year: int, person_id: int) -> HttpResponse:
        return render(request, "reports/heads/statement.html", self.statement(request, year, person_id))


class HeadStatementPdfView(HeadStatementMixin, View):
    def get(self, request: AuthedRequest, year: int, person_id: int) -> HttpResponse:
        context = {**self.statement(request, year, person_id), "pdf": True}
        data = pdf.render_pdf("reports/heads/statement_pdf.html", context, request=request)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="pernyataan-kepala-{person_id}-{year}.pdf"'
        return response

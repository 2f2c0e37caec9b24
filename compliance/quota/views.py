"""Pages of the quota: the mayor's office overview, the rule of a year, each agency's quota and exemptions."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from agencies import selectors as agency_selectors
from agencies.models import Agency
from compliance.quota import selectors, services
from compliance.quota.forms import DecisionForm, ExemptionRequestForm, QuotaFilter, QuotaRuleForm
from compliance.quota.models import QuotaExemption, QuotaRule, QuotaState
from compliance.shared import PAGE_SIZE, managed_region, page_download, page_filters, year_param
from core.datacache import filter_fragment
from core.exports import FORMATS
from core.views import AuthedRequest, ScopedObjectMixin, flash_service, submit_create_form, submit_form

#: How far back the mayor's office may open a year's rule (older years are the record, not to be re-ruled).
RULE_YEARS_BACK = 10


class QuotaOverviewView(LoginRequiredMixin, View):
    """The mayor's office: every agency of the region for a year, by status."""

    def get(self, request: AuthedRequest) -> HttpResponseBase:
        region = managed_region(request)
        year = year_param(request)
        export = request.GET.get("export", "")
        if export in FORMATS:
            # Links made for the page's former own download: the registered table, as from the Download buttons.
            return page_download(request, "quota", export, region=region, year=year)
        quota_filter = QuotaFilter(
            request.GET or None,
            queryset=selectors.quota_table(region_id=region.pk, year=year),
            kecamatan=agency_selectors.kecamatan_choices(request.user, {region.pk}),
        )
        rows = quota_filter.qs if request.GET else quota_filter.queryset
        if not rows.query.order_by:
            rows = rows.order_by("agency__name")
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        counts = selectors.status_counts(region_id=region.pk, year=year)
        return render(
            request,
            "quota/quota_overview.html",
            {
                "region": region,
                "year": year,
                "filter": quota_filter,
                "page": page,
                "query": query.urlencode(),
                "export_query": page_filters(request, region=region, year=year).urlencode(),
                "counts": [(state, counts[state.value]) for state in QuotaState],
                "total": sum(counts.values()),
                "rule": selectors.rule_for(region_id=region.pk, year=year),
                "changes": list(selectors.recent_changes(region_id=region.pk, year=year)),
                "exemptions": list(selectors.open_exemptions(region_id=region.pk)),
                "decision_form": DecisionForm(),
                "years": list(range(timezone.localdate().year + 1, timezone.localdate().year - 4, -1)),
                **filter_fragment(request, region.pk, year, request.GET.urlencode()),
            },
        )


class QuotaRuleView(LoginRequiredMixin, View):
    template_name = "quota/quota_rule.html"

    def _rule(self, request: AuthedRequest, year: int, *, create: bool) -> Any:
        """The year's rule; an unsaved one with the defaults until the form is saved (a visit creates nothing)."""
        this_year = timezone.localdate().year
        if not this_year - RULE_YEARS_BACK <= year <= this_year + 1:
            raise Http404
        region = managed_region(request)
        if not request.user.has_perm("compliance.change_quota_rule", region):
            raise PermissionDenied
        if create:
            services.quota_rules_ensure(year=year, region_ids=[region.pk])
        rule = selectors.rule_for(region_id=region.pk, year=year)
        return rule or QuotaRule(region=region, year=year, deadline=datetime.date(year, 12, 31))

    def _changes(self, rule: QuotaRule) -> Any:
        return rule.changes.select_related("by") if rule.pk else []

    def get(self, request: AuthedRequest, year: int) -> HttpResponse:
        rule = self._rule(request, year, create=False)
        form = QuotaRuleForm(instance=rule)
        return render(request, self.template_name, {"rule": rule, "form": form, "changes": self._changes(rule)})

    def post(self, request: AuthedRequest, year: int) -> HttpResponse:
        rule = self._rule(request, year, create=True)
        if rule.pk is None:  # a region with no agency has nothing to sweep
            raise Http404
        form = QuotaRuleForm(request.POST, instance=type(rule).objects.get(pk=rule.pk))
        return submit_form(
            request,
            form,
            lambda data: services.rule_update(
                rule=rule,
                by=request.user,
                subject_type_ids=[t.pk for t in data["subject_types"]],
                **{k: v for k, v in data.items() if k != "subject_types"},
            ),
            success=_("Rule saved. Statuses are being recomputed."),
            then=lambda _rule: redirect(f"{reverse('compliance:quota')}?year={year}"),
            invalid=lambda: render(
                request, self.template_name, {"rule": rule, "form": form, "changes": self._changes(rule)}, status=400
            ),
        )


class AgencyQuotaView(ScopedObjectMixin, View):
    """One agency's quota: status per year, the history of changes, exemption requests."""

    context_name = "agency"
    agency: Agency
    scope = selectors.quota_agencies_visible_to
    scope_related = ("region", "type")

    def _years(self) -> list[int]:
        this_year = timezone.localdate().year
        return [this_year, this_year - 1]

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return self._render(request, ExemptionRequestForm(years=self._years()))

    def _render(self, request: AuthedRequest, form: ExemptionRequestForm, status: int = 200) -> HttpResponse:
        statuses, changes, exemptions = selectors.agency_quota_history(self.agency)
        waiting = any(e.state == QuotaExemption.Decision.REQUESTED for e in exemptions)
        may_ask = request.user.has_perm("compliance.request_exemption", self.agency) and not waiting
        context = {
            "agency": self.agency,
            "statuses": statuses,
            "changes": changes,
            "exemptions": exemptions,
            # A refused request keeps its form, so that the reason shows beside what was typed.
            "form": form if may_ask or form.errors else None,
            "waiting": waiting,
            "this_year": self._years()[0],
            "units": selectors.unit_statuses(self.agency, year=self._years()[0]),
        }
        return render(request, "quota/agency_quota.html", context, status=status)

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("compliance.request_exemption", self.agency):
            raise PermissionDenied
        form = ExemptionRequestForm(request.POST, years=self._years())
        return submit_create_form(
            request,
            form,
            lambda data: services.exemption_request(agency=self.agency, by=request.user, **data),
            url=lambda _exemption: reverse("compliance:agency-quota", args=[self.agency.pk]),
            success=_("Your request was sent to the mayor's office."),
            invalid=lambda: self._render(request, form, status=400),
        )


class MyQuotaView(LoginRequiredMixin, View):
    """Where quota notifications lead: the quota of the person's own agency."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        from innovations.selectors import agencies_user_works_for

        agency_ids = agencies_user_works_for(request.user)
        if agency_ids:
            return redirect("compliance:agency-quota", pk=agency_ids[0])
        if agency_selectors.regions_managed_by(request.user).exists():
            return redirect("compliance:quota")
        raise PermissionDenied


class ExemptionDecideView(ScopedObjectMixin, View):
    """The mayor's office decides a request of an agency it sees (the service checks that it may decide)."""

    context_name = "exemption"
    exemption: QuotaExemption

    def get_scope(self, request: HttpRequest) -> QuerySet[QuotaExemption]:
        return QuotaExemption.objects.select_related("agency").filter(
            agency__in=selectors.quota_agencies_visible_to(request.user)
        )

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        exemption = self.exemption
        form = DecisionForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        flash_service(
            request,
            lambda: services.exemption_decide(
                exemption=exemption, accept="accept" in request.POST, note=note, by=request.user
            ),
            success=_("Decision recorded for %(agency)s.") % {"agency": exemption.agency.name},
        )
        return redirect(f"{reverse('compliance:quota')}?year={exemption.year}#exemptions")

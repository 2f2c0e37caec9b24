"""The mayor's office dashboard: thin view over reports.dashboard."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View

from agencies import selectors as agency_selectors
from agencies.models import Agency, AgencyType, Region
from core import datacache, exports
from core.views import AuthedRequest
from reports import dashboard, dashboard_export
from reports.dashboard_scope import Scope

ALL_REGIONS = "all"


class DashboardFilter(forms.Form):
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100)
    agency_type = forms.ModelChoiceField(
        queryset=AgencyType.objects.all(),
        label=gettext_lazy("Agency type"),
        required=False,
        empty_label=gettext_lazy("All types"),
    )
    kecamatan = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label=gettext_lazy("Kecamatan"),
        required=False,
        empty_label=gettext_lazy("All kecamatan"),
    )

    def __init__(self, *args: Any, regions: list[Region], national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(r.pk), r.name) for r in regions]
        if national:
            choices.insert(0, (ALL_REGIONS, str(gettext_lazy("All regions"))))
        cast(forms.ChoiceField, self.fields["region"]).choices = choices
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"


class DashboardView(LoginRequiredMixin, View):
    """Per region and year: quota, innovations, compliance, and what needs attention; every number links to the
    list it counts."""

    def get(self, request: AuthedRequest) -> HttpResponseBase:
        user = request.user
        national = agency_selectors.is_global_admin(user)
        regions = list(agency_selectors.regions_managed_by(user).order_by("name")[:600])
        if not regions and not national:
            raise PermissionDenied
        wanted = request.GET.get("region") or (ALL_REGIONS if national or not regions else str(regions[0].pk))
        region = None if wanted == ALL_REGIONS and national else next((r for r in regions if str(r.pk) == wanted), None)
        if region is None and not national:
            region = regions[0]
        form = DashboardFilter(
            request.GET or None,
            regions=regions,
            national=national,
            initial={"region": wanted, "year": timezone.localdate().year},
        )
        form.fields["kecamatan"].queryset = (  # type: ignore[attr-defined]
            Agency.objects.filter(region=region, type__slug="kecamatan").order_by("name")
            if region is not None
            else Agency.objects.none()
        )
        form.is_valid()
        cleaned = getattr(form, "cleaned_data", {})
        kecamatan = cleaned.get("kecamatan")
        scope = Scope(
            region=region,
            year=cleaned.get("year") or timezone.localdate().year,
            agency_type=cleaned.get("agency_type"),
            kecamatan=kecamatan,
        )
        data = dashboard.cached_dashboard(scope)
        fmt = request.GET.get("format", "")
        if fmt in ("csv", "xlsx"):
            name = f"dasbor-{scope.region.code if scope.region else 'nasional'}-{scope.year}"
            rows = dashboard_export.export_rows(scope, data)
            if fmt == "csv":
                return exports.csv_response(dashboard_export.export_headers(), rows, name)
            return exports.xlsx_response(
                dashboard_export.export_headers(), rows, name, sheet=str(gettext_lazy("Dashboard"))
            )
        breakdowns = [
            (key, dashboard_export.BREAKDOWN_TITLES[key], data["innovations"][key]) for key in dashboard.BREAKDOWNS
        ]
        if scope.region is None:
            breakdowns = [b for b in breakdowns if b[0] != "kecamatan"]
        context = {
            "form": form,
            "scope": scope,
            "breakdowns": breakdowns,
            "heatmap_cache_seconds": settings.DASHBOARD_CACHE_SECONDS,
            # One key for the filter and the heat map (each fragment is named apart in the template): the day,
            # since the filter's default year and a status's "at risk" turn with the calendar; the scope; and the
            # query string, which the bound filter shows as typed (an invalid year falls back to this year's scope).
            **datacache.filter_fragment(
                request, timezone.localdate().isoformat(), *scope.key_parts(), request.GET.urlencode()
            ),
            **data,
        }
        return render(request, "reports/dashboard.html", context)

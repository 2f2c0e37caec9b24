"""The yearly "still running?" page: an agency answers for each running innovation; the mayor's office sets the
dates, sees who has not answered, and opens or closes the region's catalogue to other regions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from agencies.models import Region
from agencies.selectors import active_roles, managed_region_ids
from core.views import AuthedRequest, submit_form
from innovations import selectors as register
from innovations.catalogue import running, services
from innovations.catalogue.forms import AnswerForm, CatalogueSettingForm, RoundForm
from innovations.models import CatalogueSetting


def _regions(request: AuthedRequest) -> list[Region]:
    ids = managed_region_ids(request.user)
    regions = Region.objects.all() if ids is None else Region.objects.filter(pk__in=ids)
    return list(regions.filter(agencies__isnull=False).distinct().order_by("name")[:20])


class RunningView(LoginRequiredMixin, View):
    template_name = "innovations/catalogue/running.html"

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, self.template_name, self._context(request))

    def _context(self, request: AuthedRequest, **forms: Any) -> dict[str, Any]:
        agency_ids = register.agencies_user_works_for(request.user)
        agency_regions = {r.region_id for r in active_roles(request.user) if r.agency_id in agency_ids}
        answering = []
        for region_id in sorted(agency_regions):
            round = running.current_round(region_id)
            if round is not None:
                rows = running.to_answer(round, agency_ids)
                for row in rows:
                    row["form"] = forms.get(f"answer-{row['innovation'].pk}") or AnswerForm(
                        prefix=f"i{row['innovation'].pk}",
                        initial={"answer": row["answer"].answer} if row["answer"] else None,
                    )
                answering.append({"round": round, "rows": rows})
        managing = []
        regions = _regions(request)
        rounds = running.rounds_of_regions([region.pk for region in regions])
        open_ids = set(
            CatalogueSetting.objects.filter(region__in=regions, open_to_other_regions=True).values_list(
                "region_id", flat=True
            )
        )
        for region in regions:
            round = running.current_of(rounds.get(region.pk, []))
            managing.append(
                {
                    "region": region,
                    "round": round,
                    "progress": running.progress(round) if round else [],
                    "rounds": rounds.get(region.pk, [])[:5],
                    "round_form": forms.get(f"round-{region.pk}") or RoundForm(prefix=f"r{region.pk}"),
                    "setting_form": CatalogueSettingForm(
                        prefix=f"s{region.pk}", initial={"open_to_other_regions": region.pk in open_ids}
                    ),
                }
            )
        if not answering and not managing and not agency_ids:
            raise PermissionDenied
        return {"answering": answering, "managing": managing, "works_for_agency": bool(agency_ids)}


class AnswerView(RunningView):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        innovation = get_object_or_404(register.innovations_visible_to(request.user).select_related("agency"), pk=pk)
        round = running.current_round(innovation.agency.region_id)
        if round is None:
            raise Http404
        form = AnswerForm(request.POST, prefix=f"i{pk}")
        return submit_form(
            request,
            form,
            lambda data: running.confirmation_record(round=round, innovation=innovation, by=request.user, **data),
            success=_("Answer saved for %(title)s.") % {"title": innovation.title},
            then=lambda _confirmation: redirect("catalogue:running"),
            invalid=lambda: render(
                request, self.template_name, self._context(request, **{f"answer-{pk}": form}), status=400
            ),
        )


def _managed_region(request: AuthedRequest, pk: int) -> Region:
    region = get_object_or_404(Region, pk=pk)
    if not request.user.has_perm("innovations.manage_catalogue", region):
        raise Http404  # another region's settings do not exist for this person
    return region


class RoundCreateView(RunningView):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        region = _managed_region(request, pk)
        form = RoundForm(request.POST, prefix=f"r{pk}")
        return submit_form(
            request,
            form,
            lambda data: running.round_open(region=region, by=request.user, **data),
            success=_("The yearly check is set."),
            then=lambda _round: redirect("catalogue:running"),
            invalid=lambda: render(
                request, self.template_name, self._context(request, **{f"round-{pk}": form}), status=400
            ),
        )


class CatalogueSettingView(LoginRequiredMixin, View):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        region = _managed_region(request, pk)
        form = CatalogueSettingForm(request.POST, prefix=f"s{pk}")
        form.is_valid()
        services.catalogue_setting_set(
            region=region, by=request.user, open_to_other_regions=form.cleaned_data.get("open_to_other_regions", False)
        )
        messages.success(request, _("The catalogue setting is saved."))
        return redirect("catalogue:running")

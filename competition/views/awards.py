"""The mayor's office's page of the innovations' earlier awards (regional and national KIPP): the list of its
region's, a form to add one, and removal of one entered by mistake. The eligibility check reads them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from agencies import selectors as agency_selectors
from agencies.models import Region
from competition.forms import AwardForm
from competition.models import Award
from competition.services import awards as services
from core.views import AuthedRequest, submit_form
from innovations.models import Innovation


class AwardsView(LoginRequiredMixin, View):
    template_name = "competition/awards.html"

    def _region(self, request: AuthedRequest) -> Region:
        regions = agency_selectors.regions_managed_by(request.user)
        wanted = request.GET.get("region", "")
        region = (regions.filter(pk=wanted) if wanted.isdigit() else regions).order_by("name").first()
        if region is None:
            raise PermissionDenied
        return region

    def _innovations(self, region: Region) -> QuerySet[Innovation]:
        return Innovation.objects.filter(agency__region=region).select_related("agency").order_by("title", "-year")

    def _render(self, request: AuthedRequest, region: Region, form: AwardForm, status: int = 200) -> HttpResponse:
        awards = (
            Award.objects.filter(innovation__agency__region=region)
            .select_related("innovation__agency")
            .order_by("-year", "innovation__title")
        )
        return render(request, self.template_name, {"region": region, "form": form, "awards": awards}, status=status)

    def get(self, request: AuthedRequest) -> HttpResponse:
        region = self._region(request)
        return self._render(request, region, AwardForm(innovations=self._innovations(region)))

    def post(self, request: AuthedRequest) -> HttpResponse:
        region = self._region(request)
        if "remove" in request.POST:
            award = get_object_or_404(
                Award.objects.select_related("innovation__agency"),
                pk=request.POST.get("remove"),
                innovation__agency__region=region,
            )
            services.award_remove(award=award, by=request.user)
            messages.success(request, _("Award removed."))
            return redirect(request.get_full_path())
        form = AwardForm(request.POST, innovations=self._innovations(region))
        return submit_form(
            request,
            form,
            lambda data: services.award_add(by=request.user, **data),
            success=_("Award recorded; the eligibility check reads it from now on."),
            then=lambda _award: redirect(request.get_full_path()),
            invalid=lambda: self._render(request, region, form, status=400),
        )

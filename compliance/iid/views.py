"""Pages of the innovation index: the region's score, each agency's maturity, answering the indicators (region
and innovations), the verifier's queue, and where points are lost. Catalogue and export pages are in
views_files.py."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from agencies.models import Agency, Region
from compliance.iid import losses, selectors, services
from compliance.iid.forms import AnswerForm, ReturnForm
from compliance.iid.models import Answer, Aspect, Catalogue, Indicator
from compliance.iid.prefill import Suggestion, suggestions_for
from compliance.shared import own_agency_page, year_param
from core.uploads import file_response
from core.views import AuthedRequest, ScopedObjectMixin, submit_form
from innovations.models import Innovation


def _region_and_year(request: AuthedRequest) -> tuple[Region, int]:
    """`?region=` among those whose index the person sees (else the first; 403 when none) and `?year=`."""
    regions = selectors.regions_with_index(request.user)
    wanted = request.GET.get("region", "")
    region = regions.filter(pk=int(wanted)).first() if wanted.isdigit() else regions.first()
    if region is None:
        raise PermissionDenied
    if not request.user.has_perm("iid.view_region_index", region):
        raise PermissionDenied
    return region, year_param(request)


class IndexView(LoginRequiredMixin, View):
    """The region's index, claimed and verified, each agency's maturity, and the way to every other page."""

    def get(self, request: AuthedRequest) -> HttpResponseBase:
        if not selectors.regions_with_index(request.user).exists():
            return own_agency_page(request, "compliance:iid-agency")
        region, year = _region_and_year(request)
        catalogue = selectors.catalogue_for(year)
        scores = selectors.scores(region, year)
        agencies = sorted(
            ((pk, name, *scores.maturity(pk)) for pk, name in scores.agencies.items()),
            key=lambda row: (-(row[3] or 0), row[1]),
        )
        return render(
            request,
            "iid/index.html",
            {
                "region": region,
                "year": year,
                "years": selectors.years(),
                "catalogue": catalogue,
                "scores": scores,
                "agencies": agencies,
                "can_verify": request.user.has_perm("iid.verify_answer", region),
                "can_answer": request.user.has_perm("iid.answer_region", region),
                "can_export": request.user.has_perm("iid.export_portal", region),
            },
        )


class AgencyIndexView(ScopedObjectMixin, View):
    """One agency's innovations in the index and its maturity (kematangan): what the agency can improve."""

    permission = "iid.view_agency_index"
    context_name = "agency"
    agency: Agency
    scope = selectors.agencies_in_reach

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        year = year_param(request)
        selectors.catalogue_for(year)
        scores = selectors.scores(self.agency.region, year)
        claimed, verified = scores.maturity(self.agency.pk)
        rows = [i for i in scores.innovations if i.agency_id == self.agency.pk]
        return render(
            request,
            "iid/agency.html",
            {
                "agency": self.agency,
                "year": year,
                "years": selectors.years(),
                "scores": scores,
                "rows": [(i, scores.claimed.per_innovation[i.pk], scores.verified.per_innovation[i.pk]) for i in rows],
                "maturity_claimed": claimed,
                "maturity_verified": verified,
            },
        )


class InnovationMixin(ScopedObjectMixin):
    """An innovation within the person's reach for the index (404 otherwise) in `self.innovation`."""

    context_name = "innovation"
    innovation: Innovation
    scope = selectors.innovations_in_reach


class RegionMixin(ScopedObjectMixin):
    """A region within the person's reach for the index (404 otherwise) in `self.region`."""

    context_name = "region"
    region: Region
    scope = selectors.regions_in_reach


class InnovationAnswersView(InnovationMixin, View):
    """An innovation's SID indicators: each answer, its evidence and state, and what the system suggests."""

    permission = "iid.view_innovation_answers"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        innovation = self.innovation
        catalogue = selectors.catalogue_for(innovation.year)
        answers = Answer.objects.filter(innovation=innovation, indicator__catalogue=catalogue).select_related(
            "indicator", "file"
        )
        sheet = selectors.answer_sheet(catalogue, Aspect.SID, answers)
        suggestions = suggestions_for([innovation])[innovation.pk]
        return render(
            request,
            "iid/answers.html",
            {
                "subject": innovation,
                "innovation": innovation,
                "catalogue": catalogue,
                "sheet": [(i, a, suggestions.get(i.number)) for i, a in sheet],
                "can_answer": request.user.has_perm("iid.answer_innovation", innovation),
                "can_verify": request.user.has_perm("iid.verify_answer", innovation.agency.region),
                "return_form": ReturnForm(),
            },
        )


class RegionAnswersView(RegionMixin, View):
    """The region's SPD indicators (1-15), answered by the mayor's office (Bappeda)."""

    permission = "iid.view_region_index"

    def get(self, request: AuthedRequest, pk: int, year: int) -> HttpResponse:
        catalogue = selectors.catalogue_for(year)
        answers = Answer.objects.filter(
            region=self.region, innovation__isnull=True, indicator__catalogue=catalogue
        ).select_related("indicator", "file")
        sheet = selectors.answer_sheet(catalogue, Aspect.SPD, answers)
        return render(
            request,
            "iid/answers.html",
            {
                "subject": self.region,
                "region": self.region,
                "catalogue": catalogue,
                "sheet": [(i, a, None) for i, a in sheet],
                "can_answer": request.user.has_perm("iid.answer_region", self.region),
                "can_verify": request.user.has_perm("iid.verify_answer", self.region),
                "return_form": ReturnForm(),
            },
        )


class AnswerEditMixin:
    """GET: the form of one indicator (with the system's suggestion, if any). POST: save it through the service."""

    answer_permission: ClassVar[str]

    def subject_parts(self) -> tuple[Region, Innovation | None, Catalogue]:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def setup_answer(self, number: int, aspect: str) -> tuple[Indicator, Answer | None, Suggestion | None]:
        region, innovation, catalogue = self.subject_parts()
        indicator = get_object_or_404(Indicator, catalogue=catalogue, number=number, aspect=aspect)
        indicator.catalogue = catalogue
        answer = (
            Answer.objects.filter(indicator=indicator, region=region, innovation=innovation)
            .select_related("file")
            .prefetch_related("transitions__by")
            .first()
        )
        suggestion = suggestions_for([innovation])[innovation.pk].get(number) if innovation else None
        return indicator, answer, suggestion

    def render_form(
        self,
        request: AuthedRequest,
        form: AnswerForm,
        indicator: Indicator,
        answer: Answer | None,
        suggestion: Suggestion | None,
        status: int = 200,
    ) -> HttpResponse:
        region, innovation, catalogue = self.subject_parts()
        return render(
            request,
            "iid/answer_form.html",
            {
                "form": form,
                "indicator": indicator,
                "answer": answer,
                "suggestion": suggestion,
                "innovation": innovation,
                "region": region,
                "catalogue": catalogue,
                "back_url": self.back_url(),
            },
            status=status,
        )

    def handle(self, request: AuthedRequest, number: int, aspect: str) -> HttpResponse:
        indicator, answer, suggestion = self.setup_answer(number, aspect)
        region, innovation, _catalogue = self.subject_parts()
        if request.method == "GET":
            initial: dict[str, Any] = {}
            if answer is not None:
                initial = {
                    "parameter": answer.parameter,
                    "evidence_url": answer.evidence_url,
                    "override_reason": answer.override_reason,
                }
            elif suggestion is not None:
                initial = {"parameter": suggestion.parameter}
            return self.render_form(
                request,
                AnswerForm(initial=initial, indicator=indicator, suggestion=suggestion),
                indicator,
                answer,
                suggestion,
            )
        form = AnswerForm(request.POST, request.FILES, indicator=indicator, suggestion=suggestion)
        return submit_form(
            request,
            form,
            lambda data: services.answer_save(
                indicator=indicator,
                region=region,
                innovation=innovation,
                parameter=data["parameter"],
                by=request.user,
                evidence_url=data["evidence_url"],
                file_name=data["evidence_file"].name if data["evidence_file"] else "",
                file_data=data["evidence_file"].read() if data["evidence_file"] else None,
                suggested=suggestion.parameter if suggestion else None,
                explanation=suggestion.explanation if suggestion else "",
                override_reason=data.get("override_reason", ""),
            ),
            success=_("Indicator %(number)d is saved and waits for verification.") % {"number": indicator.number},
            then=lambda _answer: redirect(self.back_url()),
            invalid=lambda: self.render_form(request, form, indicator, answer, suggestion, status=400),
        )


class InnovationAnswerEditView(AnswerEditMixin, InnovationMixin, View):
    permission = "iid.answer_innovation"

    def subject_parts(self) -> tuple[Region, Innovation | None, Catalogue]:
        return self.innovation.agency.region, self.innovation, selectors.catalogue_for(self.innovation.year)

    def back_url(self) -> str:
        return reverse("compliance:iid-innovation", args=[self.innovation.pk])

    def get(self, request: AuthedRequest, pk: int, number: int) -> HttpResponse:
        return self.handle(request, number, Aspect.SID)

    def post(self, request: AuthedRequest, pk: int, number: int) -> HttpResponse:
        return self.handle(request, number, Aspect.SID)


class RegionAnswerEditView(AnswerEditMixin, RegionMixin, View):
    permission = "iid.answer_region"

    def subject_parts(self) -> tuple[Region, Innovation | None, Catalogue]:
        return self.region, None, selectors.catalogue_for(self.kwargs["year"])

    def back_url(self) -> str:
        return reverse("compliance:iid-region-answers", args=[self.region.pk, self.kwargs["year"]])

    def get(self, request: AuthedRequest, pk: int, year: int, number: int) -> HttpResponse:
        return self.handle(request, number, Aspect.SPD)

    def post(self, request: AuthedRequest, pk: int, year: int, number: int) -> HttpResponse:
        return self.handle(request, number, Aspect.SPD)


class VerifyQueueView(LoginRequiredMixin, View):
    """The verifier's queue: every answer waiting, with its evidence, to verify or send back."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        region, year = _region_and_year(request)
        if not request.user.has_perm("iid.verify_answer", region):
            raise PermissionDenied
        rows = list(selectors.waiting_answers(region, year))
        return render(
            request,
            "iid/verify.html",
            {"region": region, "year": year, "years": selectors.years(), "rows": rows, "return_form": ReturnForm()},
        )


class AnswerObjectMixin(ScopedObjectMixin):
    context_name = "answer"
    answer: Answer
    scope = selectors.answers_in_reach

    def get_permission_object(self, obj: Answer) -> Any:
        return selectors.subject_of(obj)


class AnswerMoveView(AnswerObjectMixin, View):
    """POST: verify an answer, or send it back with a note (the verifier). The page it came from is shown again."""

    def post(self, request: AuthedRequest, pk: int, action: str) -> HttpResponse:
        answer = self.answer
        next_url = request.POST.get("next", "")
        if not next_url.startswith("/") or next_url.startswith("//"):
            next_url = (
                reverse("compliance:iid-verify") + f"?region={answer.region_id}&year={answer.indicator.catalogue.year}"
            )
        try:
            if action == "accept":
                services.answer_accept(answer=answer, by=request.user)
                messages.success(request, _("Indicator %(number)d is verified.") % {"number": answer.indicator.number})
            elif action == "return":
                form = ReturnForm(request.POST)
                note = form.data.get("note", "")
                services.answer_return(answer=answer, by=request.user, note=note)
                messages.success(request, _("Indicator %(number)d is sent back.") % {"number": answer.indicator.number})
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(next_url)


class AnswerFileView(AnswerObjectMixin, View):
    """The evidence file, for the people who see the answer's innovation or the region's index."""

    def get(self, request: AuthedRequest, pk: int) -> HttpResponseBase:
        answer = self.answer
        subject = selectors.subject_of(answer)
        allowed = (
            request.user.has_perm("iid.view_innovation_answers", subject)
            if isinstance(subject, Innovation)
            else request.user.has_perm("iid.view_region_index", subject)
        )
        if not allowed:
            raise PermissionDenied
        if not hasattr(answer, "file"):
            raise Http404
        upload = answer.file
        return file_response(upload.file, content_type=upload.content_type, name=upload.original_name)


class LossesView(LoginRequiredMixin, View):
    """Where points are lost, and the checklist of what is missing before the national window."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        region, year = _region_and_year(request)
        catalogue = selectors.catalogue_for(year)
        report = losses.report(region=region, catalogue=catalogue, scores=selectors.scores(region, year))
        return render(
            request,
            "iid/losses.html",
            {
                "region": region,
                "year": year,
                "years": selectors.years(),
                "catalogue": catalogue,
                "report": report,
                "today": timezone.localdate(),
            },
        )

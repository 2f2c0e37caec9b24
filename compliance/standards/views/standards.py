"""Pages of one service and its standard: the versions, the draft's form, the moves (consultation, decree,
publishing), comments, the comparison of two versions, the decree's file and the innovations that changed it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from compliance.standards import domain, selectors, services
from compliance.standards.forms import CommentForm, ConsultForm, DecreeForm, InnovationLinkForm, StandardForm
from compliance.standards.models import OPEN_STATES, Standard, StandardDecree, State
from compliance.standards.views.mixins import ServiceMixin, StandardMixin
from compliance.standards.workflow import PAGE_MOVES, STANDARD_WORKFLOW
from core.uploads import file_response
from core.views import AuthedRequest, submit_form
from innovations.selectors import innovations_visible_to


def component_rows(standard: Standard) -> list[dict[str, Any]]:
    """The standard's components as the pages show them, in the regulation's order, grouped."""
    rows = []
    for c in selectors.components_of(standard.regulation):
        value = standard.components.get(c.slug)
        rows.append(
            {
                "component": c,
                "kind": c.kind,
                "value": value,
                "text": domain.as_text(c.kind, value),
                "filled": domain.is_filled(c.kind, value),
            }
        )
    return rows


class ServiceDetailView(ServiceMixin, View):
    def _render(self, request: AuthedRequest, status: int = 200, **forms: Any) -> HttpResponse:
        service, user = self.service, request.user
        versions = selectors.service_versions(service)
        shown = next((v for v in versions if v.state in OPEN_STATES), None) or next(iter(versions), None)
        in_force = next((v for v in versions if v.state in (State.PUBLISHED, State.REVIEW_DUE)), None)
        can_change = user.has_perm("standards.change_service", service.agency)
        context = {
            "service": service,
            "agency": service.agency,
            "versions": versions,
            "shown": shown,
            "in_force": in_force,
            "rows": component_rows(shown) if shown else [],
            "missing": domain.missing(selectors.components_of(shown.regulation), shown.components) if shown else [],
            "moves": [m for m in STANDARD_WORKFLOW.allowed(shown, user) if m in PAGE_MOVES] if shown else [],
            "comments": shown.comments.select_related("by") if shown else [],
            "transitions": shown.transitions.select_related("by") if shown else [],
            "can_change": can_change,
            "can_revise": can_change and in_force is not None and not any(v.state in OPEN_STATES for v in versions),
            "consult_form": forms.get("consult_form")
            or ConsultForm(
                initial={"consultation_from": shown.consultation_from, "consultation_until": shown.consultation_until}
                if shown
                else None
            ),
            "decree_form": forms.get("decree_form") or DecreeForm(),
            "comment_form": forms.get("comment_form") or CommentForm(),
            "innovations": selectors.innovations_of(service),
            "link_form": InnovationLinkForm(
                innovations=self._innovations(request), region_id=self.service.agency.region_id
            )
            if can_change
            else None,
        }
        return render(request, "standards/service_detail.html", context, status=status)

    def _innovations(self, request: AuthedRequest) -> Any:
        return (
            innovations_visible_to(request.user)
            .filter(agency__region_id=self.service.agency.region_id)
            .select_related("agency")
            .order_by("title", "pk")
        )

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return self._render(request)

    def post(self, request: AuthedRequest, pk: int) -> HttpResponseBase:
        action = request.POST.get("action", "")
        standard = next((v for v in selectors.service_versions(self.service) if v.state in OPEN_STATES), None)
        handlers = {
            "consult": self._consult,
            "redraft": self._simple,
            "decree": self._decree,
            "publish": self._simple,
            "comment": self._comment,
            "revise": self._revise,
            "link": self._link,
        }
        handler = handlers.get(action)
        if handler is None or (standard is None and action not in ("revise", "link")):
            messages.error(request, _("This step is not available now."))
            return self._render(request, status=400)
        try:
            return handler(request, standard, action)  # type: ignore[arg-type]  # None only for revise and link
        except PermissionDenied:
            raise
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self._render(request, status=400)

    def _done(self, message: str) -> HttpResponseBase:
        messages.success(self.request, message)
        return redirect("compliance:service", pk=self.service.pk)

    def _submit(self, request: AuthedRequest, form: Any, name: str, service: Any, success: str) -> HttpResponse:
        """A step with a form: its errors (the form's or the service's) on the page again under `name`."""
        return submit_form(
            request,
            form,
            service,
            success=success,
            then=lambda _standard: redirect("compliance:service", pk=self.service.pk),
            invalid=lambda: self._render(request, status=400, **{name: form}),
        )

    def _consult(self, request: AuthedRequest, standard: Standard, action: str) -> HttpResponseBase:
        return self._submit(
            request,
            ConsultForm(request.POST),
            "consult_form",
            lambda data: services.standard_consult(
                standard=standard, by=request.user, starts=data["consultation_from"], ends=data["consultation_until"]
            ),
            _("The standard is open for public consultation."),
        )

    def _decree(self, request: AuthedRequest, standard: Standard, action: str) -> HttpResponseBase:
        return self._submit(
            request,
            DecreeForm(request.POST, request.FILES),
            "decree_form",
            lambda data: services.standard_decree(
                standard=standard,
                by=request.user,
                sk_number=data["sk_number"],
                sk_date=data["sk_date"],
                name=data["sk_file"].name,
                data=data["sk_file"].read(),
            ),
            _("The standard is decreed. Publish it to show it to the public."),
        )

    def _simple(self, request: AuthedRequest, standard: Standard, action: str) -> HttpResponseBase:
        if action == "publish":
            services.standard_publish(standard=standard, by=request.user)
            return self._done(_("The standard is published on the unit's public page."))
        services.standard_redraft(standard=standard, by=request.user)
        return self._done(_("The standard is a draft again."))

    def _comment(self, request: AuthedRequest, standard: Standard, action: str) -> HttpResponseBase:
        return self._submit(
            request,
            CommentForm(request.POST),
            "comment_form",
            lambda data: services.standard_comment(standard=standard, by=request.user, text=data["text"]),
            _("Comment recorded."),
        )

    def _revise(self, request: AuthedRequest, standard: Standard | None, action: str) -> HttpResponseBase:
        new = services.standard_revise(service=self.service, by=request.user)
        messages.success(request, _("Version %(v)d started from the one in force.") % {"v": new.version})
        return redirect("compliance:standard-edit", pk=new.pk)

    def _link(self, request: AuthedRequest, standard: Standard | None, action: str) -> HttpResponseBase:
        if not request.user.has_perm("standards.change_service", self.service.agency):
            raise PermissionDenied
        form = InnovationLinkForm(
            request.POST, innovations=self._innovations(request), region_id=self.service.agency.region_id
        )
        if not form.is_valid():
            messages.error(request, _("Choose an innovation from the list."))
            return self._render(request, status=400)
        services.innovation_link(innovation=form.cleaned_data["innovation"], service=self.service, by=request.user)
        return self._done(_("The innovation is linked to this service."))


class StandardEditView(StandardMixin, View):
    """The draft's form. Saving keeps whatever is written, complete or not; the decree asks for every part."""

    permission = "standards.change_service"

    def _form(self, data: Any = None) -> StandardForm:
        components = selectors.components_of(self.standard.regulation)
        return StandardForm(data, components=components, standard=self.standard)

    def _render(self, request: AuthedRequest, form: StandardForm, status: int = 200) -> HttpResponse:
        context = {"standard": self.standard, "service": self.standard.service, "form": form}
        return render(request, "standards/standard_form.html", context, status=status)

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        if self.standard.state != State.DRAFT:
            messages.info(request, _("Only a draft can be changed."))
            return redirect("compliance:service", pk=self.standard.service_id)
        return self._render(request, self._form())

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = self._form(request.POST)
        consult = "consult" in request.POST

        def save(data: dict[str, Any]) -> Standard:
            standard = services.standard_save(
                standard=self.standard,
                components=form.components(),
                by=request.user,
                consultation_from=data["consultation_from"],
                consultation_until=data["consultation_until"],
            )
            if consult:
                if not (data["consultation_from"] and data["consultation_until"]):
                    raise ValidationError({"consultation_until": _("Give the first and last day of the consultation.")})
                services.standard_consult(
                    standard=standard,
                    by=request.user,
                    starts=data["consultation_from"],
                    ends=data["consultation_until"],
                )
            return standard

        return submit_form(
            request,
            form,
            save,
            success=_("The standard is open for public consultation.") if consult else _("Draft saved."),
            then=lambda _standard: redirect("compliance:service", pk=self.standard.service_id),
            invalid=lambda: self._render(request, form, status=400),
        )


class DecreeFileView(StandardMixin, View):
    def get(self, request: AuthedRequest, pk: int) -> HttpResponseBase:
        decree = StandardDecree.objects.filter(standard=self.standard).first()
        if decree is None:
            raise Http404
        return file_response(decree.file, content_type=decree.content_type, name=decree.original_name)


class CompareView(ServiceMixin, View):
    """Two versions side by side (`?a=` older, `?b=` newer, version numbers); by default the two latest."""

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        versions = {v.version: v for v in selectors.service_versions(self.service)}
        numbers = sorted(versions)
        try:
            a = int(request.GET.get("a") or (numbers[-2] if len(numbers) > 1 else numbers[0]))
            b = int(request.GET.get("b") or numbers[-1])
        except (ValueError, IndexError) as exc:
            raise Http404 from exc
        if a not in versions or b not in versions:
            raise Http404
        older, newer = versions[a], versions[b]
        differences = domain.compare(selectors.components_of(newer.regulation), older.components, newer.components)
        return render(
            request,
            "standards/compare.html",
            {"service": self.service, "older": older, "newer": newer, "differences": differences, "numbers": numbers},
        )

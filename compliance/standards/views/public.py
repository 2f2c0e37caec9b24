"""Public pages (no login, under /publik/): a unit's published standards and maklumat, one service's standard
readable on a phone with the consultation's comment form, and the poster for the service counter (A4, A3).

Only what the unit chose to publish is here: the version in force and the one in public consultation, never a
draft; commenters' names and contacts are never shown."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from agencies.models import Agency
from compliance.standards import selectors, services
from compliance.standards.forms import PublicCommentForm
from compliance.standards.models import Service
from compliance.standards.poster import render_poster
from compliance.standards.views.standards import component_rows
from core.ratelimit import within_hourly_limit
from core.views import submit_form

#: Comments one address may leave in an hour: enough for a person, too few for a robot.
COMMENTS_PER_HOUR = 5


def _unit(region: str, agency: str) -> Agency:
    found = selectors.public_unit(region, agency)
    if found is None:
        raise Http404
    return found


def _service(region: str, agency: str, slug: str) -> Service:
    found = selectors.public_service(_unit(region, agency), slug)
    if found is None:
        raise Http404
    return found


def _address(request: HttpRequest) -> str:
    # REMOTE_ADDR, set by the server in front of us; a client's X-Forwarded-For would let a robot pick its own.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _over_limit(request: HttpRequest) -> bool:
    """Count this address's comment in the current hour (core.ratelimit: shared by every worker process)."""
    return not within_hourly_limit(f"standards:public-comment:{_address(request)}", COMMENTS_PER_HOUR)


class PublicUnitView(View):
    def get(self, request: HttpRequest, region: str, agency: str) -> HttpResponse:
        unit = _unit(region, agency)
        context = {"agency": unit, "services": selectors.public_services(unit), "maklumat": selectors.maklumat_of(unit)}
        return render(request, "standards/public/unit.html", context)


class PublicServiceView(View):
    def _render(self, request: HttpRequest, service: Service, form: Any = None, status: int = 200) -> HttpResponse:
        versions = selectors.public_versions(service)
        if versions["in_force"] is None and versions["consultation"] is None:
            raise Http404
        context = {
            "service": service,
            "agency": service.agency,
            "in_force": versions["in_force"],
            "consultation": versions["consultation"],
            "rows": component_rows(versions["in_force"]) if versions["in_force"] else [],
            "consultation_rows": component_rows(versions["consultation"]) if versions["consultation"] else [],
            "form": form or PublicCommentForm(),
        }
        return render(request, "standards/public/service.html", context, status=status)

    def get(self, request: HttpRequest, region: str, agency: str, slug: str) -> HttpResponse:
        return self._render(request, _service(region, agency, slug))

    def post(self, request: HttpRequest, region: str, agency: str, slug: str) -> HttpResponse:
        service = _service(region, agency, slug)
        consultation = selectors.public_versions(service)["consultation"]
        form = PublicCommentForm(request.POST)
        if consultation is None:
            messages.error(request, _("This standard is not in public consultation."))
            return self._render(request, service, form, status=400)
        if not form.is_valid():
            return self._render(request, service, form, status=400)
        if form.cleaned_data["website"]:
            # A robot filled in the hidden field: thank it as a person would be thanked, and keep nothing.
            messages.success(request, _("Thank you: your comment was received."))
            return redirect(request.path)
        if _over_limit(request):
            form.add_error(None, _("Too many comments from your connection in the last hour. Try again later."))
            return self._render(request, service, form, status=429)
        return submit_form(
            request,
            form,
            lambda data: services.standard_public_comment(
                standard=consultation, text=data["text"], name=data["name"], contact=data["contact"]
            ),
            success=_("Thank you: your comment was received."),
            then=lambda _comment: redirect(request.path),
            invalid=lambda: self._render(request, service, form, status=400),
        )


class PosterView(View):
    """The standard in force on one page for the service counter, as a PDF of the size asked for."""

    size = "A4"

    def get(self, request: HttpRequest, region: str, agency: str, slug: str) -> HttpResponse:
        service = _service(region, agency, slug)
        standard = selectors.public_versions(service)["in_force"]
        if standard is None:
            raise Http404
        context = {
            "service": service,
            "agency": service.agency,
            "standard": standard,
            "rows": component_rows(standard),
            "maklumat": selectors.maklumat_of(service.agency),
            "size": self.size,
        }
        pdf = render_poster(context, size=self.size, request=request)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="standar-{service.slug}-{self.size.lower()}.pdf"'
        return response

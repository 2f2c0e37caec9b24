"""Pages of the services register: every service a person may see, one unit's services and maklumat."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from agencies.models import Agency
from agencies.selectors import active_roles
from compliance.shared import AgencyInScopeMixin
from compliance.standards import selectors, services
from compliance.standards.forms import MaklumatForm, ServiceForm
from compliance.standards.models import State
from core.exports import download
from core.uploads import file_response, upload_arguments
from core.views import AuthedRequest, paginate, submit_create_form, submit_form


class ServiceListView(LoginRequiredMixin, View):
    """The register: services of the units the person may see, with the state of their standard."""

    def get(self, request: AuthedRequest) -> HttpResponseBase:
        fmt = request.GET.get("export", "")
        if fmt:
            return download(request, "services", fmt)
        state = request.GET.get("state", "")
        state = state if state in State.values else ""
        page, query = paginate(
            request, selectors.register(request.user, state=state), ordering=("agency__name", "name")
        )
        selectors.attach_versions(list(page.object_list))
        own = [r.agency_id for r in active_roles(request.user) if r.agency_id]
        return render(
            request,
            "standards/service_list.html",
            {
                "page": page,
                "query": query,
                "state": state,
                "states": State.choices,
                "own_units": Agency.objects.filter(pk__in=own).order_by("name"),
            },
        )


class AgencyServicesView(AgencyInScopeMixin, View):
    """One unit's services and its maklumat; its staff add services here."""

    permission = "standards.view_service"

    def _render(self, request: AuthedRequest, form: ServiceForm | None = None, status: int = 200) -> HttpResponse:
        agency = self.agency
        return render(
            request,
            "standards/agency_services.html",
            {
                "agency": agency,
                "services": selectors.agency_services(agency),
                "maklumat": selectors.maklumat_of(agency),
                "can_change": request.user.has_perm("standards.change_service", agency),
                "form": form or ServiceForm(),
            },
            status=status,
        )

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return self._render(request)

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = ServiceForm(request.POST)
        return submit_create_form(
            request,
            form,
            lambda data: services.service_create(agency=self.agency, by=request.user, **data),
            url=lambda service: reverse("compliance:standard-edit", args=[service.standards.get().pk]),
            success=_("Service added; write its standard now."),
            invalid=lambda: self._render(request, form, status=400),
        )


class MaklumatView(AgencyInScopeMixin, View):
    permission = "standards.change_service"

    def _render(self, request: AuthedRequest, form: MaklumatForm, status: int = 200) -> HttpResponse:
        context = {"agency": self.agency, "form": form, "maklumat": selectors.maklumat_of(self.agency)}
        return render(request, "standards/maklumat_form.html", context, status=status)

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        current = selectors.maklumat_of(self.agency)
        initial: dict[str, Any] = {"signed_by": self.agency.head_name}
        if current:
            initial = {"text": current.text, "signed_by": current.signed_by, "signed_on": current.signed_on}
        return self._render(request, MaklumatForm(initial=initial))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = MaklumatForm(request.POST, request.FILES)
        return submit_form(
            request,
            form,
            lambda data: services.maklumat_save(agency=self.agency, by=request.user, **upload_arguments(data, "scan")),
            success=_("Maklumat Pelayanan saved."),
            then=lambda _maklumat: redirect("compliance:agency-services", pk=self.agency.pk),
            invalid=lambda: self._render(request, form, status=400),
        )


class MaklumatFileView(AgencyInScopeMixin, View):
    permission = "standards.view_service"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponseBase:
        maklumat = selectors.maklumat_of(self.agency)
        if maklumat is None:
            return render(request, "404.html", status=404)
        return file_response(maklumat.file, content_type=maklumat.content_type, name=maklumat.original_name)

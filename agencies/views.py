"""Pages of the organisation chart. Each view parses the request, calls a selector or a service, responds."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from agencies import imports, selectors, services
from agencies.emails import send_password_setup
from agencies.forms import (
    AgencyDissolveForm,
    AgencyFilter,
    AgencyForm,
    AgencyImportForm,
    AgencyMergeForm,
    PersonAddForm,
    RegionPickForm,
)
from agencies.models import Agency, AgencyChange, Region, RoleAssignment
from core.autocomplete import autocomplete_response
from core.datacache import filter_fragment, form_fragment
from core.idempotency import create_once
from core.import_views import ImportPreviewView, ImportUploadView
from core.models import ImportBatch
from core.views import (
    AuthedRequest,
    ScopedObjectMixin,
    flash_service,
    form_errors_from,
    paginate,
    submit_create_form,
    submit_form,
)

PAGE_SIZE = 50


def _with_field_labels(changes: list[AgencyChange]) -> list[AgencyChange]:
    """Give each recorded change its fields' names in the reader's language, not the stored field slugs."""
    fields = {f.name: capfirst(f.verbose_name) for f in Agency._meta.get_fields() if hasattr(f, "verbose_name")}
    for change in changes:
        items = change.changes.items() if change.kind == AgencyChange.Kind.UPDATED else ()
        change.field_changes = [(fields.get(name, name), old, new) for name, (old, new) in items]  # type: ignore[attr-defined]
    return changes


class AgencyObjectMixin(ScopedObjectMixin):
    """The agency, from what the person may see (404 otherwise); `permission` checked on it (403)."""

    permission = "agencies.view_agency"
    context_name = "agency"
    agency: Agency
    scope = selectors.agencies_visible_to
    scope_related = ("region", "type", "parent", "merged_into")


class AgencyListView(LoginRequiredMixin, View):
    def get(self, request: AuthedRequest) -> HttpResponse:
        user = request.user
        regions = selectors.region_ids_for(user)
        queryset = selectors.agency_directory(user)
        agency_filter = AgencyFilter(
            request.GET or None,
            queryset=queryset,
            kecamatan_queryset=selectors.kecamatan_choices(user),
        )
        if request.GET:
            results: QuerySet[Agency] = agency_filter.qs
        else:
            results = queryset.filter(selectors.active_q()).order_by("name")
        page, query = paginate(request, results, ordering=("name",))
        return render(
            request,
            "agencies/agency_list.html",
            {
                "filter": agency_filter,
                "page": page,
                "query": query,
                **filter_fragment(request, query),
                "show_region": regions is None or len(regions) > 1,
                "can_add": user.has_perm("agencies.add_agency", None),
            },
        )


class AgencyAutocompleteView(LoginRequiredMixin, View):
    """The active agencies a person may see whose name or code has the typed words, for the agency selects of
    filters and forms (core/autocomplete.py); `type` (an agency type's slug) and `region` (an id) narrow them."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        agencies = selectors.agencies_visible_to(request.user).filter(selectors.active_q())
        if kind := request.GET.get("type", ""):
            agencies = agencies.filter(type__slug=kind)
        one_region = (region := request.GET.get("region", "")).isdigit()
        if one_region:
            agencies = agencies.filter(region_id=int(region))
        regions = selectors.region_ids_for(request.user)
        if not one_region and (regions is None or len(regions) > 1):
            # Kecamatan and dinas names repeat from region to region: say which region each one is in.
            agencies = agencies.select_related("region")
            return autocomplete_response(
                request, agencies.order_by("name", "pk"), fields=("name", "code"), label=selectors.agency_with_region
            )
        return autocomplete_response(request, agencies.order_by("name", "pk"), fields=("name", "code"))


class AgencyDetailView(AgencyObjectMixin, View):
    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        agency = self.agency
        user = request.user
        can_manage_people = user.has_perm("agencies.manage_people", agency)
        person_form = PersonAddForm() if can_manage_people else None
        return render(
            request,
            "agencies/agency_detail.html",
            {
                "agency": agency,
                "ancestors": selectors.agency_ancestors(agency),
                "children": list(selectors.agency_children(agency)),
                "people": list(selectors.agency_people(agency)),
                "history": _with_field_labels(list(selectors.agency_history(agency)[:50])),
                "can_change": user.has_perm("agencies.change_agency", agency),
                "can_manage_people": can_manage_people,
                "show_contacts": user.has_perm("agencies.view_agency_contacts", agency),
                "person_form": person_form,
                **(form_fragment(request, person_form, "person-add") if person_form else {}),
            },
        )


class AgencyCreateView(LoginRequiredMixin, View):
    template_name = "agencies/agency_form.html"

    def _region(self, request: AuthedRequest) -> Region:
        regions = selectors.regions_managed_by(request.user)
        if not regions.exists():
            raise PermissionDenied
        form = RegionPickForm(request.GET or None, regions=regions)
        if form.is_valid():
            return form.cleaned_data["region"]
        first = regions.first()
        assert first is not None
        return first

    def get(self, request: AuthedRequest) -> HttpResponse:
        region = self._region(request)
        initial = {}
        if parent_id := request.GET.get("parent"):
            initial["parent"] = parent_id
        form = AgencyForm(region=region, initial=initial)
        return render(request, self.template_name, {"form": form, "region": region})

    def post(self, request: AuthedRequest) -> HttpResponse:
        region = self._region(request)
        form = AgencyForm(request.POST, region=region)
        return submit_create_form(
            request,
            form,
            # A new agency has no history yet, so the change note has nothing to go with.
            lambda data: services.agency_create(
                by=request.user, region=region, **{k: v for k, v in data.items() if k != "note"}
            ),
            url=lambda agency: reverse("agencies:detail", args=[agency.pk]),
            success=lambda agency: _("Agency %(name)s was created.") % {"name": agency.name},
            invalid=lambda: render(request, self.template_name, {"form": form, "region": region}, status=400),
        )


class AgencyUpdateView(AgencyObjectMixin, View):
    permission = "agencies.change_agency"
    template_name = "agencies/agency_form.html"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = AgencyForm(instance=self.agency, region=self.agency.region)
        return render(request, self.template_name, {"form": form, "agency": self.agency, "region": self.agency.region})

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        original = Agency.objects.get(pk=self.agency.pk)
        form = AgencyForm(request.POST, instance=self.agency, region=self.agency.region)
        context = {"form": form, "agency": original, "region": self.agency.region}
        return submit_form(
            request,
            form,
            lambda data: services.agency_update(agency=original, by=request.user, **data),
            success=_("Changes saved."),
            then=lambda _agency: redirect("agencies:detail", pk=self.agency.pk),
            invalid=lambda: render(request, self.template_name, context, status=400),
        )


class AgencyMergeView(AgencyObjectMixin, View):
    permission = "agencies.merge_agency"
    template_name = "agencies/agency_merge.html"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, {"agency": self.agency, "form": AgencyMergeForm(agency=self.agency)})

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = AgencyMergeForm(request.POST, agency=self.agency)
        return submit_form(
            request,
            form,
            lambda data: services.agency_merge(agency=self.agency, by=request.user, **data),
            success=lambda _merged: (
                _("%(name)s was merged into %(into)s.")
                % {"name": self.agency.name, "into": form.cleaned_data["into"].name}
            ),
            then=lambda _merged: redirect("agencies:detail", pk=form.cleaned_data["into"].pk),
            invalid=lambda: render(request, self.template_name, {"agency": self.agency, "form": form}, status=400),
        )


class AgencyDissolveView(AgencyObjectMixin, View):
    permission = "agencies.deactivate_agency"
    template_name = "agencies/agency_dissolve.html"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, {"agency": self.agency, "form": AgencyDissolveForm()})

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        if "reactivate" in request.POST:
            note = request.POST.get("note", "")
            flash_service(
                request,
                lambda: services.agency_reactivate(agency=self.agency, by=request.user, note=note),
                success=_("The agency is active again."),
            )
            return redirect("agencies:detail", pk=self.agency.pk)
        form = AgencyDissolveForm(request.POST)
        return submit_form(
            request,
            form,
            lambda data: services.agency_dissolve(agency=self.agency, by=request.user, **data),
            success=_("The agency was deactivated."),
            then=lambda _agency: redirect("agencies:detail", pk=self.agency.pk),
            invalid=lambda: render(request, self.template_name, {"agency": self.agency, "form": form}, status=400),
        )


class PersonAddView(AgencyObjectMixin, View):
    permission = "agencies.manage_people"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = PersonAddForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user, _assignment, created = create_once(
                    request,
                    lambda: services.person_add(
                        agency=self.agency, region_id=self.agency.region_id, by=request.user, **data
                    ),
                    url=lambda _made: reverse("agencies:detail", args=[self.agency.pk]) + "#people",
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                if created:
                    send_password_setup(user=user, domain=request.get_host(), use_https=request.is_secure())
                messages.success(request, _("%(name)s was added.") % {"name": user.display_name})
                return redirect(reverse("agencies:detail", args=[self.agency.pk]) + "#people")
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(e) for e in errors)
            messages.error(request, f"{label}: {text}" if label else text)
        return redirect(reverse("agencies:detail", args=[self.agency.pk]) + "#people")


class RoleEndView(AgencyObjectMixin, View):
    permission = "agencies.manage_people"

    def post(self, request: AuthedRequest, pk: int, role_pk: int) -> HttpResponse:
        roles = RoleAssignment.objects.filter(agency=self.agency)
        if not request.user.has_perm("agencies.grant_manager_roles", self.agency):
            roles = roles.filter(role__in=RoleAssignment.AGENCY_ROLES)
        assignment = get_object_or_404(roles, pk=role_pk)
        services.role_end(assignment=assignment, by=request.user)
        messages.success(request, _("The role of %(name)s has ended.") % {"name": assignment.user.display_name})
        return redirect(reverse("agencies:detail", args=[self.agency.pk]) + "#people")


class AgencyImportView(ImportUploadView):
    importer = imports.IMPORTER
    template_name = "agencies/agency_import.html"
    preview_url_name = "agencies:import-preview"

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> AgencyImportForm:
        regions = selectors.regions_managed_by(request.user)
        if not request.user.has_perm("agencies.import_agencies", None) or not regions.exists():
            raise PermissionDenied
        return AgencyImportForm(data, files, regions=regions)

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "columns": imports.COLUMNS}


class AgencyImportPreviewView(ImportPreviewView):
    importer = imports.IMPORTER
    template_name = "agencies/agency_import_preview.html"
    upload_url_name = "agencies:import"
    success_url_name = "agencies:list"
    success_message = gettext_lazy("%(count)d agencies were imported.")

    def get_context_data(self, request: AuthedRequest, batch: ImportBatch, scope: Region) -> dict[str, Any]:
        form = AgencyImportForm(regions=selectors.regions_managed_by(request.user), initial={"region": scope})
        return {**super().get_context_data(request, batch, scope), "form": form}

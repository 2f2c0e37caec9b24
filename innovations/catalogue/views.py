"""Pages of the catalogue for members: find a running innovation, read it, replicate it, confirm a replication;
what an agency publishes; the mayor's office unpublishing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from agencies.models import Agency
from agencies.selectors import agency_with_region
from core.autocomplete import autocomplete_response
from core.datacache import filter_fragment
from core.uploads import file_response
from core.views import AuthedRequest, ScopedObjectMixin, flash_service, paginate, submit_create_form, submit_form
from innovations import selectors as register
from innovations.catalogue import selectors, services
from innovations.catalogue.forms import CatalogueFilter, PublicationForm, ReplicationForm, UnpublishForm
from innovations.catalogue.lineage import lineage
from innovations.models import Innovation, Replication
from innovations.views import InnovationObjectMixin


class CatalogueListView(LoginRequiredMixin, View):
    def get(self, request: AuthedRequest) -> HttpResponse:
        catalogue_filter = CatalogueFilter(
            request.GET or None,
            queryset=selectors.catalogue_list(request.user),
            agencies=selectors.catalogue_agencies(request.user),
        )
        results = catalogue_filter.qs if request.GET else catalogue_filter.queryset
        page, query = paginate(request, results, ordering=("title", "pk"))
        return render(
            request,
            "innovations/catalogue/list.html",
            {"filter": catalogue_filter, "page": page, "query": query, **filter_fragment(request, query)},
        )


class CatalogueAgencyAutocompleteView(LoginRequiredMixin, View):
    """The agencies with an innovation in the person's catalogue (their region's, and the open regions' when theirs
    is open), searched by name or code, each with its region: the catalogue's agency filter searches these rather
    than listing them (a national catalogue holds tens of thousands)."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        agencies = selectors.catalogue_agencies(request.user).select_related("region")
        return autocomplete_response(request, agencies, fields=("name", "code"), label=agency_with_region)


class CatalogueObjectMixin(ScopedObjectMixin):
    """A running innovation from the person's catalogue (404 otherwise)."""

    context_name = "innovation"
    innovation: Innovation

    def get_scope(self, request: HttpRequest) -> Any:
        return selectors.catalogue_detail(selectors.catalogue_visible_to(request.user))


class CatalogueDetailView(CatalogueObjectMixin, View):
    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        innovation, user = self.innovation, request.user
        user.notifications.filter(read_at__isnull=True, url=request.path).update(read_at=timezone.now())
        records = list(
            Replication.objects.filter(original=innovation, replica__in=innovation.counted_replications).select_related(  # type: ignore[attr-defined]
                "replica__agency", "confirmed_by"
            )
        )
        return render(
            request,
            "innovations/catalogue/detail.html",
            {
                "innovation": innovation,
                "tree": lineage(
                    innovation,
                    shown=selectors.catalogue_visible_to(user),
                    register=register.innovations_visible_to(user),
                ),
                "records": records,
                "own_record": selectors.replication_record_of(innovation),
                "can_replicate": user.has_perm("innovations.replicate_innovation", innovation),
                "can_confirm": user.has_perm("innovations.confirm_replication", innovation),
            },
        )


class ReplicateView(CatalogueObjectMixin, View):
    permission = "innovations.replicate_innovation"
    template_name = "innovations/catalogue/replicate.html"

    def _form(self, request: AuthedRequest) -> ReplicationForm:
        agencies = list(
            Agency.objects.filter(pk__in=register.agencies_user_works_for(request.user))
            .exclude(pk=self.innovation.agency_id)
            .order_by("name")
        )
        if not agencies:
            raise PermissionDenied
        return ReplicationForm(request.POST or None, request.FILES or None, agencies=agencies, original=self.innovation)

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, {"innovation": self.innovation, "form": self._form(request)})

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = self._form(request)
        return submit_create_form(
            request,
            form,
            lambda data: services.replication_start(
                original=self.innovation,
                agency=data["agency"],
                by=request.user,
                title=data["title"],
                innovator_names=data["innovator_names"],
                adaptation=data["adaptation"],
                reason=data["reason"],
                started_on=data["started_on"],
                agreement=(data["agreement"].name, data["agreement"].read()) if data["agreement"] else None,
            ),
            # A retried POST goes to the draft the first one made.
            url=lambda replication: reverse("innovations:update", args=[replication.replica_id]),
            success=_("Replication started as a draft. Adapt the description to your unit, then submit it."),
            invalid=lambda: render(
                request, self.template_name, {"innovation": self.innovation, "form": form}, status=400
            ),
        )


class ReplicationConfirmView(LoginRequiredMixin, View):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        replication = get_object_or_404(
            Replication.objects.select_related("original__agency"),
            pk=pk,
            original__in=register.innovations_visible_to(request.user),
        )
        services.replication_confirm(replication=replication, by=request.user)
        messages.success(request, _("Replication confirmed. The replicating agency has been told."))
        return redirect("catalogue:detail", pk=replication.original_id)


class CatalogueEvidenceView(LoginRequiredMixin, View):
    """Public evidence of a catalogue innovation; anything else does not exist here."""

    def get(self, request: AuthedRequest, pk: int) -> FileResponse:
        evidence = get_object_or_404(selectors.public_evidence_of(selectors.catalogue_visible_to(request.user)), pk=pk)
        return file_response(evidence.file, content_type=evidence.content_type, name=evidence.original_name)


class PublicationView(InnovationObjectMixin, View):
    permission = "innovations.publish_innovation"
    template_name = "innovations/catalogue/publication.html"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = PublicationForm(innovation=self.innovation)
        return render(request, self.template_name, {"innovation": self.innovation, "form": form})

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = PublicationForm(request.POST, innovation=self.innovation)
        return submit_form(
            request,
            form,
            lambda data: services.publication_set(
                innovation=self.innovation,
                by=request.user,
                publish=data["publish"],
                public_sections=data["public_sections"],
                open_to_replication=data["open_to_replication"],
                replication_contact=data["replication_contact"],
                public_evidence=[e.pk for e in data["public_evidence"]],
            ),
            success=_("What the catalogues show is saved."),
            then=lambda _innovation: redirect("innovations:detail", pk=self.innovation.pk),
            invalid=lambda: render(
                request, self.template_name, {"innovation": self.innovation, "form": form}, status=400
            ),
        )


class UnpublishView(InnovationObjectMixin, View):
    permission = "innovations.unpublish_innovation"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        if "republish" in request.POST:
            services.innovation_republish(innovation=self.innovation, by=request.user)
            messages.success(request, _("Back on the public catalogue."))
            return redirect("innovations:detail", pk=self.innovation.pk)
        form = UnpublishForm(request.POST)
        flash_service(
            request,
            lambda: services.innovation_unpublish(
                innovation=self.innovation, by=request.user, reason=form.data.get("reason", "")
            ),
            success=_("Taken off the public catalogue; the reason is kept in its timeline."),
        )
        return redirect("innovations:detail", pk=self.innovation.pk)

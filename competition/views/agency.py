"""The entrant agency's pages: entering an innovation (each candidate's eligibility shown first), editing and
submitting the proposal, withdrawing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from competition.forms import AttachmentForm, EnterForm, EntryForm
from competition.models import Entry
from competition.selectors import entries
from competition.services import agency
from competition.views.shared import EntryMixin, RoundMixin
from core.views import AuthedRequest, form_errors_from, submit_create_form


class EnterView(RoundMixin, View):
    """An agency enters one of its accepted innovations; each candidate's eligibility is shown first."""

    permission = "competition.enter_round"
    template_name = "competition/enter.html"

    def _context(self, request: AuthedRequest, form: EnterForm) -> dict[str, Any]:
        chosen_group = form.cleaned_data.get("group") if form.is_bound and hasattr(form, "cleaned_data") else None
        rows = entries.candidates_with_eligibility(request.user, self.round, group=chosen_group)
        return {"round": self.round, "form": form, "rows": rows}

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = EnterForm(
            round_=self.round,
            innovations=entries.candidate_innovations(request.user, self.round),
            initial={"innovation": request.GET.get("innovation")},
        )
        return render(request, self.template_name, self._context(request, form))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = EnterForm(
            request.POST, round_=self.round, innovations=entries.candidate_innovations(request.user, self.round)
        )
        return submit_create_form(
            request,
            form,
            lambda data: agency.entry_create(round_=self.round, by=request.user, **data),
            url=lambda entry: reverse("competition:entry-edit", args=[entry.pk]),
            success=_("Entry created as a draft. Check the proposal, then submit it."),
            invalid=lambda: render(request, self.template_name, self._context(request, form), status=400),
        )


class EntryEditView(EntryMixin, View):
    permission = "competition.change_entry"
    template_name = "competition/entry_form.html"

    def _context(self, form: EntryForm, attachment: AttachmentForm) -> dict[str, Any]:
        entry = self.entry
        return {
            "entry": entry,
            "round": entry.round,
            "form": form,
            "attachment_form": attachment,
            "attachments": list(entry.attachments.all()),
            "checks": entries.eligibility_of(
                round_=entry.round, innovation=entry.innovation, group=entry.group, entry=entry
            ).checks,
            "missing": entries.missing_sections(entry),
        }

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, self._context(EntryForm(instance=self.entry), AttachmentForm()))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = EntryForm(request.POST, instance=Entry.objects.select_related("group").get(pk=self.entry.pk))
        attachment = AttachmentForm(request.POST, request.FILES)
        if form.is_valid() and attachment.is_valid():
            data = {name: form.cleaned_data[name] for name in form.fields}
            try:
                self.entry = agency.entry_update(entry=self.entry, by=request.user, **data)
                upload = attachment.cleaned_data.get("file")
                if upload:
                    agency.attachment_add(
                        entry=self.entry,
                        by=request.user,
                        name=upload.name,
                        data=upload.read(),
                        caption=attachment.cleaned_data["caption"],
                    )
                if request.POST.get("submit"):
                    agency.entry_submit(entry=self.entry, by=request.user)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                if request.POST.get("submit"):
                    messages.success(request, _("Entry submitted to the organiser."))
                    return redirect("competition:entry", pk=self.entry.pk)
                messages.success(request, _("Proposal saved."))
                return redirect("competition:entry-edit", pk=self.entry.pk)
        self.entry.refresh_from_db()
        return render(request, self.template_name, self._context(form, attachment), status=400)


class EntryWithdrawView(EntryMixin, View):
    permission = "competition.withdraw_entry"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        agency.entry_withdraw(entry=self.entry, by=request.user, note=request.POST.get("note", ""))
        messages.success(request, _("Entry withdrawn."))
        return redirect("competition:round", pk=self.entry.round_id)

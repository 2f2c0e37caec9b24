"""Forms of readiness: an item on paper, on the ground, and the field check (one pass/fail/unchecked choice and a
note per item, built from the checklist's entries)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.forms import DateInput
from compliance.readiness.models import Entry


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class PaperForm(forms.Form):
    file = forms.FileField(label=_("Document"), required=False, help_text=_("PDF, JPG, PNG, DOCX or XLSX."))
    link = forms.URLField(label=_("or a link to it"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class GroundForm(forms.Form):
    seen_by = forms.CharField(label=_("Seen in place by"), max_length=200)
    seen_on = forms.DateField(label=_("On"), widget=DateInput(), initial=timezone.localdate)
    photo = forms.FileField(label=_("Photo"), required=False)
    note = forms.CharField(label=_("What was seen"), required=False, max_length=500)


RESULT_CHOICES = [("", _("not checked")), ("pass", _("as it should be")), ("fail", _("not as it should be"))]


class FieldCheckForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"), widget=DateInput(), initial=timezone.localdate)
    team = forms.CharField(label=_("Who visited"), max_length=300)
    findings = forms.CharField(label=_("What was found"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleFileField(label=_("Photos"), required=False)

    def __init__(self, *args: Any, entries: list[Entry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entries = entries
        for entry in entries:
            self.fields[f"r{entry.pk}"] = forms.ChoiceField(
                label=entry.item.label,
                choices=RESULT_CHOICES,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"n{entry.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def rows(self) -> list[dict[str, Any]]:
        return [{"entry": e, "result": self[f"r{e.pk}"], "note": self[f"n{e.pk}"]} for e in self.entries]

    def results(self) -> dict[int, tuple[bool, str]]:
        out = {}
        for entry in self.entries:
            choice = self.cleaned_data.get(f"r{entry.pk}")
            if choice:
                out[entry.pk] = (choice == "pass", self.cleaned_data.get(f"n{entry.pk}") or "")
        return out

"""Forms of the innovation index: answering an indicator, sending an answer back, loading a catalogue file."""

from __future__ import annotations

from typing import Any

from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.iid.models import Indicator
from compliance.iid.prefill import Suggestion
from core.forms import form_helper


class AnswerForm(forms.Form):
    parameter = forms.TypedChoiceField(label=_("Parameter"), coerce=int, widget=forms.RadioSelect)
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, JPG, PNG, DOCX or XLSX, up to 10 MB. A new file replaces the earlier one."),
    )
    evidence_url = forms.URLField(
        label=_("Or a link to the evidence"), required=False, assume_scheme="https", max_length=500
    )
    override_reason = forms.CharField(
        label=_("Why another parameter than the suggested one"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, indicator: Indicator, suggestion: Suggestion | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parameter: Any = self.fields["parameter"]
        parameter.choices = [(n, f"{n} — {text}") for n, text in indicator.parameters]
        if suggestion is None:
            del self.fields["override_reason"]
        self.helper = form_helper(form_tag=False)
        self.helper.add_input(Submit("save", _("Save the answer")))


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("What must be corrected"), widget=forms.Textarea(attrs={"rows": 2}))


class CatalogueImportForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the guideline"), min_value=2018, max_value=2100)
    file = forms.FileField(
        label=_("Catalogue file (CSV or XLSX)"),
        help_text=_(
            "Columns: number, aspect (spd/sid), variable, name, weight, mandatory (ya/tidak), parameter_1, "
            "parameter_2, parameter_3, evidence."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(form_tag=False)
        self.helper.add_input(Submit("upload", _("Check the file")))

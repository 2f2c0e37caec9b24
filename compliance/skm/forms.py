"""Forms of the satisfaction surveys: validation only; writes go through compliance.skm.services."""

from __future__ import annotations

from typing import Any, cast

from crispy_forms.layout import Layout
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agencies.forms import Action
from agencies.models import Agency
from compliance.standards.models import Service
from compliance.standards.selectors import service_label, services_of_agencies
from core.autocomplete import use_autocomplete
from core.forms import form_helper, table_file_field


class SurveyBaseForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Service unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2017, max_value=2100)
    period = forms.CharField(
        label=_("Period"), max_length=40, help_text=_("For example 'Semester I' or 'Tahunan'; one survey per period.")
    )
    replace = forms.BooleanField(
        label=_("Replace the survey of this period if it was recorded already"), required=False
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies
        # A national administrator's units number in the tens of thousands: searched as typed.
        use_autocomplete(self.fields["agency"], "agencies:autocomplete")
        self.helper = form_helper()


class SurveyImportForm(SurveyBaseForm):
    file = table_file_field(
        label=_("Respondents' answers (CSV or XLSX)"),
        help_text=_(
            "One row per respondent; columns u1 … u9 with answers 1 to 4; optional: umur, jenis_kelamin, "
            "pendidikan, pekerjaan, layanan, tanggal."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "agency",
            "year",
            "period",
            "file",
            "replace",
            Action("preview", _("Check and preview"), css_class="btn-primary"),
        )


class SurveyTotalsForm(SurveyBaseForm):
    """The unit's totals: the number of respondents and, per element, the sum of the answers."""

    respondents = forms.IntegerField(label=_("Number of respondents"), min_value=1, max_value=1_000_000)
    service = forms.ModelChoiceField(
        queryset=Service.objects.none(),
        label=_("Service surveyed (optional)"),
        required=False,
        help_text=_("Leave empty for a survey of the whole unit."),
    )
    note = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, elements: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.element_codes = [e.code for e in elements]
        service = cast(forms.ModelChoiceField, self.fields["service"])
        units = cast(QuerySet[Agency], cast(forms.ModelChoiceField, self.fields["agency"]).queryset)
        service.queryset = services_of_agencies(units)
        service.label_from_instance = service_label  # type: ignore[method-assign,assignment]
        # The mayor's office records for every unit of the region, each with its services: searched as typed.
        use_autocomplete(service, "compliance:survey-service-autocomplete")
        for element in elements:
            self.fields[element.code] = forms.IntegerField(
                label=f"{element.code.upper()} {element.name}",
                min_value=1,
                help_text=_("Sum of the answers (1 to 4) of all respondents."),
            )
        self.helper.layout = Layout(
            "agency",
            "year",
            "period",
            "service",
            "respondents",
            *self.element_codes,
            "note",
            "replace",
            Action("save", _("Compute and save"), css_class="btn-primary"),
        )

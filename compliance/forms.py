"""Forms of compliance: validation only; writes go through compliance.services."""

from __future__ import annotations

from typing import Any, cast

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agencies.forms import Action, DateInput
from agencies.models import Agency, AgencyType
from compliance.models import (
    AssessmentMethod,
    FindingState,
    QuotaExemption,
    QuotaRule,
    QuotaState,
    QuotaStatus,
    Zone,
)
from innovations.models import State


class QuotaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="agency__name", lookup_expr="icontains", label=_("Agency name"))
    type = django_filters.ModelChoiceFilter(
        field_name="agency__type", queryset=AgencyType.objects.all(), label=_("Agency type"), empty_label=_("All types")
    )
    kecamatan = django_filters.ModelChoiceFilter(
        method="filter_kecamatan", queryset=Agency.objects.none(), label=_("Kecamatan"), empty_label=_("All kecamatan")
    )
    status = django_filters.ChoiceFilter(choices=QuotaState.choices, label=_("Status"), empty_label=_("All statuses"))
    sort = django_filters.OrderingFilter(
        fields=(("agency__name", "agency"), ("status", "status"), ("count", "count"), ("since", "since")),
        field_labels={
            "agency__name": _("Agency"),
            "status": _("Status"),
            "count": _("Innovations"),
            "since": _("Since"),
        },
        label=_("Sort by"),
        empty_label=_("Agency (A–Z)"),  # noqa: RUF001 -- a real en dash, as typeset
    )

    class Meta:
        model = QuotaStatus
        fields: list[str] = []

    def __init__(self, *args: Any, kecamatan: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["kecamatan"].queryset = kecamatan

    def filter_kecamatan(
        self, queryset: QuerySet[QuotaStatus], name: str, value: Agency | None
    ) -> QuerySet[QuotaStatus]:
        return queryset.filter(agency__path__startswith=value.path) if value else queryset


class QuotaRuleForm(forms.ModelForm):
    counting_states = forms.MultipleChoiceField(
        label=_("Innovation states that count"),
        widget=forms.CheckboxSelectMultiple,
        choices=[(s.value, s.label) for s in (State.SUBMITTED, State.HEAD_APPROVED, State.ACCEPTED)],
        help_text=_("A draft never counts."),
    )
    reminder_days = forms.CharField(
        label=_("Reminders, days before the deadline"),
        help_text=_("Separated by commas, e.g. 60, 30, 7."),
    )
    subject_types = forms.ModelMultipleChoiceField(
        queryset=AgencyType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Agency types subject to the quota this year"),
    )

    class Meta:
        model = QuotaRule
        fields = [
            "deadline",
            "minimum",
            "counting_states",
            "replications_count",
            "continuing_count",
            "reminder_days",
            "subject_types",
            "open",
        ]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["reminder_days"] = ", ".join(str(d) for d in self.instance.reminder_days)
            if not self.instance.pk:  # an unsaved rule starts from each agency type's own flag
                self.initial["subject_types"] = list(AgencyType.objects.filter(subject_to_quota=True))
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.Meta.fields, Action("save", _("Save rule"), css_class="btn-primary"))

    def clean_reminder_days(self) -> list[int]:
        raw = self.cleaned_data["reminder_days"]
        try:
            days = sorted({int(part) for part in raw.replace(";", ",").split(",") if part.strip()}, reverse=True)
        except ValueError:
            raise forms.ValidationError(_("Write whole numbers of days separated by commas.")) from None
        if not days or any(d < 1 or d > 365 for d in days):
            raise forms.ValidationError(_("Each reminder must be between 1 and 365 days before the deadline."))
        return days

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline.year != self.instance.year:
            raise forms.ValidationError(_("The deadline must fall in %(year)d.") % {"year": self.instance.year})
        return deadline


class ExemptionRequestForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    reason_kind = forms.ChoiceField(label=_("Reason"), choices=QuotaExemption.Reason.choices)
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["year"]).choices = [(y, y) for y in years]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "year",
            "reason_kind",
            "explanation",
            Action("request", _("Ask for an exemption"), css_class="btn-primary"),
        )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note (required to reject)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssessmentImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: agency, year, method, score; optional: zone, input, proses, output, pengaduan, "
            "published, source_url, note."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    update_existing = forms.BooleanField(
        label=_("Update existing assessments"),
        required=False,
        help_text=_("Replaced values are kept in each assessment's correction history."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "file", "update_existing", Action("preview", _("Check and preview"), css_class="btn-primary")
        )


class AssessmentForm(forms.Form):
    """Entering one assessment (the mayor's office); zone and grade come from the band table."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Assessed unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2013, max_value=2100)
    method = forms.ModelChoiceField(queryset=AssessmentMethod.objects.all(), label=_("Method"), empty_label=None)
    score = forms.CharField(label=_("Score"), help_text=_("With a dot or a comma, e.g. 87,99."))
    zone = forms.ChoiceField(
        label=_("Zone as published"),
        required=False,
        choices=[("", "—"), *Zone.choices],
        help_text=_("Needed only for a method without a band table (opini-2025)."),
    )
    published = forms.DateField(label=_("Date published"), required=False, widget=DateInput())
    source_url = forms.URLField(label=_("Source document link"), required=False)
    source_file = forms.FileField(
        label=_("Source document"),
        required=False,
        help_text=_("The Ombudsman's report or letter: PDF, JPG, PNG, DOCX or XLSX."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )
    note = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.fields, Action("save", _("Save assessment"), css_class="btn-primary"))


class CorrectionForm(forms.Form):
    score = forms.CharField(label=_("Correct score"))
    reason = forms.CharField(label=_("Why is it corrected?"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("score", "reason", Action("correct", _("Save correction"), css_class="btn-primary"))


class SourceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Source document"),
        help_text=_("The Ombudsman's report or letter: PDF, JPG, PNG, DOCX or XLSX."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )


class FindingForm(forms.Form):
    """One item of the Ombudsman's report card, entered by the mayor's office."""

    text = forms.CharField(label=_("What has to be fixed"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Responsible agency"))
    due = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["responsible"]).queryset = agencies
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "text", "responsible", "due", Action("add", _("Add improvement note"), css_class="btn-primary")
        )


class FindingMoveForm(forms.Form):
    to = forms.ChoiceField(choices=FindingState.choices)
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Comment"))


class FindingEvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence of the fix"),
        help_text=_("A photo, decree or report: PDF, JPG, PNG, DOCX or XLSX."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("file", "caption")


class FindingCommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class FindingRescheduleForm(forms.Form):
    due = forms.DateField(label=_("New due date"), widget=DateInput())
    reason = forms.CharField(label=_("Why does the due date change?"), max_length=300)


class FindingFilter(forms.Form):
    SHOW = [
        ("pending", _("Open and in progress")),
        ("overdue", _("Overdue")),
        ("done", _("Done, awaiting verification")),
        ("verified", _("Verified")),
        ("all", _("All")),
    ]
    show = forms.ChoiceField(
        label=_("Show"), choices=SHOW, required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    year = forms.IntegerField(
        label=_("Assessment year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    q = forms.CharField(
        label=_("Responsible agency"), required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )


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
        self.helper = FormHelper()


class SurveyImportForm(SurveyBaseForm):
    file = forms.FileField(
        label=_("Respondents' answers (CSV or XLSX)"),
        help_text=_(
            "One row per respondent; columns u1 … u9 with answers 1 to 4; optional: umur, jenis_kelamin, "
            "pendidikan, pekerjaan, layanan, tanggal."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
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
    note = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, elements: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.element_codes = [e.code for e in elements]
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
            "respondents",
            *self.element_codes,
            "note",
            "replace",
            Action("save", _("Compute and save"), css_class="btn-primary"),
        )

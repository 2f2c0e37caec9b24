"""Forms of the Ombudsman part (assessments, source documents, improvement notes): validation only; writes go
through compliance.ombudsman.services."""

from __future__ import annotations

from typing import Any, cast

from crispy_forms.layout import Fieldset
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agencies.forms import Action, DateInput
from agencies.models import Agency
from compliance.ombudsman.domain import check_dimension_scores, method_for_year
from compliance.ombudsman.models import AssessmentMethod, Dimension, FindingSource, FindingState, Zone
from compliance.standards.models import Service
from compliance.standards.selectors import service_label, services_of_agencies
from core.autocomplete import use_autocomplete
from core.forms import form_helper, table_file_field


class AssessmentImportForm(forms.Form):
    file = table_file_field(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: agency, year, score; optional: method (empty: the one that applies to the year), zone, "
            "published, source_url, note, and one column per dimension of the method (e.g. input, proses, output, "
            "pengaduan for 2022-2024)."
        ),
    )
    update_existing = forms.BooleanField(
        label=_("Update existing assessments"),
        required=False,
        help_text=_("Replaced values are kept in each assessment's correction history."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "file", "update_existing", Action("preview", _("Check and preview"), css_class="btn-primary")
        )


class AssessmentForm(forms.Form):
    """Entering one assessment (the mayor's office); zone and grade come from the band table."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Assessed unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2013, max_value=2100)
    method = forms.ModelChoiceField(
        queryset=AssessmentMethod.objects.all(),
        label=_("Method"),
        required=False,
        empty_label=_("The method that applies to the year"),
    )
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

    def __init__(
        self, *args: Any, agencies: QuerySet[Agency], dimensions: dict[int, list[Dimension]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies
        # A national administrator's units number in the thousands: searched as typed.
        use_autocomplete(self.fields["agency"], "agencies:autocomplete")
        self.dimensions = dimensions
        # One optional field per dimension slug of any method; its help says which method scores it and the range,
        # so the operator fills only the method's own (the others are refused by name in `clean`).
        methods = {m.pk: m for m in AssessmentMethod.objects.filter(pk__in=dimensions)}
        seen: dict[str, list[str]] = {}
        for method_id, rows in dimensions.items():
            for d in rows:
                seen.setdefault(d.slug, []).append(
                    _("%(method)s: %(low)s to %(high)s")
                    % {"method": methods[method_id].slug, "low": d.lowest, "high": d.highest}
                )
                if f"dimension_{d.slug}" not in self.fields:
                    self.fields[f"dimension_{d.slug}"] = forms.CharField(label=d.name, required=False)
        for slug, ranges in seen.items():
            self.fields[f"dimension_{slug}"].help_text = "; ".join(ranges)
        dimension_fields = [f"dimension_{slug}" for slug in seen]
        self.helper = form_helper(
            "agency",
            "year",
            "method",
            "score",
            Fieldset(_("Scores per dimension (optional; only the method's own)"), *dimension_fields),
            "zone",
            "published",
            "source_url",
            "source_file",
            "note",
            Action("save", _("Save assessment"), css_class="btn-primary"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = {
            name.removeprefix("dimension_"): data.pop(name)
            for name in list(data)
            if name.startswith("dimension_") and data[name]
        }
        for name in [n for n in data if n.startswith("dimension_")]:
            data.pop(name)
        if not data.get("method") and data.get("year"):
            try:
                data["method"] = method_for_year(AssessmentMethod.objects.all(), data["year"])
            except ValidationError as exc:
                self.add_error("year" if exc.code == "no_method" else "method", exc.messages[0])
        method = data.get("method")
        if method and given:
            scores, errors = check_dimension_scores(method, self.dimensions.get(method.pk, []), given)
            for slug, message in errors:
                self.add_error(f"dimension_{slug}", message)
            data["dimensions"] = {slug: str(score) for slug, score in scores.items()}
        return data


class CorrectionForm(forms.Form):
    score = forms.CharField(label=_("Correct score"))
    reason = forms.CharField(label=_("Why is it corrected?"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper("score", "reason", Action("correct", _("Save correction"), css_class="btn-primary"))


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
    source_type = forms.ChoiceField(
        label=_("Source of the note"),
        choices=FindingSource.choices,
        initial=FindingSource.REPORT_CARD,
        help_text=_(
            "The assessment's report card, a corrective action (LAHP) of a complaint, or your own field check."
        ),
    )
    service = forms.ModelChoiceField(
        queryset=Service.objects.none(),
        label=_("Service concerned (optional)"),
        required=False,
        help_text=_("A service of the responsible agency, where the note is about one service."),
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], assessment_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["responsible"]).queryset = agencies
        service = cast(forms.ModelChoiceField, self.fields["service"])
        service.queryset = services_of_agencies(agencies)
        service.label_from_instance = service_label  # type: ignore[method-assign,assignment]
        use_autocomplete(self.fields["responsible"], "agencies:autocomplete")
        # Every unit of the region with its services: searched as typed, in the assessment's region.
        use_autocomplete(service, "compliance:finding-service-autocomplete", args=(assessment_id,))
        self.helper = form_helper(
            "text",
            "source_type",
            "responsible",
            "due",
            "service",
            Action("add", _("Add improvement note"), css_class="btn-primary"),
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
        self.helper = form_helper("file", "caption", form_tag=False)


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
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[("", _("All sources")), *FindingSource.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
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

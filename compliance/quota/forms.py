"""Forms of the quota: validation only; writes go through compliance.quota.services."""

from __future__ import annotations

from typing import Any, cast

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agencies.forms import Action, DateInput
from agencies.models import Agency, AgencyType
from compliance.quota.models import QuotaExemption, QuotaRule, QuotaState, QuotaStatus
from compliance.quota.services import RULE_FIELDS
from core.filters import OrderingFilter
from core.forms import form_helper
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
    sort = OrderingFilter(
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
    #: The table's check (quota_rule_minimum_positive) as a field rule, so that 0 gets a message by the field
    #: instead of the constraint's name.
    minimum = forms.IntegerField(
        label=_("minimum number of innovations"),
        min_value=1,
        max_value=100,
        error_messages={"min_value": _("Ask for at least one innovation per agency.")},
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
        # What rule_update may change, with the agency types just above the switch that opens the rule.
        fields = [*(name for name in RULE_FIELDS if name != "open"), "subject_types", "open"]
        widgets = {"deadline": DateInput(), "risk_checkpoint": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["reminder_days"] = ", ".join(str(d) for d in self.instance.reminder_days)
            if not self.instance.pk:  # an unsaved rule starts from each agency type's own flag
                self.initial["subject_types"] = list(AgencyType.objects.filter(subject_to_quota=True))
        self.helper = form_helper(*self.Meta.fields, Action("save", _("Save rule"), css_class="btn-primary"))

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
        self.helper = form_helper(
            "year",
            "reason_kind",
            "explanation",
            Action("request", _("Ask for an exemption"), css_class="btn-primary"),
        )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note (required to reject)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

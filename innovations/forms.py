"""Forms of the innovation register: validation and normalisation; writes go through innovations.services."""

from __future__ import annotations

import datetime
from typing import Any, cast

import django_filters
from crispy_forms.layout import Column, Div, Fieldset, Row
from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.forms import DateInput
from agencies.models import Agency, AgencyType
from core.autocomplete import use_autocomplete
from core.filters import OrderingFilter
from core.forms import form_helper
from core.uploads import browser_checks, checked_upload
from innovations.models import Category, Evidence, Innovation, State
from innovations.selectors import innovation_label, replication_candidates
from innovations.services import CONTENT_FIELDS, CONTENT_SECTIONS, WORD_LIMITS, word_count

SECTIONS: list[tuple[str, Any, tuple[str, ...]]] = [
    (slug, label, CONTENT_SECTIONS[slug])
    for slug, label in (
        ("identity", _("Identity")),
        ("classification", _("Classification")),
        ("dates", _("Dates")),
        ("narrative", _("Description")),
        ("sustainability", _("Resources and sustainability")),
        ("replication", _("Replication")),
    )
]


def category_choices(kind: str) -> QuerySet[Category]:
    return Category.objects.filter(kind=kind, active=True).order_by("sort_order", "name")


class InnovationForm(forms.ModelForm):
    sdgs = forms.ModelMultipleChoiceField(
        queryset=Category.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("SDGs served"),
    )

    class Meta:
        model = Innovation
        fields = [*CONTENT_FIELDS, "sdgs"]
        widgets = {
            "trial_date": DateInput(),
            "launch_date": DateInput(),
            "innovator_decree_date": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 5}) for name in WORD_LIMITS},
        }

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        for kind in ("bentuk", "jenis", "tahapan", "inisiator", "urusan", "sdgs"):
            field = cast(forms.ModelChoiceField, self.fields[kind])
            field.queryset = category_choices("sdg" if kind == "sdgs" else kind)
        replication = cast(forms.ModelChoiceField, self.fields["replication_of"])
        # The record's own original stays a choice even from another region (replicated from a shared catalogue).
        replication.queryset = replication_candidates(agency, keep=self.instance.replication_of_id)
        replication.label_from_instance = innovation_label  # type: ignore[method-assign,assignment]
        # A province's register holds thousands: searched as typed, checked against the same queryset on saving.
        use_autocomplete(replication, "innovations:autocomplete", {"replicating": str(agency.pk)})
        replication.help_text = _("Replication is encouraged: it counts as your agency's innovation.")
        self.fields["launch_date"].help_text = _("The age of the innovation is counted from this date.")
        for name, (minimum, maximum) in WORD_LIMITS.items():
            widget = self.fields[name].widget
            widget.attrs.update({"data-word-limit": maximum, "data-word-minimum": minimum})
            hint = _("At most %(max)d words.") % {"max": maximum}
            if minimum:
                hint = _("At least %(min)d and at most %(max)d words.") % {"min": minimum, "max": maximum}
            self.fields[name].help_text = hint
        self.helper = form_helper(
            *(
                Fieldset(label, *self._section_layout(fields), css_id=f"section-{slug}", css_class="form-section")
                for slug, label, fields in SECTIONS
            ),
            form_tag=False,
        )
        # The page's form carries the CSRF token: one kept in the fragment (core.datacache.form_fragment) would
        # be stale after the next login, and being the last of the name, it is the one Django would check.
        self.helper.disable_csrf = True

    @staticmethod
    def _section_layout(fields: tuple[str, ...]) -> list[Any]:
        if fields == ("trial_date", "launch_date"):
            return [Row(Column("trial_date"), Column("launch_date"))]
        return [Div(name) for name in fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, (_minimum, maximum) in WORD_LIMITS.items():
            count = word_count(data.get(name) or "")
            if count > maximum:
                self.add_error(name, _("%(count)d words; at most %(max)d.") % {"count": count, "max": maximum})
        trial, launch = data.get("trial_date"), data.get("launch_date")
        if trial and launch and launch < trial:
            self.add_error("launch_date", _("The launch cannot be before the trial started."))
        today = timezone.localdate()
        for name in ("trial_date", "launch_date"):
            if data.get(name) and data[name] > today + datetime.timedelta(days=366):
                self.add_error(name, _("This date is more than a year ahead."))
        if data.get("replication_of") and data.get("replication_source_name"):
            self.add_error(
                "replication_source_name", _("Choose either an innovation in this system or an outside one.")
            )
        return data

    def _saved_value(self, name: str) -> Any:
        """What the record holds: the column (`bentuk_id`), not the related row, so a filled choice costs no
        query; the SDGs as the ModelForm read them for its initial values."""
        if name == "sdgs":
            return self.initial.get("sdgs") if self.instance.pk else None
        return self.instance.serializable_value(name)

    def section_progress(self) -> list[dict[str, Any]]:
        """For the progress list beside the form: each section with how many of its fields are filled."""
        values: Any = self.data if self.is_bound else None
        progress = []
        for slug, label, fields in SECTIONS:
            filled = 0
            for name in fields:
                if values is not None:
                    value = values.getlist(name) if name == "sdgs" else values.get(name)
                else:
                    value = self._saved_value(name)
                filled += 1 if value else 0
            progress.append({"slug": slug, "label": label, "filled": filled, "total": len(fields)})
        return progress


class InnovationStartForm(forms.Form):
    """The two things fixed when a record is created: which agency, which year."""

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label=_("Agency"),
        empty_label=None,
        error_messages={
            "invalid_choice": _(
                "You can register innovations only for the agency you work in. A unit without an operator "
                "(such as a kelurahan): ask the mayor's office to add its operator, who then registers it."
            )
        },
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def full_clean(self) -> None:
        super().full_clean()
        if "agency" in self.errors:
            # A hidden field's error shows nowhere: show the choice, with its message beside it.
            field = cast(forms.ModelChoiceField, self.fields["agency"])
            field.widget = forms.Select()
            field.widget.choices = field.choices

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies
        this_year = timezone.localdate().year
        year_field = cast(forms.TypedChoiceField, self.fields["year"])
        year_field.choices = [(y, y) for y in (this_year + 1, this_year, this_year - 1)]
        year_field.initial = this_year
        if agencies.count() == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = agencies.first()


class EvidenceUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices, initial=Evidence.Kind.OTHER)
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, JPG, PNG, DOCX or XLSX, at most %(size)d MB.") % {
            "size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
        }
        self.fields["file"].widget.attrs.update(browser_checks(max_bytes=settings.EVIDENCE_MAX_BYTES))

    def clean_file(self) -> Any:
        return checked_upload(self.cleaned_data.get("file"), max_bytes=settings.EVIDENCE_MAX_BYTES)


EvidenceFormSet = forms.formset_factory(EvidenceUploadForm, extra=2, max_num=10)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class StopForm(forms.Form):
    reason = forms.CharField(label=_("Why did it stop?"), widget=forms.Textarea(attrs={"rows": 3}))


class RegisterFilterBase(django_filters.FilterSet):
    """What the register's list and the catalogue both filter by: words, year, agency (among `agencies`) and the
    national classifications."""

    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        widget=forms.TextInput(attrs={"placeholder": _("Words from the name or description")}),
    )
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    agency = django_filters.ModelChoiceFilter(
        field_name="agency", queryset=Agency.objects.none(), label=_("Agency"), empty_label=_("All agencies")
    )
    bentuk = django_filters.ModelChoiceFilter(
        queryset=category_choices("bentuk"), label=_("Form (bentuk)"), empty_label=_("All")
    )
    jenis = django_filters.ModelChoiceFilter(
        queryset=category_choices("jenis"), label=_("Type (jenis)"), empty_label=_("All")
    )
    urusan = django_filters.ModelChoiceFilter(
        queryset=category_choices("urusan"), label=_("Government affair"), empty_label=_("All")
    )
    sdg = django_filters.ModelChoiceFilter(
        field_name="sdgs", queryset=category_choices("sdg"), label=_("SDG"), empty_label=_("All")
    )

    class Meta:
        model = Innovation
        fields: list[str] = []

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the querysets here: `self.form` is built on first use, with the filters' querysets of that moment.
        self.filters["agency"].queryset = agencies

    def filter_q(self, queryset: QuerySet[Innovation], name: str, value: str) -> QuerySet[Innovation]:
        # The register's full-text search, on its generated column.
        return queryset.filter(search=SearchQuery(value, search_type="websearch", config="simple"))


class InnovationFilter(RegisterFilterBase):
    agency_type = django_filters.ModelChoiceFilter(
        field_name="agency__type",
        queryset=AgencyType.objects.all(),
        label=_("Agency type"),
        empty_label=_("All types"),
    )
    kecamatan = django_filters.ModelChoiceFilter(
        method="filter_kecamatan",
        queryset=Agency.objects.none(),
        label=_("Kecamatan"),
        empty_label=_("All kecamatan"),
    )
    under = django_filters.ModelChoiceFilter(
        method="filter_kecamatan", queryset=Agency.objects.none(), label=_("Agency and the units under it")
    )
    state = django_filters.ChoiceFilter(choices=State.choices, label=_("State"), empty_label=_("All states"))
    tahapan = django_filters.ModelChoiceFilter(
        queryset=category_choices("tahapan"), label=_("Stage (tahapan)"), empty_label=_("All")
    )
    origin = django_filters.ChoiceFilter(
        method="filter_origin",
        choices=[
            ("new", _("New (not a continuation)")),
            ("continuing", _("Continues an earlier year")),
            ("replication", _("Replication")),
        ],
        label=_("Origin"),
        empty_label=_("All"),
    )
    #: Set by links from the dashboard of a national administrator; people of one region see only it anyway.
    region = django_filters.NumberFilter(field_name="agency__region", widget=forms.HiddenInput)
    #: For national administrators, whose agency list (60,000 names) is too long for a drop-down.
    agency_code = django_filters.CharFilter(field_name="agency__code", lookup_expr="iexact", label=_("Agency code"))
    sort = OrderingFilter(
        fields=(("year", "year"), ("title", "title"), ("agency__name", "agency"), ("updated", "updated")),
        field_labels={"year": _("Year"), "title": _("Name"), "agency__name": _("Agency"), "updated": _("Last change")},
        label=_("Sort by"),
        empty_label=_("Newest year first"),
    )

    def __init__(
        self,
        *args: Any,
        agencies: QuerySet[Agency],
        kecamatan: QuerySet[Agency],
        units: QuerySet[Agency],
        compact: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, agencies=agencies, **kwargs)
        #: Whole-country scope: the agency code field is offered beside the agency search.
        self.compact = compact
        self.filters["kecamatan"].queryset = kecamatan
        self.filters["under"].queryset = units
        # A region has hundreds of agencies, the country 60,000: both are searched as typed (core.autocomplete).
        # After the querysets: `self.form` is built on first use, with the filters' querysets of that moment.
        use_autocomplete(self.form.fields["agency"], "agencies:autocomplete")
        use_autocomplete(self.form.fields["kecamatan"], "agencies:autocomplete", {"type": "kecamatan"})

    def filter_origin(self, queryset: QuerySet[Innovation], name: str, value: str) -> QuerySet[Innovation]:
        """The same three groups the dashboard counts (a replication may also be new or continuing)."""
        if value == "new":
            return queryset.filter(continued_from__isnull=True)
        if value == "continuing":
            return queryset.filter(continued_from__isnull=False)
        if value == "replication":
            return queryset.filter(Q(replication_of__isnull=False) | ~Q(replication_source_name=""))
        return queryset

    def filter_kecamatan(self, queryset: QuerySet[Innovation], name: str, value: Agency | None) -> QuerySet[Innovation]:
        return queryset.filter(agency__path__startswith=value.path) if value else queryset

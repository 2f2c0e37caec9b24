"""Forms of the organisation chart: validation and normalisation only; writes go through services."""

from __future__ import annotations

import re
from typing import Any, cast

import django_filters
from crispy_forms.layout import Column, Fieldset, Row, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.codes import village_code_problem
from agencies.imports import KEMENDAGRI_RE
from agencies.models import Agency, AgencyType, Region, RoleAssignment, User
from agencies.selectors import active_q
from agencies.services import TRACKED_FIELDS
from core.autocomplete import use_autocomplete
from core.filters import OrderingFilter
from core.forms import form_helper, table_file_field


class Action(Submit):
    """A submit button whose colour is only what `css_class` says (crispy's Submit always adds btn-primary)."""

    field_classes = "btn"


class LoginForm(AuthenticationForm):
    """Django's login form, with the project's own words for its two fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class AgencyFilter(django_filters.FilterSet):
    """The directory's search and filters. Scoped by the `agencies_visible_to` queryset it is given."""

    STATUS_CHOICES = [("active", _("Active")), ("inactive", _("Inactive")), ("all", _("All"))]

    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    type = django_filters.ChoiceFilter(field_name="type__slug", label=_("Type"), empty_label=_("All types"))
    kecamatan = django_filters.ModelChoiceFilter(
        method="filter_kecamatan", queryset=Agency.objects.none(), label=_("Kecamatan"), empty_label=_("All kecamatan")
    )
    status = django_filters.ChoiceFilter(
        method="filter_status", choices=STATUS_CHOICES, label=_("Status"), empty_label=None
    )
    sort = OrderingFilter(
        fields=(("name", "name"), ("code", "code"), ("type__sort_order", "type")),
        field_labels={"name": _("Name"), "code": _("Code"), "type__sort_order": _("Type")},
        label=_("Sort by"),
        empty_label=_("Name (A–Z)"),  # noqa: RUF001 -- a real en dash, as typeset
    )

    class Meta:
        model = Agency
        fields: list[str] = []

    def __init__(
        self, data: QueryDict | None = None, *args: Any, kecamatan_queryset: QuerySet[Agency], **kwargs: Any
    ) -> None:
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = "active"  # the directory shows active agencies unless asked otherwise
        super().__init__(data, *args, **kwargs)
        self.filters["kecamatan"].queryset = kecamatan_queryset
        # A province or the country has thousands of kecamatan: searched as typed, not one long drop-down.
        use_autocomplete(self.form.fields["kecamatan"], "agencies:autocomplete", {"type": "kecamatan"})
        self.form.fields["q"].widget.attrs.update(
            {"placeholder": _("Name, code or head, e.g. Puskesmas or Waihaong"), "autofocus": True}
        )
        type_field = cast(forms.ChoiceField, self.form.fields["type"])
        type_field.choices = [("", _("All types")), *((t.slug, t.localized_name) for t in AgencyType.objects.all())]

    def filter_q(self, queryset: QuerySet[Agency], name: str, value: str) -> QuerySet[Agency]:
        for word in value.split()[:6]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(code__iexact=word)
                | Q(kemendagri_code__startswith=word)
                | Q(head_name__icontains=word)
            )
        return queryset

    def filter_kecamatan(self, queryset: QuerySet[Agency], name: str, value: Agency | None) -> QuerySet[Agency]:
        return queryset.filter(path__startswith=value.path) if value else queryset

    def filter_status(self, queryset: QuerySet[Agency], name: str, value: str) -> QuerySet[Agency]:
        if value == "active":
            return queryset.filter(active_q())
        if value == "inactive":
            return queryset.exclude(active_q())
        return queryset


class AgencyForm(forms.ModelForm):
    note = forms.CharField(
        label=_("Note on this change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the regulation behind a new name. Kept in the agency's history."),
    )

    class Meta:
        model = Agency
        # The same fields that agency_update records in the history.
        fields = list(TRACKED_FIELDS)
        widgets = {"active_from": DateInput()}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        parents = Agency.objects.filter(region=region).filter(active_q()).order_by("name")
        if self.instance.pk:
            parents = parents.exclude(path__startswith=self.instance.path)
        parent_field = cast(forms.ModelChoiceField, self.fields["parent"])
        parent_field.queryset = parents
        # A region may have several hundred agencies: searched as typed (core.autocomplete).
        use_autocomplete(parent_field, "agencies:autocomplete", {"region": str(region.pk)})
        # The chosen parent reads as the search's options do (its name: one region, so no region after it).
        parent_field.help_text = _(
            "Kelurahan and desa sit under their kecamatan, puskesmas under Dinas Kesehatan, schools under the "
            "education office."
        )
        cast(forms.ModelChoiceField, self.fields["type"]).queryset = AgencyType.objects.all()
        self.helper = form_helper(
            Fieldset(
                _("Identity"),
                "name",
                Row(Column("type", css_class="col-md-6"), Column("parent", css_class="col-md-6")),
                Row(Column("code", css_class="col-md-6"), Column("kemendagri_code", css_class="col-md-6")),
                "active_from",
            ),
            Fieldset(
                _("Head and contact"),
                Row(Column("head_name"), Column("head_title")),
                "address",
                Row(Column("phone"), Column("email")),
            ),
            Fieldset(_("History"), "note"),
            Action("save", _("Save"), css_class="btn-primary"),
        )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        clash = Agency.objects.filter(region=self.region, code__iexact=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another agency of this region already has this code."))
        return code

    def clean_kemendagri_code(self) -> str | None:
        value = (self.cleaned_data.get("kemendagri_code") or "").strip()
        if not value:
            return None
        if not KEMENDAGRI_RE.match(value):
            raise forms.ValidationError(_("Write the code with dots, like 81.71.02.1010."))
        if not value.startswith(self.region.code + "."):
            raise forms.ValidationError(
                _("This code is not inside %(region)s (%(code)s).")
                % {"region": self.region.name, "code": self.region.code}
            )
        if Agency.objects.filter(kemendagri_code=value).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This Kemendagri code already belongs to another agency."))
        return value

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code, agency_type, parent = data.get("kemendagri_code"), data.get("type"), data.get("parent")
        if code and agency_type is not None:
            problem = village_code_problem(
                code=code,
                type_slug=agency_type.slug,
                type_name=agency_type.name,
                parent_code=parent.kemendagri_code if parent is not None else None,
            )
            if problem:
                self.add_error("kemendagri_code", problem)
        return data


class RegionChoiceMixin(forms.Form):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("Region"), empty_label=None)

    def limit_regions(self, regions: QuerySet[Region]) -> None:
        field = cast(forms.ModelChoiceField, self.fields["region"])
        field.queryset = regions
        self.only_region = regions.first() if regions.count() == 1 else None
        if self.only_region is not None:
            # One region: nothing to choose, nothing to get wrong.
            field.widget = forms.HiddenInput()
            field.initial = self.only_region
            field.required = False

    def clean_region(self) -> Region | None:
        return self.cleaned_data.get("region") or self.only_region


class RegionPickForm(RegionChoiceMixin):
    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_regions(regions)


class AgencyMergeForm(forms.Form):
    into = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Merge into (the agency that carries on)"))
    effective_date = forms.DateField(label=_("Effective date"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the regional regulation (Perda) that merges the agencies."),
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        into = cast(forms.ModelChoiceField, self.fields["into"])
        into.queryset = (
            Agency.objects.filter(region_id=agency.region_id)
            .filter(active_q())
            .exclude(path__startswith=agency.path)
            .order_by("name")
        )
        use_autocomplete(into, "agencies:autocomplete", {"region": str(agency.region_id)})
        self.helper = form_helper("into", "effective_date", "note", Action("merge", _("Merge"), css_class="btn-danger"))


class AgencyDissolveForm(forms.Form):
    effective_date = forms.DateField(label=_("Inactive from"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the regulation that dissolves the agency."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper("effective_date", "note", Action("dissolve", _("Deactivate"), css_class="btn-danger"))


class AgencyImportForm(RegionChoiceMixin):
    file = table_file_field(
        label=_("CSV or XLSX file"),
        help_text=_(
            "First row: column names. Required: code, name, type. Optional: parent, kemendagri_code, head_name, "
            "head_title, active_from, email."
        ),
    )

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_regions(regions)
        self.helper = form_helper("region", "file", Action("preview", _("Check and preview"), css_class="btn-primary"))


class PersonAddForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, numbers, dots and dashes, e.g. staf.dinkes. An existing username gets the new role."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False, help_text=_("A link to set the password is sent here."))
    role = forms.ChoiceField(label=_("Role"))
    title = forms.CharField(label=_("Position"), max_length=200, required=False)
    acting = forms.BooleanField(
        label=_("Acting head (Plt.)"), required=False, help_text=_("Holds the head's post without being appointed.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [(r.value, r.label) for r in RoleAssignment.AGENCY_ROLES]
        self.helper = form_helper(
            Row(Column("username"), Column("full_name")),
            Row(Column("email"), Column("role"), Column("title")),
            "acting",
            Action("add", _("Add person"), css_class="btn-primary"),
            # The agency page's own <form> holds it, with the create-once token; a second <form> inside it was
            # ignored by browsers.
            form_tag=False,
        )
        # The page's form carries the CSRF token: one kept in the fragment (core.datacache.form_fragment) would
        # be stale after the next login, and being the last of the name, it is the one Django would check.
        self.helper.disable_csrf = True

    def clean_username(self) -> str:
        value = self.cleaned_data["username"].strip().lower()
        if not re.fullmatch(r"[a-z0-9._-]{3,150}", value):
            raise forms.ValidationError(_("Use 3 or more letters, numbers, dots or dashes."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("username") and not User.objects.filter(username=data["username"]).exists():
            if not data.get("full_name"):
                self.add_error("full_name", _("A new person needs a full name."))
            if not data.get("email"):
                self.add_error("email", _("A new person needs an email to set their password."))
        return data

"""Forms of the competition: validation and normalisation only; writes go through `competition.services`."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, cast

from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from agencies.forms import DateInput
from agencies.models import AgencyType, Region, User
from competition.models import (
    SCORED_STAGES,
    SECTIONS,
    STAGE_ORDER,
    AwardLevel,
    CompetitionCategory,
    CompetitionGroup,
    Entry,
    Panelist,
    Review,
    Round,
    Stage,
    StageKind,
)
from competition.selectors.entries import entries_in_stage, entry_label
from competition.selectors.rounds import conflict_entries, evaluator_label, passing_grades_for
from competition.workflow import ADMIN_CHECKLIST
from core.autocomplete import use_autocomplete
from core.forms import form_helper
from innovations.models import Innovation

#: Default length of each stage in days for a new round, from today (registration first).
DEFAULT_DAYS = {
    StageKind.REGISTRATION: 30,
    StageKind.ADMIN_SELECTION: 10,
    StageKind.PROPOSAL: 20,
    StageKind.PRESENTATION: 14,
    StageKind.FIELD_VERIFICATION: 10,
    StageKind.ANNOUNCEMENT: 5,
}
ROUND_SETTINGS = [
    "min_years_implemented",
    "max_entries_per_agency",
    "allowed_agency_types",
    "evaluators_per_entry",
    "reviews_visible",
    "normalise",
    "spread_threshold",
    "reminder_days",
    "show_comments_to_agencies",
]


def default_stage_dates(start: datetime.date) -> dict[str, tuple[datetime.date, datetime.date]]:
    dates = {}
    opens = start
    for kind in STAGE_ORDER:
        closes = opens + datetime.timedelta(days=DEFAULT_DAYS[StageKind(kind)] - 1)
        dates[kind] = (opens, closes)
        opens = closes + datetime.timedelta(days=1)
    return dates


class RoundForm(forms.ModelForm):
    """A round's name, organiser, lists, eligibility rules, judging settings and the dates of its six stages."""

    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=gettext_lazy("Region"), empty_label=None)
    use_templates = forms.BooleanField(
        label=gettext_lazy("Start the scored stages from the criteria templates"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "Proposal: background 10, novelty 15, implementation 5, significance 30, adaptability 20, resources 5, "
            "sustainability 15. Presentation: delivery 30, substance 50, video 10, presence of the head 10."
        ),
    )

    class Meta:
        model = Round
        fields = ["name", "year", "organiser", "categories", "groups", *ROUND_SETTINGS]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "groups": forms.CheckboxSelectMultiple,
            "allowed_agency_types": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        initial: dict[str, Any] = dict(kwargs.pop("initial", None) or {})
        stages = {s.kind: s for s in instance.stages.all()} if instance and instance.pk else {}
        defaults = default_stage_dates(timezone.localdate())
        for kind in STAGE_ORDER:
            opens, closes = (stages[kind].opens_on, stages[kind].closes_on) if kind in stages else defaults[kind]
            initial.setdefault(f"{kind}_opens", opens)
            initial.setdefault(f"{kind}_closes", closes)
        if not (instance and instance.pk):
            year = timezone.localdate().year
            initial.setdefault("year", year)
            initial.setdefault("name", gettext_lazy("Public-service innovation competition %(year)d") % {"year": year})
            initial.setdefault("organiser", gettext_lazy("Organisation Section, Regional Secretariat"))
            initial.setdefault("categories", list(CompetitionCategory.objects.filter(active=True)))
            initial.setdefault("groups", list(CompetitionGroup.objects.filter(active=True)))
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        region_field = cast(forms.ModelChoiceField, self.fields["region"])
        region_field.queryset = regions
        if instance and instance.pk:
            del self.fields["region"]
            del self.fields["use_templates"]
        elif regions.count() == 1:
            region_field.widget = forms.HiddenInput()
            region_field.initial = regions.first()
        cast(forms.ModelChoiceField, self.fields["categories"]).queryset = CompetitionCategory.objects.filter(
            active=True
        )
        cast(forms.ModelChoiceField, self.fields["groups"]).queryset = CompetitionGroup.objects.filter(active=True)
        cast(forms.ModelChoiceField, self.fields["allowed_agency_types"]).queryset = AgencyType.objects.all()
        labels = dict(StageKind.choices)
        date_rows = []
        for kind in STAGE_ORDER:
            self.fields[f"{kind}_opens"] = forms.DateField(label=gettext_lazy("Opens on"), widget=DateInput())
            self.fields[f"{kind}_closes"] = forms.DateField(label=gettext_lazy("Closes on"), widget=DateInput())
            date_rows.append(
                Row(
                    Column(HTML(f'<p class="fw-semibold mt-4 mb-0">{labels[kind]}</p>'), css_class="col-md-4"),
                    Column(f"{kind}_opens", css_class="col-md-4"),
                    Column(f"{kind}_closes", css_class="col-md-4"),
                )
            )
        # The passing grade of each scored stage: the year's published grade (competition.PassingGrade, data)
        # when the round is made, the organiser's own after that.
        grades = {s.kind: s.passing_grade for s in stages.values()} or passing_grades_for(initial["year"])
        for kind in SCORED_STAGES:
            self.fields[f"{kind}_passing_grade"] = forms.DecimalField(
                label=format_lazy("{}: {}", gettext_lazy("Passing grade"), labels[kind]),
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                required=False,
                initial=grades.get(kind),
                help_text=gettext_lazy(
                    "0-100. An entry whose final score is below it does not go on. Empty: no passing grade."
                ),
            )
        self.helper = form_helper(
            Fieldset(
                gettext_lazy("Round"),
                # An existing round keeps its region: a layout naming a removed field makes crispy log an error.
                *([] if "region" not in self.fields else ["region"]),
                Row(Column("name", css_class="col-md-8"), Column("year", css_class="col-md-4")),
                "organiser",
                Row(Column("categories", css_class="col-md-8"), Column("groups", css_class="col-md-4")),
                css_class="form-section",
            ),
            Fieldset(gettext_lazy("Stages"), *date_rows, css_class="form-section"),
            Fieldset(
                gettext_lazy("Eligibility"),
                Row(Column("min_years_implemented"), Column("max_entries_per_agency")),
                "allowed_agency_types",
                css_class="form-section",
            ),
            Fieldset(
                gettext_lazy("Judging"),
                *([] if "use_templates" not in self.fields else ["use_templates"]),
                Row(Column("evaluators_per_entry"), Column("reviews_visible")),
                Row(Column("spread_threshold"), Column("reminder_days")),
                Row(*(Column(f"{kind}_passing_grade") for kind in SCORED_STAGES)),
                "normalise",
                "show_comments_to_agencies",
                css_class="form-section",
            ),
            form_tag=False,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        previous = None
        for kind in STAGE_ORDER:
            opens, closes = data.get(f"{kind}_opens"), data.get(f"{kind}_closes")
            if opens and closes and closes < opens:
                self.add_error(f"{kind}_closes", gettext_lazy("A stage cannot close before it opens."))
            if opens and previous and opens < previous:
                self.add_error(f"{kind}_opens", gettext_lazy("A stage cannot open before the previous one opened."))
            previous = opens or previous
        return data

    def stage_dates(self) -> dict[str, tuple[datetime.date, datetime.date]]:
        return {k: (self.cleaned_data[f"{k}_opens"], self.cleaned_data[f"{k}_closes"]) for k in STAGE_ORDER}

    def round_settings(self) -> dict[str, Any]:
        """What `round_create` and `round_update` both take: the round's own fields, its lists and stage dates
        (the region and the templates only count when creating)."""
        skip = {"categories", "groups", "allowed_agency_types", "region", "use_templates"}
        fields = {
            k: v
            for k, v in self.cleaned_data.items()
            if k in self._meta.fields and k not in skip  # type: ignore[operator]
        }
        lists = {k: self.cleaned_data[k] for k in ("categories", "groups", "allowed_agency_types")}
        grades = {k: self.cleaned_data[f"{k}_passing_grade"] for k in SCORED_STAGES}
        return {"stage_dates": self.stage_dates(), "stage_grades": grades, **lists, **fields}


class CriterionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Criterion"), max_length=150)
    description = forms.CharField(label=gettext_lazy("What the evaluator looks at"), required=False, max_length=500)
    weight = forms.IntegerField(label=gettext_lazy("Weight (%)"), min_value=1, max_value=100)
    scale_max = forms.IntegerField(label=gettext_lazy("Highest score"), min_value=1, max_value=1000, initial=100)


class BaseCriteriaFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        total = sum(row["weight"] for row in rows)
        if rows and total != 100:
            raise forms.ValidationError(
                gettext_lazy("The weights add up to %(total)d; they must add up to 100.") % {"total": total}
            )
        if not rows:
            raise forms.ValidationError(gettext_lazy("Give at least one criterion."))


CriteriaFormSet = forms.formset_factory(CriterionForm, formset=BaseCriteriaFormSet, extra=1, can_delete=True)


class EnterForm(forms.Form):
    innovation = forms.ModelChoiceField(queryset=Innovation.objects.none(), label=gettext_lazy("Innovation"))
    category = forms.ModelChoiceField(queryset=CompetitionCategory.objects.none(), label=gettext_lazy("Category"))
    group = forms.ModelChoiceField(queryset=CompetitionGroup.objects.none(), label=gettext_lazy("Group"))

    def __init__(self, *args: Any, round_: Round, innovations: QuerySet[Innovation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        innovation = cast(forms.ModelChoiceField, self.fields["innovation"])
        innovation.queryset = innovations
        innovation.label_from_instance = lambda i: f"{i.title} — {i.agency.name} ({i.year})"  # type: ignore[method-assign,assignment]
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = round_.categories.all()
        cast(forms.ModelChoiceField, self.fields["group"]).queryset = round_.groups.all()
        self.helper = form_helper(form_tag=False)


class EntryForm(forms.ModelForm):
    """The proposal's sections (word limits shown while typing, enforced on saving), the original of a
    replication and the video link."""

    class Meta:
        model = Entry
        fields = [name for name, _limit, _replication in SECTIONS] + ["original_name", "video_url"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name, _limit, _replication in SECTIONS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        replication = self.instance.group.is_replication
        for name, limit, replication_only in SECTIONS:
            if replication_only and not replication:
                del self.fields[name]
                continue
            self.fields[name].widget.attrs.update({"data-word-limit": limit})
            self.fields[name].help_text = gettext_lazy("At most %(max)d words.") % {"max": limit}
        if not replication:
            del self.fields["original_name"]
        self.helper = form_helper(form_tag=False)
        main = [name for name, _l, only in SECTIONS if not only]
        layout: list[Any] = [Fieldset(gettext_lazy("Proposal"), *main, css_class="form-section")]
        if replication:
            layout.append(
                Fieldset(
                    gettext_lazy("Replication"),
                    "original_name",
                    *[name for name, _l, only in SECTIONS if only],
                    css_class="form-section",
                )
            )
        layout.append(Fieldset(gettext_lazy("Video"), "video_url", css_class="form-section"))
        self.helper.layout = Layout(*layout)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, limit, _replication in SECTIONS:
            count = len((data.get(name) or "").split())
            if name in self.fields and count > limit:
                self.add_error(name, gettext_lazy("%(count)d words; at most %(max)d.") % {"count": count, "max": limit})
        return data


class AttachmentForm(forms.Form):
    caption = forms.CharField(label=gettext_lazy("Caption"), max_length=200, required=False)
    file = forms.FileField(label=gettext_lazy("Attachment"), required=False)


class SelectionForm(forms.Form):
    """The organiser's administrative selection of one entry: the checklist and the decision."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("pass", gettext_lazy("Passes")), ("fail", gettext_lazy("Fails"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Reason (the agency sees it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "complete": gettext_lazy("The proposal is complete and its answers are meaningful"),
            "age": gettext_lazy("The innovation has been implemented long enough"),
            "documents": gettext_lazy("The statements and supporting documents are attached"),
            "video": gettext_lazy("The video link works"),
            "unique": gettext_lazy("The same title is not entered twice"),
        }
        checks = {}
        for slug, _label in ADMIN_CHECKLIST:
            checks[f"check_{slug}"] = forms.BooleanField(label=labels[slug], required=False)
        self.fields = {**checks, **self.fields}
        self.helper = form_helper(form_tag=False)

    def checklist(self) -> dict[str, bool]:
        return {slug: bool(self.cleaned_data.get(f"check_{slug}")) for slug, _label in ADMIN_CHECKLIST}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "fail" and not (data.get("note") or "").strip():
            self.add_error("note", gettext_lazy("Give the agency the reason it failed."))
        if data.get("decision") == "pass" and not all(data.get(f"check_{s}") for s, _l in ADMIN_CHECKLIST):
            self.add_error(None, gettext_lazy("Tick every item of the checklist to pass an entry."))
        return data


class PanelistForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.none(), label=gettext_lazy("Evaluator"))
    affiliation = forms.CharField(label=gettext_lazy("Affiliation"), max_length=200, required=False)

    def __init__(self, *args: Any, candidates: QuerySet[User], round_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = cast(forms.ModelChoiceField, self.fields["user"])
        user.queryset = candidates
        user.label_from_instance = evaluator_label  # type: ignore[method-assign,assignment]
        # A province's evaluators can be many: searched as typed, the choice still checked against `candidates`.
        use_autocomplete(user, "competition:evaluator-autocomplete", args=(round_id,))
        self.helper = form_helper(form_tag=False)


class ConflictForm(forms.Form):
    panelist = forms.ModelChoiceField(queryset=Panelist.objects.none(), label=gettext_lazy("Evaluator"))
    entry = forms.ModelChoiceField(queryset=Entry.objects.none(), label=gettext_lazy("Entry"))
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)

    def __init__(self, *args: Any, round_: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["panelist"]).queryset = round_.panel.select_related("user")
        entry = cast(forms.ModelChoiceField, self.fields["entry"])
        entry.queryset = conflict_entries(round_)
        entry.label_from_instance = entry_label  # type: ignore[method-assign,assignment]
        use_autocomplete(entry, "competition:entry-autocomplete", args=(round_.pk,))
        self.helper = form_helper(form_tag=False)


class ManualAssignForm(forms.Form):
    entry = forms.ModelChoiceField(queryset=Entry.objects.none(), label=gettext_lazy("Entry"))
    panelist = forms.ModelChoiceField(queryset=Panelist.objects.none(), label=gettext_lazy("Evaluator"))

    def __init__(self, *args: Any, stage: Stage, panel: QuerySet[Panelist], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        entry = cast(forms.ModelChoiceField, self.fields["entry"])
        entry.queryset = entries_in_stage(stage)
        entry.label_from_instance = entry_label  # type: ignore[method-assign,assignment]
        use_autocomplete(entry, "competition:entry-autocomplete", {"stage": str(stage.pk)}, args=(stage.round_id,))
        cast(forms.ModelChoiceField, self.fields["panelist"]).queryset = panel
        self.helper = form_helper(form_tag=False)


class ReviewForm(forms.Form):
    """One field for the score of each criterion (0 to its scale) and one for its comment."""

    comment = forms.CharField(
        label=gettext_lazy("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, review: Review, criteria: list[Any], **kwargs: Any) -> None:
        scores = {s.criterion_id: s for s in review.scores.all()}
        initial: dict[str, Any] = {"comment": review.comment}
        for criterion in criteria:
            if criterion.pk in scores:
                initial[f"score_{criterion.pk}"] = scores[criterion.pk].value
                initial[f"comment_{criterion.pk}"] = scores[criterion.pk].comment
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        fields: dict[str, forms.Field] = {}
        for criterion in criteria:
            fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.name} ({criterion.weight}%)",
                min_value=Decimal(0),
                max_value=Decimal(criterion.scale_max),
                decimal_places=2,
                required=False,
                help_text=criterion.description,
                widget=forms.NumberInput(attrs={"step": "0.5", "min": 0, "max": criterion.scale_max}),
                error_messages={
                    "max_value": gettext_lazy("Give a score from 0 to %(max)d.") % {"max": criterion.scale_max},
                    "min_value": gettext_lazy("Give a score from 0 to %(max)d.") % {"max": criterion.scale_max},
                    "invalid": gettext_lazy("Give a number, for example 75 or 82.5."),
                },
            )
            fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.fields = {**fields, **self.fields}
        self.helper = form_helper(
            *[
                Div(
                    Row(
                        Column(f"score_{c.pk}", css_class="col-md-4"),
                        Column(f"comment_{c.pk}", css_class="col-md-8"),
                    ),
                    css_class="criterion-row border-bottom pt-2",
                )
                for c in criteria
            ],
            "comment",
            form_tag=False,
        )

    def scores(self) -> dict[int, tuple[Decimal, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"comment_{c.pk}") or "")
            for c in self.criteria
            if self.cleaned_data.get(f"score_{c.pk}") is not None
        }


class NoteForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AdvanceForm(forms.Form):
    top = forms.IntegerField(label=gettext_lazy("Move the top"), min_value=1, required=False)
    entries = forms.ModelMultipleChoiceField(queryset=Entry.objects.none(), required=False)

    def __init__(self, *args: Any, round_: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["entries"]).queryset = round_.entries.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("top") and not data.get("entries"):
            raise forms.ValidationError(gettext_lazy("Give a number of top entries, or tick the entries to move on."))
        return data


class AwardForm(forms.Form):
    """An earlier award of an innovation of the region (the mayor's office)."""

    innovation = forms.ModelChoiceField(queryset=Innovation.objects.none(), label=gettext_lazy("Innovation"))
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=gettext_lazy("Level"), choices=AwardLevel.choices)
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=100, help_text=gettext_lazy('E.g. "Top 99", "Top 45", "Terbaik I".')
    )
    note = forms.CharField(label=gettext_lazy("Decree or source (optional)"), max_length=200, required=False)

    def __init__(self, *args: Any, innovations: QuerySet[Innovation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["innovation"]).queryset = innovations
        self.helper = form_helper(
            Row(
                Column("innovation", css_class="col-md-6"),
                Column("year", css_class="col-md-2"),
                Column("level", css_class="col-md-4"),
            ),
            Row(Column("title", css_class="col-md-4"), Column("note", css_class="col-md-8")),
            form_tag=False,
        )

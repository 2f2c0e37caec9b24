"""Forms of the catalogue: its filters (the logged-in and the public one), replicating, what an agency publishes,
unpublishing, the region's setting and the yearly "still running?" answers."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.forms import DateInput
from agencies.models import Agency
from core.autocomplete import use_autocomplete
from core.uploads import checked_upload
from innovations.forms import RegisterFilterBase
from innovations.models import PUBLIC_SECTIONS, Evidence, Innovation, RunningConfirmation, StopReason


class CatalogueFilter(RegisterFilterBase):
    """Search and the classifications people look for when they want to copy what works: the register's own
    filters without its working ones (state, origin, the agency tree)."""

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, agencies=agencies, **kwargs)
        # A national catalogue holds tens of thousands of agencies: searched, not listed.
        use_autocomplete(self.form.fields["agency"], "catalogue:agency-autocomplete")


class ReplicationForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=_("Replicating agency"), empty_label=None)
    title = forms.CharField(label=_("Name of the replication"), max_length=200)
    innovator_names = forms.CharField(label=_("Team carrying it out"), max_length=500)
    adaptation = forms.CharField(
        label=_("What was adapted"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you change to fit your conditions: target group, channel, procedure, budget."),
    )
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}))
    started_on = forms.DateField(label=_("Start date"), widget=DateInput())
    agreement = forms.FileField(
        label=_("Agreement or letter with the originating unit (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"}),
    )

    def __init__(self, *args: Any, agencies: list[Agency], original: Innovation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = Agency.objects.filter(
            pk__in=[a.pk for a in agencies]
        )
        if len(agencies) == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = agencies[0]
            self.fields["title"].initial = f"{original.title} ({agencies[0].name})"
        self.fields["started_on"].initial = timezone.localdate()
        self.fields["agreement"].help_text = _("PDF, JPG, PNG or DOCX, at most %(size)d MB.") % {
            "size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
        }

    def clean_agreement(self) -> Any:
        return checked_upload(self.cleaned_data.get("agreement"), max_bytes=settings.EVIDENCE_MAX_BYTES)


class PublicationForm(forms.Form):
    publish = forms.BooleanField(label=_("Show on the public catalogue"), required=False)
    public_sections = forms.MultipleChoiceField(
        label=_("Parts shown to the public"),
        choices=PUBLIC_SECTIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Name, agency, year and classification always show. Contact persons and phone numbers never do."),
    )
    public_evidence = forms.ModelMultipleChoiceField(
        label=_("Public evidence"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the files you tick can be opened from the catalogues. Do not tick files with personal data."),
    )
    open_to_replication = forms.BooleanField(label=_("Open to replication"), required=False)
    replication_contact = forms.CharField(
        label=_("Official contact for replication"),
        max_length=200,
        required=False,
        help_text=Innovation._meta.get_field("replication_contact").help_text,
    )

    def __init__(self, *args: Any, innovation: Innovation, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "publish": innovation.publish,
                "public_sections": innovation.public_sections,
                "public_evidence": [e.pk for e in innovation.evidence.all() if e.is_public],
                "open_to_replication": innovation.open_to_replication,
                "replication_contact": innovation.replication_contact,
            },
        )
        super().__init__(*args, **kwargs)
        evidence = cast(forms.ModelMultipleChoiceField, self.fields["public_evidence"])
        evidence.queryset = innovation.evidence.all()


class UnpublishForm(forms.Form):
    reason = forms.CharField(label=_("Why take it off the public catalogue?"), widget=forms.Textarea(attrs={"rows": 2}))


class CatalogueSettingForm(forms.Form):
    open_to_other_regions = forms.BooleanField(label=_("Open this region's catalogue to other regions"), required=False)


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    due_on = forms.DateField(label=_("Answers due on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Is it still running?"), choices=RunningConfirmation.Answer.choices, widget=forms.RadioSelect
    )
    changes = forms.CharField(label=_("What changed"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    stop_reason = forms.ChoiceField(label=_("Why it stopped"), choices=[("", "—"), *StopReason.choices], required=False)
    note = forms.CharField(label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

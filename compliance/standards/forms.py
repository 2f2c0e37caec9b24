"""Forms of service standards. The standard's form is built from its regulation's components (data): one field
per list, steps, text; an amount and a unit for the time limit; free / amount / basis for the fee."""

from __future__ import annotations

from typing import Any

from crispy_forms.layout import HTML, Fieldset
from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.forms import Action, DateInput
from compliance.standards import domain
from compliance.standards.models import Component, Group, Standard
from core.autocomplete import use_autocomplete
from core.forms import form_helper
from innovations.models import Innovation
from innovations.selectors import innovation_label


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


class ServiceForm(forms.Form):
    name = forms.CharField(label=_("Service"), max_length=200, help_text=_("For example 'Penerbitan akta kelahiran'."))
    slug = forms.SlugField(
        label=_("Short name in the address"),
        max_length=80,
        required=False,
        help_text=_("Letters, numbers and dashes; made from the name when empty. It stays when the name changes."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The page's <form> holds this form: it also carries the create-once token.
        self.helper = form_helper(
            "name", "slug", "description", Action("save", _("Add service"), css_class="btn-primary"), form_tag=False
        )


class StandardForm(forms.Form):
    """The draft of a standard: every component of its regulation, the delivery ones first."""

    consultation_from = forms.DateField(label=_("Consultation from"), required=False, widget=DateInput())
    consultation_until = forms.DateField(label=_("Consultation until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, components: list[Component], standard: Standard | None = None, **kwargs: Any):
        self.component_list = components
        if standard is not None and not kwargs.get("initial"):
            kwargs["initial"] = self.initial_from(standard)
        super().__init__(*args, **kwargs)
        groups: dict[str, list[Any]] = {Group.DELIVERY: [], Group.MANAGEMENT: []}
        for c in components:
            label = f"{c.position}. {c.label}"
            name = f"c_{c.slug}"
            if c.kind == "duration":
                self.fields[name] = forms.IntegerField(label=label, min_value=1, required=False, help_text=c.help)
                self.fields[f"{name}_unit"] = forms.ChoiceField(
                    label=_("Unit of the time limit"), choices=list(domain.TIME_UNITS.items()), required=False
                )
                groups[c.group] += [name, f"{name}_unit"]
            elif c.kind == "fee":
                self.fields[f"{name}_free"] = forms.BooleanField(
                    label=_("%(label)s: free of charge") % {"label": label}, required=False
                )
                self.fields[name] = forms.IntegerField(
                    label=_("%(label)s: amount (Rp)") % {"label": label}, min_value=0, required=False
                )
                self.fields[f"{name}_basis"] = forms.CharField(
                    label=_("Legal basis of the tariff"), required=False, max_length=300, help_text=c.help
                )
                groups[c.group] += [f"{name}_free", name, f"{name}_basis"]
            else:
                rows = 2 if c.kind == "text" else 4
                hint = {
                    "list": _("One per line."),
                    "steps": _("One step per line, in order."),
                    "channels": _("One per line, as 'channel: contact', e.g. 'WhatsApp: 0812-0000-0000'."),
                }.get(c.kind, "")
                self.fields[name] = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": rows}),
                    help_text=" ".join(str(p) for p in (c.help, hint) if p),
                )
                groups[c.group].append(name)
        self.helper = form_helper(
            Fieldset(str(Group.DELIVERY.label), *groups[Group.DELIVERY]),
            Fieldset(str(Group.MANAGEMENT.label), *groups[Group.MANAGEMENT]),
            Fieldset(str(_("Public consultation (planned)")), "consultation_from", "consultation_until"),
            HTML('<div class="d-flex flex-wrap gap-2">'),
            Action("save", _("Save draft"), css_class="btn-primary"),
            Action("consult", _("Save and open the public consultation"), css_class="btn-outline-primary"),
            HTML("</div>"),
        )

    def initial_from(self, standard: Standard) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "consultation_from": standard.consultation_from,
            "consultation_until": standard.consultation_until,
        }
        for c in self.component_list:
            value, name = standard.components.get(c.slug), f"c_{c.slug}"
            if c.kind in ("list", "steps"):
                initial[name] = "\n".join(value or [])
            elif c.kind == "channels":
                initial[name] = "\n".join(
                    f"{v['channel']}: {v['contact']}" if v.get("contact") else v["channel"] for v in value or []
                )
            elif c.kind == "duration":
                initial[name], initial[f"{name}_unit"] = (value or {}).get("amount"), (value or {}).get("unit")
            elif c.kind == "fee":
                value = value or {}
                initial[f"{name}_free"], initial[name] = value.get("free", False), value.get("amount")
                initial[f"{name}_basis"] = value.get("basis", "")
            else:
                initial[name] = _text(value)
        return initial

    def components(self) -> dict[str, Any]:
        """The values as stored, from the cleaned data (empty components are left out)."""
        data, out = self.cleaned_data, {}
        for c in self.component_list:
            name = f"c_{c.slug}"
            if c.kind in ("list", "steps"):
                value: Any = domain.lines(data.get(name) or "")
            elif c.kind == "channels":
                value = domain.channels(data.get(name) or "")
            elif c.kind == "duration":
                value = {"amount": data.get(name), "unit": data.get(f"{name}_unit")} if data.get(name) else None
            elif c.kind == "fee":
                free, amount, basis = (
                    data.get(f"{name}_free"),
                    data.get(name),
                    (data.get(f"{name}_basis") or "").strip(),
                )
                value = (
                    {"free": bool(free), "amount": 0 if free else amount or 0, "basis": basis}
                    if (free or amount)
                    else None
                )
            else:
                value = (data.get(name) or "").strip()
            if value:
                out[c.slug] = value
        return out


class ConsultForm(forms.Form):
    consultation_from = forms.DateField(label=_("Consultation from"), widget=DateInput())
    consultation_until = forms.DateField(label=_("Consultation until"), widget=DateInput())


class DecreeForm(forms.Form):
    sk_number = forms.CharField(label=_("Decree (SK) number"), max_length=120)
    sk_date = forms.DateField(label=_("Decree date"), widget=DateInput())
    sk_file = forms.FileField(label=_("Signed decree (PDF or photo)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(form_tag=False)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class PublicCommentForm(forms.Form):
    """The public's comment. `website` is a honeypot: people never see it, form-filling robots fill it in."""

    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    name = forms.CharField(
        label=_("Your name (optional)"), required=False, max_length=120, help_text=_("Seen by the unit only.")
    )
    contact = forms.CharField(
        label=_("Phone or e-mail for a reply (optional)"),
        required=False,
        max_length=120,
        help_text=_("Seen by the unit only, never published."),
    )
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "text",
            "name",
            "contact",
            HTML('<div class="hp-field" aria-hidden="true">'),
            "website",
            HTML("</div>"),
            Action("comment", _("Send comment"), css_class="btn-primary"),
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


class MaklumatForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the maklumat"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The promise to serve by the standard, to keep improving, and to accept sanctions or compensate."),
    )
    signed_by = forms.CharField(label=_("Signed by (head of the unit)"), max_length=200)
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    scan = forms.FileField(label=_("Signed maklumat (PDF or photo)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "text", "signed_by", "signed_on", "scan", Action("save", _("Save maklumat"), css_class="btn-primary")
        )


class InnovationLinkForm(forms.Form):
    innovation: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Innovation.objects.none(), label=_("Innovation that changed this service")
    )

    def __init__(self, *args: Any, innovations: Any, region_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["innovation"]
        field.queryset = innovations  # type: ignore[attr-defined]
        field.label_from_instance = innovation_label  # type: ignore[attr-defined]
        # A province's register holds thousands: searched as typed, the choice still checked against `innovations`.
        use_autocomplete(field, "innovations:autocomplete", {"region": str(region_id)})

"""Pure rules of a service standard: what a component's value looks like by its kind, when it is filled in,
how it reads, and what differs between two versions. No database here: the components come as arguments."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: Units of a time limit, as stored (slug) and shown.
TIME_UNITS = {
    "minutes": gettext_lazy("minutes"),
    "hours": gettext_lazy("hours"),
    "workdays": gettext_lazy("working days"),
    "days": gettext_lazy("days"),
}


class ComponentLike(Protocol):
    slug: str
    kind: str

    @property
    def label(self) -> str: ...


def lines(text: str) -> list[str]:
    """One entry per non-empty line, trimmed; numbering a person typed ("1. ", "- ") is not part of the entry."""
    out = []
    for raw in text.splitlines():
        line = raw.strip().lstrip("-•*").strip()
        head, _sep, rest = line.partition(". ")
        if head.isdigit() and rest:
            line = rest.strip()
        if line:
            out.append(line)
    return out


def channels(text: str) -> list[dict[str, str]]:
    """Complaint channels, one per line as "channel: contact" (the contact may be left out)."""
    out = []
    for line in lines(text):
        name, _sep, contact = line.partition(":")
        out.append({"channel": name.strip(), "contact": contact.strip()})
    return out


def is_filled(kind: str, value: Any) -> bool:
    """A component counts as written only when its value says something a user can act on."""
    if kind in ("list", "steps"):
        return bool(value) and all(isinstance(v, str) and v.strip() for v in value)
    if kind == "channels":
        return bool(value) and all(v.get("channel") for v in value)
    if kind == "duration":
        return bool(value) and int(value.get("amount") or 0) > 0 and value.get("unit") in TIME_UNITS
    if kind == "fee":
        if not value:
            return False
        if value.get("free"):
            return True
        return int(value.get("amount") or 0) > 0 and bool(str(value.get("basis", "")).strip())
    return bool(str(value or "").strip())


def missing(components: Iterable[ComponentLike], values: Mapping[str, Any]) -> list[str]:
    """Labels of the components not yet written, in the regulation's order."""
    return [c.label for c in components if not is_filled(c.kind, values.get(c.slug))]


def rupiah(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


def as_text(kind: str, value: Any) -> str:
    """One component as a line of text (for comparisons, downloads and the API's readers)."""
    if not is_filled(kind, value) and kind not in ("text",):
        return ""
    if kind in ("list", "steps"):
        return "; ".join(f"{i}. {v}" if kind == "steps" else v for i, v in enumerate(value, start=1))
    if kind == "channels":
        return "; ".join(f"{v['channel']}: {v['contact']}" if v.get("contact") else v["channel"] for v in value)
    if kind == "duration":
        return f"{value['amount']} {TIME_UNITS[value['unit']]}"
    if kind == "fee":
        if value.get("free"):
            basis = str(value.get("basis", "")).strip()
            return _("Free") + (f" ({basis})" if basis else "")
        return f"{rupiah(int(value['amount']))} ({value['basis']})"
    return str(value or "")


@dataclass(frozen=True)
class Difference:
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def compare(
    components: Iterable[ComponentLike], older: Mapping[str, Any], newer: Mapping[str, Any]
) -> list[Difference]:
    """Every component side by side, as text, in the regulation's order."""
    return [
        Difference(c.label, as_text(c.kind, older.get(c.slug)), as_text(c.kind, newer.get(c.slug))) for c in components
    ]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the last day of a shorter month: 31 Jan + 1 month is 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover -- every month has a 28th

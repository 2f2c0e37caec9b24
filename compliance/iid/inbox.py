"""What the regional innovation index puts in people's work inbox (core.inbox): this year's catalogue and any whose
national window is still to close (past the window the work is late, not gone, until the year ends).

The agency's staff and head: answers the verifier sent back (with the note) and accepted innovations whose
mandatory indicators are not all answered. The mayor's office: the region's own (SPD) answers sent back. The
verifier: one line per region and year with the answers waiting for verification, opening the queue. The
deadline is the national window's close. A fixed number of queries, whatever the number of answers.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.selectors import MANAGER_ROLES, active_roles
from compliance.iid.models import Answer, AnswerState, AnswerTransition, Catalogue, Indicator
from core.inbox import Item, Provider, register, summary_item
from innovations.models import Innovation, State

IID = gettext_lazy("Innovation index (IID)")


def _open_catalogues(today: datetime.date) -> dict[int, Catalogue]:
    """This year's catalogue and later ones, and any whose national window has not closed: a year's answers are
    work until its window closes, and late (urgent) after, until the year ends."""
    rows = Catalogue.objects.filter(Q(window_closes__gte=today) | Q(year__gte=today.year))
    return {c.pk: c for c in rows}


def _returned(units: list[int], regions: list[int], catalogues: dict[int, Catalogue]) -> list[Item]:
    last_note = AnswerTransition.objects.filter(answer=OuterRef("pk")).order_by("-at", "-id").values("note")[:1]
    mine = Q(innovation__agency_id__in=units) | Q(innovation__isnull=True, region_id__in=regions)
    answers = (
        Answer.objects.filter(mine, state=AnswerState.RETURNED, indicator__catalogue_id__in=list(catalogues))
        .annotate(note=Subquery(last_note))
        .select_related("indicator", "innovation__agency", "region")
    )
    items = []
    for answer in answers:
        catalogue = catalogues[answer.indicator.catalogue_id]
        innovation = answer.innovation
        url = (
            reverse("compliance:iid-innovation", args=[innovation.pk])
            if innovation
            else reverse("compliance:iid-region-answers", args=[answer.region_id, catalogue.year])
        )
        items.append(
            Item(
                kind="iid-returned",
                section=IID,
                title=_("Indicator %(number)d sent back: %(subject)s")
                % {"number": answer.indicator.number, "subject": innovation.title if innovation else answer.region},
                url=url,
                action=_("Fix the answer"),
                since=answer.updated,
                due=catalogue.window_closes,
                context=innovation.agency.name if innovation else str(answer.region),
                note=answer.note or "",
                urgent=True,
            )
        )
    return items


def _to_answer(units: list[int], catalogues: dict[int, Catalogue], today: datetime.date) -> list[Item]:
    """Accepted innovations of the catalogue years with mandatory innovation (SID) indicators still unanswered."""
    by_year = {c.year: c for c in catalogues.values()}
    mandatory = dict(
        Indicator.objects.filter(catalogue_id__in=list(catalogues), aspect="sid", mandatory=True)
        .values("catalogue__year")
        .annotate(n=Count("id"))
        .values_list("catalogue__year", "n")
    )
    answered = Count(
        "iid_answers",
        filter=Q(iid_answers__indicator__mandatory=True, iid_answers__indicator__aspect="sid"),
    )
    innovations = (
        Innovation.objects.filter(agency_id__in=units, state=State.ACCEPTED, year__in=list(mandatory))
        .annotate(answered=answered)
        .select_related("agency")
    )
    items = []
    for innovation in innovations:
        missing = mandatory[innovation.year] - innovation.answered
        if missing <= 0:
            continue
        catalogue = by_year[innovation.year]
        items.append(
            Item(
                kind="iid-to-answer",
                section=IID,
                title=ngettext(
                    "%(title)s: %(count)d mandatory indicator to answer",
                    "%(title)s: %(count)d mandatory indicators to answer",
                    missing,
                )
                % {"title": innovation.title, "count": missing},
                url=reverse("compliance:iid-innovation", args=[innovation.pk]),
                action=_("Answer"),
                since=innovation.updated,
                due=catalogue.window_closes,
                context=innovation.agency.name,
                urgent=catalogue.window_closes is not None and catalogue.window_closes < today,
            )
        )
    return items


def _to_verify(regions: list[int], catalogues: dict[int, Catalogue]) -> list[Item]:
    waiting = (
        Answer.objects.filter(
            region_id__in=regions, state=AnswerState.SUBMITTED, indicator__catalogue_id__in=list(catalogues)
        )
        .values("region_id", "indicator__catalogue_id")
        .annotate(n=Count("id"), oldest=Min("updated"))
        .values_list("region_id", "indicator__catalogue_id", "n", "oldest")
        .order_by("region_id", "indicator__catalogue_id")
    )
    items = []
    for region_id, catalogue_id, n, oldest in waiting:
        catalogue = catalogues[catalogue_id]
        query = urlencode({"region": region_id, "year": catalogue.year})
        items.append(
            summary_item(
                kind="iid-to-verify",
                section=IID,
                title=ngettext(
                    "%(count)d answer waits for verification (%(year)d)",
                    "%(count)d answers wait for verification (%(year)d)",
                    n,
                )
                % {"count": n, "year": catalogue.year},
                url=f"{reverse('compliance:iid-verify')}?{query}",
                since=oldest,
                due=catalogue.window_closes,
                count=n,
            )
        )
    return items


def _items(user: Any, today: datetime.date) -> list[Item]:
    roles = active_roles(user)
    units = sorted({r.agency_id for r in roles if r.role in ("staff", "head") and r.agency_id})
    managed = sorted({r.region_id for r in roles if r.role in MANAGER_ROLES})
    verifies = sorted({r.region_id for r in roles if r.role == "verifier"})
    if not (units or managed or verifies):
        return []
    catalogues = _open_catalogues(today)
    if not catalogues:
        return []
    items = _returned(units, managed, catalogues) if units or managed else []
    if units:
        items += _to_answer(units, catalogues, today)
    if verifies:
        items += _to_verify(verifies, catalogues)
    return items


def register_inbox() -> None:
    register(Provider("iid", _items, order=65))

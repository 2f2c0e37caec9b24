"""The work inbox: what waits on one person, gathered from every domain, oldest first.

Core names no app. Each domain registers a provider from its AppConfig.ready(): a function that takes the
person and today's date and returns the items waiting on them, with a small fixed number of queries whatever
the number of items (a provider reads the person's roles from `agencies.selectors.active_roles`, cached on
the user, and answers with one or two queries). The home page and the count in the navigation only call
`items_for` (the home page through `cached_items_for`) and `open_count`: a new domain (service standards,
readiness) shows up by registering a provider.

Where the items of a kind could be hundreds (every agency of a city at risk), a provider returns one summary
item with `count` set, linking to the list filtered to them, instead of one item per row.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import datacache


@dataclass(frozen=True)
class Item:
    #: Stable slug of the kind of work ("innovation-returned"): tests and styling use it, people never see it.
    kind: str
    #: The heading of the group it is shown under ("To approve"), translated.
    section: Any
    #: What it is about: the innovation's title, "3 agencies at risk".
    title: str
    #: The one link to act, and the label of that button ("Approve", "Fix it").
    url: str
    action: Any
    #: Since when it has waited on the person: the inbox shows the oldest first.
    since: datetime.datetime
    #: The date it must be done by, where there is one.
    due: datetime.date | None = None
    #: The agency or other context on the second line.
    context: str = ""
    #: A note to read before acting (the reason an innovation was returned).
    note: str = ""
    #: How many pieces of work it stands for (a summary item counts its rows).
    count: int = 1
    #: A warning tone for what is late or at risk.
    urgent: bool = False

    def overdue_on(self, today: datetime.date) -> bool:
        return self.due is not None and self.due < today


#: items(user, today) -> the items waiting on this person (an empty list for people it does not concern).
Items = Callable[[Any, datetime.date], list[Item]]


@dataclass(frozen=True)
class Provider:
    name: str
    items: Items
    #: Lower first, where two items have waited since the same moment.
    order: int = 100


_PROVIDERS: dict[str, Provider] = {}

#: The count in the navigation is kept this long at most; a change of the counted data makes it stale sooner
#: (its key holds the data version). Role changes bump no version, hence the short life.
COUNT_SECONDS = 300


def register(provider: Provider) -> Provider:
    """Add (or replace, by name: a second ready() call changes nothing) a provider."""
    _PROVIDERS[provider.name] = provider
    return provider


def gathered(*parts: Items) -> Items:
    """A provider's items made of parts, in order: what waits on an agency's people, what waits on the mayor's
    office. Each part answers with its own few queries (none for people it does not concern)."""

    def items(user: Any, today: datetime.date) -> list[Item]:
        return [item for part in parts for item in part(user, today)]

    return items


def providers() -> list[Provider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.name))


def items_for(user: Any, *, today: datetime.date | None = None) -> list[Item]:
    """Every item waiting on the person, the longest waiting first."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    found: list[tuple[int, Item]] = []
    for provider in providers():
        found.extend((provider.order, item) for item in provider.items(user, today))
    found.sort(key=lambda pair: (pair[1].since, pair[0], pair[1].title))
    return [item for _, item in found]


def cached_items_for(user: Any) -> list[Item]:
    """`items_for` today, kept per person, language (the actions are translated when gathered), day (providers
    compare with today) and data version: a repeat view of the home page costs a cache read instead of a few
    queries per provider. A write to the data makes the next view gather afresh; role changes bump no version,
    hence the same short life as the count."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    key = datacache.versioned_key("inbox-items", user.pk, get_language(), today.isoformat())
    return datacache.cached(key, lambda: items_for(user, today=today), COUNT_SECONDS)


def open_count(user: Any, *, items: list[Item] | None = None) -> int:
    """How many pieces of work wait on the person, for the navigation: cached per person and data version (and
    counted afresh when the cache cannot be reached, core.datacache.cached).

    A page that has just gathered the items (the home page) passes them, so the header does not gather them
    again."""
    if not getattr(user, "is_authenticated", False):
        return 0
    key = datacache.versioned_key("inbox-count", user.pk)
    if items is not None:
        counted = sum(item.count for item in items)
        # Kept for the header of this page and the next ones (unless this version's count is kept already).
        return int(datacache.cached(key, lambda: counted, COUNT_SECONDS))
    return int(datacache.cached(key, lambda: sum(item.count for item in items_for(user)), COUNT_SECONDS))


def sections(items: list[Item]) -> list[tuple[Any, list[Item]]]:
    """The items grouped under their headings, the group with the longest-waiting item first."""
    grouped: dict[str, tuple[Any, list[Item]]] = {}
    for item in items:
        grouped.setdefault(str(item.section), (item.section, []))[1].append(item)
    return list(grouped.values())


def summary_item(
    *,
    kind: str,
    section: Any,
    title: str,
    url: str,
    since: datetime.datetime,
    count: int,
    due: datetime.date | None = None,
) -> Item:
    """One line standing for `count` rows, opening the list filtered to them."""
    return Item(
        kind=kind,
        section=section,
        title=title,
        url=url,
        action=_("Open the list"),
        since=since,
        due=due,
        count=count,
        urgent=True,
    )


#: kind of import (core.imports) -> the name of its preview page's URL, from the app that owns the importer.
_IMPORT_PREVIEWS: dict[str, str] = {}
#: A checked table left unsaved longer than this is taken as abandoned, not as work waiting.
IMPORT_WAITS_DAYS = 14


def register_import_preview(kind: str, url_name: str) -> None:
    """Where a checked but unsaved import of `kind` is finished: its owner's inbox links there."""
    _IMPORT_PREVIEWS[kind] = url_name


def _import_items(user: Any, today: datetime.date) -> list[Item]:
    """Tables the person uploaded and checked without errors but has not saved yet (one query)."""
    from django.urls import reverse

    from core.models import ImportBatch

    batches = ImportBatch.objects.filter(
        created_by=user,
        status=ImportBatch.Status.READY,
        kind__in=list(_IMPORT_PREVIEWS),
        created__date__gte=today - datetime.timedelta(days=IMPORT_WAITS_DAYS),
    ).only("pk", "kind", "filename", "created")
    return [
        Item(
            kind="import-waiting",
            section=_("Imports checked but not saved"),
            title=batch.filename,
            url=reverse(_IMPORT_PREVIEWS[batch.kind], args=[batch.pk]),
            action=_("Check and save"),
            since=batch.created,
        )
        for batch in batches
    ]


register(Provider("imports", _import_items, order=90))


def day_start(day: datetime.date) -> datetime.datetime:
    """A date as the moment it began, so that date-only work sorts with timestamped work."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

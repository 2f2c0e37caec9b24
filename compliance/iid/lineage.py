"""The one place the index reads replications from (indicator 31).

Replications are `Innovation.replication_of` and its reverse, counted as the catalogue counts them
(`innovations.catalogue.selectors.COUNTED_REPLICA`: a draft or withdrawn replica is not a replication yet), so the
index, the dashboard and the scorecard give the same number.
"""

from __future__ import annotations

from collections.abc import Iterable

from innovations.catalogue.selectors import COUNTED_REPLICA
from innovations.models import Innovation


def replications_of(innovation_ids: Iterable[int]) -> dict[int, list[str]]:
    """{innovation id: ["<title> (<agency>, <region>)", ...]} of the innovations that replicate each one, in one
    query. Drafts and withdrawn replications do not count."""
    found: dict[int, list[str]] = {}
    rows = (
        Innovation.objects.filter(COUNTED_REPLICA, replication_of_id__in=list(innovation_ids))
        .order_by("replication_of_id", "title", "pk")
        .values_list("replication_of_id", "title", "agency__name", "agency__region__name")
    )
    for source, title, agency, region in rows:
        found.setdefault(source, []).append(f"{title} ({agency}, {region})")
    return found

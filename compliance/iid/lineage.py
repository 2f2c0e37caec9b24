"""The one place the index reads replications from (indicator 31).

Today that is `Innovation.replication_of` and its reverse `replications`; a richer replication lineage is being
built beside this, and switching to it means changing this function only.
"""

from __future__ import annotations

from collections.abc import Iterable

from innovations.models import Innovation


def replications_of(innovation_ids: Iterable[int]) -> dict[int, list[str]]:
    """{innovation id: ["<title> (<agency>, <region>)", ...]} of the innovations that replicate each one, in one
    query. Withdrawn replications do not count."""
    found: dict[int, list[str]] = {}
    rows = (
        Innovation.objects.filter(replication_of_id__in=list(innovation_ids))
        .exclude(state="withdrawn")
        .order_by("replication_of_id", "title", "pk")
        .values_list("replication_of_id", "title", "agency__name", "agency__region__name")
    )
    for source, title, agency, region in rows:
        found.setdefault(source, []).append(f"{title} ({agency}, {region})")
    return found

"""The lineage of an innovation: what it replicates, through any number of hops (up to an original outside the
system), and every replication of it, as a small tree.

One query whatever the number of hops: a recursive CTE walks `replication_of` up and down, and the rows come back
with their agency and whether the viewer may open them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet, Value
from django.db.models.expressions import RawSQL

from innovations.models import Innovation

#: A cycle cannot be stored through the forms (an innovation replicates an older one), but a bound keeps a bad
#: row from looping forever.
MAX_HOPS = 50

_LINEAGE_SQL = """
WITH RECURSIVE up(id, replication_of_id, hops) AS (
    SELECT id, replication_of_id, 0 FROM innovations_innovation WHERE id = %s
    UNION ALL
    SELECT i.id, i.replication_of_id, up.hops + 1
    FROM innovations_innovation i JOIN up ON i.id = up.replication_of_id
    WHERE up.hops < %s
), down(id, hops) AS (
    SELECT id, 0 FROM innovations_innovation WHERE id = %s
    UNION ALL
    SELECT i.id, down.hops + 1
    FROM innovations_innovation i JOIN down ON i.replication_of_id = down.id
    WHERE down.hops < %s
)
SELECT id FROM up UNION SELECT id FROM down
"""


@dataclass
class Node:
    innovation: Innovation | None
    #: Outside the system: the name and source the agency gave (its root has no row of ours).
    outside_name: str = ""
    outside_source: str = ""
    shown: bool = True
    current: bool = False
    #: In the viewer's own register (their agency's, or their region's for the mayor's office): link there.
    own: bool = False
    children: list[Node] = field(default_factory=list)


def lineage(
    innovation: Innovation, *, shown: QuerySet[Innovation], register: QuerySet[Innovation] | None = None
) -> Node:
    """The tree from the farthest original down through `innovation` to every replication of it.

    `shown` is what the viewer may open (a node outside it appears without its title: one knows a step exists,
    not what it is). One query.
    """
    rows = list(
        Innovation.objects.filter(pk__in=RawSQL(_LINEAGE_SQL, (innovation.pk, MAX_HOPS, innovation.pk, MAX_HOPS)))  # noqa: S611 (constant SQL, ids as parameters)
        .select_related("agency", "agency__region")
        .annotate(
            shown=Exists(shown.filter(pk=OuterRef("pk"))),
            own=Exists(register.filter(pk=OuterRef("pk"))) if register is not None else Value(False),
        )
        .order_by("year", "pk")
    )
    nodes: dict[int, Node] = {
        row.pk: Node(
            innovation=row,
            shown=bool(row.shown or row.own),
            own=bool(row.own),
            current=row.pk == innovation.pk,
        )
        for row in rows
    }
    root = nodes[innovation.pk]
    for row in rows:
        parent = nodes.get(row.replication_of_id) if row.replication_of_id else None
        if parent is None:
            root = nodes[row.pk]  # the farthest original of ours: its own original is outside or unknown
        else:
            parent.children.append(nodes[row.pk])
    top = root
    outside = top.innovation
    if outside is not None and outside.replication_source_name:
        return Node(
            innovation=None,
            outside_name=outside.replication_source_name,
            outside_source=outside.replication_source,
            children=[top],
        )
    return top


def size(node: Node) -> int:
    """Nodes of the tree that are innovations of ours (an outside original is not counted)."""
    return (1 if node.innovation is not None else 0) + sum(size(c) for c in node.children)

"""Reads of the catalogue. A running innovation is accepted, not stopped, and the latest year of its record (an
accepted continuation into a later year takes its place)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from agencies.models import Agency
from agencies.selectors import active_roles, is_global_admin
from innovations.models import CatalogueSetting, Evidence, Innovation, Replication, RunningConfirmation, State

#: A replication counts once its agency submitted it (a draft may still be abandoned; a withdrawn one was).
COUNTED_REPLICA = ~Q(state__in=(State.DRAFT, State.WITHDRAWN))


def running_innovations() -> QuerySet[Innovation]:
    later = Innovation.objects.filter(continued_from=OuterRef("pk"), state=State.ACCEPTED)
    return Innovation.objects.filter(state=State.ACCEPTED, running=Innovation.Running.RUNNING).exclude(Exists(later))


def open_region_ids() -> set[int]:
    return set(CatalogueSetting.objects.filter(open_to_other_regions=True).values_list("region_id", flat=True))


def catalogue_region_ids(user: Any) -> set[int] | None:
    """Regions whose catalogue the person reads: their own, and every open region when their own is open too (the
    regions that share form one catalogue; a region that keeps its own closed does not read the others). None: all."""
    if is_global_admin(user):
        return None
    own = {r.region_id for r in active_roles(user)}
    shared = open_region_ids()
    return own | shared if own & shared else own


def catalogue_visible_to(user: Any) -> QuerySet[Innovation]:
    regions = catalogue_region_ids(user)
    running = running_innovations()
    return running if regions is None else running.filter(agency__region_id__in=regions)


def catalogue_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies with an innovation in the person's catalogue, by name: what its agency filter offers."""
    return Agency.objects.filter(pk__in=catalogue_visible_to(user).values("agency_id")).order_by("name", "pk")


def with_catalogue_figures(queryset: QuerySet[Innovation]) -> QuerySet[Innovation]:
    """How many counted replications and in how many agencies, and the last "still running" answer (subqueries:
    the list's query count stays the same for 1 or 1,000 rows)."""
    replicas = (
        Innovation.objects.filter(COUNTED_REPLICA, replication_of=OuterRef("pk")).order_by().values("replication_of")
    )
    last_confirmed = (
        RunningConfirmation.objects.filter(innovation=OuterRef("pk"))
        .exclude(answer=RunningConfirmation.Answer.STOPPED)
        .order_by()
        .values("innovation")
        .annotate(at=Max("answered_at"))
        .values("at")
    )
    return queryset.annotate(
        replication_count=Coalesce(Subquery(replicas.annotate(n=Count("pk")).values("n")), 0),
        replication_agencies=Coalesce(Subquery(replicas.annotate(n=Count("agency_id", distinct=True)).values("n")), 0),
        last_confirmed=Subquery(last_confirmed),
    )


def catalogue_list(user: Any) -> QuerySet[Innovation]:
    return with_catalogue_figures(
        catalogue_visible_to(user)
        .select_related("agency", "agency__region", "bentuk", "jenis", "urusan")
        .prefetch_related("sdgs")
    )


def catalogue_detail(queryset: QuerySet[Innovation]) -> QuerySet[Innovation]:
    """One catalogue record with what its page shows: only public evidence, its counted replications."""
    return with_catalogue_figures(
        queryset.select_related(
            "agency", "agency__region", "bentuk", "jenis", "tahapan", "inisiator", "urusan", "replication_of"
        ).prefetch_related(
            "sdgs",
            Prefetch("evidence", queryset=Evidence.objects.filter(is_public=True), to_attr="public_evidence"),
            Prefetch(
                "replications",
                queryset=Innovation.objects.filter(COUNTED_REPLICA).select_related("agency", "agency__region"),
                to_attr="counted_replications",
            ),
        )
    )


def public_evidence_of(queryset: QuerySet[Innovation]) -> QuerySet[Evidence]:
    return Evidence.objects.filter(is_public=True, innovation__in=queryset)


def replication_record_of(innovation: Innovation) -> Replication | None:
    return (
        Replication.objects.select_related("original", "original__agency", "confirmed_by")
        .filter(replica=innovation)
        .first()
    )


def replication_summary(replicas: QuerySet[Innovation], *, top: int = 5) -> dict[str, Any]:
    """Counted replications among `replicas` (the dashboard's or scorecard's scope): how many, in how many agencies,
    and the most replicated originals ("replicated 3 times, in 2 agencies"). Two queries."""
    counted = replicas.filter(COUNTED_REPLICA, replication_of__isnull=False)
    totals = counted.aggregate(count=Count("pk"), agencies=Count("agency_id", distinct=True))
    originals = (
        counted.values(
            "replication_of",
            original_title=F("replication_of__title"),
            original_agency=F("replication_of__agency__name"),
        )
        .annotate(count=Count("pk"), agencies=Count("agency_id", distinct=True))
        .order_by("-count", "original_title")[:top]
    )
    return {"count": totals["count"], "agencies": totals["agencies"], "originals": list(originals)}


def originals_summary(originals: QuerySet[Innovation]) -> dict[str, int]:
    """How often the innovations in `originals` (an agency's, for its scorecard) were replicated, and by how many
    agencies. One query."""
    return Innovation.objects.filter(COUNTED_REPLICA, replication_of__in=originals).aggregate(
        count=Count("pk"), agencies=Count("agency_id", distinct=True)
    )

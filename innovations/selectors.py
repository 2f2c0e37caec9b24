"""Reads of the innovation register. Every list, detail, download and API view starts here."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from agencies.models import RoleAssignment, User
from agencies.selectors import active_roles, work_scope
from innovations.models import Innovation, State, Transition


def innovations_visible_to(user: Any) -> QuerySet[Innovation]:
    """The mayor's office sees its region; a head their agency and the units under it; staff their agency."""
    scope = work_scope(user, via="agency__")
    return Innovation.objects.all() if scope is None else Innovation.objects.filter(scope)


def replication_candidates(agency: Any, *, keep: int | None = None) -> QuerySet[Innovation]:
    """What `agency` may record as the original it replicates: accepted innovations of other agencies of its
    region (plus `keep`, the record's own original, which may come from another region's catalogue)."""
    return (
        Innovation.objects.filter(
            (Q(agency__region_id=agency.region_id, state=State.ACCEPTED) & ~Q(agency=agency)) | Q(pk=keep or 0)
        )
        .select_related("agency")
        .order_by("title", "pk")
    )


def innovation_label(innovation: Innovation) -> str:
    """How an innovation reads in a select and in its search: the same text in both."""
    return f"{innovation.title} — {innovation.agency.name} ({innovation.year})"


def innovation_list(user: Any) -> QuerySet[Innovation]:
    return innovations_visible_to(user).select_related("agency", "agency__type", "bentuk", "jenis", "tahapan", "urusan")


def innovation_detail(user: Any) -> QuerySet[Innovation]:
    return (
        innovations_visible_to(user)
        .select_related(
            "agency",
            "agency__region",
            "agency__type",
            "bentuk",
            "jenis",
            "tahapan",
            "inisiator",
            "urusan",
            "continued_from",
        )
        # What the page shows, no more: the lineage (originals and replications) comes in one query of its own
        # (catalogue.lineage), and every column of a related row is Python work on each view.
        .prefetch_related(
            "sdgs",
            "evidence",
            Prefetch("transitions", queryset=Transition.objects.select_related("by")),
            Prefetch("continuations", queryset=Innovation.objects.only("id", "year", "continued_from_id", "state")),
        )
    )


def agencies_user_works_for(user: Any) -> list[int]:
    """Agencies where the user is staff or head: where they register innovations."""
    return sorted({r.agency_id for r in active_roles(user) if r.role in ("staff", "head") and r.agency_id})


def waiting_on(innovation: Innovation) -> str:
    """Slug of who acts next: agency, head, mayor's office, or nobody."""
    return {
        State.DRAFT: "agency",
        State.RETURNED: "agency",
        State.SUBMITTED: "head",
        State.HEAD_APPROVED: "mayor_office",
    }.get(State(innovation.state), "")


def last_return(innovation: Innovation) -> Transition | None:
    """The move that returned a returned record (with its note), from the prefetched timeline."""
    if innovation.state != State.RETURNED:
        return None
    returns = [t for t in innovation.transitions.all() if t.to_state == State.RETURNED]
    return returns[-1] if returns else None


#: The permission of the next move, by who acts next: whoever holds it on the record is the one it waits on.
NEXT_MOVE = {
    "agency": "innovations.submit_innovation",
    "head": "innovations.approve_innovation",
    "mayor_office": "innovations.accept_innovation",
}


def is_turn_of(user: Any, innovation: Innovation) -> bool:
    """Whether the record waits on this person (its agency loaded; the rules read the cached roles)."""
    permission = NEXT_MOVE.get(waiting_on(innovation))
    return bool(permission) and user.has_perm(permission, innovation)


def heads_of(agency_path: str, agency_id: int) -> QuerySet[User]:
    """The people to approve: heads of the agency, or of the nearest unit above it that has one."""
    ids = [int(p) for p in agency_path.strip("/").split("/") if p]
    for candidate in reversed(ids or [agency_id]):
        heads = User.objects.filter(
            Exists(
                RoleAssignment.objects.filter(
                    user=OuterRef("pk"), role="head", agency_id=candidate, active_until__isnull=True
                )
            )
        )
        if heads.exists():
            return heads
    return User.objects.none()


def members_of(agency_id: int) -> QuerySet[User]:
    return User.objects.filter(
        Exists(
            RoleAssignment.objects.filter(
                user=OuterRef("pk"), role__in=["staff", "head"], agency_id=agency_id, active_until__isnull=True
            )
        )
    )


def reviewers_of(region_id: int) -> QuerySet[User]:
    return User.objects.filter(
        Exists(
            RoleAssignment.objects.filter(
                user=OuterRef("pk"), role="reviewer", region_id=region_id, active_until__isnull=True
            )
        )
    )


def starts_with_nothing(user: Any) -> bool:
    """A person who registers innovations but whose agencies have none yet: their home page leads to the form."""
    agency_ids = agencies_user_works_for(user)
    return bool(agency_ids) and not Innovation.objects.filter(agency_id__in=agency_ids).exists()


def approved_in_year(*, agency_ids: list[int], year: int) -> QuerySet[Innovation]:
    """The year's innovations of these agencies that a head has approved (the day they first counted for the
    quota, `first_approved_at`), oldest approval first; only the fields a list shows."""
    return (
        Innovation.objects.filter(agency_id__in=agency_ids, year=year, first_approved_at__isnull=False)
        .only("id", "agency_id", "title", "state", "first_approved_at")
        .order_by("first_approved_at", "id")
    )

"""Reads of the organisation chart. Every list and detail view starts from one of these."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from agencies.models import Agency, AgencyChange, Region, RoleAssignment

Role = RoleAssignment.Role
MANAGER_ROLES = (Role.REVIEWER, Role.ADMIN)


@dataclass(frozen=True)
class ActiveRole:
    role: str
    region_id: int
    agency_id: int | None
    agency_path: str | None


def active_roles(user: Any) -> tuple[ActiveRole, ...]:
    """The user's roles in force today, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return ()
    cached = getattr(user, "_satu_roles", None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    rows = (
        RoleAssignment.objects.filter(user=user, active_from__lte=today)
        .filter(Q(active_until__isnull=True) | Q(active_until__gt=today))
        .values_list("role", "region_id", "agency_id", "agency__path")
    )
    roles = tuple(ActiveRole(*row) for row in rows)
    user._satu_roles = roles
    return roles


# The role questions every domain's rules ask of a record's agency or region; each domain only finds the agency or
# region of its own objects and asks here.


def manages_region_id(user: Any, region_id: int) -> bool:
    """The mayor's office (reviewers and administrators) of the region."""
    return any(r.role in MANAGER_ROLES and r.region_id == region_id for r in active_roles(user))


def works_in_agency_id(user: Any, agency_id: int) -> bool:
    """Staff or head of the agency itself."""
    return any(r.role in RoleAssignment.AGENCY_ROLES and r.agency_id == agency_id for r in active_roles(user))


def leads_agency_path(user: Any, path: str) -> bool:
    """Head of the agency at `path` or of a unit above it (a camat for a kelurahan)."""
    return any(r.role == Role.HEAD and r.agency_path and path.startswith(r.agency_path) for r in active_roles(user))


def work_scope(user: Any, *, via: str = "") -> Q | None:
    """Which agencies a person works over, as a condition on agency fields reached through `via` ("agency__"
    from a model that points at an agency): the region for the mayor's office, a head's agency and every unit
    under it, a staff member's own agency. None means every agency (a global administrator)."""
    if is_global_admin(user):
        return None
    condition = Q(pk__in=[]) if not via else Q(**{f"{via}pk__in": []})
    for role in active_roles(user):
        if role.role in MANAGER_ROLES:
            condition |= Q(**{f"{via}region_id": role.region_id})
        elif role.role == "head" and role.agency_path:
            condition |= Q(**{f"{via}path__startswith": role.agency_path})
        elif role.role == "staff" and role.agency_id:
            condition |= Q(**{f"{via}pk": role.agency_id})
    return condition


def forget_roles(user: Any) -> None:
    if hasattr(user, "_satu_roles"):
        del user._satu_roles


def is_global_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def region_ids_for(user: Any, roles: Iterable[str] | None = None) -> set[int] | None:
    """Regions where the user holds one of `roles` (any role if None). None means every region."""
    if is_global_admin(user):
        return None
    wanted = set(roles) if roles is not None else None
    return {r.region_id for r in active_roles(user) if wanted is None or r.role in wanted}


def managed_region_ids(user: Any) -> set[int] | None:
    """Regions whose organisation chart the user may change (mayor's office reviewers, administrators)."""
    return region_ids_for(user, MANAGER_ROLES)


def regions_managed_by(user: Any) -> QuerySet[Region]:
    ids = managed_region_ids(user)
    qs = Region.objects.filter(level__in=[Region.Level.CITY, Region.Level.REGENCY])
    return qs if ids is None else qs.filter(id__in=ids)


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """Every agency of the regions the user belongs to (the organisation chart is shared within a region)."""
    ids = region_ids_for(user)
    qs = Agency.objects.all()
    return qs if ids is None else qs.filter(region_id__in=ids)


def agency_ids_led_by(user: Any) -> QuerySet[Agency]:
    """Agencies a head answers for: their own and every unit under it (a camat sees the kelurahan)."""
    paths = [r.agency_path for r in active_roles(user) if r.role == Role.HEAD and r.agency_path]
    if not paths:
        return Agency.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Agency.objects.filter(condition)


def active_q(day: datetime.date | None = None) -> Q:
    day = day or timezone.localdate()
    return (Q(active_from__isnull=True) | Q(active_from__lte=day)) & (
        Q(active_until__isnull=True) | Q(active_until__gt=day)
    )


def agency_directory(user: Any, *, region_ids: set[int] | None = None) -> QuerySet[Agency]:
    qs = agencies_visible_to(user)
    if region_ids:
        qs = qs.filter(region_id__in=region_ids)
    return qs.select_related("type", "parent", "region", "merged_into")


def agency_ancestors(agency: Agency) -> list[Agency]:
    ids = agency.ancestor_ids
    if not ids:
        return []
    return list(Agency.objects.filter(id__in=ids).order_by("depth").only("id", "name", "depth"))


def agency_children(agency: Agency) -> QuerySet[Agency]:
    return agency.children.select_related("type").order_by("type__sort_order", "name")


def agency_people(agency: Agency) -> QuerySet[RoleAssignment]:
    today = timezone.localdate()
    return (
        RoleAssignment.objects.filter(agency=agency, active_from__lte=today)
        .filter(Q(active_until__isnull=True) | Q(active_until__gt=today))
        .select_related("user")
        .order_by("role", "user__full_name", "user__username")
    )


def agency_history(agency: Agency) -> QuerySet[AgencyChange]:
    return agency.changes.select_related("changed_by", "related_agency")


def kecamatan_choices(user: Any, region_ids: set[int] | None = None) -> QuerySet[Agency]:
    qs = agencies_visible_to(user).filter(type__slug="kecamatan")
    if region_ids:
        qs = qs.filter(region_id__in=region_ids)
    return qs.order_by("name").only("id", "name", "path")


def role_assignments_of(user: Any) -> QuerySet[RoleAssignment]:
    """The user's roles in force today, with their agency and region, for display."""
    today = timezone.localdate()
    return (
        RoleAssignment.objects.filter(user=user, active_from__lte=today)
        .filter(Q(active_until__isnull=True) | Q(active_until__gt=today))
        .select_related("agency", "region")
        .order_by("role", "id")
    )


def head_terms(*, year: int, region_id: int | None = None, user_id: int | None = None) -> QuerySet[RoleAssignment]:
    """Every head's role that overlaps `year` (of a region, or of one person), oldest first. `active_until` is the
    first day the role no longer holds, as everywhere in the chart."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    terms = RoleAssignment.objects.filter(role=RoleAssignment.Role.HEAD, active_from__lte=end).filter(
        Q(active_until__isnull=True) | Q(active_until__gt=start)
    )
    if region_id is not None:
        terms = terms.filter(region_id=region_id)
    if user_id is not None:
        terms = terms.filter(user_id=user_id)
    return terms.select_related("user", "agency", "agency__type", "region").order_by("active_from", "id")


def agency_with_region(agency: Agency) -> str:
    """An agency's name with its region's, where names repeat from region to region (Kecamatan Sirimau, Dinas
    Kesehatan): the label of the selects that span several regions."""
    return f"{agency.name} · {agency.region.name}"

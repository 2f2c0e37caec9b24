"""Writes to the organisation chart. One function per use case; each records its change in AgencyChange."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Greatest, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, AgencyChange, RoleAssignment, User
from core import audit
from core.history import assign, diff, plain, snapshot

#: Fields of an agency that a change records (and that the edit form may change).
TRACKED_FIELDS = (
    "name",
    "code",
    "kemendagri_code",
    "type",
    "parent",
    "head_name",
    "head_title",
    "address",
    "phone",
    "email",
    "active_from",
)


def _value(agency: Agency, field: str) -> Any:
    return plain(getattr(agency, field))


def _check_parent(agency: Agency, parent: Agency | None) -> None:
    if parent is None:
        return
    if parent.region_id != agency.region_id:
        raise ValidationError({"parent": _("The parent agency must be in the same region.")})
    if agency.pk and (parent.pk == agency.pk or parent.path.startswith(agency.path)):
        raise ValidationError({"parent": _("An agency cannot be placed under itself or one of its own units.")})


def _set_path(agency: Agency) -> None:
    parent_path = agency.parent.path if agency.parent_id and agency.parent else "/"
    agency.path = f"{parent_path}{agency.pk}/"
    agency.depth = agency.path.count("/") - 2
    Agency.objects.filter(pk=agency.pk).update(path=agency.path, depth=agency.depth)


def _move_subtree(*, old_path: str, new_path: str) -> None:
    """Rewrite the path of every descendant after a move, in one statement."""
    delta = new_path.count("/") - old_path.count("/")
    Agency.objects.filter(path__startswith=old_path).exclude(path=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + delta,
    )


def _record(
    agency: Agency,
    kind: str,
    by: User | None,
    *,
    changes: dict[str, Any] | None = None,
    related: Agency | None = None,
    effective_date: datetime.date | None = None,
    note: str = "",
) -> AgencyChange:
    return AgencyChange.objects.create(
        agency=agency,
        kind=kind,
        changes=changes or {},
        related_agency=related,
        effective_date=effective_date,
        note=note,
        changed_by=by,
    )


@transaction.atomic
def agency_create(*, by: User | None, kind: str = AgencyChange.Kind.CREATED, **fields: Any) -> Agency:
    """Create an agency.

    Side effects, in order: validates the row, inserts it, sets its hierarchy path, records a `created`
    (or `imported`) change.
    """
    agency = Agency(**fields)
    _check_parent(agency, agency.parent)
    agency.full_clean(exclude=["path", "depth"])
    agency.save()
    _set_path(agency)
    _record(agency, kind, by, changes={f: [None, _value(agency, f)] for f in TRACKED_FIELDS if _value(agency, f)})
    return agency


@transaction.atomic
def agency_update(*, agency: Agency, by: User | None, note: str = "", **fields: Any) -> Agency:
    """Change an agency's details (rename, move under another parent, new head...).

    Side effects, in order: validates, saves, rewrites the hierarchy path of the agency and every unit under
    it when the parent changed, records one `updated` change listing each field's old and new value.
    Nothing is recorded when nothing changed.
    """
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = snapshot(agency, TRACKED_FIELDS)
    old_parent_id = agency.parent_id
    assign(agency, fields, allowed=TRACKED_FIELDS, service="agency_update")
    _check_parent(agency, agency.parent)
    agency.full_clean(exclude=["path", "depth"])
    changes = diff(before, snapshot(agency, TRACKED_FIELDS))
    if not changes:
        return agency
    agency.save()
    if agency.parent_id != old_parent_id:
        old_path = agency.path
        _set_path(agency)
        _move_subtree(old_path=old_path, new_path=agency.path)
    _record(agency, AgencyChange.Kind.UPDATED, by, changes=changes, note=note)
    return agency


def _end_roles(agency: Agency, day: datetime.date) -> int:
    """End the staff and head roles held in the agency (a reviewer's region role only names it as home)."""
    qs = RoleAssignment.objects.filter(agency=agency, role__in=RoleAssignment.AGENCY_ROLES).filter(
        Q(active_until__isnull=True) | Q(active_until__gt=day)
    )
    return qs.update(active_until=Greatest(F("active_from"), Value(day)))


@transaction.atomic
def agency_merge(
    *, agency: Agency, into: Agency, effective_date: datetime.date, by: User | None, note: str = ""
) -> Agency:
    """Merge `agency` into `into`, which carries on.

    Side effects, in order: `agency` becomes inactive from `effective_date` and points at `into`; its active
    units move under `into`; its staff roles move to `into`; its head roles end; a `merged` change is
    recorded on `agency` and an `absorbed` change on `into`. Records made under `agency` stay with it.
    """
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    into = Agency.objects.select_for_update().get(pk=into.pk)
    if agency.pk == into.pk:
        raise ValidationError({"into": _("An agency cannot be merged into itself.")})
    if into.region_id != agency.region_id:
        raise ValidationError({"into": _("Both agencies must be in the same region.")})
    if into.path.startswith(agency.path):
        raise ValidationError({"into": _("An agency cannot be merged into one of its own units.")})
    if not agency.is_active_on(effective_date) or agency.merged_into_id:
        raise ValidationError(_("This agency is no longer active."))
    if not into.is_active_on(effective_date):
        raise ValidationError({"into": _("The agency that carries on must be active on the merge date.")})

    if effective_date > timezone.localdate():
        raise ValidationError({"effective_date": _("Record a merge on or after the day it takes effect.")})
    moved_units = []
    for child in agency.children.filter(Q(active_until__isnull=True) | Q(active_until__gt=effective_date)):
        old_path = child.path
        child.parent = into
        child.save(update_fields=["parent", "updated"])
        _set_path(child)
        _move_subtree(old_path=old_path, new_path=child.path)
        moved_units.append(child.name)
        _record(
            child,
            AgencyChange.Kind.UPDATED,
            by,
            changes={"parent": [agency.name, into.name]},
            effective_date=effective_date,
            note=note,
        )

    staying = RoleAssignment.objects.filter(agency=into, role="staff", active_until__isnull=True).values("user")
    movers = list(
        RoleAssignment.objects.filter(agency=agency, role=RoleAssignment.Role.STAFF, active_until__isnull=True)
        .exclude(user__in=staying)
        .select_related("user")
    )
    ended = _end_roles(agency, effective_date)
    for old in movers:  # a new role from the merge date; the old one stays as history
        RoleAssignment.objects.create(
            user=old.user,
            role=old.role,
            region_id=into.region_id,
            agency=into,
            title=old.title,
            active_from=effective_date,
            created_by=by,
        )
    moved_staff_count = len(movers)

    agency.active_until = effective_date
    agency.merged_into = into
    agency.full_clean(exclude=["path", "depth"])
    agency.save(update_fields=["active_until", "merged_into", "updated"])
    details = {"units_moved": moved_units, "staff_moved": moved_staff_count, "roles_ended": ended}
    _record(
        agency, AgencyChange.Kind.MERGED, by, changes=details, related=into, effective_date=effective_date, note=note
    )
    _record(
        into, AgencyChange.Kind.ABSORBED, by, changes=details, related=agency, effective_date=effective_date, note=note
    )
    return agency


@transaction.atomic
def agency_dissolve(*, agency: Agency, effective_date: datetime.date, by: User | None, note: str) -> Agency:
    """Dissolve (deactivate) an agency from `effective_date`.

    Side effects, in order: refuses while active units remain under it; sets `active_until`; ends every
    role held in it on that date; records a `dissolved` change with the reason.
    """
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if agency.active_until is not None:
        raise ValidationError(_("This agency is already inactive."))
    if agency.active_from and effective_date < agency.active_from:
        raise ValidationError({"effective_date": _("The date cannot be before the agency became active.")})
    active_children = agency.children.filter(Q(active_until__isnull=True) | Q(active_until__gt=effective_date))
    if active_children.exists():
        names = ", ".join(active_children.order_by("name").values_list("name", flat=True)[:5])
        raise ValidationError(_("Move or dissolve the units under this agency first: %(names)s.") % {"names": names})
    if not note.strip():
        raise ValidationError({"note": _("Give the reason, for example the regulation that dissolves it.")})
    agency.active_until = effective_date
    agency.save(update_fields=["active_until", "updated"])
    ended = _end_roles(agency, effective_date)
    _record(
        agency,
        AgencyChange.Kind.DISSOLVED,
        by,
        changes={"roles_ended": ended},
        effective_date=effective_date,
        note=note,
    )
    return agency


@transaction.atomic
def agency_reactivate(*, agency: Agency, by: User | None, note: str = "") -> Agency:
    """Undo a dissolution (not a merge: a merged agency's records already live on in its successor)."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if agency.active_until is None:
        raise ValidationError(_("This agency is already active."))
    if agency.merged_into_id:
        raise ValidationError(_("A merged agency cannot be reactivated; the agency it merged into carries on."))
    previous = agency.active_until.isoformat()
    agency.active_until = None
    agency.save(update_fields=["active_until", "updated"])
    _record(agency, AgencyChange.Kind.REACTIVATED, by, changes={"active_until": [previous, None]}, note=note)
    return agency


@transaction.atomic
def role_assign(
    *,
    user: User,
    role: str,
    region_id: int,
    agency: Agency | None = None,
    title: str = "",
    by: User | None = None,
    active_from: datetime.date | None = None,
    acting: bool = False,
) -> RoleAssignment:
    """Give a person a role (idempotent: an identical active role is returned as it is); `acting` marks an acting
    head (Plt.)."""
    if role in RoleAssignment.AGENCY_ROLES and agency is None:
        raise ValidationError({"agency": _("Staff and heads belong to an agency.")})
    if agency is not None and agency.region_id != region_id:
        raise ValidationError({"agency": _("The agency must be in the role's region.")})
    existing = RoleAssignment.objects.filter(
        user=user, role=role, region_id=region_id, agency=agency, active_until__isnull=True
    ).first()
    if existing:
        return existing
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        region_id=region_id,
        agency=agency,
        title=title,
        acting=acting,
        created_by=by,
        active_from=active_from or timezone.localdate(),
    )
    _audit_role(assignment, by, "granted")
    return assignment


def _audit_role(assignment: RoleAssignment, by: User | None, change: str) -> None:
    """One audit event per role granted or ended (core.audit), naming whose role it is."""
    audit.record(
        audit.Kind.ROLE,
        user=by,
        summary=f"{change}: {assignment.user.get_username()} · {assignment.role} · {assignment}",
        detail={"change": change, "role_id": assignment.pk, "person": assignment.user_id},
    )


@transaction.atomic
def role_end(*, assignment: RoleAssignment, by: User | None, day: datetime.date | None = None) -> RoleAssignment:
    """End a role from `day` (today by default). The row stays as history."""
    day = day or timezone.localdate()
    if assignment.active_until is not None and assignment.active_until <= day:
        return assignment
    assignment.active_until = max(day, assignment.active_from)
    assignment.save(update_fields=["active_until"])
    _audit_role(assignment, by, "ended")
    return assignment


@transaction.atomic
def person_add(
    *,
    username: str,
    full_name: str,
    email: str,
    role: str,
    region_id: int,
    agency: Agency | None,
    title: str,
    by: User | None,
    acting: bool = False,
) -> tuple[User, RoleAssignment, bool]:
    """Add a person with a role; creates the account (with no usable password) if the username is new.

    Returns (user, role, created). The caller sends the new person a link to set their password.
    """
    user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name, "email": email})
    if not created:
        other_regions = RoleAssignment.objects.filter(user=user).exclude(region_id=region_id).exists()
        if user.is_superuser or other_regions:
            raise ValidationError({"username": _("This username is taken. Choose another.")})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    assignment = role_assign(
        user=user, role=role, region_id=region_id, agency=agency, title=title, by=by, acting=acting
    )
    return user, assignment, created

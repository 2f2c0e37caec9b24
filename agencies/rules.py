"""Named permissions of the organisation chart (django-rules). The same names are used in views,
templates ({% has_perm %}) and tests.

Object-level predicates take an `Agency`, a `Region` or None (the question "anywhere?").
"""

from typing import Any

import rules

from agencies.models import Agency, Region
from agencies.selectors import MANAGER_ROLES, active_roles


def _region_id(obj: Any) -> int | None:
    if isinstance(obj, Agency):
        return obj.region_id
    if isinstance(obj, Region):
        return obj.pk
    return None


@rules.predicate
def is_superuser(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


@rules.predicate
def is_region_member(user: Any, obj: Any) -> bool:
    region_id = _region_id(obj)
    return any(region_id is None or r.region_id == region_id for r in active_roles(user))


@rules.predicate
def is_region_manager(user: Any, obj: Any) -> bool:
    """Mayor's office reviewers and administrators of the object's region."""
    region_id = _region_id(obj)
    return any(r.role in MANAGER_ROLES and (region_id is None or r.region_id == region_id) for r in active_roles(user))


@rules.predicate
def is_region_admin(user: Any, obj: Any) -> bool:
    region_id = _region_id(obj)
    return any(r.role == "admin" and (region_id is None or r.region_id == region_id) for r in active_roles(user))


can_manage_chart = is_superuser | is_region_manager

rules.add_perm("agencies.view_agency", is_superuser | is_region_member)
rules.add_perm("agencies.add_agency", can_manage_chart)
rules.add_perm("agencies.change_agency", can_manage_chart)
rules.add_perm("agencies.merge_agency", can_manage_chart)
rules.add_perm("agencies.deactivate_agency", can_manage_chart)
rules.add_perm("agencies.import_agencies", can_manage_chart)
rules.add_perm("agencies.view_agency_contacts", can_manage_chart)
rules.add_perm("agencies.manage_people", can_manage_chart)
rules.add_perm("agencies.grant_manager_roles", is_superuser | is_region_admin)

"""Named permissions of the organisation chart (django-rules). The same names are used in views,
templates ({% has_perm %}) and tests.

Object-level predicates take an `Agency`, a `Region` or None (the question "anywhere?").
"""

from collections.abc import Callable, Collection
from typing import Any

import rules

from agencies.models import Agency, Region
from agencies.selectors import MANAGER_ROLES, active_roles
from core.rules import is_superuser


def region_id_of(obj: Any) -> int | None:
    """The region of an agency or the region itself; None for anything else (or no object)."""
    if isinstance(obj, Agency):
        return obj.region_id
    if isinstance(obj, Region):
        return obj.pk
    return None


def role_in_region(
    name: str, roles: Collection[str] | None, region_of: Callable[[Any], int | None] = region_id_of
) -> rules.Predicate:
    """People holding one of `roles` (None: any role) in the region `region_of(obj)` names; where it names none
    (no object: the question "anywhere?"), in any region."""

    def check(user: Any, obj: Any) -> bool:
        region_id = region_of(obj)
        return any(
            (roles is None or r.role in roles) and (region_id is None or r.region_id == region_id)
            for r in active_roles(user)
        )

    return rules.predicate(check, name=name)


is_region_member = role_in_region("is_region_member", None)
#: Mayor's office reviewers and administrators of the object's region.
is_region_manager = role_in_region("is_region_manager", MANAGER_ROLES)
is_region_admin = role_in_region("is_region_admin", ("admin",))


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

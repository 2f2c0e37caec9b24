"""Named permissions of the innovation register (django-rules); the same names in views, templates, tests.

Object predicates take an `Innovation` (with its agency loaded) or, for adding, an `Agency`.
"""

from typing import Any

import rules

from agencies.models import Agency
from agencies.selectors import active_roles, leads_agency_path, manages_region_id, works_in_agency_id
from core.rules import is_superuser, predicate_on, state_in
from innovations.models import Innovation, State


def _agency(obj: Any) -> Agency | None:
    if isinstance(obj, Innovation):
        return obj.agency
    if isinstance(obj, Agency):
        return obj
    return None


@predicate_on(_agency)
def is_agency_member(user: Any, agency: Agency) -> bool:
    """Staff or head of the innovation's own agency: they write and submit it."""
    return works_in_agency_id(user, agency.pk)


@predicate_on(_agency)
def leads_agency(user: Any, agency: Agency) -> bool:
    """Head of the agency or of a unit above it (a camat for a kelurahan): they approve."""
    return leads_agency_path(user, agency.path)


@predicate_on(_agency)
def reviews_region(user: Any, agency: Agency) -> bool:
    """The mayor's office (reviewers and administrators) of the agency's region."""
    return manages_region_id(user, agency.region_id)


def _state_in(*states: str) -> Any:
    return state_in(Innovation, *states)


editable = _state_in(State.DRAFT, State.RETURNED)

rules.add_perm("innovations.view_innovation", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("innovations.add_innovation", is_agency_member)
rules.add_perm("innovations.change_innovation", is_agency_member & editable)
rules.add_perm("innovations.submit_innovation", is_agency_member & editable)
rules.add_perm("innovations.approve_innovation", leads_agency & _state_in(State.SUBMITTED))
rules.add_perm(
    "innovations.return_innovation",
    (leads_agency & _state_in(State.SUBMITTED)) | (reviews_region & _state_in(State.SUBMITTED, State.HEAD_APPROVED)),
)
rules.add_perm("innovations.accept_innovation", reviews_region & _state_in(State.HEAD_APPROVED))
rules.add_perm(
    "innovations.withdraw_innovation",
    is_agency_member & _state_in(State.DRAFT, State.SUBMITTED, State.HEAD_APPROVED, State.RETURNED),
)
rules.add_perm("innovations.reopen_innovation", reviews_region & _state_in(State.ACCEPTED))
rules.add_perm("innovations.redraft_innovation", is_agency_member & _state_in(State.WITHDRAWN))
rules.add_perm("innovations.continue_innovation", is_agency_member & _state_in(State.ACCEPTED))
rules.add_perm("innovations.stop_innovation", is_agency_member & _state_in(State.ACCEPTED))
rules.add_perm("innovations.view_evidence", is_superuser | is_agency_member | leads_agency | reviews_region)

# --- the catalogue --------------------------------------------------------------------------------------------


@rules.predicate
def works_for_an_agency(user: Any) -> bool:
    """Staff or head of some agency: they may start a replication in their own agency."""
    return any(r.role in ("staff", "head") and r.agency_id for r in active_roles(user))


@rules.predicate
def is_other_agency(user: Any, innovation: Any) -> bool:
    """The innovation is not of an agency the person works for: one does not replicate one's own."""
    return isinstance(innovation, Innovation) and not works_in_agency_id(user, innovation.agency_id)


@rules.predicate
def manages_region(user: Any, region: Any) -> bool:
    """The mayor's office of `region` (a Region): it opens the catalogue to other regions and runs the yearly check."""
    region_id = getattr(region, "pk", None)
    return region_id is not None and manages_region_id(user, region_id)


rules.add_perm("innovations.replicate_innovation", works_for_an_agency & is_other_agency & _state_in(State.ACCEPTED))
rules.add_perm("innovations.confirm_replication", leads_agency)
rules.add_perm("innovations.publish_innovation", is_agency_member)
rules.add_perm("innovations.unpublish_innovation", is_superuser | reviews_region)
rules.add_perm("innovations.manage_catalogue", is_superuser | manages_region)
rules.add_perm("innovations.answer_still_running", is_agency_member & _state_in(State.ACCEPTED))

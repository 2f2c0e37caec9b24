"""Named permissions of the competition (django-rules); the same names in views, templates and tests.

Object predicates take a `Round`, an `Entry` (with its round and agency loaded) or a `Review` (with its stage's
round and its panelist loaded).
"""

from __future__ import annotations

from typing import Any

import rules

from agencies.selectors import active_roles, leads_agency_path, manages_region_id, works_in_agency_id
from competition.models import DeclaredConflict, Entry, EntryState, Review, Round
from competition.selectors.entries import seated_reviews
from core.rules import is_superuser, predicate_on, state_in


def _round(obj: Any) -> Round | None:
    if isinstance(obj, Round):
        return obj
    if isinstance(obj, Entry):
        return obj.round
    if isinstance(obj, Review):
        return obj.stage.round
    return None


@predicate_on(_round)
def is_organiser(user: Any, round_: Round) -> bool:
    """The mayor's office (reviewers and administrators) of the round's region."""
    return manages_region_id(user, round_.region_id)


@predicate_on(_round)
def is_region_member(user: Any, round_: Round) -> bool:
    return any(r.region_id == round_.region_id for r in active_roles(user))


@predicate_on(_round)
def works_in_region(user: Any, round_: Round) -> bool:
    """Staff or head of an agency of the round's region: they may enter its innovations."""
    return any(r.role in ("staff", "head") and r.region_id == round_.region_id for r in active_roles(user))


@rules.predicate
def is_entrant(user: Any, entry: Any) -> bool:
    """Staff or head of the entry's own agency."""
    return isinstance(entry, Entry) and works_in_agency_id(user, entry.agency_id)


@rules.predicate
def leads_entrant(user: Any, entry: Any) -> bool:
    """Head of the entry's agency or of a unit above it."""
    return isinstance(entry, Entry) and leads_agency_path(user, entry.agency.path)


@rules.predicate
def is_assigned(user: Any, entry: Any) -> bool:
    """An evaluator assigned to the entry (at any scored stage) without a declared conflict."""
    if not isinstance(entry, Entry) or not user.is_authenticated:
        return False
    conflicted = DeclaredConflict.objects.filter(entry=entry, panelist__user=user).exists()
    return not conflicted and seated_reviews(user).filter(entry=entry).exists()


@rules.predicate
def is_own_review(user: Any, review: Any) -> bool:
    """The evaluator the review is assigned to."""
    return isinstance(review, Review) and seated_reviews(user).filter(pk=review.pk).exists()


@predicate_on(_round)
def is_published(user: Any, round_: Round) -> bool:
    return round_.is_published


def _state_in(*states: str) -> Any:
    return state_in(Entry, *states)


organiser = is_superuser | is_organiser

rules.add_perm("competition.view_round", is_superuser | is_region_member)
rules.add_perm("competition.manage_round", organiser)
rules.add_perm("competition.enter_round", works_in_region)
rules.add_perm("competition.view_results", organiser | (is_region_member & is_published))
rules.add_perm("competition.view_entry", organiser | is_entrant | leads_entrant | is_assigned)
rules.add_perm("competition.change_entry", is_entrant & _state_in(EntryState.DRAFT))
rules.add_perm("competition.submit_entry", is_entrant & _state_in(EntryState.DRAFT))
rules.add_perm("competition.withdraw_entry", is_entrant & _state_in(EntryState.DRAFT, EntryState.SUBMITTED))
rules.add_perm("competition.select_entry", organiser & _state_in(EntryState.SUBMITTED))
rules.add_perm("competition.review_entry", is_assigned)
rules.add_perm("competition.submit_review", is_own_review)

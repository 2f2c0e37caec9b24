"""Named permissions of the reports (django-rules); the same names in views, templates and tests."""

from typing import Any

import rules

from agencies.rules import is_region_manager, is_superuser
from innovations.rules import is_agency_member, leads_agency, reviews_region

# An agency's head (and the heads above it), its own staff, and the mayor's office of its region.
rules.add_perm("reports.view_scorecard", is_superuser | is_agency_member | leads_agency | reviews_region)

# The league of heads: the mayor's office of the region (reviewers, administrators).
rules.add_perm("reports.view_head_league", is_superuser | is_region_manager)


@rules.predicate
def is_the_head(user: Any, subject: Any) -> bool:
    return bool(user.is_authenticated and subject is not None and subject.person.pk == user.pk)


@rules.predicate
def manages_a_region_of(user: Any, subject: Any) -> bool:
    return subject is not None and any(is_region_manager(user, region) for region in subject.regions)


# A head's yearly statement: the head, and the mayor's office of a region where they were head that year.
rules.add_perm("reports.view_head_statement", is_superuser | is_the_head | manages_a_region_of)

"""Named permissions of the reports (django-rules); the same names in views, templates and tests."""

import rules

from agencies.rules import is_superuser
from innovations.rules import is_agency_member, leads_agency, reviews_region

# An agency's head (and the heads above it), its own staff, and the mayor's office of its region.
rules.add_perm("reports.view_scorecard", is_superuser | is_agency_member | leads_agency | reviews_region)

"""Named permissions of readiness (django-rules). The object is the unit (an Agency) or, for the overview, a
Region. Staff and heads put the documents on paper; the mayor's office (reviewers and administrators, the
inspectorate among them) confirms on the ground and makes unannounced field checks."""

import rules

from agencies.rules import is_region_manager, is_superuser
from innovations.rules import is_agency_member, leads_agency, reviews_region

rules.add_perm("readiness.view_checklist", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("readiness.open_checklist", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("readiness.record_paper", is_superuser | is_agency_member | leads_agency)
rules.add_perm("readiness.record_ground", is_superuser | reviews_region)
rules.add_perm("readiness.view_overview", is_superuser | is_region_manager)

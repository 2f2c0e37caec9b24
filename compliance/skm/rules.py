"""Named permissions of the satisfaction surveys (django-rules); the names keep their `compliance.` prefix.

The object is the unit (entering: its region, the mayor's office; or the unit's own people); the overview's object
is the region."""

import rules

from agencies.rules import is_region_manager, is_superuser
from innovations.rules import is_agency_member, leads_agency, reviews_region

rules.add_perm("compliance.view_survey", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("compliance.record_survey", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("compliance.view_survey_overview", is_superuser | is_region_manager)

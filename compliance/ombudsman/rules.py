"""Named permissions of the Ombudsman part (django-rules); the names keep their `compliance.` prefix.

Assessments: the object is the assessed unit (importing and entering: its region). Improvement notes: the object is
the responsible agency (verify: its region). Staff of the agency work on an item (start, evidence, comments); its
head (or a head above) marks it done; the mayor's office verifies."""

import rules

from agencies.rules import is_region_manager, is_superuser
from innovations.rules import is_agency_member, leads_agency, reviews_region

rules.add_perm("compliance.import_assessments", is_superuser | is_region_manager)
rules.add_perm("compliance.view_assessments", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("compliance.view_finding", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("compliance.work_on_finding", is_superuser | is_agency_member | leads_agency)
rules.add_perm("compliance.complete_finding", is_superuser | leads_agency)
rules.add_perm("compliance.verify_finding", is_superuser | is_region_manager)

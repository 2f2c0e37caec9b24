"""Named permissions of compliance (django-rules). Object: an Agency (its quota) or a Region (the overview)."""

import rules

from agencies.rules import is_region_manager, is_superuser
from innovations.rules import is_agency_member, leads_agency, reviews_region

rules.add_perm("compliance.view_agency_quota", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("compliance.request_exemption", is_superuser | leads_agency)
rules.add_perm("compliance.view_quota_overview", is_superuser | is_region_manager)
rules.add_perm("compliance.change_quota_rule", is_superuser | is_region_manager)
rules.add_perm("compliance.decide_exemption", is_superuser | is_region_manager)
rules.add_perm("compliance.import_assessments", is_superuser | is_region_manager)
rules.add_perm("compliance.view_assessments", is_superuser | is_agency_member | leads_agency | reviews_region)
# Improvement notes: the object is the responsible agency (verify: its region). Staff of the agency work on an item
# (start, evidence, comments); its head (or a head above) marks it done; the mayor's office verifies.
rules.add_perm("compliance.view_finding", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("compliance.work_on_finding", is_superuser | is_agency_member | leads_agency)
rules.add_perm("compliance.complete_finding", is_superuser | leads_agency)
rules.add_perm("compliance.verify_finding", is_superuser | is_region_manager)
# Satisfaction surveys: the object is the unit (entering: its region, the mayor's office; or the unit's own people).
rules.add_perm("compliance.view_survey", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("compliance.record_survey", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("compliance.view_survey_overview", is_superuser | is_region_manager)

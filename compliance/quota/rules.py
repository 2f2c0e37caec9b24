"""Named permissions of the quota (django-rules). Object: an Agency (its quota) or a Region (the overview).

The names keep the `compliance.` prefix they had before the quota became a sub-app: views, templates and tests
use them, and they are not model permissions (no row in auth_permission)."""

import rules

from agencies.rules import is_region_manager, is_superuser
from innovations.rules import is_agency_member, leads_agency, reviews_region

rules.add_perm("compliance.view_agency_quota", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("compliance.request_exemption", is_superuser | leads_agency)
rules.add_perm("compliance.view_quota_overview", is_superuser | is_region_manager)
rules.add_perm("compliance.change_quota_rule", is_superuser | is_region_manager)
rules.add_perm("compliance.decide_exemption", is_superuser | is_region_manager)

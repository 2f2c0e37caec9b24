"""Named permissions of service standards (django-rules). The object is the service's unit (an Agency).

Staff and heads of the unit write services, drafts and the maklumat and run the consultation; the unit's head
(or a head above) decrees and publishes; the mayor's office reads everything in its region."""

import rules

from agencies.rules import is_superuser
from innovations.rules import is_agency_member, leads_agency, reviews_region

rules.add_perm("standards.view_service", is_superuser | is_agency_member | leads_agency | reviews_region)
rules.add_perm("standards.change_service", is_superuser | is_agency_member | leads_agency)
rules.add_perm("standards.decree_standard", is_superuser | leads_agency)

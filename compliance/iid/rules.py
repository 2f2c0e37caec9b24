"""Named permissions of the innovation index (django-rules); the same names in views, templates and tests.

Objects: a `Region` for the region's pages, answers (SPD), verification and the export; an `Innovation` (with its
agency loaded) for an innovation's answers (SID); an `Agency` for an agency's maturity page; None for the
catalogue, which is national.
"""

from typing import Any

import rules

from agencies.rules import is_region_admin, is_region_manager, is_superuser, region_id_of, role_in_region
from innovations.models import Innovation, State
from innovations.rules import is_agency_member, leads_agency, reviews_region


def _region_id(obj: Any) -> int | None:
    return obj.agency.region_id if isinstance(obj, Innovation) else region_id_of(obj)


#: Bappeda/BRIDA verifiers of the object's region.
verifies_region = role_in_region("verifies_region", ("verifier",), _region_id)


@rules.predicate
def is_accepted_innovation(user: Any, obj: Any) -> bool:
    """Only innovations the mayor's office accepted are reported to the index."""
    return isinstance(obj, Innovation) and obj.state == State.ACCEPTED


sees_region = is_superuser | is_region_manager | verifies_region

rules.add_perm("iid.view_region_index", sees_region)
rules.add_perm("iid.answer_region", is_superuser | is_region_manager)
rules.add_perm("iid.verify_answer", is_superuser | verifies_region)
rules.add_perm("iid.export_portal", sees_region)
rules.add_perm("iid.view_agency_index", sees_region | is_agency_member | leads_agency | reviews_region)
rules.add_perm("iid.view_innovation_answers", sees_region | is_agency_member | leads_agency)
rules.add_perm("iid.answer_innovation", (is_agency_member | leads_agency) & is_accepted_innovation)
rules.add_perm("iid.load_catalogue", is_superuser | is_region_admin)

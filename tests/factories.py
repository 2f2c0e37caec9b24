"""The factories' old address, kept while tests/compliance and tests/competition (moved on other branches)
still import from here. New code imports from tests/<app>/factories.py; delete this module once nothing does."""

from tests.agencies.factories import AgencyFactory, RegionFactory, UserFactory, agency_type, role, user_with_role

__all__ = ["AgencyFactory", "RegionFactory", "UserFactory", "agency_type", "role", "user_with_role"]

"""What every compliance sub-app shares: whose records a person may see, and the request parameters their pages
read the same way. It sits below the sub-apps (quota, ombudsman, skm, and the domains still to come)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from agencies import selectors as agency_selectors
from agencies.models import Agency, Region
from agencies.selectors import work_scope
from core.views import ScopedObjectMixin

PAGE_SIZE = 100


def agencies_in_scope(user: Any) -> QuerySet[Agency]:
    """The agencies whose compliance records a person may see: the region for the mayor's office, a head's units,
    staff's own agency."""
    scope = work_scope(user)
    return Agency.objects.all() if scope is None else Agency.objects.filter(scope)


class AgencyInScopeMixin(ScopedObjectMixin):
    """An agency whose compliance records the person may see, in `self.agency` (404 otherwise); `permission` on
    it (403)."""

    context_name = "agency"
    agency: Agency

    def get_scope(self, request: HttpRequest) -> QuerySet[Agency]:
        return agencies_in_scope(request.user).select_related("region")


def year_param(request: HttpRequest) -> int:
    """`?year=`, or this year when it is missing or implausible."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def managed_region(request: HttpRequest) -> Region:
    """The region (`?region=`, else the first) this person manages as the mayor's office; 403 when none."""
    regions = agency_selectors.regions_managed_by(request.user)
    wanted = request.GET.get("region", "")
    region = regions.filter(pk=int(wanted)).first() if wanted.isdigit() else regions.first()
    if region is None:
        raise PermissionDenied
    return region

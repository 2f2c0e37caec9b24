"""Writes of the innovations' earlier awards (regional and national KIPP), which the eligibility check reads: the
mayor's office of the innovation's region records and removes them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agencies.models import User
from agencies.selectors import managed_region_ids
from competition.models import Award, AwardLevel
from innovations.models import Innovation


def _check_manages(by: User, innovation: Innovation) -> None:
    ids = managed_region_ids(by)
    if ids is not None and innovation.agency.region_id not in ids:
        raise PermissionDenied(_("Only the mayor's office of the innovation's region may record its awards."))


def award_add(*, innovation: Innovation, year: int, level: str, title: str, by: User, note: str = "") -> Award:
    """Record an earlier award. Side effects: creates the award. The same award twice is refused by name."""
    _check_manages(by, innovation)
    if level not in AwardLevel.values:
        raise ValidationError({"level": _("Choose the regional competition or the national KIPP.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the award's title, e.g. Top 45.")})
    try:
        with transaction.atomic():
            return Award.objects.create(
                innovation=innovation, year=year, level=level, title=title.strip(), note=note.strip()
            )
    except IntegrityError:
        # award_unique_per_innovation: said in words, never by the constraint's name.
        raise ValidationError(
            _("%(innovation)s already has %(title)s %(year)d recorded.")
            % {"innovation": innovation.title, "title": title.strip(), "year": year}
        ) from None


def award_remove(*, award: Award, by: User) -> None:
    """Remove an award entered by mistake. Side effects: deletes it."""
    _check_manages(by, award.innovation)
    award.delete()

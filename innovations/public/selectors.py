"""Reads of the public catalogue: only what was chosen to be public, never a person's contact data."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.text import slugify

from innovations.catalogue.selectors import running_innovations, with_catalogue_figures
from innovations.models import Evidence, Innovation


def published(region_code: str) -> QuerySet[Innovation]:
    """Running innovations of the region that their agency publishes and the mayor's office has not taken off."""
    return running_innovations().filter(agency__region__code=region_code, publish=True, unpublished_at__isnull=True)


def public_list(region_code: str) -> QuerySet[Innovation]:
    return with_catalogue_figures(
        published(region_code)
        .select_related("agency", "bentuk", "jenis", "urusan")
        .prefetch_related("sdgs")
        .order_by("title", "pk")
    )


def public_detail(region_code: str) -> QuerySet[Innovation]:
    return (
        public_list(region_code)
        .select_related("tahapan", "inisiator")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.filter(is_public=True), to_attr="public_evidence")
        )
    )


def slug_of(innovation: Innovation) -> str:
    return slugify(innovation.title)[:80] or "inovasi"


def shown(innovation: Innovation, section: str) -> Any:
    """A part of the record, if its agency publishes it."""
    return getattr(innovation, section) if section in innovation.public_sections else None

"""Catalogue records built through the services, as the people would: a running original of Dinas Pendidikan,
replications of it, a region's sharing setting, a yearly round."""

from __future__ import annotations

import datetime
from typing import Any

from agencies.models import Agency, Region, User
from innovations.catalogue import running, services
from innovations.models import CatalogueSetting, Evidence, Innovation, Replication
from tests.innovations.factories import build_innovation


def running_original(agency: Agency, by: User, *, title: str = "Guru Kunjung Pulau", **fields: Any) -> Innovation:
    """An accepted, running innovation with two evidence files, the second marked public by its agency."""
    innovation = build_innovation(agency, by, "accepted", title=title, evidence=2, **fields)
    public = innovation.evidence.order_by("pk").last()
    Evidence.objects.filter(pk=public.pk).update(is_public=True)
    return innovation


def replicate(original: Innovation, agency: Agency, by: User, **fields: Any) -> Replication:
    values: dict[str, Any] = {
        "title": f"{original.title} ({agency.name})",
        "innovator_names": f"Tim {agency.name}",
        "adaptation": "Jadwal kunjungan disesuaikan dengan musim ombak.",
        "reason": "Sekolah kami di pulau kecil tanpa dermaga tetap.",
        "started_on": datetime.date(2025, 3, 1),
    }
    return services.replication_start(original=original, agency=agency, by=by, **(values | fields))


def open_catalogue(*regions: Region) -> None:
    for region in regions:
        CatalogueSetting.objects.update_or_create(region=region, defaults={"open_to_other_regions": True})


def round_of(region: Region, by: User, *, year: int = 2026, opens: str = "2026-01-05", due: str = "2026-01-31"):
    return running.round_open(
        region=region,
        year=year,
        opens_on=datetime.date.fromisoformat(opens),
        due_on=datetime.date.fromisoformat(due),
        by=by,
    )

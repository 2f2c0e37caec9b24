"""The catalogue in the demo city: a chain of two replications from an outside original, public evidence, offers
to replicate with an office contact, and a still-running check half answered. Idempotent, like the register's
demo (innovations.demo), which calls it once its innovations exist."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from agencies.models import Agency, Region
from innovations.catalogue import running, services
from innovations.catalogue.selectors import running_innovations
from innovations.models import Evidence, Innovation, Replication, RunningConfirmation, RunningRound

ROOT = "Posyandu Remaja Manise"
FIRST_HOP = "Negeri Peduli Stunting"
SECOND_HOP = "Kelurahan Peduli Stunting Rijali"
SECOND_HOP_AGENCY = "81.71.02.1011"
#: Invented, as the demo's records are: an outside original shows how lineage leaves the system.
OUTSIDE = ("Posyandu Remaja (Kabupaten Bantul)", "JIPPNas, Kabupaten Bantul, DI Yogyakarta")


def seed_catalogue(region: Region, by_title: dict[str, Innovation], people_of: Callable[[Agency], Any]) -> None:
    root, first = by_title.get(ROOT), by_title.get(FIRST_HOP)
    if root is None or first is None:
        return
    Innovation.objects.filter(pk=root.pk, replication_source_name="").update(
        replication_source_name=OUTSIDE[0], replication_source=OUTSIDE[1]
    )
    if not Replication.objects.filter(replica=first).exists():
        Replication.objects.create(
            replica=first,
            original=root,
            adaptation="Sasaran diperluas ke remaja putri di negeri adat; pertemuan di baileo, bukan di puskesmas.",
            reason="Angka stunting di negeri pesisir lebih tinggi dan remaja jarang datang ke puskesmas.",
            started_on=datetime.date(2025, 2, 3),
            created_by=people_of(first.agency).staff,
            confirmed_at=timezone.now(),
            confirmed_by=people_of(root.agency).head,
        )
    _second_hop(region, first, people_of)
    _public_choices(region)
    _still_running(region, people_of)


def _second_hop(region: Region, first: Innovation, people_of: Callable[[Agency], Any]) -> None:
    agency = Agency.objects.filter(region=region, code=SECOND_HOP_AGENCY).first()
    if agency is None or Innovation.objects.filter(title=SECOND_HOP).exists():
        return
    people = people_of(agency)
    replication = services.replication_start(
        original=first,
        agency=agency,
        by=people.staff,
        title=SECOND_HOP,
        innovator_names=f"Tim Kelurahan {agency.name}",
        adaptation="Kader PKK kelurahan menggantikan saniri negeri sebagai penggerak.",
        reason="Kelurahan tidak memiliki struktur adat; kader PKK sudah mengenal keluarga sasaran.",
        started_on=datetime.date(timezone.localdate().year, 1, 15),
    )
    from innovations import services as register

    register.innovation_submit(innovation=replication.replica, by=people.staff)


def _public_choices(region: Region) -> None:
    """Photos are public, decrees stay private; the first three running innovations welcome replication."""
    runs = running_innovations().filter(agency__region=region).select_related("agency").order_by("pk")
    Evidence.objects.filter(innovation__in=runs, kind=Evidence.Kind.PHOTO).update(is_public=True)
    for n, innovation in enumerate(runs[:3]):
        if not innovation.open_to_replication:
            Innovation.objects.filter(pk=innovation.pk).update(
                open_to_replication=True,
                replication_contact=f"Sekretariat {innovation.agency.name}, telepon kantor (0911) 352-{100 + n}",
            )


def _still_running(region: Region, people_of: Callable[[Agency], Any]) -> None:
    """This year's check opened ten days ago; half of the running innovations are answered."""
    today = timezone.localdate()
    check = RunningRound.objects.filter(region=region, year=today.year).first()
    if check is None:
        check = RunningRound.objects.create(
            region=region,
            year=today.year,
            opens_on=today - datetime.timedelta(days=10),
            due_on=today + datetime.timedelta(days=20),
        )
    if RunningConfirmation.objects.filter(round=check).exists():
        return
    runs = list(running_innovations().filter(agency__region=region).select_related("agency").order_by("pk"))
    for n, innovation in enumerate(runs[: len(runs) // 2]):
        changed = n == 1
        running.confirmation_record(
            round=check,
            innovation=innovation,
            by=people_of(innovation.agency).staff,
            answer="changed" if changed else "running",
            changes="Pendaftaran kini juga lewat WhatsApp." if changed else "",
        )

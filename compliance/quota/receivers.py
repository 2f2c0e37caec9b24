"""Recompute an agency's quota status right after one of its innovations changes state."""

from typing import Any

from django.dispatch import receiver

from core import outbox
from innovations.signals import innovation_state_changed


@receiver(innovation_state_changed, dispatch_uid="compliance.quota_after_innovation_change")
def queue_quota_check(*, agency_id: int, year: int, **kwargs: Any) -> None:
    # Sent inside the move's transaction: the check is written to the outbox with the change, or not at all.
    outbox.enqueue("compliance.sweep_agency_quota", agency_id=agency_id, year=year)

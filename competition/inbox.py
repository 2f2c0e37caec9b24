"""What the competition puts in people's work inbox (core.inbox): an evaluator's reviews still to submit, each
with the closing day of its stage. One query, whatever the number of reviews."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.selectors import active_roles
from competition.models import ReviewState
from competition.selectors.reviews import reviews_of_evaluator
from core.inbox import Item, Provider, register

TO_SCORE = gettext_lazy("Competition entries to score")


def _items(user: Any, today: datetime.date) -> list[Item]:
    if not any(r.role == "evaluator" for r in active_roles(user)):
        return []
    waiting = reviews_of_evaluator(user).filter(state__in=(ReviewState.DRAFT, ReviewState.REOPENED))
    return [
        Item(
            kind="competition-review",
            section=TO_SCORE,
            title=review.entry.innovation.title,
            url=reverse("competition:review", args=[review.entry_id, review.stage_id]),
            action=_("Score it"),
            since=review.assigned_at,
            due=review.stage.closes_on,
            context=f"{review.entry.agency.name} · {review.stage.round}",
            urgent=review.stage.closes_on < today,
        )
        for review in waiting
    ]


def register_inbox() -> None:
    register(Provider("competition", _items, order=30))

"""The record one walk through the innovation workflow leaves, read the same way by the service tests and the
browser test that drives the same walk through the pages."""

from innovations.models import Innovation, Transition

#: A DINKES innovation created and submitted by staf.dinkes, approved by kadinkes, returned by walikota,
#: resubmitted, approved again and accepted: its transition rows as (action, from, to, by).
RETURNED_ONCE_THEN_ACCEPTED = [
    ("create", "", "draft", "staf.dinkes"),
    ("submit", "draft", "submitted", "staf.dinkes"),
    ("approve", "submitted", "head_approved", "kadinkes"),
    ("return", "head_approved", "returned", "walikota"),
    ("submit", "returned", "submitted", "staf.dinkes"),
    ("approve", "submitted", "head_approved", "kadinkes"),
    ("accept", "head_approved", "accepted", "walikota"),
]


def transitions(innovation: Innovation) -> list[tuple[str, str, str, str]]:
    """The innovation's transition rows in order, as (action, from, to, by username)."""
    return list(
        Transition.objects.filter(innovation=innovation).values_list("action", "from_state", "to_state", "by__username")
    )

from typing import Any

from django.http import HttpRequest

from agencies.selectors import active_roles
from core.inbox import open_count
from core.notifications import unread_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the header shows: the user's role slugs (one query per request, shared with permission checks)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = {r.role for r in active_roles(user)}
    return {
        "nav_roles": roles,
        "nav_is_manager": user.is_superuser or bool(roles & {"reviewer", "admin"}),
        "nav_works_for_agency": bool(roles & {"staff", "head"}),
        "nav_sees_innovations": user.is_superuser or bool(roles & {"staff", "head", "reviewer", "admin"}),
        # Lazy: evaluated only where the header shows it (one COUNT per page).
        "nav_unread": lambda: unread_count(user),
        # Lazy too: cached per person under the data version (core.inbox), gathered only on a cache miss.
        "nav_inbox": lambda: open_count(user),
    }

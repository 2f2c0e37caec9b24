"""Named permissions of the plumbing (django-rules)."""

from typing import Any

import rules


@rules.predicate
def is_superuser(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


# The audit page names people, addresses and what they downloaded: the site's administrators only.
rules.add_perm("core.view_audit", is_superuser)

"""Named permissions of the plumbing (django-rules), and the predicate shapes every app's rules are made of."""

from collections.abc import Callable
from typing import Any, TypeVar

import rules
from django.db.models import Model

T = TypeVar("T")


@rules.predicate
def is_superuser(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def predicate_on(resolve: Callable[[Any], T | None]) -> Callable[[Callable[[Any, T], bool]], rules.Predicate]:
    """Decorates `check(user, thing)` into a predicate about what the object belongs to (an innovation's agency,
    an entry's round): `resolve(obj)` finds the thing, and where it finds none (another kind of object, or no
    object) the answer is no. The predicate keeps the check's name and docstring."""

    def decorate(check: Callable[[Any, T], bool]) -> rules.Predicate:
        def on(user: Any, obj: Any) -> bool:
            found = resolve(obj)
            return found is not None and check(user, found)

        on.__doc__ = check.__doc__
        return rules.predicate(on, name=check.__name__)

    return decorate


def state_in(model: type[Model], *states: str, field: str = "state") -> rules.Predicate:
    """The object is a `model` row in one of `states` (what may still change: a draft, a returned record)."""

    def check(user: Any, obj: Any) -> bool:
        return isinstance(obj, model) and getattr(obj, field) in states

    return rules.predicate(check, name=f"{model._meta.model_name}_{field}_in_{'_'.join(states)}")


# The audit page names people, addresses and what they downloaded: the site's administrators only.
rules.add_perm("core.view_audit", is_superuser)

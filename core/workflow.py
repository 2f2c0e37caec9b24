"""The one transition engine every workflow uses (innovations, improvement notes, quota exemptions, competition
entries and reviews).

A workflow is data: a map of moves (action, from which states, to which state, which named permission), kept
beside its model. `Workflow.move` does the rest the same way for all of them, in this order:

1. lock the row (`SELECT ... FOR UPDATE` of the row itself) and read its current state;
2. refuse a move that is not in the map from that state, by a person without the move's permission, or without
   a note where the move needs one;
3. run the workflow's guard (e.g. "every required field is filled in"), which may refuse with a ValidationError;
4. write the new state (and what the workflow's `apply` adds, e.g. a first-approval time);
5. append one transition row (who, when, from, to, note) through the workflow's `record`;
6. call the workflow's `after` hook inside the transaction: notifications are rows inserted here, their emails
   queued by `core.notifications.notify` with `transaction.on_commit`, so a rolled-back move sends nothing.

Refusals raise before anything is written; the caller's transaction rolls back whatever the hooks did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

M = TypeVar("M", bound=models.Model)

_NOTE_NEEDED = gettext_lazy("Write a note that explains this step.")
_REFUSED = gettext_lazy("This cannot be %(action)s while it is %(state)s.")
_NOT_YOURS = gettext_lazy("Your role does not allow this step.")


@dataclass(frozen=True)
class Move:
    """One allowed move: `action` from any of `sources` to `target`, for people with `permission` on the row."""

    action: str
    sources: tuple[str, ...]
    target: str
    permission: str | None = None
    note_required: bool = False
    #: Shown when a required note is missing (the workflow's own words: "say what to revise").
    note_message: str | Promise = _NOTE_NEEDED
    #: Shown to a person without `permission` when this move has its own words; the workflow's otherwise.
    denied: str | Promise | None = None


def noted_move(
    action: str,
    sources: tuple[str, ...],
    target: str,
    permission: str | None,
    *,
    why: str | Promise,
    denied: str | Promise | None = None,
) -> Move:
    """A move that needs a note (returning, rejecting, reopening), with the words that ask for it when missing."""
    return Move(action, sources, target, permission, note_required=True, note_message=why, denied=denied)


@dataclass(frozen=True)
class Done(Generic[M]):
    """What a move did: the row in its new state, the state it came from, and the transition row."""

    obj: M
    move: Move
    source: str
    record: models.Model | None


@dataclass
class Workflow(Generic[M]):
    """A model's map of moves and the hooks that make its moves its own."""

    model: type[M]
    moves: Iterable[Move]
    #: Appends the transition row: record(obj, move, source, by, note) -> row (or None where the workflow keeps
    #: its history elsewhere).
    record: Callable[[M, Move, str, Any, str], models.Model | None]
    state_field: str = "state"
    #: The refusal for a move not allowed from the current state: formatted with %(state)s and %(action)s.
    refused: str | Promise = _REFUSED
    #: Past-tense words of each action for the refusal ("submitted"); the action slug where missing.
    action_words: Mapping[str, str | Promise] = field(default_factory=dict)
    permission_denied: str | Promise = _NOT_YOURS
    #: Fields to select_related on the locked row (only forward relations; the lock covers the row alone).
    related: tuple[str, ...] = ()
    #: What a move's permission is checked on, where it is not the row itself (e.g. the responsible agency, or
    #: its region for the mayor's office): permission_object(obj, move) -> object.
    permission_object: Callable[[M, Move], Any] | None = None
    #: The refusal of a move not allowed from the current state, where one format string is not enough (the
    #: workflow's own sentence names the states as they are shown): refusal(obj, move) -> text.
    refusal: Callable[[M, Move], str] | None = None
    #: The moves by action, in the order given.
    map: dict[str, Move] = field(init=False)

    def __post_init__(self) -> None:
        self.map = {m.action: m for m in self.moves}

    def allowed(self, obj: M, user: Any) -> list[str]:
        """The actions this person may take on the row now (for the page's buttons), in the map's order."""
        state = getattr(obj, self.state_field)
        return [m.action for m in self.map.values() if state in m.sources and self._permitted(obj, m, user)]

    def can(self, obj: M, user: Any, action: str) -> bool:
        return action in self.allowed(obj, user)

    def check(self, obj: M, action: str, *, by: Any, note: str = "") -> Move:
        """Refuse a move that is not allowed now (ValidationError or PermissionDenied); return the move."""
        move = self.map.get(action)
        if move is None:
            raise ValidationError(_("Unknown step: %(action)s.") % {"action": action})
        state = getattr(obj, self.state_field)
        if state not in move.sources:
            if self.refusal is not None:
                raise ValidationError(self.refusal(obj, move))
            display = getattr(obj, f"get_{self.state_field}_display", lambda: state)()
            raise ValidationError(
                str(self.refused) % {"state": str(display).lower(), "action": self.action_words.get(action, action)}
            )
        if not self._permitted(obj, move, by):
            raise PermissionDenied(str(move.denied or self.permission_denied))
        if move.note_required and not note.strip():
            raise ValidationError({"note": str(move.note_message)})
        return move

    @transaction.atomic
    def move(
        self,
        obj: M,
        action: str,
        *,
        by: Any,
        note: str = "",
        guard: Callable[[M], None] | None = None,
        apply: Callable[[M, Move], Iterable[str]] | None = None,
        after: Callable[[Done[M]], None] | None = None,
    ) -> Done[M]:
        """Make one move (see the module's docstring for the order of side effects)."""
        locked = self._lock(obj)
        note = note.strip()
        move = self.check(locked, action, by=by, note=note)
        if guard is not None:
            guard(locked)
        source = getattr(locked, self.state_field)
        setattr(locked, self.state_field, move.target)
        fields = [self.state_field]
        if apply is not None:
            fields.extend(apply(locked, move))
        if any(f.name == "updated" for f in self.model._meta.concrete_fields):
            fields.append("updated")
        locked.save(update_fields=sorted(set(fields)))
        done = Done(obj=locked, move=move, source=source, record=self.record(locked, move, source, by, note))
        if after is not None:
            after(done)
        return done

    def _permitted(self, obj: M, move: Move, user: Any) -> bool:
        if move.permission is None:
            return True
        target = obj if self.permission_object is None else self.permission_object(obj, move)
        return bool(user.has_perm(move.permission, target))

    def _lock(self, obj: M) -> M:
        qs = self.model._default_manager.select_for_update(of=("self",))
        if self.related:
            qs = qs.select_related(*self.related)
        return qs.get(pk=obj.pk)

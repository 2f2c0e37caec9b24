"""Writes to the innovation register. One function per state change; every transition is recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, User
from core.notifications import notify
from core.workflow import Done, Move, Workflow, noted_move
from innovations import selectors
from innovations.models import Category, Evidence, Innovation, State, Transition
from innovations.signals import innovation_state_changed

#: The workflow: every allowed move. Anything else is refused by the engine.
WORKFLOW: Workflow[Innovation] = Workflow(
    model=Innovation,
    moves=(
        Move("submit", (State.DRAFT, State.RETURNED), State.SUBMITTED, "innovations.submit_innovation"),
        Move("approve", (State.SUBMITTED,), State.HEAD_APPROVED, "innovations.approve_innovation"),
        Move("accept", (State.HEAD_APPROVED,), State.ACCEPTED, "innovations.accept_innovation"),
        noted_move(
            "return",
            (State.SUBMITTED, State.HEAD_APPROVED),
            State.RETURNED,
            "innovations.return_innovation",
            why=gettext_lazy("Write a note that says what to revise."),
        ),
        Move(
            "withdraw",
            (State.DRAFT, State.SUBMITTED, State.HEAD_APPROVED, State.RETURNED),
            State.WITHDRAWN,
            "innovations.withdraw_innovation",
        ),
        noted_move(
            "reopen",
            (State.ACCEPTED,),
            State.RETURNED,
            "innovations.reopen_innovation",
            why=gettext_lazy("Write a note that says what to revise."),
        ),
        Move("redraft", (State.WITHDRAWN,), State.DRAFT, "innovations.redraft_innovation"),
    ),
    record=lambda innovation, move, source, by, note: Transition.objects.create(
        innovation=innovation, action=move.action, from_state=source, to_state=move.target, by=by, note=note
    ),
    refused=gettext_lazy("An innovation that is %(state)s cannot be %(action)s."),
    action_words={
        "submit": gettext_lazy("submitted"),
        "approve": gettext_lazy("approved"),
        "accept": gettext_lazy("accepted"),
        "return": gettext_lazy("returned"),
        "withdraw": gettext_lazy("withdrawn"),
        "reopen": gettext_lazy("reopened"),
        "redraft": gettext_lazy("made a draft again"),
    },
    permission_denied=gettext_lazy("Your role does not allow this step for this agency's innovation."),
    related=("agency",),
)
#: Fields the agency fills in, by section of its form; the form and the copy into a next year use the same lists.
CONTENT_SECTIONS: dict[str, tuple[str, ...]] = {
    "identity": (
        "title",
        "innovator_kind",
        "innovator_names",
        "innovator_decree",
        "innovator_decree_date",
        "contact_name",
        "contact_phone",
        "contact_email",
    ),
    "classification": ("bentuk", "jenis", "tahapan", "inisiator", "urusan", "sdgs"),
    "dates": ("trial_date", "launch_date"),
    "narrative": ("summary", "problem", "novelty", "design", "aims", "benefits", "results"),
    "sustainability": ("resources", "sustainability", "replicability", "beneficiaries", "video_url"),
    "replication": ("replication_of", "replication_source_name", "replication_source"),
}
#: The plain fields among them; the SDGs (many-to-many) are set and copied on their own.
CONTENT_FIELDS = tuple(name for fields in CONTENT_SECTIONS.values() for name in fields if name != "sdgs")
#: Guidance shown while typing, enforced when saving: (minimum words to submit, maximum words).
WORD_LIMITS: dict[str, tuple[int, int]] = {
    "summary": (0, 200),
    "problem": (0, 300),
    "novelty": (0, 200),
    "design": (300, 1500),
    "aims": (0, 200),
    "benefits": (0, 300),
    "results": (0, 600),
    "resources": (0, 200),
    "sustainability": (0, 500),
    "replicability": (0, 300),
}
REQUIRED_TO_SUBMIT = (
    "title",
    "innovator_names",
    "bentuk",
    "jenis",
    "tahapan",
    "inisiator",
    "urusan",
    "summary",
    "problem",
    "design",
    "benefits",
)


def word_count(text: str) -> int:
    return len(text.split())


def _check_dates(data: dict[str, Any]) -> None:
    trial, launch = data.get("trial_date"), data.get("launch_date")
    if trial and launch and launch < trial:
        raise ValidationError({"launch_date": _("The launch cannot be before the trial started.")})


def _check_replication(innovation: Innovation) -> None:
    original = innovation.replication_of
    if original is None:
        return
    if innovation.pk and original.pk == innovation.pk:
        raise ValidationError({"replication_of": _("An innovation cannot replicate itself.")})
    if original.agency_id == innovation.agency_id:
        raise ValidationError({"replication_of": _("A replication is of another agency's innovation.")})


@transaction.atomic
def innovation_create(
    *, agency: Agency, year: int, by: User, sdgs: Iterable[Category] = (), **fields: Any
) -> Innovation:
    """Register a new innovation as a draft of `agency` for `year`.

    Side effects, in order: checks that `by` works for the agency, inserts the row, sets its SDGs, records the
    `create` transition (none → draft).
    """
    if not by.has_perm("innovations.add_innovation", agency):
        raise PermissionDenied(_("You do not work for this agency."))
    _check_dates(fields)
    innovation = Innovation(agency=agency, year=year, created_by=by, state=State.DRAFT, **fields)
    _check_replication(innovation)
    innovation.full_clean(exclude=["search"])
    innovation.save()
    innovation.sdgs.set(sdgs)
    Transition.objects.create(innovation=innovation, action="create", from_state="", to_state=State.DRAFT, by=by)
    return innovation


@transaction.atomic
def innovation_update(
    *, innovation: Innovation, by: User, sdgs: Iterable[Category] | None = None, **fields: Any
) -> Innovation:
    """Change the content of a draft or returned innovation. Accepted ones must be reopened first.

    A save that changes nothing (the form sent back as it was) writes nothing: the time of the last change stays,
    and the data version that cached pages are keyed by does not move."""
    innovation = Innovation.objects.select_for_update().select_related("agency").get(pk=innovation.pk)
    if not by.has_perm("innovations.change_innovation", innovation):
        if not innovation.is_editable:
            raise ValidationError(
                _("This innovation is %(state)s and cannot be edited now.")
                % {"state": innovation.get_state_display().lower()}
            )
        raise PermissionDenied(_("You do not work for this agency."))
    changed = False
    for name, value in fields.items():
        if name not in CONTENT_FIELDS:
            raise ValueError(f"innovation_update cannot change {name}")
        # The column's value (`bentuk_id` for a category): comparing costs no query.
        new = value.pk if isinstance(value, Model) else value
        changed = changed or innovation.serializable_value(name) != new
        setattr(innovation, name, value)
    _check_dates(fields)
    _check_replication(innovation)
    innovation.full_clean(exclude=["search"])
    if sdgs is not None:
        sdgs = list(sdgs)
        changed = changed or {category.pk for category in sdgs} != set(innovation.sdgs.values_list("pk", flat=True))
    if not changed:
        return innovation
    innovation.save()
    if sdgs is not None:
        innovation.sdgs.set(sdgs)
    return innovation


def missing_for_submission(innovation: Innovation) -> list[str]:
    """What still has to be filled in before the agency can submit, as messages."""
    missing = []
    for name in REQUIRED_TO_SUBMIT:
        # The column (`bentuk_id`), not the related row: a filled choice costs no query.
        if not innovation.serializable_value(name):
            label = getattr(Innovation._meta.get_field(name), "verbose_name", name)
            missing.append(_("Fill in: %(field)s.") % {"field": label})
    tahapan = innovation.tahapan.slug if innovation.tahapan else ""
    if tahapan in ("uji-coba", "penerapan") and not innovation.trial_date:
        missing.append(_("Fill in the date the trial started."))
    if tahapan == "penerapan" and not innovation.launch_date:
        missing.append(_("Fill in the launch date: the stage is implementation."))
    minimum = WORD_LIMITS["design"][0]
    if innovation.design and word_count(innovation.design) < minimum:
        missing.append(
            _("Describe how it works in at least %(min)d words (now %(count)d).")
            % {"min": minimum, "count": word_count(innovation.design)}
        )
    return missing


def _next_people(innovation: Innovation, target: str) -> tuple[Iterable[User], str]:
    agency = innovation.agency
    if target == State.SUBMITTED:
        return selectors.heads_of(agency.path, agency.pk), _("%(agency)s submitted an innovation for your approval")
    if target == State.HEAD_APPROVED:
        return selectors.reviewers_of(agency.region_id), _("%(agency)s sent an innovation for review")
    if target == State.ACCEPTED:
        return selectors.members_of(agency.pk), _("Your innovation was accepted")
    if target == State.RETURNED:
        return selectors.members_of(agency.pk), _("Your innovation was returned for revision")
    return (), ""


@transaction.atomic
def _guard_submit(innovation: Innovation) -> None:
    missing = missing_for_submission(innovation)
    if missing:
        raise ValidationError(missing)


def _first_approval(innovation: Innovation, move: Move) -> list[str]:
    if move.target == State.HEAD_APPROVED and innovation.first_approved_at is None:
        innovation.first_approved_at = timezone.now()
        return ["first_approved_at"]
    return []


def _after_move(done: Done[Innovation]) -> None:
    innovation, by = done.obj, done.record.by if done.record is not None else None  # type: ignore[attr-defined]
    # Inside the transaction: receivers write their follow-up work to the outbox with the move, or not at all.
    innovation_state_changed.send(
        sender=Innovation, innovation_id=innovation.pk, agency_id=innovation.agency_id, year=innovation.year
    )
    people, title = _next_people(innovation, done.move.target)
    if title and done.record is not None:
        note = done.record.note  # type: ignore[attr-defined]
        body = f"{innovation.title} ({innovation.agency.name}, {innovation.year})"
        if note:
            body += f"\n\n{_('Note')}: {note}"
        notify(
            users=[p for p in people if by is None or p.pk != by.pk],
            kind=f"innovation.{done.move.target}",
            key=f"innovation-transition:{done.record.pk}",
            title=title % {"agency": innovation.agency.name},
            body=body,
            url=reverse("innovations:detail", args=[innovation.pk]),
        )


def _transition(*, innovation: Innovation, action: str, by: User, note: str = "") -> Innovation:
    """Move an innovation along the workflow (`WORKFLOW`, through the engine in core.workflow).

    Side effects, in order: locks the row; refuses a move not in the map from the current state, a person
    without the named permission, a missing note, or (for submit) an incomplete record; writes the new
    state (and the first approval time); appends a Transition (who, when, from, to, note); after commit, tells
    the quota and notifies the next actor in the app and by email.
    """
    done = WORKFLOW.move(
        innovation,
        action,
        by=by,
        note=note,
        guard=_guard_submit if action == "submit" else None,
        apply=_first_approval,
        after=_after_move,
    )
    return done.obj


def innovation_submit(*, innovation: Innovation, by: User, note: str = "") -> Innovation:
    return _transition(innovation=innovation, action="submit", by=by, note=note)


def innovation_approve(*, innovation: Innovation, by: User, note: str = "") -> Innovation:
    return _transition(innovation=innovation, action="approve", by=by, note=note)


def innovation_accept(*, innovation: Innovation, by: User, note: str = "") -> Innovation:
    return _transition(innovation=innovation, action="accept", by=by, note=note)


def innovation_return(*, innovation: Innovation, by: User, note: str) -> Innovation:
    return _transition(innovation=innovation, action="return", by=by, note=note)


def innovation_withdraw(*, innovation: Innovation, by: User, note: str = "") -> Innovation:
    return _transition(innovation=innovation, action="withdraw", by=by, note=note)


def innovation_reopen(*, innovation: Innovation, by: User, note: str) -> Innovation:
    return _transition(innovation=innovation, action="reopen", by=by, note=note)


def innovation_redraft(*, innovation: Innovation, by: User, note: str = "") -> Innovation:
    return _transition(innovation=innovation, action="redraft", by=by, note=note)


TRANSITION_SERVICES: dict[str, Callable[..., Innovation]] = {
    "submit": innovation_submit,
    "approve": innovation_approve,
    "accept": innovation_accept,
    "return": innovation_return,
    "withdraw": innovation_withdraw,
    "reopen": innovation_reopen,
    "redraft": innovation_redraft,
}


@transaction.atomic
def evidence_add(*, innovation: Innovation, by: User, name: str, data: bytes, kind: str, caption: str) -> Evidence:
    """Attach a file after checking its content. Only while the record may be edited."""
    if not by.has_perm("innovations.change_innovation", innovation):
        raise PermissionDenied(_("Evidence can only be added while the innovation is a draft or returned."))
    evidence = Evidence(innovation=innovation, kind=kind, caption=caption, uploaded_by=by)
    evidence.take(name=name, data=data, max_bytes=settings.EVIDENCE_MAX_BYTES)
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: User) -> None:
    if not by.has_perm("innovations.change_innovation", evidence.innovation):
        raise PermissionDenied(_("Evidence can only be removed while the innovation is a draft or returned."))
    stored = evidence.file.name or ""
    storage = evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def innovation_continue(*, innovation: Innovation, by: User) -> Innovation:
    """Carry an accepted, running innovation into the next year as a draft that keeps its history.

    Side effects, in order: refuses if it already continues or has stopped; copies the content (not the
    evidence, which each year shows anew) into year + 1 with `continued_from`; records the transition.
    """
    innovation = Innovation.objects.select_for_update(of=("self",)).select_related("agency").get(pk=innovation.pk)
    if not by.has_perm("innovations.continue_innovation", innovation):
        raise PermissionDenied(_("Only an accepted innovation of your agency can be continued."))
    if innovation.running == Innovation.Running.STOPPED:
        raise ValidationError(_("This innovation has stopped; it cannot be continued."))
    if innovation.continuations.exists():
        raise ValidationError(_("This innovation is already continued in %(year)d.") % {"year": innovation.year + 1})
    copy = Innovation(
        agency=innovation.agency,
        year=innovation.year + 1,
        created_by=by,
        continued_from=innovation,
        **{name: getattr(innovation, name) for name in CONTENT_FIELDS},
    )
    copy.save()
    copy.sdgs.set(innovation.sdgs.all())
    Transition.objects.create(
        innovation=copy,
        action="continue",
        from_state="",
        to_state=State.DRAFT,
        by=by,
        note=_("Continued from %(year)d") % {"year": innovation.year},
    )
    return copy


@transaction.atomic
def innovation_stop(*, innovation: Innovation, by: User, reason: str) -> Innovation:
    """Record that an innovation is no longer running, with the reason (kept for the yearly attestation)."""
    innovation = Innovation.objects.select_for_update(of=("self",)).select_related("agency").get(pk=innovation.pk)
    if not by.has_perm("innovations.stop_innovation", innovation):
        raise PermissionDenied(_("Only an accepted innovation of your agency can be marked as stopped."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it stopped.")})
    innovation.running = Innovation.Running.STOPPED
    innovation.stopped_reason = reason.strip()
    innovation.stopped_on = timezone.localdate()
    innovation.save(update_fields=["running", "stopped_reason", "stopped_on", "updated"])
    Transition.objects.create(
        innovation=innovation,
        action="stop",
        from_state=innovation.state,
        to_state=innovation.state,
        by=by,
        note=reason.strip(),
    )
    return innovation

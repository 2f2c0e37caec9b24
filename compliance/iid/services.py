"""Every write of the innovation index: answering an indicator (with its evidence), verifying or sending back an
answer (on core.workflow), and loading a year's catalogue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Region
from compliance.iid.models import Answer, AnswerFile, AnswerState, AnswerTransition, Aspect, Indicator
from core import datacache
from core.notifications import notify
from core.workflow import Done, Move, Workflow, noted_move
from innovations.models import Innovation
from innovations.selectors import members_of


def _record(answer: Answer, move: Move, source: str, by: Any, note: str) -> AnswerTransition:
    return AnswerTransition.objects.create(
        answer=answer, action=move.action, from_state=source, to_state=move.target, by=by, note=note
    )


def _permission_object(answer: Answer, move: Move) -> Region | Innovation:
    return answer.innovation if answer.innovation is not None else answer.region


WORKFLOW: Workflow[Answer] = Workflow(
    model=Answer,
    moves=[
        # Any change of an answer sends it back to the verifier, even a verified one: the evidence changed.
        Move("answer", (AnswerState.SUBMITTED, AnswerState.RETURNED, AnswerState.ACCEPTED), AnswerState.SUBMITTED),
        Move("accept", (AnswerState.SUBMITTED,), AnswerState.ACCEPTED, "iid.verify_answer"),
        noted_move(
            "return",
            (AnswerState.SUBMITTED, AnswerState.ACCEPTED),
            AnswerState.RETURNED,
            "iid.verify_answer",
            why=gettext_lazy("Say what is wrong with the answer or its evidence."),
        ),
    ],
    record=_record,
    related=("indicator", "region", "innovation__agency"),
    permission_object=_permission_object,
    action_words={"accept": gettext_lazy("verified"), "return": gettext_lazy("sent back")},
)


def _check_subject(*, indicator: Indicator, region: Region, innovation: Innovation | None, by: Any) -> None:
    if innovation is None:
        if indicator.aspect != Aspect.SPD:
            raise ValidationError(_("Indicator %(number)d is answered per innovation.") % {"number": indicator.number})
        if not by.has_perm("iid.answer_region", region):
            raise PermissionDenied
        return
    if indicator.aspect != Aspect.SID:
        raise ValidationError(_("Indicator %(number)d is answered for the region.") % {"number": indicator.number})
    if innovation.year != indicator.catalogue.year:
        raise ValidationError(_("This innovation is registered for another year than the catalogue."))
    if not by.has_perm("iid.answer_innovation", innovation):
        raise PermissionDenied


@transaction.atomic
def answer_save(
    *,
    indicator: Indicator,
    region: Region,
    innovation: Innovation | None,
    parameter: int,
    by: Any,
    evidence_url: str = "",
    file_name: str = "",
    file_data: bytes | None = None,
    suggested: int | None = None,
    explanation: str = "",
    override_reason: str = "",
) -> Answer:
    """Answer one indicator for the region (innovation None) or an innovation, with its evidence.

    Side effects, in order: checks the file by its content (ValidationError, nothing written); creates or updates
    the answer, waiting for verification again; replaces its evidence file when one is given; appends a
    transition row ("answer"); bumps the data version so the index is computed again.
    A parameter other than the system's suggestion needs a reason.
    """
    _check_subject(indicator=indicator, region=region, innovation=innovation, by=by)
    if parameter not in (1, 2, 3):
        raise ValidationError({"parameter": _("Choose parameter 1, 2 or 3.")})
    override_reason = override_reason.strip()
    if suggested is not None and parameter != suggested and not override_reason:
        raise ValidationError(
            {
                "override_reason": _("The system suggests parameter %(suggested)d: say why you chose another.")
                % {"suggested": suggested}
            }
        )
    upload = None
    if file_data is not None:
        upload = AnswerFile(uploaded_by=by)
        upload.take(name=file_name, data=file_data, max_bytes=settings.EVIDENCE_MAX_BYTES)
    answer, created = Answer.objects.select_for_update().get_or_create(
        indicator=indicator,
        region=region,
        innovation=innovation,
        defaults={"parameter": parameter, "answered_by": by},
    )
    answer.parameter = parameter
    answer.evidence_url = evidence_url.strip()
    answer.suggested = suggested
    answer.explanation = explanation if suggested is not None and parameter == suggested else ""
    answer.override_reason = override_reason if suggested is not None and parameter != suggested else ""
    answer.answered_by = by
    answer.updated = timezone.now()
    answer.save()
    if upload is not None:
        AnswerFile.objects.filter(answer=answer).delete()
        upload.answer = answer
        upload.save()
    if created:
        AnswerTransition.objects.create(answer=answer, action="answer", from_state="", to_state=answer.state, by=by)
    else:
        WORKFLOW.move(answer, "answer", by=by)
    datacache.bump()
    return Answer.objects.select_related("indicator", "file").get(pk=answer.pk)


def _require_evidence(answer: Answer) -> None:
    if not Answer.objects.select_related("file").get(pk=answer.pk).has_evidence:
        raise ValidationError(_("An answer without evidence (a file or a link) cannot be verified."))


def answer_accept(*, answer: Answer, by: Any) -> Answer:
    """Verify an answer. Side effects: the move (state, transition row); bumps the data version."""
    done = WORKFLOW.move(answer, "accept", by=by, guard=_require_evidence)
    datacache.bump()
    return done.obj


def _tell_answerer(done: Done[Answer]) -> None:
    answer = done.obj
    if answer.innovation is not None:
        people = list(members_of(answer.innovation.agency_id))
        url = reverse("compliance:iid-innovation", args=[answer.innovation_id])
    else:
        people = []
        url = reverse("compliance:iid-region-answers", args=[answer.region_id, answer.indicator.catalogue.year])
    if answer.answered_by is not None:
        people.append(answer.answered_by)
    notify(
        users=people,
        kind="iid.answer_returned",
        key=f"iid.answer_returned:{answer.pk}:{done.record.pk if done.record else ''}",
        title=_("Innovation index: indicator %(number)d sent back") % {"number": answer.indicator.number},
        body=done.record.note if isinstance(done.record, AnswerTransition) else "",
        url=url,
    )


def answer_return(*, answer: Answer, by: Any, note: str) -> Answer:
    """Send an answer back with a note. Side effects: the move (state, transition row with the note); a
    notification to the agency's people and the person who answered; bumps the data version."""
    done = WORKFLOW.move(answer, "return", by=by, note=note, after=_tell_answerer)
    datacache.bump()
    return done.obj

"""Writes of the catalogue: replicating an innovation and confirming it, what an agency publishes, the mayor's
office taking a record off the public catalogue, and the region's sharing setting."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, Region, User
from core.notifications import notify
from innovations import selectors, services
from innovations.catalogue.selectors import catalogue_visible_to
from innovations.models import (
    PUBLIC_SECTIONS,
    CatalogueSetting,
    Category,
    Evidence,
    Innovation,
    Replication,
    ReplicationAgreement,
    Transition,
)

#: What a replication takes over from its original as a starting point; the agency then adapts it. Never the
#: original's people (innovator, decree, contact) or dates: those are the replicating unit's own.
COPIED_FIELDS = (
    "bentuk",
    "jenis",
    "inisiator",
    "urusan",
    "summary",
    "problem",
    "novelty",
    "design",
    "aims",
    "benefits",
    "resources",
    "sustainability",
    "replicability",
)


@transaction.atomic
def replication_start(
    *,
    original: Innovation,
    agency: Agency,
    by: User,
    title: str,
    innovator_names: str,
    adaptation: str,
    reason: str,
    started_on: datetime.date,
    agreement: tuple[str, bytes] | None = None,
) -> Replication:
    """Start replicating `original` in `agency`: a draft of the agency linked to it, and the replication record.

    Side effects, in order: refuses an original the person cannot find in the catalogue, one of their own agency,
    or an agency they do not work for; creates the draft (content copied from the original, stage "uji coba"
    from `started_on`, the create transition); writes the record and the agreement file (checked by content);
    notifies the original's head once.
    """
    if not catalogue_visible_to(by).filter(pk=original.pk).exists():
        raise PermissionDenied(_("This innovation is not in your catalogue."))
    if not by.has_perm("innovations.replicate_innovation", original):
        raise PermissionDenied(_("Only staff of another agency can replicate this innovation."))
    if agency.pk == original.agency_id:
        raise ValidationError({"agency": _("A replication is of another agency's innovation.")})
    if not adaptation.strip() or not reason.strip():
        raise ValidationError(_("Say what was adapted and why."))
    replica = services.innovation_create(
        agency=agency,
        year=started_on.year,
        by=by,
        sdgs=original.sdgs.all(),
        title=title.strip(),
        innovator_names=innovator_names.strip(),
        tahapan=Category.objects.get(kind="tahapan", slug="uji-coba"),
        trial_date=started_on,
        replication_of=original,
        **{name: getattr(original, name) for name in COPIED_FIELDS},
    )
    replication = Replication.objects.create(
        replica=replica,
        original=original,
        adaptation=adaptation.strip(),
        reason=reason.strip(),
        started_on=started_on,
        created_by=by,
    )
    if agreement is not None:
        name, data = agreement
        file = ReplicationAgreement(replication=replication, uploaded_by=by)
        file.take(name=name, data=data, max_bytes=settings.EVIDENCE_MAX_BYTES)
        file.save()
    notify(
        users=selectors.heads_of(original.agency.path, original.agency_id),
        kind="innovation.replicated",
        key=f"replication:{replication.pk}",
        title=_("%(agency)s is replicating your innovation") % {"agency": agency.name},
        body=f"{original.title} → {replica.title}\n\n{_('What was adapted')}: {replication.adaptation}",
        url=reverse("catalogue:detail", args=[original.pk]),
    )
    return replication


@transaction.atomic
def replication_confirm(*, replication: Replication, by: User) -> Replication:
    """The originating unit's head confirms the replication. Side effects: the confirmation (once: a second
    confirmation changes nothing), a note to the replicating agency's members."""
    replication = (
        Replication.objects.select_for_update()
        .select_related("original__agency", "replica__agency")
        .get(pk=replication.pk)
    )
    if not by.has_perm("innovations.confirm_replication", replication.original):
        raise PermissionDenied(_("Only the head of the originating unit can confirm a replication."))
    if replication.confirmed_at is not None:
        return replication
    replication.confirmed_at, replication.confirmed_by = timezone.now(), by
    replication.save(update_fields=["confirmed_at", "confirmed_by"])
    replica = replication.replica
    notify(
        users=selectors.members_of(replica.agency_id),
        kind="innovation.replication_confirmed",
        key=f"replication-confirmed:{replication.pk}",
        title=_("%(agency)s confirmed your replication") % {"agency": replication.original.agency.name},
        body=replica.title,
        url=reverse("innovations:detail", args=[replica.pk]),
    )
    return replication


@transaction.atomic
def publication_set(
    *,
    innovation: Innovation,
    by: User,
    publish: bool,
    public_sections: Iterable[str],
    open_to_replication: bool,
    replication_contact: str,
    public_evidence: Iterable[int],
) -> Innovation:
    """What the agency shows: on the public catalogue or not, which parts, which evidence; and whether it welcomes
    replication, with an official contact (required then). Side effects: the record's fields, each evidence's flag."""
    innovation = Innovation.objects.select_for_update(of=("self",)).select_related("agency").get(pk=innovation.pk)
    if not by.has_perm("innovations.publish_innovation", innovation):
        raise PermissionDenied(_("You do not work for this agency."))
    known = {slug for slug, _label in PUBLIC_SECTIONS}
    sections = [slug for slug, _label in PUBLIC_SECTIONS if slug in set(public_sections) & known]
    contact = replication_contact.strip()
    if open_to_replication and not contact:
        raise ValidationError(
            {"replication_contact": _("Give an official contact for agencies that want to replicate.")}
        )
    innovation.publish, innovation.public_sections = publish, sections
    innovation.open_to_replication, innovation.replication_contact = open_to_replication, contact
    innovation.save(
        update_fields=["publish", "public_sections", "open_to_replication", "replication_contact", "updated"]
    )
    chosen = set(public_evidence)
    for evidence in innovation.evidence.all():
        if evidence.is_public != (evidence.pk in chosen):
            Evidence.objects.filter(pk=evidence.pk).update(is_public=evidence.pk in chosen)
    return innovation


@transaction.atomic
def innovation_unpublish(*, innovation: Innovation, by: User, reason: str) -> Innovation:
    """The mayor's office takes an innovation off the public catalogue. Side effects: the time and reason on the
    record, a transition row "unpublish" with the reason (its history)."""
    innovation = Innovation.objects.select_for_update(of=("self",)).select_related("agency").get(pk=innovation.pk)
    if not by.has_perm("innovations.unpublish_innovation", innovation):
        raise PermissionDenied(_("Only the mayor's office can take an innovation off the public catalogue."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it comes off the public catalogue.")})
    innovation.unpublished_at, innovation.unpublished_reason = timezone.now(), reason.strip()
    innovation.save(update_fields=["unpublished_at", "unpublished_reason", "updated"])
    _history(innovation, "unpublish", by, reason.strip())
    return innovation


@transaction.atomic
def innovation_republish(*, innovation: Innovation, by: User) -> Innovation:
    innovation = Innovation.objects.select_for_update(of=("self",)).select_related("agency").get(pk=innovation.pk)
    if not by.has_perm("innovations.unpublish_innovation", innovation):
        raise PermissionDenied(_("Only the mayor's office can take an innovation off the public catalogue."))
    innovation.unpublished_at, innovation.unpublished_reason = None, ""
    innovation.save(update_fields=["unpublished_at", "unpublished_reason", "updated"])
    _history(innovation, "republish", by, "")
    return innovation


def _history(innovation: Innovation, action: str, by: User, note: str) -> None:
    # Publishing does not change the state: the row records who did it, when, and why, beside the workflow's.
    Transition.objects.create(
        innovation=innovation, action=action, from_state=innovation.state, to_state=innovation.state, by=by, note=note
    )


@transaction.atomic
def catalogue_setting_set(*, region: Region, by: User, open_to_other_regions: bool) -> CatalogueSetting:
    if not by.has_perm("innovations.manage_catalogue", region):
        raise PermissionDenied(_("Only the mayor's office of this region can change its catalogue."))
    setting, _created = CatalogueSetting.objects.update_or_create(
        region=region, defaults={"open_to_other_regions": open_to_other_regions, "updated_by": by}
    )
    return setting

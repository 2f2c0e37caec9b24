"""Services of each unit and their standards (PermenPAN-RB 15/2014): the components of each regulation version
(data), every version of a service's standard with its consultation comments, decree and transitions, the unit's
Maklumat Pelayanan, and the innovations that changed a service."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency
from core.models import CreatedBy, NamedInTwoLanguages, StoredUpload, TransitionRow, UploadPath, transition_states
from innovations.models import Innovation


class Regulation(models.Model):
    """A version of the rules for service standards (PermenPAN-RB 15/2014 now): the components it asks for."""

    slug = models.SlugField(_("identifier"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    #: How long a published standard stands before its periodic review ("evaluate periodically"): data.
    review_months = models.PositiveSmallIntegerField(_("review after (months)"), default=12)

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("standard regulation")
        verbose_name_plural = _("standard regulations")
        constraints = [models.CheckConstraint(name="regulation_review_positive", condition=Q(review_months__gt=0))]

    def __str__(self) -> str:
        return self.name


class Group(models.TextChoices):
    DELIVERY = "delivery", pgettext_lazy("component group", "Service delivery")
    MANAGEMENT = "management", pgettext_lazy("component group", "Service management")


class Kind(models.TextChoices):
    """How a component's value is structured (and entered)."""

    TEXT = "text", _("text")
    LIST = "list", _("list")
    STEPS = "steps", _("ordered steps")
    DURATION = "duration", _("time limit")
    FEE = "fee", _("fee")
    CHANNELS = "channels", _("channels with contact")


class Component(NamedInTwoLanguages, models.Model):
    """One component of a regulation's standard, with its label in both languages and what it is."""

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="components")
    slug = models.SlugField(_("identifier"), max_length=40)
    position = models.PositiveSmallIntegerField(_("number"))
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    help = models.CharField(_("guidance"), max_length=300, blank=True)

    class Meta:
        ordering = ["regulation", "position"]
        verbose_name = _("standard component")
        verbose_name_plural = _("standard components")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "slug"], name="component_slug_unique_per_regulation"),
            models.UniqueConstraint(fields=["regulation", "position"], name="component_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class Service(models.Model):
    """A product of a unit's service (produk layanan), named by a slug that stays when the name changes."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="services", verbose_name=_("unit"))
    slug = models.SlugField(_("short name in the address"), max_length=80)
    name = models.CharField(_("service"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("offered"), default=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agency__name", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [models.UniqueConstraint(fields=["agency", "slug"], name="service_slug_unique_per_unit")]

    def __str__(self) -> str:
        return self.name


class State(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("standard", "Draft")
    CONSULTATION = "consultation", pgettext_lazy("standard", "Public consultation")
    DECREED = "decreed", pgettext_lazy("standard", "Decreed")
    PUBLISHED = "published", pgettext_lazy("standard", "Published")
    REVIEW_DUE = "review_due", pgettext_lazy("standard", "Due for review")
    SUPERSEDED = "superseded", pgettext_lazy("standard", "Replaced by a newer version")


#: Versions being prepared: a service has at most one at a time.
OPEN_STATES = (State.DRAFT, State.CONSULTATION, State.DECREED)
#: Versions in force (shown to the public).
IN_FORCE = (State.PUBLISHED, State.REVIEW_DUE)


class Standard(CreatedBy):
    """One version of a service's standard. Versions are never edited once past draft and never deleted: a
    revision is a new version, and publishing it retires the one before."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="standards")
    version = models.PositiveSmallIntegerField(_("version"))
    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, related_name="standards")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    #: {component slug: value}; the value's shape follows the component's kind (compliance.standards.domain).
    components = models.JSONField(default=dict, blank=True)
    consultation_from = models.DateField(_("consultation from"), null=True, blank=True)
    consultation_until = models.DateField(_("consultation until"), null=True, blank=True)
    sk_number = models.CharField(_("decree (SK) number"), max_length=120, blank=True)
    sk_date = models.DateField(_("decree date"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    review_due_on = models.DateField(_("review due on"), null=True, blank=True)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["service", "-version"]
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")
        constraints = [
            models.UniqueConstraint(fields=["service", "version"], name="standard_version_unique"),
            models.UniqueConstraint(
                fields=["service"], condition=Q(state__in=OPEN_STATES), name="standard_one_open_version"
            ),
            models.UniqueConstraint(fields=["service"], condition=Q(state__in=IN_FORCE), name="standard_one_in_force"),
            models.CheckConstraint(
                name="standard_consultation_dates_ordered",
                condition=Q(consultation_until__isnull=True)
                | Q(consultation_from__isnull=True)
                | Q(consultation_until__gte=models.F("consultation_from")),
            ),
        ]
        indexes = [models.Index(fields=["state", "review_due_on"], name="standard_state_review_idx")]

    def __str__(self) -> str:
        return f"{self.service} v{self.version}"


class StandardTransition(TransitionRow):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="transitions")
    from_state, to_state = transition_states(State.choices)


class StandardComment(models.Model):
    """A comment of the public consultation: from a signed-in person (`by`) or the public page. What a member
    of the public leaves about themselves is seen by the unit's staff only, never on a public page."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("comment"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    from_public = models.BooleanField(default=False)
    public_name = models.CharField(_("name"), max_length=120, blank=True)
    public_contact = models.CharField(_("contact"), max_length=120, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                name="comment_public_or_signed", condition=Q(from_public=True) | Q(by__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


decree_path = UploadPath("standards")
maklumat_path = UploadPath("maklumat")


class StandardDecree(StoredUpload):
    """The signed decree (SK) that set the standard: a PDF or image, checked by its content."""

    standard = models.OneToOneField(Standard, on_delete=models.CASCADE, related_name="decree")
    file = models.FileField(upload_to=decree_path, max_length=300)


class Maklumat(StoredUpload):
    """A unit's Maklumat Pelayanan: its promise, signed by the head; the scan is the signed sheet."""

    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="maklumat")
    text = models.TextField(_("text of the maklumat"))
    signed_by = models.CharField(_("signed by"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    file = models.FileField(upload_to=maklumat_path, max_length=300)

    class Meta:
        verbose_name = _("Maklumat Pelayanan")
        verbose_name_plural = _("Maklumat Pelayanan")

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.signed_on}"


class InnovationService(models.Model):
    """An innovation that changed a service. Kept here so that the innovation register need not know services."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="innovation_links")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["innovation", "service"], name="innovation_service_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.innovation_id} → {self.service_id}"

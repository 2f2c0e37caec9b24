"""The innovation register: each agency's public-service innovations per year, their evidence and workflow."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency
from core.constraints import OneQueryChecks
from core.models import CaptionedUpload, ListEntry, NamedInTwoLanguages, TransitionRow, UploadPath, transition_states


class Category(NamedInTwoLanguages, ListEntry):
    """One entry of a classification list (bentuk, jenis, tahapan, inisiator, urusan, SDG), kept as data."""

    class Kind(models.TextChoices):
        BENTUK = "bentuk", _("Form (bentuk)")
        JENIS = "jenis", _("Type (jenis)")
        TAHAPAN = "tahapan", _("Stage (tahapan)")
        INISIATOR = "inisiator", _("Initiator")
        URUSAN = "urusan", _("Government affair (urusan)")
        SDG = "sdg", _("Sustainable Development Goal")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    #: Unique within its kind (the constraint below), not across lists.
    slug = models.SlugField(max_length=60)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    #: For urusan: the group of UU 23/2014 (wajib pelayanan dasar, wajib non-pelayanan dasar, pilihan, penunjang).
    group = models.CharField(_("group"), max_length=80, blank=True)

    class Meta(ListEntry.Meta):
        ordering = ["kind", "sort_order", "name"]
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="category_slug_unique_per_kind")]

    def __str__(self) -> str:
        return self.label


def classified_as(kind: str, label: Any) -> models.ForeignKey[Category | None, Category | None]:
    """An optional link to one entry of a classification list (the same declaration for each list)."""
    return models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": kind},
        verbose_name=label,
    )


class State(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("innovation state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("innovation state", "Submitted")
    HEAD_APPROVED = "head_approved", pgettext_lazy("innovation state", "Approved by the head")
    ACCEPTED = "accepted", pgettext_lazy("innovation state", "Accepted")
    RETURNED = "returned", pgettext_lazy("innovation state", "Returned for revision")
    WITHDRAWN = "withdrawn", pgettext_lazy("innovation state", "Withdrawn")


#: States in which the agency may still edit the record.
EDITABLE_STATES = (State.DRAFT, State.RETURNED)

#: Parts of the record an agency may choose to show on the public catalogue (title, agency, year and the
#: classifications always show). Never the contact person, the innovator's names or the decree.
PUBLIC_SECTIONS = (
    ("summary", _("summary")),
    ("problem", _("problem before the innovation")),
    ("aims", _("aims")),
    ("design", _("how it works (rancang bangun)")),
    ("benefits", _("benefits")),
    ("results", _("results and measured impact (before and after)")),
    ("beneficiaries", _("number of beneficiaries")),
    ("video_url", _("video link")),
)


def default_public_sections() -> list[str]:
    # What citizens and other regions look for first; the long design text and the figures wait for a choice.
    return ["summary", "problem", "benefits", "results"]


class Innovation(OneQueryChecks, models.Model):
    """An innovation registered by an agency for a year.

    A continuing innovation is registered again each later year as its own row (`continued_from` points at
    the previous year), so that each year's record, state and evidence stay as they were.
    """

    class Innovator(models.TextChoices):
        PERSON = "person", _("A person")
        TEAM = "team", _("A team")

    class Running(models.TextChoices):
        RUNNING = "running", pgettext_lazy("running status", "Running")
        STOPPED = "stopped", pgettext_lazy("running status", "Stopped")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="innovations", verbose_name=_("agency"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("name of the innovation"), max_length=200)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)

    innovator_kind = models.CharField(
        _("innovator"), max_length=10, choices=Innovator.choices, default=Innovator.PERSON
    )
    innovator_names = models.CharField(_("innovator's name or team members"), max_length=500, blank=True)
    innovator_decree = models.CharField(
        _("decree appointing the innovator"),
        max_length=200,
        blank=True,
        help_text=_("Number of the SK of the authorised official, e.g. SK Kepala Dinas No. 800/123/2026."),
    )
    #: SINOVIK asks for the SK naming the innovator (KIPP 2022 onwards): its number above, its date here, its
    #: scan as evidence of the kind INNOVATOR_DECREE.
    innovator_decree_date = models.DateField(_("date of the decree"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    bentuk = classified_as("bentuk", _("form (bentuk)"))
    jenis = classified_as("jenis", _("type (jenis)"))
    tahapan = classified_as("tahapan", _("stage (tahapan)"))
    inisiator = classified_as("inisiator", _("initiator"))
    urusan = classified_as("urusan", _("government affair (urusan)"))
    sdgs = models.ManyToManyField(
        Category,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "sdg"},
        verbose_name=_("SDGs served"),
    )

    trial_date = models.DateField(_("trial start (uji coba)"), null=True, blank=True)
    launch_date = models.DateField(_("launch (penerapan)"), null=True, blank=True)

    summary = models.TextField(_("summary"), blank=True)
    problem = models.TextField(_("problem before the innovation"), blank=True)
    novelty = models.TextField(_("novelty"), blank=True)
    design = models.TextField(_("how it works (rancang bangun)"), blank=True)
    aims = models.TextField(_("aims"), blank=True)
    benefits = models.TextField(_("benefits"), blank=True)
    results = models.TextField(_("results and measured impact (before and after)"), blank=True)
    resources = models.TextField(_("resources (budget source, people, tools)"), blank=True)
    sustainability = models.TextField(_("sustainability (regulation, SOP, budget)"), blank=True)
    replicability = models.TextField(_("replicability"), blank=True)
    beneficiaries = models.PositiveIntegerField(_("number of beneficiaries"), null=True, blank=True)
    video_url = models.URLField(_("video link"), blank=True)

    replication_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replications",
        verbose_name=_("replicates an innovation in this system"),
    )
    replication_source_name = models.CharField(_("replicates an outside innovation (name)"), max_length=200, blank=True)
    replication_source = models.CharField(_("outside innovation's source (region, link)"), max_length=300, blank=True)

    continued_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continuations",
        verbose_name=_("continues the innovation of an earlier year"),
    )
    running = models.CharField(_("still running?"), max_length=10, choices=Running.choices, default=Running.RUNNING)
    stopped_reason = models.TextField(_("why it stopped"), blank=True)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)

    #: The catalogue: who may copy it, what the public sees, and the mayor's office's unpublishing (the reason is
    #: also kept in the transitions, the record's history).
    open_to_replication = models.BooleanField(_("open to replication"), default=False)
    replication_contact = models.CharField(
        _("official contact for replication"),
        max_length=200,
        blank=True,
        help_text=_(
            "The unit's office, e.g. Seksi Pelayanan Kesehatan, telepon kantor (0911) 352-180. "
            "Not a person's own number."
        ),
    )
    publish = models.BooleanField(_("show on the public catalogue"), default=True)
    public_sections = ArrayField(
        models.CharField(max_length=30, choices=PUBLIC_SECTIONS),
        default=default_public_sections,
        blank=True,
        verbose_name=_("parts shown to the public"),
    )
    unpublished_at = models.DateTimeField(null=True, blank=True, editable=False)
    unpublished_reason = models.TextField(_("why it was taken off the public catalogue"), blank=True)

    #: When the head first approved it: the quota counts an innovation from this moment (set by the workflow).
    first_approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    search = models.GeneratedField(
        expression=SearchVector(
            "title", "summary", "problem", "novelty", "design", "aims", "benefits", "results", config="simple"
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        constraints = [
            models.CheckConstraint(name="innovation_year_plausible", condition=Q(year__gte=2000, year__lte=2100)),
            models.CheckConstraint(
                name="innovation_launch_after_trial",
                condition=Q(trial_date__isnull=True)
                | Q(launch_date__isnull=True)
                | Q(launch_date__gte=models.F("trial_date")),
            ),
            models.CheckConstraint(name="innovation_not_own_replica", condition=~Q(replication_of=models.F("id"))),
            models.UniqueConstraint(
                fields=["continued_from"],
                condition=Q(continued_from__isnull=False),
                name="innovation_one_continuation_per_record",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "year", "state"], name="innovation_agency_year_idx"),
            models.Index(fields=["year", "state"], name="innovation_year_state_idx"),
            # The whole country's list, newest first, read in index order (innovations.views._list_order).
            models.Index(fields=["year", "id"], name="innovation_year_id_idx"),
            # The whole country's catalogue (running, accepted) in title order, its first page read from the index
            # (innovations.catalogue.selectors.catalogue_list): 80,000 rows were sorted on disk for 50.
            models.Index(
                fields=["title", "id"],
                condition=Q(state="accepted", running="running"),
                name="innovation_catalogue_title_idx",
            ),
            GinIndex(fields=["search"], name="innovation_search_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def years_implemented_on(self, day: datetime.date) -> float | None:
        """Whole and partial years since launch (penerapan); None before it launched."""
        if not self.launch_date or day < self.launch_date:
            return None
        return round((day - self.launch_date).days / 365.25, 2)


class Transition(TransitionRow):
    """Append-only: every change of an innovation's state, who made it, when, and why."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="transitions")
    from_state, to_state = transition_states(State.choices)

    class Meta(TransitionRow.Meta):
        indexes = [models.Index(fields=["innovation", "at"], name="transition_innovation_idx")]


evidence_path = UploadPath("evidence", by="innovation_id")


class Evidence(CaptionedUpload):
    """A supporting document or photo of an innovation, stored outside the static folders."""

    class Kind(models.TextChoices):
        DECREE = "decree", _("Decree or regulation")
        INNOVATOR_DECREE = "innovator_decree", _("Decree naming the innovator (SK)")
        SOP = "sop", _("Standard operating procedure")
        BUDGET = "budget", _("Budget document")
        REPORT = "report", _("Report")
        PHOTO = "photo", _("Photo")
        OTHER = "other", _("Other")

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    #: Chosen by the agency: only public evidence shows in the catalogues; the rest stays with the register.
    is_public = models.BooleanField(_("public"), default=False)

    class Meta(CaptionedUpload.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

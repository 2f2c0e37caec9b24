"""The organisation chart: regions, agency types, agencies with their hierarchy and history, people, roles."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.constraints import OneQueryChecks
from core.models import localized


class User(AbstractUser):
    """A person who logs in. Roles (and so what they may see) come from `RoleAssignment` rows."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, help_text=_("Civil servant number (18 digits)"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def __str__(self) -> str:
        return self.display_name


class Region(models.Model):
    """A province, regency (kabupaten) or city (kota), identified by its Kemendagri code."""

    class Level(models.TextChoices):
        PROVINCE = "province", pgettext_lazy("region level", "Province")
        REGENCY = "regency", pgettext_lazy("region level", "Regency")
        CITY = "city", pgettext_lazy("region level", "City")

    code = models.CharField(_("Kemendagri code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("province")
    )
    decree = models.CharField(_("source decree"), max_length=120, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                name="region_code_format",
                condition=Q(code__regex=r"^[0-9]{2}(\.[0-9]{2})?$"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgencyType(models.Model):
    """A kind of agency (dinas, kelurahan, puskesmas...). Rows, so an administrator can add kinds."""

    slug = models.SlugField(_("identifier"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    subject_to_quota = models.BooleanField(
        _("subject to the yearly innovation quota"),
        default=True,
        help_text=_("Agencies of this kind must register at least one innovation a year."),
    )
    territorial = models.BooleanField(
        _("territorial unit"),
        default=False,
        help_text=_("Kecamatan, kelurahan, desa and negeri: units with a Kemendagri region code."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("agency type")
        verbose_name_plural = _("agency types")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        return localized(self.name, self.name_en)


class Agency(OneQueryChecks, models.Model):
    """An agency or unit of a regional government: a dinas, badan, kecamatan, kelurahan, puskesmas, school...

    Agencies are never deleted: they are dissolved (`active_until`) or merged into another (`merged_into`),
    so that records made under them stay with them. `path` is the materialised chain of ancestor ids
    ("/1/7/42/") kept by `agencies.services`, so that a subtree is one indexed prefix query.
    """

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("region"))
    type = models.ForeignKey(
        AgencyType, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("agency type")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent agency"),
    )
    path = models.CharField(max_length=255, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("Short code, unique within the region, for example DINKES or 81.71.02.1010."),
    )
    kemendagri_code = models.CharField(
        _("Kemendagri code"),
        max_length=13,
        null=True,
        blank=True,
        help_text=_("Region code of a kecamatan, kelurahan, desa or negeri, for example 81.71.02.1010."),
    )
    name = models.CharField(_("name"), max_length=200)
    head_name = models.CharField(_("head (pimpinan)"), max_length=200, blank=True)
    head_title = models.CharField(_("head's title"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(
        _("active until"), null=True, blank=True, help_text=_("Empty while the agency exists.")
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_agencies",
        verbose_name=_("merged into"),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="agency_code_unique_in_region"),
            models.UniqueConstraint(
                fields=["kemendagri_code"],
                condition=Q(kemendagri_code__isnull=False),
                name="agency_kemendagri_code_unique",
            ),
            models.CheckConstraint(
                name="agency_active_dates_ordered",
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
            ),
            models.CheckConstraint(
                name="agency_kemendagri_code_format",
                condition=Q(kemendagri_code__isnull=True)
                | Q(kemendagri_code__regex=r"^[0-9]{2}\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?$"),
            ),
            models.CheckConstraint(name="agency_not_own_parent", condition=~Q(parent=models.F("id"))),
            models.CheckConstraint(name="agency_not_merged_into_self", condition=~Q(merged_into=models.F("id"))),
        ]
        indexes = [
            # Subtree queries: path LIKE '/1/7/%'
            models.Index(OpClass(models.F("path"), name="varchar_pattern_ops"), name="agency_path_prefix_idx"),
            models.Index(fields=["region", "type"], name="agency_region_type_idx"),
            # Directory search: name__icontains is UPPER(name) LIKE UPPER('%...%'), which a trigram index serves.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="agency_name_trgm_idx"),
            # The directory's and the autocomplete's first page in name order, read from the index rather than
            # sorting the country's 60,000 agencies.
            models.Index(fields=["name", "id"], name="agency_name_id_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: datetime.date) -> bool:
        started = self.active_from is None or self.active_from <= day
        return started and (self.active_until is None or self.active_until > day)

    @property
    def is_active(self) -> bool:
        return self.is_active_on(timezone.localdate())

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent, read from `path`."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


class AgencyChange(models.Model):
    """Append-only history of an agency: created, updated (renamed, moved...), merged, dissolved, reactivated."""

    class Kind(models.TextChoices):
        CREATED = "created", pgettext_lazy("agency change", "Created")
        IMPORTED = "imported", pgettext_lazy("agency change", "Imported")
        UPDATED = "updated", pgettext_lazy("agency change", "Updated")
        MERGED = "merged", pgettext_lazy("agency change", "Merged into another agency")
        ABSORBED = "absorbed", pgettext_lazy("agency change", "Took over a merged agency")
        DISSOLVED = "dissolved", pgettext_lazy("agency change", "Dissolved")
        REACTIVATED = "reactivated", pgettext_lazy("agency change", "Reactivated")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    changes = models.JSONField(default=dict, blank=True)
    related_agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    effective_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["agency", "-changed_at"], name="agencychange_agency_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.kind} {self.changed_at:%Y-%m-%d}"


class RoleAssignment(models.Model):
    """A person's role in a region, and for staff and heads in one agency. One person may hold several."""

    class Role(models.TextChoices):
        STAFF = "staff", pgettext_lazy("role", "Agency staff (operator)")
        HEAD = "head", pgettext_lazy("role", "Agency head")
        REVIEWER = "reviewer", pgettext_lazy("role", "Mayor's office reviewer")
        EVALUATOR = "evaluator", pgettext_lazy("role", "Evaluator")
        ADMIN = "admin", pgettext_lazy("role", "Administrator")
        #: Bappeda/BRIDA staff who check the innovation index's evidence for their region (compliance.iid).
        VERIFIER = "verifier", pgettext_lazy("role", "Innovation index verifier (Bappeda/BRIDA)")

    AGENCY_ROLES = (Role.STAFF, Role.HEAD)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="role_assignments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments")
    title = models.CharField(_("position"), max_length=200, blank=True)
    #: An acting head (Pelaksana tugas, "Plt.") holds the post without being appointed to it; the head's measure
    #: marks their months as such.
    acting = models.BooleanField(_("acting (Plt.)"), default=False)
    active_from = models.DateField(_("from"), default=timezone.localdate)
    active_until = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="role_agency_required_for_staff_and_head",
                condition=~Q(role__in=["staff", "head"]) | Q(agency__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region", "agency"],
                condition=Q(active_until__isnull=True),
                nulls_distinct=False,
                name="role_unique_while_active",
            ),
        ]
        indexes = [models.Index(fields=["user", "active_until"], name="role_user_active_idx")]

    def __str__(self) -> str:
        where = self.agency.name if self.agency_id and self.agency else self.region.name
        return f"{self.get_role_display()} — {where}"

"""The SINOVIK nomination dossier of an entry, read once and written out as Markdown, DOCX or PDF
(competition/dossier.py): the identity SINOVIK asks for, every proposal section under its heading in SINOVIK's
order (domain.md §1.4), the SK naming the innovator, and the list of attached files.

Only the agency's office contact goes in: the dossier travels to the ministry and the evaluation team, and the
innovator's own phone and e-mail are theirs to give (the public-data rule of the whole project)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from competition.models import SECTIONS, Entry, EntryAttachment, section_label
from innovations.models import Evidence


@dataclass(frozen=True)
class DossierSection:
    heading: str
    text: str
    words: int
    limit: int


@dataclass(frozen=True)
class DossierFile:
    name: str
    kind: str
    size: int
    uploaded: datetime.date


@dataclass(frozen=True)
class Dossier:
    title: str
    year: int
    #: (label, value) in the order of SINOVIK's identity page; "-" where nothing was given.
    identity: list[tuple[str, str]]
    #: "3. Kehidupan Sehat dan Sejahtera": the SDG list carries its number in the name.
    sdgs: list[str]
    sections: list[DossierSection]
    #: (label, value): the SK's number, date and scanned file.
    decree: list[tuple[str, str]]
    attachments: list[DossierFile]


#: Control characters XML (DOCX, and the PDF's HTML) cannot carry; a pasted text may bring them along.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value: str) -> str:
    return _UNPRINTABLE.sub("", value).strip()


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "-"


def dossier_entry(entry: Entry) -> Entry:
    """The entry again with everything the dossier reads, in a fixed number of queries."""
    return (
        Entry.objects.select_related(
            "round",
            "round__region",
            "agency",
            "agency__region",
            "category",
            "group",
            "stage",
            "innovation",
            "innovation__urusan",
            "innovation__tahapan",
            "innovation__replication_of",
        )
        .prefetch_related(
            "innovation__sdgs",
            Prefetch("innovation__evidence", queryset=Evidence.objects.order_by("uploaded_at", "id")),
            Prefetch("attachments", queryset=EntryAttachment.objects.order_by("uploaded_at", "id")),
        )
        .get(pk=entry.pk)
    )


def dossier_of(entry: Entry) -> Dossier:
    entry = dossier_entry(entry)
    innovation, agency = entry.innovation, entry.agency
    sdgs = [str(sdg) for sdg in sorted(innovation.sdgs.all(), key=lambda c: (c.sort_order, c.name))]
    evidence = list(innovation.evidence.all())
    identity = [
        (_("Name of the innovation"), innovation.title),
        (_("Region"), agency.region.name),
        (_("Agency"), agency.name),
        (_("Innovator"), innovation.innovator_names or "-"),
        (_("Category"), entry.category.name),
        (_("Group"), entry.group.name),
        (_("SDGs served"), "; ".join(sdgs) or "-"),
        (_("Government affair (urusan)"), str(innovation.urusan) if innovation.urusan else "-"),
        (_("Stage (tahapan)"), str(innovation.tahapan) if innovation.tahapan else "-"),
        (_("Trial start (uji coba)"), _date(innovation.trial_date)),
        (_("Launch (penerapan)"), _date(innovation.launch_date)),
        (_("Competition stage"), str(entry.stage.get_kind_display())),
        (_("Office address"), agency.address or "-"),
        (_("Office phone"), agency.phone or "-"),
        (_("Office e-mail"), agency.email or "-"),
        (_("Video link"), entry.video_url or "-"),
    ]
    if entry.group.is_replication:
        identity.append((_("Original innovation"), entry.original_name or "-"))
    sections = []
    for name, limit, replication_only in SECTIONS:
        if replication_only and not entry.group.is_replication:
            continue
        text = _text(getattr(entry, name))
        label = section_label(name)
        sections.append(DossierSection(f"{label[:1].upper()}{label[1:]}", text, len(text.split()), limit))
    scans = [e for e in evidence if e.kind == Evidence.Kind.INNOVATOR_DECREE]
    decree = [
        (_("Decree number"), innovation.innovator_decree or "-"),
        (_("Decree date"), _date(innovation.innovator_decree_date)),
        (_("Decree file"), scans[-1].original_name if scans else "-"),
    ]
    files = [DossierFile(e.original_name, str(e.get_kind_display()), e.size, _day(e.uploaded_at)) for e in evidence]
    for a in entry.attachments.all():
        kind = _("Competition attachment: %(caption)s") % {"caption": a.caption} if a.caption else ""
        files.append(DossierFile(a.original_name, kind or _("Competition attachment"), a.size, _day(a.uploaded_at)))
    return Dossier(
        _text(innovation.title),
        entry.round.year,
        [(label, _text(value) or "-") for label, value in identity],
        sdgs,
        sections,
        [(label, _text(value) or "-") for label, value in decree],
        files,
    )

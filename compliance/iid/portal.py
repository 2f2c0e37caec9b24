"""The national portal's export: a workbook in the portal's order (the region's profile and SPD answers, then
each innovation's profile and its SID answers, then the score) and a ZIP of the evidence files named by indicator
(`SPD-01 <name>.pdf`, `SID-16 <innovation> .pdf`), so the region's operator can enter the portal in one sitting.

Run by Celery (tasks.run_portal_export): claimed with a conditional update, so a second worker or a rerun of the
same message does nothing; a failure is recorded for the owner.
"""

from __future__ import annotations

import datetime
import io
import logging
import re
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agencies.models import Region
from compliance.iid import selectors
from compliance.iid.models import Answer, Aspect, PortalExport
from core.exports import xlsx_sheet

log = logging.getLogger(__name__)
RETENTION = datetime.timedelta(hours=24)


def export_start(*, owner: Any, region: Region, year: int) -> PortalExport:
    """Side effects: the job row (queued), then after the commit the Celery task that writes both files."""
    from compliance.iid.tasks import run_portal_export

    selectors.catalogue_for(year)
    now = timezone.now()
    job = PortalExport.objects.create(owner=owner, region=region, year=year, created=now, expires_at=now + RETENTION)
    transaction.on_commit(lambda: run_portal_export.delay(job_id=job.pk))
    return job


def _file_stem(answer: Answer) -> str:
    prefix = f"{answer.indicator.aspect.upper()}-{answer.indicator.number:02d}"
    if answer.innovation is not None:
        return f"{prefix} {slugify(answer.innovation.title)[:60]}-{answer.innovation_id}"
    return f"{prefix} {slugify(answer.indicator.name)[:60]}"


def _state(answer: Answer) -> str:
    return str(answer.get_state_display())


def build(region: Region, year: int, *, progress: Any = None) -> tuple[bytes, bytes]:
    """(workbook bytes, ZIP bytes) of the region's year; `progress(done, total)` after each evidence file."""
    from openpyxl import Workbook

    catalogue = selectors.catalogue_for(year)
    scores = selectors.compute_scores(region, year)
    innovations = list(
        selectors.reported_innovations(region, year).select_related("bentuk", "jenis", "tahapan", "inisiator")
    )
    answers = list(
        selectors.answers_of(region, catalogue)
        .select_related("innovation")
        .order_by(
            F("innovation__agency__name").asc(nulls_first=True),
            "innovation__title",
            "innovation_id",
            "indicator__number",
        )
    )
    by_subject: dict[tuple[int | None, int], Answer] = {(a.innovation_id, a.indicator.number): a for a in answers}
    names = {a.pk: f"{_file_stem(a)}.{a.file.extension}" for a in answers if hasattr(a, "file")}
    headers = [
        _("No"),
        _("Indicator"),
        _("Parameter"),
        _("Chosen"),
        _("Score"),
        _("Evidence file"),
        _("Evidence link"),
        _("State"),
    ]

    def answer_row(indicator: Any, answer: Answer | None, prefix: list[object]) -> list[object]:
        if answer is None:
            return [*prefix, indicator.number, indicator.name, "", "", 0, "", "", _("Not answered")]
        return [
            *prefix,
            indicator.number,
            indicator.name,
            answer.parameter,
            dict(indicator.parameters)[answer.parameter],
            indicator.weight * answer.parameter,
            names.get(answer.pk, ""),
            answer.evidence_url,
            _state(answer),
        ]

    spd = [i for i in catalogue.indicators.all() if i.aspect == Aspect.SPD]
    sid = [i for i in catalogue.indicators.all() if i.aspect == Aspect.SID]
    book = Workbook(write_only=True)
    xlsx_sheet(book, _("Region (SPD)"), headers, (answer_row(i, by_subject.get((None, i.number)), []) for i in spd))
    xlsx_sheet(
        book,
        _("Innovations"),
        [
            _("Id"),
            _("Name"),
            _("Agency"),
            _("Form"),
            _("Type"),
            _("Stage"),
            _("Initiator"),
            _("Urusan"),
            _("Trial"),
            _("Launch"),
            _("Video"),
        ],
        (
            [
                i.pk,
                i.title,
                i.agency.name,
                str(i.bentuk or ""),
                str(i.jenis or ""),
                str(i.tahapan or ""),
                str(i.inisiator or ""),
                str(i.urusan or ""),
                i.trial_date.isoformat() if i.trial_date else "",
                i.launch_date.isoformat() if i.launch_date else "",
                i.video_url,
            ]
            for i in innovations
        ),
    )
    xlsx_sheet(
        book,
        _("Innovation indicators (SID)"),
        [_("Innovation id"), _("Innovation"), *headers],
        (
            answer_row(ind, by_subject.get((inn.pk, ind.number)), [inn.pk, inn.title])
            for inn in innovations
            for ind in sid
        ),
    )
    claimed, verified = scores.claimed, scores.verified
    xlsx_sheet(
        book,
        _("Score"),
        [_("Part"), _("Claimed"), _("Verified")],
        [
            ["SPD", claimed.spd, verified.spd],
            ["SID", claimed.sid, verified.sid],
            [_("Count of innovations"), claimed.count_score, verified.count_score],
            [_("Total"), claimed.total, verified.total],
            [_("Maximum"), claimed.maximum, verified.maximum],
            [_("Index"), claimed.index, verified.index],
            [_("Predicate"), claimed.predicate, verified.predicate],
        ],
    )
    workbook = io.BytesIO()
    book.save(workbook)
    archive = io.BytesIO()
    with_files = [a for a in answers if a.pk in names]
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for done, answer in enumerate(with_files, start=1):
            with answer.file.file.open("rb") as handle:
                zipped.writestr(names[answer.pk], handle.read())
            if progress is not None:
                progress(done, len(with_files))
    return workbook.getvalue(), archive.getvalue()


def export_run(*, job_id: int) -> PortalExport | None:
    """Claim a queued job and write its files. Returns None when another worker has it (or it is finished)."""
    claimed = PortalExport.objects.filter(pk=job_id, state=PortalExport.State.QUEUED).update(
        state=PortalExport.State.RUNNING
    )
    if not claimed:
        return None
    job = PortalExport.objects.select_related("region").get(pk=job_id)
    mine = PortalExport.objects.filter(pk=job.pk, state=PortalExport.State.RUNNING)
    try:
        workbook, archive = build(
            job.region, job.year, progress=lambda done, total: mine.update(steps_done=done, steps_total=total)
        )
        stem = re.sub(r"[^a-z0-9-]", "", slugify(f"iid-{job.region.name}-{job.year}"))
        job.workbook.save(f"{stem}.xlsx", ContentFile(workbook), save=False)
        job.archive.save(f"{stem}-bukti.zip", ContentFile(archive), save=False)
    except Exception:
        log.exception("IID export %s failed", job.pk)
        mine.update(
            state=PortalExport.State.FAILED,
            error=_("The files could not be written. Try again."),
            finished=timezone.now(),
        )
        return PortalExport.objects.get(pk=job.pk)
    finished = timezone.now()
    mine.update(
        state=PortalExport.State.DONE,
        workbook=job.workbook.name,
        archive=job.archive.name,
        finished=finished,
        expires_at=finished + RETENTION,
    )
    return PortalExport.objects.get(pk=job.pk)

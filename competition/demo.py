"""The demo city's 2026 competition round: entries from several agencies, juri1 and juri2 on the panel with
some scores submitted, so that every page of the competition has something to show. Idempotent: the round is
created once (by name); a second run changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from agencies.demo import demo_username
from agencies.models import Region, User
from competition import workflow
from competition.models import Award, AwardLevel, CompetitionCategory, CompetitionGroup, Entry, Review, Round, StageKind
from competition.services.agency import entry_create, entry_submit, entry_update
from competition.services.evaluator import review_save, review_submit
from competition.services.organiser import entry_pass, round_create, stage_set_override
from competition.services.organiser_panel import assignment_run, panelist_add
from innovations.models import Innovation, State

NAME = "Kompetisi Inovasi Pelayanan Publik Kota Ambon 2026"
# agency code, innovation title, category slug; the last stays waiting for administrative selection.
ENTRIES = [
    ("DINKES", "Posyandu Remaja Manise", "kesehatan"),
    ("DISDUKCAPIL", "Akta Kelahiran Langsung dari Puskesmas", "transformasi-digital"),
    ("DPMPTSP", "Izin Usaha Mikro Sehari Jadi", "pemerataan-ekonomi"),
    ("DLHP", "Bank Sampah Negeri", "lingkungan"),
    ("DINDIKBUD", "Guru Kunjung Pulau", "pengentasan-kemiskinan"),
]
#: Scores per criterion (in template order) that each evaluator gives entry n: a base with small variations.
BASE = {"juri1": [72, 68, 75, 70, 66, 80, 70], "juri2": [85, 80, 82, 84, 78, 90, 81]}


#: Earlier awards of the demo's innovations (title, year, level, award): one regional winner, shown beside its
#: eligibility, and one national Top 45, which the check refuses.
AWARDS = [
    ("Posyandu Remaja Manise", 2024, AwardLevel.REGIONAL, "Terbaik I"),
    ("Dukcapil Jemput Bola di Negeri (DJBN)", 2023, AwardLevel.NATIONAL, "Top 45"),
    ("Dukcapil Jemput Bola di Negeri (DJBN)", 2022, AwardLevel.NATIONAL, "Top 99"),
]


def seed_awards(region: Region) -> int:
    """The demo's earlier awards (idempotent); returns how many were created."""
    created = 0
    for title, year, level, award in AWARDS:
        innovation = Innovation.objects.filter(agency__region=region, title=title).order_by("-year").first()
        if innovation is not None:
            created += Award.objects.get_or_create(innovation=innovation, year=year, level=level, title=award)[1]
    return created


@transaction.atomic
def seed_competition(region: Region) -> int:
    """Create the demo round (and the earlier awards); returns the number of entries created (0 when it already
    exists)."""
    seed_awards(region)
    if Round.objects.filter(region=region, name=NAME).exists():
        return 0
    organiser = User.objects.filter(username=demo_username(region, "walikota")).first()
    # Keyed by the demo's own names (BASE), whatever the city's suffix of the accounts.
    found = {name: User.objects.filter(username=demo_username(region, name)).first() for name in BASE}
    juri: dict[str, User] = {name: user for name, user in found.items() if user is not None}
    if organiser is None or len(juri) < 2:
        return 0
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    dates = {
        StageKind.REGISTRATION.value: (today - 60 * day, today - 31 * day),
        StageKind.ADMIN_SELECTION.value: (today - 30 * day, today - 21 * day),
        StageKind.PROPOSAL.value: (today - 20 * day, today + 10 * day),
        StageKind.PRESENTATION.value: (today + 11 * day, today + 25 * day),
        StageKind.FIELD_VERIFICATION.value: (today + 26 * day, today + 35 * day),
        StageKind.ANNOUNCEMENT.value: (today + 36 * day, today + 40 * day),
    }
    round_ = round_create(
        region=region,
        by=organiser,
        name=NAME,
        year=2026,
        organiser="Bagian Organisasi Sekretariat Daerah Kota Ambon",
        stage_dates=dates,
        categories=CompetitionCategory.objects.filter(active=True),
        groups=CompetitionGroup.objects.filter(active=True),
        normalise=True,
        min_years_implemented=Decimal("1.0"),
    )
    for name, user in juri.items():
        panelist_add(
            round_=round_,
            user=user,
            by=organiser,
            affiliation="Universitas Pattimura" if name == "juri1" else "Kementerian PANRB",
        )
    registration = round_.stages.get(kind=StageKind.REGISTRATION)
    # The demo's registration is over; it is opened by hand for the entries to be made, then closed again.
    stage_set_override(stage=registration, by=organiser, override="open", note="data demo")
    umum = CompetitionGroup.objects.get(slug="umum")
    entries: list[Entry] = []
    for code, title, category in ENTRIES:
        innovation = (
            Innovation.objects.filter(agency__region=region, agency__code=code, title=title, state=State.ACCEPTED)
            .select_related("agency")
            .first()
        )
        if innovation is None:
            continue
        staff = User.objects.filter(role_assignments__agency=innovation.agency, role_assignments__role="staff").first()
        if staff is None:
            continue
        entry = entry_create(
            round_=round_,
            innovation=innovation,
            category=CompetitionCategory.objects.get(slug=category),
            group=umum,
            by=staff,
        )
        entry_update(
            entry=entry,
            by=staff,
            # The register's "rancang bangun" asks for 300 words or more; the proposal's section allows 200.
            implementation=" ".join(entry.implementation.split()[:180]),
            video_url=f"https://www.youtube.com/watch?v=demo{len(entries) + 1:03d}",
        )
        entries.append(entry_submit(entry=entry, by=staff))
    stage_set_override(stage=registration, by=organiser, override="", note="data demo")
    checklist = {slug: True for slug, _label in workflow.ADMIN_CHECKLIST}
    for entry in entries[:-1]:
        entry_pass(entry=entry, by=organiser, checklist=checklist, note="Berkas lengkap.")
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    assignment_run(stage=proposal, by=organiser)
    criteria = list(proposal.criteria.all())
    for username, base in BASE.items():
        reviews = Review.objects.filter(stage=proposal, panelist__user=juri[username]).order_by("entry__agency__name")
        for n, review in enumerate(reviews):
            if username == "juri1" and n >= 2:
                break  # juri1 still has entries waiting: the "waiting on me" list has something to show
            scores = {
                c.pk: (Decimal(min(100, value + 3 * n - 2 * (i % 3))), "")
                for i, (c, value) in enumerate(zip(criteria, base, strict=True))
            }
            review_save(
                review=review,
                by=juri[username],
                scores=scores,
                comment="Dampak terukur; perkuat strategi keberlanjutan dan rencana replikasi.",
            )
            review_submit(review=review, by=juri[username])
    return len(entries)

"""Innovations for the `chart` and `people` of tests/conftest.py, built and walked through the services."""

import datetime
import importlib
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from agencies.models import Agency, User
from innovations import selectors, services
from innovations.models import Category, Evidence, Innovation, State
from tests.factories import user_with_role

#: 300 words exactly (rancang bangun needs at least 300 to submit); no word that a search test looks for.
DESIGN = " ".join(f"langkah{i % 30}" for i in range(300))
#: The smallest file the content check accepts as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _categories(request):
    """Put the classification lists of migration innovations/0002 back, as tests/conftest.py does for types.

    A transactional test empties every table at its end, the seeded categories too.
    """
    if not {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    ) and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("transactional_db" if "live_server" in request.fixturenames else "db")
    from django.apps import apps

    importlib.import_module("innovations.migrations.0002_seed_categories").forwards(apps, None)


@pytest.fixture
def _media_root(settings, tmp_path):
    # Evidence files of a test go to its own folder, not to var/test/test-media shared by every run.
    settings.MEDIA_ROOT = tmp_path / "media"


def category(kind: str, slug: str) -> Category:
    return Category.objects.get(kind=kind, slug=slug)


def sdg(number: int) -> Category:
    return category("sdg", f"sdg-{number}")


def complete_fields(**overrides: Any) -> dict[str, Any]:
    """Every field REQUIRED_TO_SUBMIT filled in; categories may be given as slugs."""
    fields: dict[str, Any] = {
        "title": "Inovasi Uji",
        "innovator_names": "Tim Inovasi",
        "bentuk": "pelayanan-publik",
        "jenis": "digital",
        "tahapan": "penerapan",
        "inisiator": "perangkat-daerah",
        "urusan": "kesehatan",
        "trial_date": datetime.date(2024, 1, 15),
        "launch_date": datetime.date(2024, 7, 1),
        "summary": "Ringkasan singkat.",
        "problem": "Masalah sebelum inovasi.",
        "design": DESIGN,
        "benefits": "Manfaat bagi warga.",
    }
    fields.update(overrides)
    for kind in ("bentuk", "jenis", "tahapan", "inisiator", "urusan"):
        if isinstance(fields.get(kind), str):
            fields[kind] = category(kind, fields[kind])
    return fields


def add_evidence(innovation: Innovation, by: User, count: int = 1) -> list[Evidence]:
    return [
        services.evidence_add(
            innovation=innovation,
            by=by,
            name=f"bukti-{i + 1}.pdf",
            data=PDF_BYTES,
            kind=Evidence.Kind.REPORT,
            caption=f"Bukti {i + 1}",
        )
        for i in range(count)
    ]


def _one(people: Any, what: str, agency: Agency) -> User:
    person = people.first()
    if person is None:
        raise LookupError(f"no {what} for {agency.code}: add one with tests.factories.user_with_role")
    return person


def build_innovation(
    agency: Agency,
    by: User,
    state: str = State.DRAFT,
    *,
    year: int = 2025,
    sdgs: Iterable[int] = (3,),
    evidence: int = 0,
    head: User | None = None,
    reviewer: User | None = None,
    **fields: Any,
) -> Innovation:
    """A complete innovation of `agency` created by `by`, walked to `state` by the people whose step it is.

    The head is the nearest head above the agency (selectors.heads_of), the reviewer the region's; evidence
    files are attached while it is still a draft.
    """
    innovation = services.innovation_create(
        agency=agency, year=year, by=by, sdgs=[sdg(n) for n in sdgs], **complete_fields(**fields)
    )
    add_evidence(innovation, by, evidence)
    if state == State.DRAFT:
        return innovation
    if state == State.WITHDRAWN:
        return services.innovation_withdraw(innovation=innovation, by=by)
    services.innovation_submit(innovation=innovation, by=by)
    if state != State.SUBMITTED:
        head = head or _one(selectors.heads_of(agency.path, agency.pk), "head", agency)
    if state == State.RETURNED:
        return services.innovation_return(innovation=innovation, by=head, note="Lengkapi data anggaran.")
    if state != State.SUBMITTED:
        services.innovation_approve(innovation=innovation, by=head)
    if state == State.ACCEPTED:
        reviewer = reviewer or _one(selectors.reviewers_of(agency.region_id), "reviewer", agency)
        services.innovation_accept(innovation=innovation, by=reviewer)
    innovation.refresh_from_db()
    assert innovation.state == state
    return innovation


@pytest.fixture
def make_innovation(people, _media_root) -> Callable[..., Innovation]:
    """`make_innovation(agency, by, state=..., **fields)`: see build_innovation (needs the people's head and reviewer)."""
    return build_innovation


@pytest.fixture
def kelurahan_staff(people, chart) -> dict[str, User]:
    """Staff of the two kelurahan: Rijali (under the camat of Sirimau) and Wainitu (under Nusaniwe)."""
    return {
        "rijali": user_with_role("staff", agency=chart["rijali"], username="staf.rijali"),
        "wainitu": user_with_role("staff", agency=chart["wainitu"], username="staf.wainitu"),
    }

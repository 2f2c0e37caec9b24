"""Innovations built and walked through the services, as a person would, so their transitions are recorded."""

import datetime
from collections.abc import Iterable
from typing import Any

import factory
from factory.django import DjangoModelFactory

from agencies.models import Agency, User
from innovations import selectors, services
from innovations.models import Category, Evidence, Innovation, State
from tests.agencies.factories import AgencyFactory, user_with_role

#: 300 words exactly (rancang bangun needs at least 300 to submit); no word that a search test looks for.
DESIGN = " ".join(f"langkah{i % 30}" for i in range(300))
#: The smallest file the content check accepts as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CLASSIFICATIONS = ("bentuk", "jenis", "tahapan", "inisiator", "urusan")


def category(kind: str, slug: str) -> Category:
    """One of the classification lists seeded by the innovations' data migration."""
    return Category.objects.get(kind=kind, slug=slug)


def sdg(number: int) -> Category:
    return category("sdg", f"sdg-{number}")


#: Every field REQUIRED_TO_SUBMIT, classifications by slug.
COMPLETE: dict[str, Any] = {
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


def complete_fields(**overrides: Any) -> dict[str, Any]:
    """COMPLETE with `overrides`, classifications given as slugs turned into their categories."""
    fields = COMPLETE | overrides
    for kind in CLASSIFICATIONS:
        if isinstance(fields.get(kind), str):
            fields[kind] = category(kind, fields[kind])
    return fields


class InnovationFactory(DjangoModelFactory):
    """A draft registered through `innovation_create` by `created_by` (by default a new staff member of
    `agency`), complete enough to submit: the fields of COMPLETE, each of which may be overridden (classifications
    by slug or as a Category). `sdgs` are SDG numbers."""

    class Meta:
        model = Innovation

    agency = factory.SubFactory(AgencyFactory)
    created_by = factory.LazyAttribute(lambda o: user_with_role("staff", agency=o.agency))
    year = 2025
    sdgs: Iterable[int] = (3,)

    @classmethod
    def _create(cls, model_class, *args, agency, created_by, year, sdgs, **fields):  # type: ignore[no-untyped-def]
        return services.innovation_create(
            agency=agency, year=year, by=created_by, sdgs=[sdg(n) for n in sdgs], **complete_fields(**fields)
        )


class EvidenceFactory(DjangoModelFactory):
    """A one-page PDF report attached through `evidence_add` by the innovation's creator (a draft's only)."""

    class Meta:
        model = Evidence

    innovation = factory.SubFactory(InnovationFactory)
    uploaded_by = factory.LazyAttribute(lambda o: o.innovation.created_by)
    name = factory.Sequence(lambda n: f"bukti-{n + 1}.pdf")
    data = PDF_BYTES
    kind = Evidence.Kind.REPORT
    caption = factory.Sequence(lambda n: f"Bukti {n + 1}")

    @classmethod
    def _create(cls, model_class, *args, uploaded_by, **fields):  # type: ignore[no-untyped-def]
        return services.evidence_add(by=uploaded_by, **fields)


def add_evidence(innovation: Innovation, by: User, count: int = 1) -> list[Evidence]:
    """`count` PDFs named bukti-1.pdf, bukti-2.pdf ... with captions Bukti 1, Bukti 2 ..."""
    return [
        EvidenceFactory(innovation=innovation, uploaded_by=by, name=f"bukti-{i + 1}.pdf", caption=f"Bukti {i + 1}")
        for i in range(count)
    ]


def _one(people: Any, what: str, agency: Agency) -> User:
    person = people.first()
    if person is None:
        raise LookupError(f"no {what} for {agency.code}: add one with tests.agencies.factories.user_with_role")
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
    innovation = InnovationFactory(agency=agency, created_by=by, year=year, sdgs=sdgs, **fields)
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

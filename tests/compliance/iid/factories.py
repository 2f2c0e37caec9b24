"""Innovation-index answers made through the services, as the people would."""

from __future__ import annotations

from typing import Any

from agencies.models import Region, User
from compliance.iid import services
from compliance.iid.models import Answer, Indicator
from innovations.models import Innovation
from tests.innovations.factories import PDF_BYTES


def indicator(year: int, number: int) -> Indicator:
    return Indicator.objects.select_related("catalogue").get(catalogue__year=year, number=number)


def answer(
    *,
    by: User,
    number: int,
    parameter: int,
    year: int,
    region: Region | None = None,
    innovation: Innovation | None = None,
    evidence: bool = True,
    **extra: Any,
) -> Answer:
    """An answer with a one-page PDF as its evidence (or none), for the region (no innovation) or an innovation."""
    return services.answer_save(
        indicator=indicator(year, number),
        region=region if innovation is None else innovation.agency.region,  # type: ignore[arg-type]
        innovation=innovation,
        parameter=parameter,
        by=by,
        file_name=f"bukti-{number}.pdf" if evidence else "",
        file_data=PDF_BYTES if evidence else None,
        **extra,
    )


def answer_all(*, by: User, year: int, parameters: dict[int, int], **subject: Any) -> list[Answer]:
    return [answer(by=by, number=n, parameter=p, year=year, **subject) for n, p in parameters.items()]

"""The demo city's 2026 innovation index: the region's answers and most accepted innovations' answers with
evidence (files and links), some verified by the Bappeda verifier, one sent back, one innovation missing a
mandatory indicator and one not started, so that every page has something to show."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from agencies.demo import demo_username
from agencies.models import Region, RoleAssignment, User
from agencies.services import role_assign
from compliance.iid import prefill, selectors, services
from compliance.iid.models import Answer
from innovations.models import Innovation

YEAR = 2026
#: A one-page PDF: the demo's evidence files.
DEMO_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
#: Parameters of the region's indicators 1-15.
REGION_ANSWERS = [3, 2, 2, 2, 3, 1, 2, 3, 2, 2, 3, 1, 2, 1, 1]


def _verifier(region: Region) -> User:
    user, created = User.objects.get_or_create(
        username=demo_username(region, "bappeda"),
        defaults={"full_name": "Bidang Litbang Bappeda", "email": "litbang.bappeda@ambon.go.id"},
    )
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
        role_assign(user=user, role=RoleAssignment.Role.VERIFIER, region_id=region.pk, title="Verifikator IID")
    return user


@transaction.atomic
def seed_iid(region: Region) -> int:
    """Answers of the demo region for 2026 (skipped when it has any). Returns how many answers were made."""
    if Answer.objects.filter(region=region, indicator__catalogue__year=YEAR).exists():
        return 0
    catalogue = selectors.catalogue_for(YEAR)
    indicators = {i.number: i for i in catalogue.indicators.all()}
    verifier = _verifier(region)
    walikota = User.objects.filter(username=demo_username(region, "walikota")).first()
    innovations = list(selectors.reported_innovations(region, YEAR).select_related("created_by"))
    if walikota is None or not innovations:
        return 0

    def save_answer(number: int, innovation: Innovation | None, parameter: int, by: Any, **evidence: Any) -> Answer:
        return services.answer_save(
            indicator=indicators[number], region=region, innovation=innovation, parameter=parameter, by=by, **evidence
        )

    made = [
        save_answer(number, None, parameter, walikota, file_name=f"spd-{number:02d}.pdf", file_data=DEMO_PDF)
        for number, parameter in enumerate(REGION_ANSWERS, start=1)
    ]
    suggestions = prefill.suggestions_for(innovations)
    # The last innovation is not started; the first misses indicator 33 (mandatory).
    for position, innovation in enumerate(innovations[:-1]):
        for number in range(16, 36):
            if position == 0 and number == 33:
                continue
            suggestion = suggestions[innovation.pk].get(number)
            parameter = suggestion.parameter if suggestion else 1 + (number + position) % 3
            with_file = (number + position) % 2 == 0
            made.append(
                save_answer(
                    number,
                    innovation,
                    parameter,
                    innovation.created_by,
                    file_name=f"sid-{number}.pdf" if with_file else "",
                    file_data=DEMO_PDF if with_file else None,
                    evidence_url="" if with_file else f"https://ambon.go.id/inovasi/{innovation.pk}/bukti-{number}",
                    suggested=suggestion.parameter if suggestion else None,
                    explanation=suggestion.explanation if suggestion else "",
                )
            )
    for n, answer in enumerate(made):
        if n % 5 in (0, 1, 2):
            services.answer_accept(answer=answer, by=verifier)
    waiting = [a for n, a in enumerate(made) if a.innovation_id and n % 5 >= 3]
    if waiting:
        services.answer_return(
            answer=waiting[0], by=verifier, note="Berkas bukti tidak memuat nama inovasi; unggah halaman yang tepat."
        )
    return len(made)

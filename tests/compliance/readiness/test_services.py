"""Readiness through its services: a checklist built from the year's items, ready only on paper and on the
ground, a failed field check turning an item not ready and opening an improvement note, and the daily warnings."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from compliance.ombudsman.models import Finding
from compliance.readiness import selectors, services
from compliance.readiness.models import Deadline
from core.models import Notification
from innovations.demo import tiny_pdf, tiny_png

SEEN = datetime.date(2026, 11, 2)


def make_ready(entry, people):
    services.entry_record_paper(entry=entry, by=people["staff"], name="sk.pdf", data=tiny_pdf("SK"))
    services.entry_record_ground(
        entry=entry, by=people["reviewer"], seen_by="Tim Setda", seen_on=SEEN, name="f.png", data=tiny_png(1)
    )


def visit(checklist, people, results, photos=(), team="Setda", findings=""):
    """The mayor's office's field check of `checklist` on SEEN: results are {entry pk: (passed, note)}."""
    return services.field_check_record(
        checklist=checklist,
        by=people["reviewer"],
        visited_on=SEEN,
        team=team,
        findings=findings,
        results=results,
        photos=list(photos),
    )


def test_checklist_2027_has_the_methods_items_and_opening_it_again_changes_nothing(checklist, chart, people):
    again = services.checklist_open(agency=chart["dinkes"], year=2027, by=people["head"])
    slugs = list(checklist.entries.values_list("item__dimension__slug", "item__slug"))

    assert again.pk == checklist.pk
    assert len(slugs) == 11
    assert slugs[0] == ("input", "kompetensi-pelaksana")
    assert slugs[-1] == ("tindak-lanjut", "tindak-lanjut-ombudsman")


def test_2022_has_no_follow_up_dimension(chart, people):
    checklist = services.checklist_open(agency=chart["disdik"], year=2022, by=people["reviewer"])
    assert checklist.entries.count() == 10


def test_no_method_for_the_year_is_said_plainly(chart, people):
    with pytest.raises(ValidationError) as refused:
        services.checklist_open(agency=chart["dinkes"], year=2030, by=people["staff"])
    assert refused.value.messages == ["Belum ada metode kesiapan Ombudsman untuk tahun 2030."]


def test_an_item_is_ready_only_on_paper_and_on_the_ground(entries, people, checklist):
    entry = entries["standar-dipajang"]
    services.entry_record_paper(entry=entry, by=people["staff"], link="https://example.org/sk.pdf")
    entry.refresh_from_db()
    assert (entry.on_paper, entry.on_ground, entry.ready) == (True, False, False)

    services.entry_record_ground(entry=entry, by=people["reviewer"], seen_by="Inspektorat", seen_on=SEEN)
    entry.refresh_from_db()
    assert entry.ready is True
    score = selectors.checklist_score(checklist)
    # 1 of 11 items; proses (weight 29.13) has 4 items: 29.13 / 4 / 100 of the weights = 7.28.
    assert (score.ready, score.share, score.weighted) == (1, Decimal("9.09"), Decimal("7.28"))


def test_staff_cannot_confirm_on_the_ground(entries, people):
    with pytest.raises(PermissionDenied):
        services.entry_record_ground(entry=entries["sarana-prasarana"], by=people["staff"], seen_by="x", seen_on=SEEN)


def test_failed_field_check_turns_the_item_not_ready_and_opens_one_improvement_note(
    entries, checklist, people, record_assessment, chart
):
    record_assessment(chart["pemda"], 2025, "opini-2025", "81.20", zone="green")
    maklumat, sarana = entries["maklumat-dipajang"], entries["sarana-prasarana"]
    make_ready(maklumat, people)
    make_ready(sarana, people)

    check = visit(
        checklist,
        people,
        {maklumat.pk: (False, "Tidak ada di loket"), sarana.pk: (True, "")},
        [("loket.png", tiny_png(2))],
        team="Bagian Organisasi Setda",
        findings="Maklumat tidak terpajang di loket",
    )
    maklumat.refresh_from_db()
    sarana.refresh_from_db()
    assert (maklumat.ready, sarana.ready) == (False, True)
    failed = check.results.get(passed=False)

    finding = services.check_result_open_finding(result=failed, by=people["reviewer"], today=SEEN)
    again = services.check_result_open_finding(result=failed, by=people["reviewer"], today=SEEN)

    assert again.pk == finding.pk
    assert list(Finding.objects.values_list("responsible__code", "due", "text", "source_type")) == [
        (
            "DINKES",
            datetime.date(2026, 12, 2),
            "Pemeriksaan lapangan kesiapan 02-11-2026: Maklumat pelayanan ditandatangani dan dipajang. "
            "Tidak ada di loket",
            "field_check",
        )
    ]


def test_improvement_note_needs_an_assessment_first(entries, checklist, people):
    check = visit(checklist, people, {entries["sarana-prasarana"].pk: (False, "")})
    with pytest.raises(ValidationError) as refused:
        services.check_result_open_finding(result=check.results.get(), by=people["reviewer"])
    assert refused.value.messages == [
        "Catat dulu penilaian Ombudsman untuk Dinas Kesehatan atau untuk pemerintah kota: "
        "catatan perbaikan selalu melekat pada satu penilaian."
    ]


def test_a_bad_photo_refuses_the_whole_field_check(entries, checklist, people):
    with pytest.raises(ValidationError):
        visit(checklist, people, {entries["sarana-prasarana"].pk: (False, "")}, [("foto.png", b"not an image")])
    assert checklist.field_checks.count() == 0


def test_warnings_go_once_per_item_and_milestone_and_late_units_go_to_the_mayors_office(
    entries, checklist, people, region
):
    Deadline.objects.create(region=region, year=2027, due=datetime.date(2027, 1, 31))
    for entry in list(entries.values())[:10]:
        make_ready(entry, people)

    first = services.readiness_warn(today=datetime.date(2027, 1, 1))  # 30 days before
    again = services.readiness_warn(today=datetime.date(2027, 1, 2))  # same milestone
    third = services.readiness_warn(today=datetime.date(2027, 1, 17))  # 14 days before
    late = services.readiness_warn(today=datetime.date(2027, 2, 1))
    late_again = services.readiness_warn(today=datetime.date(2027, 2, 2))

    assert [(s.warned, s.late_notices) for s in (first, again, third, late, late_again)] == [
        (1, 0),
        (0, 0),
        (1, 0),
        (0, 1),
        (0, 0),
    ]
    pending = entries["tindak-lanjut-ombudsman"].pk
    assert sorted(Notification.objects.values_list("user__username", "key")) == [
        ("kadinkes", f"readiness-{pending}-d14"),
        ("kadinkes", f"readiness-{pending}-d30"),
        ("walikota", f"readiness-late-{region.pk}-2027"),
    ]

"""The pure rules of a standard's components (PermenPAN-RB 15/2014): entry, completeness, text, comparison."""

import datetime

from compliance.standards import domain
from compliance.standards.models import Component
from tests.compliance.standards.factories import COMPLETE, regulation


def test_lines_drop_numbering_and_blank_lines():
    assert domain.lines("1. Isi formulir\n\n- Serahkan berkas\n  3. Terima akta ") == [
        "Isi formulir",
        "Serahkan berkas",
        "Terima akta",
    ]


def test_channels_split_name_and_contact():
    assert domain.channels("WhatsApp: 0811-1\nKotak saran") == [
        {"channel": "WhatsApp", "contact": "0811-1"},
        {"channel": "Kotak saran", "contact": ""},
    ]


def test_fee_is_filled_when_free_or_with_amount_and_basis():
    assert domain.is_filled("fee", {"free": True, "amount": 0, "basis": ""})
    assert domain.is_filled("fee", {"free": False, "amount": 50000, "basis": "Perda 3/2024"})
    assert not domain.is_filled("fee", {"free": False, "amount": 50000, "basis": ""})
    assert not domain.is_filled("duration", {"amount": 0, "unit": "days"})


def test_missing_names_the_components_in_the_regulations_order(db):
    components = list(Component.objects.filter(regulation=regulation()).order_by("position"))
    values = {k: v for k, v in COMPLETE.items() if k not in ("biaya", "evaluasi-kinerja")}

    assert len(components) == 14
    assert [c.group for c in components].count("delivery") == 6
    assert domain.missing(components, values) == ["Biaya/tarif", "Evaluasi kinerja pelaksana"]
    assert domain.missing(components, COMPLETE) == []


def test_text_of_each_kind():
    assert domain.as_text("fee", {"free": False, "amount": 150000, "basis": "Perda 3/2024"}) == (
        "Rp150.000 (Perda 3/2024)"
    )
    assert domain.as_text("fee", COMPLETE["biaya"]) == "Gratis (Pasal 79A UU 24/2013)"
    assert domain.as_text("duration", {"amount": 3, "unit": "workdays"}) == "3 hari kerja"
    assert domain.as_text("steps", ["Daftar", "Ambil"]) == "1. Daftar; 2. Ambil"


def test_compare_marks_what_changed(db):
    components = list(Component.objects.filter(regulation=regulation()).order_by("position"))
    newer = {**COMPLETE, "jangka-waktu": {"amount": 2, "unit": "hours"}}

    changed = [(d.label, d.before, d.after) for d in domain.compare(components, COMPLETE, newer) if d.changed]

    assert changed == [("Jangka waktu pelayanan", "1 hari kerja", "2 jam")]


def test_review_date_a_year_later_keeps_the_end_of_february():
    assert domain.add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert domain.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)

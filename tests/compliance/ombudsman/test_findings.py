"""The Ombudsman's improvement notes: who moves an item where, evidence checked by content, every change in the
history, the daily overdue job (once per item), and the pages with their permissions and query counts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from compliance.ombudsman import services
from compliance.ombudsman.models import Finding, FindingEvent, FindingEvidence
from core.models import Notification
from innovations.demo import tiny_pdf, tiny_png
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
MAX = 10 * 1024 * 1024
TODAY = datetime.date(2026, 11, 24)


def history(finding):
    return list(
        FindingEvent.objects.filter(finding=finding)
        .order_by("pk")
        .values_list("kind", "from_state", "to_state", "by__username")
    )


def test_the_whole_path_is_recorded(note, people):
    services.finding_move(finding=note, to="in_progress", by=people["staff"], comment="Mulai")
    services.finding_add_evidence(
        finding=note, by=people["staff"], name="foto.png", data=tiny_png(3), caption="Foto", max_bytes=MAX
    )
    services.finding_move(finding=note, to="done", by=people["head"])
    services.finding_move(finding=note, to="verified", by=people["reviewer"], comment="Dicek")

    note.refresh_from_db()
    assert note.state == "verified"
    assert history(note) == [
        ("created", "", "open", "walikota"),
        ("state", "open", "in_progress", "staf.dinkes"),
        ("evidence", "", "", "staf.dinkes"),
        ("state", "in_progress", "done", "kadinkes"),
        ("state", "done", "verified", "walikota"),
    ]


@pytest.mark.parametrize(
    ("who", "to", "allowed"),
    [
        ("staff", "in_progress", True),
        ("head", "in_progress", True),
        ("reviewer", "in_progress", False),
        ("other_staff", "in_progress", False),
        ("staff", "done", False),
        ("head", "done", True),
        ("reviewer", "done", False),
        ("camat", "done", False),
    ],
)
def test_who_may_move_an_open_item(note, people, who, to, allowed):
    comment = "Sudah dipasang di ruang tunggu."
    if allowed:
        services.finding_move(finding=note, to=to, by=people[who], comment=comment)
        note.refresh_from_db()
        assert note.state == to
    else:
        with pytest.raises(PermissionDenied):
            services.finding_move(finding=note, to=to, by=people[who], comment=comment)
        note.refresh_from_db()
        assert note.state == "open"


def test_only_the_mayors_office_verifies_or_sends_back(note, people):
    services.finding_move(finding=note, to="done", by=people["head"], comment="Selesai")

    with pytest.raises(PermissionDenied):
        services.finding_move(finding=note, to="verified", by=people["head"])
    with pytest.raises(ValidationError) as excinfo:
        services.finding_move(finding=note, to="in_progress", by=people["reviewer"])
    assert excinfo.value.messages == ["Tuliskan alasan catatan dikembalikan."]

    services.finding_move(finding=note, to="in_progress", by=people["reviewer"], comment="Foto belum jelas")
    note.refresh_from_db()
    assert note.state == "in_progress"
    assert Notification.objects.filter(user=people["head"], title__contains="dikembalikan").count() == 1


def test_done_needs_evidence_or_a_description(note, people):
    with pytest.raises(ValidationError) as excinfo:
        services.finding_move(finding=note, to="done", by=people["head"])

    assert excinfo.value.messages == [
        "Tambahkan bukti perbaikan atau jelaskan apa yang sudah dikerjakan sebelum menandai selesai."
    ]


def test_a_move_the_workflow_does_not_have_is_refused(note, people):
    with pytest.raises(ValidationError) as excinfo:
        services.finding_move(finding=note, to="verified", by=people["reviewer"])

    assert excinfo.value.messages == ["Catatan berstatus 'Terbuka' tidak dapat diubah menjadi 'Terverifikasi'."]


def test_evidence_is_checked_by_content(note, people):
    with pytest.raises(ValidationError) as excinfo:
        services.finding_add_evidence(finding=note, by=people["staff"], name="sk.pdf", data=tiny_png(1), max_bytes=MAX)

    assert excinfo.value.messages == [
        "sk.pdf bernama PDF tetapi isinya PNG. Ganti namanya atau unggah berkas yang benar."
    ]
    assert FindingEvidence.objects.count() == 0


def test_creating_a_note_tells_the_responsible_head(note, people):
    assert list(Notification.objects.filter(kind="finding").values_list("user__username", "title")) == [
        ("kadinkes", "Catatan perbaikan Ombudsman baru untuk Dinas Kesehatan, tenggat 31-03-2026")
    ]


def test_overdue_is_marked_and_told_once_per_item(note, write_note, chart, people):
    later = write_note("Pelatihan", chart["dinkes"], TODAY)
    done = write_note("Sudah", chart["dinkes"], datetime.date(2026, 1, 1))
    services.finding_move(finding=done, to="done", by=people["head"], comment="Selesai")
    Notification.objects.all().delete()

    first = services.findings_mark_overdue(today=TODAY)
    again = services.findings_mark_overdue(today=TODAY)

    note.refresh_from_db()
    later.refresh_from_db()
    assert (first.marked, first.notified) == (1, 1)
    assert (again.marked, again.notified) == (0, 0)
    assert (note.overdue_since, later.overdue_since) == (TODAY, None)
    assert list(Notification.objects.values_list("user__username", "title")) == [
        ("kadinkes", "Catatan perbaikan Ombudsman lewat tenggat sejak 31-03-2026: Dinas Kesehatan")
    ]
    assert history(note)[-1] == ("overdue", "", "", None)
    # The next day the item due today is late too: it is marked and its head told, the first item not again.
    following = services.findings_mark_overdue(today=TODAY + datetime.timedelta(days=1))
    assert (following.marked, following.notified) == (1, 1)
    assert Notification.objects.count() == 2


def test_a_new_due_date_ahead_clears_the_overdue_mark(note, people):
    services.findings_mark_overdue(today=TODAY)

    services.finding_reschedule(
        finding=note, by=people["reviewer"], due=datetime.date(2099, 1, 31), reason="Anggaran perubahan"
    )

    note.refresh_from_db()
    assert (note.due, note.overdue_since) == (datetime.date(2099, 1, 31), None)
    assert (
        FindingEvent.objects.filter(finding=note).last().text == "Tenggat 31-03-2026 → 31-01-2099: Anggaran perubahan"
    )
    with pytest.raises(PermissionDenied):
        services.finding_reschedule(finding=note, by=people["head"], due=TODAY, reason="x")


# --- pages ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "listing", "detail", "create", "evidence"),
    [
        ("reviewer", 200, 200, 200, 200),
        ("admin", 200, 200, 200, 200),
        ("head", 200, 200, 403, 200),
        ("staff", 200, 200, 404, 200),  # the assessed puskesmas is not staff's own agency
        ("other_staff", 200, 404, 404, 404),
        ("camat", 200, 404, 404, 404),
        ("evaluator", 200, 404, 404, 404),
        ("outsider", 200, 404, 404, 404),
        (None, 302, 302, 302, 302),
    ],
)
def test_permission_matrix(note, people, who, listing, detail, create, evidence):
    item = services.finding_add_evidence(
        finding=note, by=people["staff"], name="a.pdf", data=tiny_pdf("x"), max_bytes=MAX
    )
    client = client_for(people.get(who))

    assert client.get(reverse("compliance:findings")).status_code == listing
    assert client.get(reverse("compliance:finding", args=[note.pk])).status_code == detail
    assert client.get(reverse("compliance:finding-create", args=[note.assessment_id])).status_code == create
    assert client.get(reverse("compliance:finding-evidence", args=[item.pk])).status_code == evidence


def test_list_shows_only_what_the_person_may_see(note, write_note, chart, people):
    write_note("Ruang laktasi", chart["disdik"], TODAY)

    def texts(who):
        return [f.text for f in client_for(people[who]).get(reverse("compliance:findings")).context["page"]]

    assert texts("reviewer") == ["Maklumat pelayanan belum dipajang.", "Ruang laktasi"]
    assert texts("head") == ["Maklumat pelayanan belum dipajang."]
    assert texts("other_staff") == ["Ruang laktasi"]
    assert texts("outsider") == []


def test_list_query_count_does_not_grow(note, write_note, chart, people, flat_queries):
    def five_more():
        for i in range(5):
            write_note(f"Butir {i}", chart["pkm"], TODAY)

    # rewarm: the bell's unread count is cached per person and was invalidated by the new notes
    url = reverse("compliance:findings") + "?show=all"
    response = flat_queries(client_for(people["reviewer"]), url, 10, five_more, rewarm=True)

    assert len(response.context["page"]) == 6


def test_head_marks_done_with_a_file_in_one_step(note, people):
    pdf = SimpleUploadedFile("bukti.pdf", tiny_pdf("Bukti"), content_type="application/pdf")

    response = client_for(people["head"]).post(
        reverse("compliance:finding", args=[note.pk]),
        {"action": "move", "to": "done", "comment": "Sudah dipasang", "file": pdf},
    )

    note.refresh_from_db()
    assert response.status_code == 302
    assert note.state == "done"
    assert list(note.evidence.values_list("original_name", "content_type")) == [("bukti.pdf", "application/pdf")]


def test_a_refused_move_keeps_the_comment(note, people):
    response = client_for(people["staff"]).post(
        reverse("compliance:finding", args=[note.pk]), {"action": "move", "to": "done", "comment": "Sudah kami pasang"}
    )

    assert response.status_code == 403
    response = client_for(people["head"]).post(
        reverse("compliance:finding", args=[note.pk]),
        {"action": "move", "to": "verified", "comment": "Sudah kami pasang"},
    )
    assert response.status_code == 400
    assert "Sudah kami pasang</textarea>" in response.content.decode()


def test_create_form_keeps_input_on_error(assessment, people):
    response = client_for(people["reviewer"]).post(
        reverse("compliance:finding-create", args=[assessment.pk]), {"text": "Kotak saran", "due": "31-02-2026"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Kotak saran</textarea>" in html
    assert Finding.objects.count() == 0

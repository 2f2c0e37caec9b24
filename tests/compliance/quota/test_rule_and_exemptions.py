"""The quota's rule form and the exemption flow, through the pages: what the mayor's office changes is kept, a
bad form saves nothing, and an exemption goes from request to decision with its notifications."""

import datetime

import pytest
from django.urls import reverse

from compliance.quota import services
from compliance.quota.models import QuotaExemption, QuotaRule, QuotaRuleChange, QuotaStatus, QuotaStatusChange
from compliance.quota.services import quota_rules_ensure, quota_sweep
from core.models import Notification
from tests.compliance.quota.test_views import EXPLANATION, MARCH, YEAR, _messages, _rule_data, _rule_state
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_mayor_office_changes_deadline_and_reminders_and_the_change_is_kept(people, region):
    quota_rules_ensure(year=YEAR)
    rule = QuotaRule.objects.get(region=region, year=YEAR)
    client = client_for(people["reviewer"])
    url = reverse("compliance:quota-rule", args=[YEAR])

    response = client.post(url, _rule_data(rule, deadline=f"{YEAR}-10-31", reminder_days="14; 45"), follow=True)

    assert response.redirect_chain == [(f"{reverse('compliance:quota')}?year={YEAR}", 302)]
    assert _messages(response) == ["Aturan disimpan. Status sedang dihitung ulang."]
    rule.refresh_from_db()
    assert (rule.deadline, rule.reminder_days, rule.updated_by) == (
        datetime.date(YEAR, 10, 31),
        [45, 14],
        people["reviewer"],
    )
    change = QuotaRuleChange.objects.get()
    assert (change.rule, change.by, change.changes) == (
        rule,
        people["reviewer"],
        {"deadline": [f"{YEAR}-12-31", f"{YEAR}-10-31"], "reminder_days": [[60, 30, 7], [45, 14]]},
    )
    # The rule page lists the change with who made it.
    page = client.get(url)
    assert [(c.by.username, c.changes) for c in page.context["changes"]] == [("walikota", change.changes)]


def test_saving_the_rule_unchanged_records_nothing(people, region):
    quota_rules_ensure(year=YEAR)
    rule = QuotaRule.objects.get(region=region, year=YEAR)

    response = client_for(people["reviewer"]).post(reverse("compliance:quota-rule", args=[YEAR]), _rule_data(rule))

    assert response.status_code == 302
    assert QuotaRuleChange.objects.count() == 0


@pytest.mark.parametrize(
    ("typed", "errors"),
    [
        (
            {"deadline": f"{YEAR + 1}-01-31", "reminder_days": "abc"},
            {
                "deadline": [f"Batas waktu harus jatuh pada tahun {YEAR}."],
                "reminder_days": ["Tulis jumlah hari berupa bilangan bulat, dipisah koma."],
            },
        ),
        (
            {"reminder_days": "0"},
            {"reminder_days": ["Setiap pengingat harus antara 1 dan 365 hari sebelum batas waktu."]},
        ),
        (
            {"reminder_days": "30, 0"},
            {"reminder_days": ["Setiap pengingat harus antara 1 dan 365 hari sebelum batas waktu."]},
        ),
        # The table's check constraint, said by the field (its name, quota_rule_minimum_positive, never shows).
        ({"minimum": "0"}, {"minimum": ["Minta sedikitnya satu inovasi per instansi."]}),
    ],
)
def test_rule_form_with_bad_input_shows_indonesian_messages_and_saves_nothing(people, region, typed, errors):
    quota_rules_ensure(year=YEAR)
    rule = QuotaRule.objects.get(region=region, year=YEAR)
    before = _rule_state()

    response = client_for(people["reviewer"]).post(
        reverse("compliance:quota-rule", args=[YEAR]), _rule_data(rule, **typed)
    )

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert "Perbaiki kesalahan di bawah. Belum ada yang disimpan." in response.content.decode()
    assert "quota_rule_minimum_positive" not in response.content.decode()
    assert _rule_state() == before
    assert QuotaRuleChange.objects.count() == 0


# --- exemptions through the pages -----------------------------------------------------------------------------


def test_exemption_flow_from_request_to_accepted(people, chart):
    quota_sweep(year=YEAR, today=MARCH)
    dinkes = chart["dinkes"]
    agency_url = reverse("compliance:agency-quota", args=[dinkes.pk])
    head = client_for(people["head"])
    walikota = client_for(people["reviewer"])

    # kadinkes asks from his agency's quota page.
    form_page = head.get(agency_url)
    asked = head.post(
        agency_url, {"year": YEAR, "reason_kind": "merged", "explanation": f"  {EXPLANATION}  "}, follow=True
    )

    assert [c for c, _label in form_page.context["form"].fields["year"].choices] == [YEAR, YEAR - 1]
    assert _messages(asked) == ["Permohonan Anda sudah dikirim ke Bagian Organisasi."]
    exemption = QuotaExemption.objects.get()
    assert (exemption.agency, exemption.year, exemption.reason_kind, exemption.explanation, exemption.state) == (
        dinkes,
        YEAR,
        "merged",
        EXPLANATION,
        "requested",
    )
    assert list(Notification.objects.values_list("user__username", "kind", "title", "body", "url")) == [
        (
            "walikota",
            "quota.exemption_requested",
            f"Dinas Kesehatan mengajukan pengecualian dari kuota {YEAR}",
            EXPLANATION,
            f"{reverse('compliance:quota')}?year={YEAR}#exemptions",
        )
    ]

    # The mayor's office sees it waiting on the overview and accepts it.
    overview = walikota.get(reverse("compliance:quota"))
    assert list(overview.context["exemptions"]) == [exemption]
    assert "Permohonan pengecualian menunggu keputusan Anda" in overview.content.decode()
    decided = walikota.post(
        reverse("compliance:exemption-decide", args=[exemption.pk]), {"accept": "1", "note": ""}, follow=True
    )

    assert _messages(decided) == ["Keputusan untuk Dinas Kesehatan tercatat."]
    assert decided.context["exemptions"] == []
    exemption.refresh_from_db()
    assert (exemption.state, exemption.decided_by) == ("accepted", people["reviewer"])
    status = QuotaStatus.objects.get(agency=dinkes, year=YEAR)
    assert status.status == "exempt"
    assert list(
        QuotaStatusChange.objects.filter(agency=dinkes).order_by("id").values_list("from_status", "to_status")
    ) == [("", "pending"), ("pending", "exempt")]
    assert list(
        Notification.objects.filter(kind="quota.exemption_decided").values_list("user__username", "title", "url")
    ) == [("kadinkes", f"Pengecualian Anda untuk {YEAR} diterima", agency_url)]
    # The head's page shows the decision.
    mine = head.get(agency_url)
    assert [(s.year, s.status) for s in mine.context["statuses"]] == [(YEAR, "exempt")]
    assert [(e.state, e.decided_by) for e in mine.context["exemptions"]] == [("accepted", people["reviewer"])]


def test_rejecting_without_a_note_is_refused_then_with_a_note_is_recorded(people, chart):
    quota_sweep(year=YEAR, today=MARCH)
    exemption = services.exemption_request(
        agency=chart["dinkes"], year=YEAR, reason_kind="other", explanation=EXPLANATION, by=people["head"]
    )
    Notification.objects.all().delete()
    walikota = client_for(people["reviewer"])
    url = reverse("compliance:exemption-decide", args=[exemption.pk])

    refused = walikota.post(url, {"reject": "1", "note": "   "}, follow=True)

    assert _messages(refused) == ["Tuliskan alasan permohonan ditolak."]
    exemption.refresh_from_db()
    assert (exemption.state, exemption.decided_by) == ("requested", None)
    assert list(refused.context["exemptions"]) == [exemption]
    assert not Notification.objects.exists()

    rejected = walikota.post(url, {"reject": "1", "note": "Dinas tetap berjalan penuh tahun ini."}, follow=True)

    assert _messages(rejected) == ["Keputusan untuk Dinas Kesehatan tercatat."]
    exemption.refresh_from_db()
    assert (exemption.state, exemption.decision_note, exemption.decided_by) == (
        "rejected",
        "Dinas tetap berjalan penuh tahun ini.",
        people["reviewer"],
    )
    # Rejected: the agency keeps the status of today's check (the decision re-checks it), not "exempt".
    today = quota_sweep(year=YEAR, agency_ids=[chart["dinkes"].pk], dry_run=True).statuses[chart["dinkes"].pk]
    assert QuotaStatus.objects.get(agency=chart["dinkes"], year=YEAR).status == today[0] != "exempt"
    assert list(Notification.objects.filter(kind="quota.exemption_decided").values_list("user__username", "title")) == [
        ("kadinkes", f"Pengecualian Anda untuk {YEAR} ditolak")
    ]


def test_a_second_request_while_one_waits_is_refused_with_the_indonesian_message(people, chart):
    services.exemption_request(
        agency=chart["dinkes"], year=YEAR, reason_kind="merged", explanation=EXPLANATION, by=people["head"]
    )

    response = client_for(people["head"]).post(
        reverse("compliance:agency-quota", args=[chart["dinkes"].pk]),
        {"year": YEAR, "reason_kind": "dissolved", "explanation": "Dibubarkan."},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"__all__": [f"Permohonan untuk {YEAR} masih menunggu keputusan."]}
    assert QuotaExemption.objects.count() == 1


def test_exemption_request_without_explanation_or_for_an_unoffered_year_saves_nothing(people, chart):
    response = client_for(people["head"]).post(
        reverse("compliance:agency-quota", args=[chart["dinkes"].pk]),
        {"year": YEAR - 5, "reason_kind": "merged", "explanation": ""},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "year": [f"Masukkan pilihan yang valid. {YEAR - 5} bukan salah satu dari pilihan yang tersedia."],
        "explanation": ["Bidang ini harus diisi."],
    }
    assert QuotaExemption.objects.count() == 0

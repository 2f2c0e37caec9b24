"""The exemption's map is what `exemption_decide` enforces: a decided request is refused in the service's own words
and nothing changes; each allowed move writes its decision once on the request itself (who, when, from
"requested", to, the note)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from compliance.quota.models import QuotaExemption
from compliance.quota.services import exemption_decide
from compliance.quota.workflow import EXEMPTION_WORKFLOW
from core.models import Notification
from tests.compliance.factories import QuotaExemptionFactory

pytestmark = pytest.mark.django_db


def decision(exemption):
    row = QuotaExemption.objects.select_related("decided_by").get(pk=exemption.pk)
    return (
        row.state,
        row.decided_by.username if row.decided_by else None,
        row.decided_at is not None,
        row.decision_note,
    )


def test_exemption_map_is_one_decision_by_the_mayors_office():
    assert {a: (m.sources, m.target, m.permission, m.note_required) for a, m in EXEMPTION_WORKFLOW.map.items()} == {
        "accept": (("requested",), "accepted", "compliance.decide_exemption", False),
        "reject": (("requested",), "rejected", "compliance.decide_exemption", True),
    }


@pytest.mark.parametrize("state", ["accepted", "rejected"])
@pytest.mark.parametrize("accept", [True, False])
def test_a_decided_request_is_refused_and_stays_as_it_was(chart, people, state, accept):
    exemption = QuotaExemptionFactory(agency=chart["dinkes"], state=state, decision_note="Sudah.")

    with pytest.raises(ValidationError) as error:
        exemption_decide(exemption=exemption, accept=accept, note="Lagi", by=people["reviewer"])

    assert error.value.messages == ["Permohonan ini sudah diputuskan."]
    assert decision(exemption) == (state, None, False, "Sudah.")
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("accept", "note", "expected"),
    [
        (True, "", ("accepted", "walikota", True, "")),
        (True, " Sesuai Perda. ", ("accepted", "walikota", True, "Sesuai Perda.")),
        (False, "Dinas tetap berjalan.", ("rejected", "walikota", True, "Dinas tetap berjalan.")),
    ],
)
def test_each_allowed_move_records_the_decision_once(chart, people, accept, note, expected):
    exemption = QuotaExemptionFactory(agency=chart["dinkes"], requested_by=people["head"])

    exemption_decide(exemption=exemption, accept=accept, note=note, by=people["reviewer"])

    assert decision(exemption) == expected
    # The decision re-sweeps the agency (a rejected one may be told it is at risk): the head is told once.
    assert list(Notification.objects.filter(kind="quota.exemption_decided").values_list("user__username")) == [
        ("kadinkes",)
    ]


def test_rejecting_needs_a_reason_and_writes_nothing_without_one(chart, people):
    exemption = QuotaExemptionFactory(agency=chart["dinkes"])

    with pytest.raises(ValidationError) as error:
        exemption_decide(exemption=exemption, accept=False, note="  ", by=people["reviewer"])

    assert error.value.messages == ["Tuliskan alasan permohonan ditolak."]
    assert decision(exemption) == ("requested", None, False, "")


@pytest.mark.parametrize("who", ["head", "staff", "other_staff", "evaluator", "outsider"])
def test_only_the_mayors_office_decides(chart, people, who):
    exemption = QuotaExemptionFactory(agency=chart["dinkes"])

    with pytest.raises(PermissionDenied):
        exemption_decide(exemption=exemption, accept=True, note="", by=people[who])

    assert decision(exemption) == ("requested", None, False, "")
    assert EXEMPTION_WORKFLOW.allowed(exemption, people[who]) == []
    assert EXEMPTION_WORKFLOW.allowed(exemption, people["reviewer"]) == ["accept", "reject"]

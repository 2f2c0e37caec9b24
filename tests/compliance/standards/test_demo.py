"""The demo city's services and standards in every state, and its 2027 readiness checklists half done with two
field checks, one failed with its improvement note; a second run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from compliance.readiness.models import Checklist, CheckResult, Entry, FieldCheck
from compliance.standards.models import Service, Standard


@pytest.mark.django_db
def test_seed_demo_has_standards_in_every_state_and_readiness_half_done(settings):
    settings.DEMO_PASSWORD = "demo-pass-2026"
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    counts = (Service.objects.count(), Standard.objects.count(), Checklist.objects.count(), FieldCheck.objects.count())
    call_command("seed_demo", stdout=StringIO())

    assert counts == (Service.objects.count(), Standard.objects.count(), Checklist.objects.count(), 2)
    assert set(Standard.objects.values_list("state", flat=True)) == {
        "draft",
        "consultation",
        "decreed",
        "published",
        "review_due",
    }
    units = set(Service.objects.values_list("agency__type__slug", flat=True))
    assert units == {"dinas", "kecamatan", "kelurahan", "puskesmas", "sekolah", "bumd"}
    assert Service.objects.filter(agency__maklumat__isnull=False).count() == Service.objects.count()
    assert counts[2] == 9
    entries = Entry.objects.filter(checklist__year=2027)
    ready = entries.filter(paper_at__isnull=False, ground_on__isnull=False).count()
    assert (entries.count(), ready) == (99, 53)  # 6 of 11 items each, one failed at the field check
    failed = CheckResult.objects.get(passed=False)
    assert failed.finding is not None

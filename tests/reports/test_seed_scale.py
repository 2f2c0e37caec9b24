"""seed_scale on a small scale: every step fills what the benchmark reads, the competition included."""

import pytest
from django.core.management import call_command

from agencies.models import Agency, Region
from competition.models import Review, ReviewState, Round
from compliance.ombudsman.models import Assessment
from compliance.quota.models import QuotaStatus
from innovations.models import Innovation


@pytest.mark.django_db(transaction=True)
def test_seed_scale_fills_every_table_the_benchmark_reads():
    call_command(
        "seed_scale",
        "--regions",
        "3",
        "--agencies-per-region",
        "20",
        "--innovations",
        "2000",
        "--entries",
        "40",
        "--evaluators",
        "4",
    )

    assert (Region.objects.filter(level__in=["city", "regency"]).count(), Agency.objects.count()) == (3, 60)
    assert Innovation.objects.count() == 2000
    assert QuotaStatus.objects.exists() and Assessment.objects.exists()
    province = Round.objects.get(region__code="99")
    assert province.entries.count() == 40
    reviews = Review.objects.filter(entry__round=province)
    assert reviews.count() == 80
    assert reviews.values("entry_id").distinct().count() == 40
    submitted = reviews.filter(state=ReviewState.SUBMITTED)
    assert submitted.exists()
    assert all(r.total is not None and r.scores.count() == r.stage.criteria.count() for r in submitted)
    assert Round.objects.exclude(pk=province.pk).exists()  # the first region's own round


@pytest.mark.django_db(transaction=True)
def test_seed_scale_refuses_a_database_with_agencies(chart):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="has agencies already"):
        call_command("seed_scale", "--regions", "1", "--agencies-per-region", "10")

"""A database migrated before the methods followed the years (ombudsman 0001: 0-1000 for 2013-2019) migrates
forward: 2015-2019 assessments are re-placed under kepatuhan-2015 (0-100) and each correction history says so;
2013-2014 stay. Migrating back restores them as they were."""

from decimal import Decimal

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from compliance.ombudsman.models import Assessment, AssessmentCorrection

BEFORE = [("ombudsman", "0001_initial")]


def _migrate(targets):
    return MigrationExecutor(connection).migrate(targets)


def test_old_assessments_are_re_placed_with_a_history_line(transactional_db, chart):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = _migrate(BEFORE).apps
        Old = old_apps.get_model("ombudsman", "Assessment")
        method = old_apps.get_model("ombudsman", "AssessmentMethod").objects.get(slug="kepatuhan-2014")
        ids = {
            # Kota Ambon 2018 = 97.16 (ambon.go.id), typed on the published 0-100 scale and stored as red.
            2018: Old.objects.create(
                agency_id=chart["pemda"].pk, year=2018, method=method, score=Decimal("97.16"), zone="red"
            ),
            # Typed on 0-1000 (701.85, yellow): only 0-100 was published, so it becomes 70.19 (still yellow).
            2017: Old.objects.create(
                agency_id=chart["pemda"].pk, year=2017, method=method, score=Decimal("701.85"), zone="yellow"
            ),
            2014: Old.objects.create(
                agency_id=chart["pemda"].pk, year=2014, method=method, score=Decimal("655"), zone="yellow"
            ),
        }
        ids = {year: row.pk for year, row in ids.items()}

        _migrate(latest)

        placed = {a.year: (a.method.slug, str(a.score), a.zone) for a in Assessment.objects.select_related("method")}
        assert placed == {
            2018: ("kepatuhan-2015", "97.16", "green"),
            2017: ("kepatuhan-2015", "70.19", "yellow"),
            2014: ("kepatuhan-2014", "655.00", "yellow"),
        }
        lines = {
            c.assessment.year: (c.changes, c.reason) for c in AssessmentCorrection.objects.select_related("assessment")
        }
        assert lines == {
            2018: (
                {
                    "method": ["kepatuhan-2014", "kepatuhan-2015"],
                    "migration": [None, "ombudsman.0002_seed_methods_by_year"],
                    "zone": ["red", "green"],
                },
                "Ditempatkan ulang karena perubahan metode: kepatuhan-2014 (0–1000) hanya berlaku untuk 2013–2014; "
                "tahun 2018 dinilai dengan skala 0–100 menurut kepatuhan-2015.",
            ),
            2017: (
                {
                    "method": ["kepatuhan-2014", "kepatuhan-2015"],
                    "migration": [None, "ombudsman.0002_seed_methods_by_year"],
                    "score": ["701.85", "70.19"],
                },
                "Ditempatkan ulang karena perubahan metode: kepatuhan-2014 (0–1000) hanya berlaku untuk 2013–2014; "
                "tahun 2017 dinilai dengan skala 0–100 menurut kepatuhan-2015.",
            ),
        }

        back = _migrate(BEFORE).apps.get_model("ombudsman", "Assessment")
        assert {a.year: (a.method.slug, str(a.score), a.zone) for a in back.objects.select_related("method")} == {
            2018: ("kepatuhan-2014", "97.16", "red"),
            2017: ("kepatuhan-2014", "701.85", "yellow"),
            2014: ("kepatuhan-2014", "655.00", "yellow"),
        }
    finally:
        _migrate(latest)

"""A database from before the dimensions were rows (four fixed columns) migrates forward: the values move into score
rows of the method's dimensions; a value the method has no dimension for is kept in the correction history; and
migrating back puts every value back in its column."""

from decimal import Decimal

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from compliance.ombudsman.models import AssessmentCorrection, DimensionScore

BEFORE = [("ombudsman", "0004_dimensions_and_note_source")]


def _migrate(targets):
    return MigrationExecutor(connection).migrate(targets)


def test_fixed_columns_move_into_rows_and_back(transactional_db, chart):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = _migrate(BEFORE).apps
        Old = old_apps.get_model("ombudsman", "Assessment")
        methods = {m.slug: m for m in old_apps.get_model("ombudsman", "AssessmentMethod").objects.all()}
        pemda = chart["pemda"].pk
        Old.objects.create(
            agency_id=pemda, year=2023, method=methods["opini-2022"], score=Decimal("87.99"), zone="green",
            grade="B", dim_input=Decimal("21.00"), dim_proses=Decimal("30.50"), dim_pengaduan=Decimal("18.00"),
        )  # fmt: skip
        Old.objects.create(
            agency_id=pemda, year=2025, method=methods["opini-2025"], score=Decimal("81.20"), zone="green",
            dim_input=Decimal("20.00"), dim_pengaduan=Decimal("77.00"),
        )  # fmt: skip

        _migrate(latest)

        moved = {
            (s.assessment.year, s.dimension.slug): str(s.score)
            for s in DimensionScore.objects.select_related("assessment", "dimension")
        }
        assert moved == {
            (2023, "input"): "21.00",
            (2023, "proses"): "30.50",
            (2023, "pengaduan"): "18.00",
            (2025, "pengaduan"): "77.00",
        }
        kept = AssessmentCorrection.objects.get()
        assert (kept.assessment.year, kept.changes) == (
            2025,
            {"dim_input": ["20.00", None], "migration": [None, "ombudsman.0005_seed_dimensions_move_scores"]},
        )

        back = _migrate(BEFORE).apps.get_model("ombudsman", "Assessment")
        columns = ("year", "dim_input", "dim_proses", "dim_output", "dim_pengaduan")
        assert sorted(back.objects.values_list(*columns)) == [
            (2023, Decimal("21.00"), Decimal("30.50"), None, Decimal("18.00")),
            (2025, Decimal("20.00"), None, None, Decimal("77.00")),
        ]
    finally:
        _migrate(latest)

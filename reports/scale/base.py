"""What every seeding step of `seed_scale` shares: the scale asked for, the accounts' password, raw SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

#: The password of the benchmark's accounts (a scratch database only).
PASSWORD = "skala-nasional-2026"  # noqa: S105 -- a throwaway account in a scratch database


@dataclass(frozen=True)
class Scale:
    regions: int
    per_region: int
    years: int
    innovations: int
    last_year: int
    entries: int = 3000
    evaluators: int = 30

    @property
    def first_year(self) -> int:
        return self.last_year - self.years + 1


def _run(sql: str, params: dict[str, Any] | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or {})
        return cursor.rowcount

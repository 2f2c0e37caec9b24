"""Load Kemendagri region codes (provinces, kabupaten/kota) from the data files shipped in agencies/data/."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from agencies.models import Region

DATA_DIR = Path(__file__).resolve().parent / "data"
NATIONAL_FILE = DATA_DIR / "wilayah_kabupaten_kota.csv"
CITIES_FILE = DATA_DIR / "wilayah_seed_cities.csv"
DECREE = "Kepmendagri 300.2.2-2138/2025"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _level(code: str, name: str) -> str:
    if "." not in code:
        return Region.Level.PROVINCE
    # KK 01-69 is a kabupaten, 71-99 a kota (Permendagri 137/2017).
    return Region.Level.CITY if int(code.split(".")[1]) >= 71 else Region.Level.REGENCY


@transaction.atomic
def load_regions(*, codes: set[str] | None = None) -> int:
    """Create or update provinces and kabupaten/kota; only `codes` (and their provinces) when given."""
    rows = [r for r in read_rows(NATIONAL_FILE) if r["tingkat"] in ("provinsi", "kabupaten_kota")]
    if codes is not None:
        wanted = codes | {c.split(".")[0] for c in codes}
        rows = [r for r in rows if r["kode"] in wanted]
    provinces: dict[str, Region] = {}
    count = 0
    for row in sorted(rows, key=lambda r: r["kode"]):
        code = row["kode"]
        parent = provinces.get(code.split(".")[0]) if "." in code else None
        region, _ = Region.objects.update_or_create(
            code=code,
            defaults={"name": row["nama"], "level": _level(code, row["nama"]), "parent": parent, "decree": DECREE},
        )
        if "." not in code:
            provinces[code] = region
        count += 1
    return count

"""`make backup` / `make restore` (scripts/backup.sh): back up, wipe, restore, and every row and file is back."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from innovations.models import State
from tests.innovations.factories import build_innovation

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def run(*args: str, backup_dir: Path, keep: int = 14) -> subprocess.CompletedProcess[str]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "BACKUP_DIR": str(backup_dir),
        "BACKUP_KEEP": str(keep),
    }
    return subprocess.run(
        ["bash", "scripts/backup.sh", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608  (names from the catalogue)
            counts[table] = cursor.fetchone()[0]
    return counts


def files() -> dict[str, str]:
    media = Path(settings.MEDIA_ROOT)
    return {
        str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest() for p in media.rglob("*") if p.is_file()
    }


def test_backup_wipe_restore_finds_every_row_and_file(chart, people, tmp_path):
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    build_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, evidence=2, title="Antar Obat")
    build_innovation(chart["disdik"], people["other_staff"], State.DRAFT, evidence=1, title="Rapor Daring")
    rows, stored = row_counts(), files()

    folder = Path(run("backup", backup_dir=tmp_path).stdout.strip())
    with connection.cursor() as cursor:  # the wipe: every table emptied, every file gone
        cursor.execute("TRUNCATE {} CASCADE".format(", ".join(f'"{t}"' for t in rows)))
    shutil.rmtree(settings.MEDIA_ROOT)
    wiped = (sum(row_counts().values()), files())
    run("restore", backup_dir=tmp_path)

    assert sorted(p.name for p in folder.iterdir()) == ["SHA256SUMS", "db.dump", "media.tar.gz"]
    assert wiped == (0, {})
    assert (rows["innovations_innovation"], len(stored)) == (2, 3)
    assert row_counts() == rows
    assert files() == stored


def test_backup_keeps_only_the_newest(db, tmp_path):
    for name in ["20260101-020000", "20260102-020000", "20260103-020000"]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "SHA256SUMS").touch()

    run("backup", backup_dir=tmp_path, keep=2)

    kept = run("list", backup_dir=tmp_path).stdout.split()
    assert len(kept) == 2 and kept[1] == "20260103-020000"
    assert kept[0] > "20260103-020000"


def test_restore_refuses_a_damaged_backup(db, tmp_path):
    folder = Path(run("backup", backup_dir=tmp_path).stdout.strip())
    with (folder / "db.dump").open("ab") as dump:
        dump.write(b"rusak")

    result = subprocess.run(
        ["bash", "scripts/backup.sh", "restore", str(folder)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", "SATU_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert result.stderr.strip().endswith("is damaged: its checksums do not match")

"""Version-1 and version-2 history files, built by the old schema code from the v3 fixture's rows.

The old migrations still live in schema.py (a file is brought up through every
one of them), so `migrate(db, target=N)` makes a real version-N file; its rows
are copied from the real v3 file in fixtures/ (written by the v3 code), leaving
out what version N could not have held: reminders (version 3), and previews,
which the version-2 totals would count.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from stretchtui.history.schema import migrate

FIXTURES = Path(__file__).parent / "fixtures"
V3_FILE = FIXTURES / "history-v3.sqlite3"
V3_ANSWERS = FIXTURES / "history-v3-answers.json"
PREVIEW_ID = "9bab25a1264f4e22ace59188871c0425"


def v3_file(path: Path) -> Path:
    shutil.copy(V3_FILE, path)
    return path


def old_file(path: Path, version: int) -> Path:
    """A real version-`version` file (1 or 2) at `path` holding the v3 fixture's sessions."""
    source = v3_file(path.with_name("v3-source.sqlite3"))
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=1)
    db.execute("ATTACH DATABASE ? AS v3", (str(source),))
    db.execute("BEGIN")
    for table in ("sessions", "segments", "session_areas"):
        key = "id" if table == "sessions" else "session_id"
        db.execute(
            f"INSERT INTO main.{table} SELECT * FROM v3.{table} WHERE {key} != ?", (PREVIEW_ID,)
        )
    db.execute("COMMIT")
    db.execute("DETACH DATABASE v3")
    migrate(db, target=version)
    db.close()
    return path


def row_counts(path: Path) -> dict[str, int]:
    """How many rows each table holds (sessions, segments, totals, reminders)."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}
    finally:
        db.close()

"""A history file whose tables are not what its version promises is put aside like a damaged one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchtui.cli import main
from stretchtui.history import SCHEMA_VERSION, open_store
from stretchtui.history.promises import promised_tables

from .helpers import ROUTINES, record_session

MORNING = datetime(2026, 3, 4, 8, 0, tzinfo=timezone(timedelta(hours=1)))
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
MOVED = "history.sqlite3.broken-20260304-093000"


def foreign(path: Path, version: int, *statements: str) -> None:
    """Another program's database at `path`, claiming our history `version`."""
    db = sqlite3.connect(path)
    for statement in statements:
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()


def ours_without(path: Path, statement: str) -> None:
    """A real history at the current version, then changed by hand with `statement`."""
    open_store(path).close()
    db = sqlite3.connect(path)
    db.executescript(statement)
    db.commit()
    db.close()


FOREIGN_FILES: dict[str, Callable[[Path], None]] = {
    "other tables, our version": lambda path: foreign(
        path,
        SCHEMA_VERSION,
        "CREATE TABLE sessions (session_key TEXT, minutes REAL)",
        "INSERT INTO sessions VALUES ('x', 3)",
    ),
    "version 1 whose migration would fail": lambda path: foreign(
        path, 1, "CREATE TABLE sessions (name TEXT)", "CREATE TABLE segments (name TEXT)"
    ),
    "version 0 with a table of ours taken": lambda path: foreign(
        path, 0, "CREATE TABLE segments (x INTEGER)"
    ),
    "a column missing": lambda path: ours_without(
        path, "DROP VIEW session_rows; ALTER TABLE sessions DROP COLUMN host"
    ),
    "the reading view missing": lambda path: ours_without(path, "DROP VIEW session_rows"),
    "a totals table missing": lambda path: ours_without(path, "DROP TABLE day_totals"),
}


@pytest.mark.parametrize("make", FOREIGN_FILES.values(), ids=FOREIGN_FILES.keys())
def test_a_file_breaking_its_versions_promise_is_moved_aside_and_a_new_history_kept(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    path = tmp_path / "history.sqlite3"
    make(path)
    before = path.read_bytes()
    store = open_store(path, now=NOW)
    assert store.warning == f"{path} was damaged; moved it to {MOVED} and started a new history."
    assert (tmp_path / MOVED).read_bytes() == before  # kept as it was, for whoever wants it
    record_session(store, "desk-coffee-break", MORNING)
    assert [row.status for row in store.sessions()] == ["completed"]
    store.close()
    again = open_store(path)
    assert again.warning is None and len(again.sessions()) == 1
    again.close()


def test_every_version_promises_what_its_migrations_make() -> None:
    assert promised_tables(0) == {}
    assert {"sessions", "segments", "session_areas"} <= promised_tables(1).keys()
    latest = promised_tables(SCHEMA_VERSION)
    assert {"id", "status", "paused_seconds"} <= latest["sessions"]
    assert {"day_totals", "level_totals", "area_totals"} <= latest.keys()


def test_extra_tables_and_columns_of_someone_elses_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    ours_without(path, "CREATE TABLE my_notes (note TEXT)")
    ours_without(path, "ALTER TABLE sessions ADD COLUMN my_mark TEXT")
    store = open_store(path)
    assert store.warning is None
    record_session(store, "desk-coffee-break", MORNING)
    assert len(store.sessions()) == 1
    store.close()


def test_history_and_run_say_so_and_save_the_next_session(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = isolated_dirs["data"] / "history.sqlite3"
    FOREIGN_FILES["other tables, our version"](path)
    # Before: `history` failed for good with "no such column: id".
    assert main(["history"]) == 0
    captured = capsys.readouterr()
    assert f"{path} was damaged; moved it to history.sqlite3.broken-" in captured.err
    assert "No sessions recorded yet." in captured.out
    assert "Traceback" not in captured.err
    # And a run records into the fresh history (before: nothing saved, no word said).
    routine = ROUTINES / "desk-coffee-break.yaml"
    assert main(["run", str(routine), "--plain", "--no-sound", "--speed", "100"]) == 0
    capsys.readouterr()
    store = open_store(path)
    assert len(store.sessions()) == 1
    store.close()
    assert len(list(isolated_dirs["data"].glob("history.sqlite3.broken-*"))) == 1


def test_a_new_file_made_by_another_process_meanwhile_is_not_taken_for_a_broken_one(
    tmp_path: Path,
) -> None:
    """Two processes open a new history at once: the second reads the version (0), the first
    then makes the tables; the second must not see version 0 with version 4's tables."""
    from stretchtui.history.promises import check_promise
    from stretchtui.history.schema import migrate

    path = tmp_path / "history.sqlite3"
    first = sqlite3.connect(path, isolation_level=None)
    first.execute("PRAGMA journal_mode = WAL")
    made: list[bool] = []

    class Racing(sqlite3.Connection):
        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            cursor = super().execute(sql, *args)  # type: ignore[arg-type]
            if "user_version" in sql and not made:
                made.append(True)
                migrate(first)  # the other process, just after the version was read
            return cursor

    second = sqlite3.connect(path, isolation_level=None, factory=Racing)
    check_promise(second)
    assert made
    second.close()
    first.close()

"""`stretchtui stats` reads the history without changing it, whatever the file holds.

It opens the file read-only: nothing is written, moved aside or created (only a file from
an older stretchtui is brought up to date, once, as any command would), and
every file it cannot read gets one line saying what is wrong and what stretchtui will
do about it. What it prints is what the store (after its fix-ups) would say.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stretchtui.cli import main
from stretchtui.history import SCHEMA_VERSION, open_store
from stretchtui.history import readonly as readonly_module
from stretchtui.history.adherence import _ms
from stretchtui.history.readonly import file_uri
from stretchtui.history.schema import text_to_ms

from .helpers import record_session, remount_readonly, tmpfs
from .old_files import old_file, v3_file

NOW = datetime.now(UTC)


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def stats(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["stats", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def history(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["data"] / "history.sqlite3"
    store = open_store(path)
    for back, routine in enumerate(("beginner", "desk-coffee-break", "intermediate")):
        record_session(store, routine, NOW - timedelta(days=back), complete=back != 1)
    store.close()
    return path


def test_stats_changes_nothing_in_the_file(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {p.name for p in history.parent.iterdir()}
    before = fingerprint(history)
    assert stats(capsys)[0] == 0
    assert stats(capsys, "--json")[0] == 0
    assert fingerprint(history) == before
    # Nothing new beside it but SQLite's shared-memory index for readers (and an empty log).
    wal = history.with_name(f"{history.name}-wal")
    assert {p.name for p in history.parent.iterdir()} - names <= {wal.name, f"{history.name}-shm"}
    assert not wal.exists() or wal.stat().st_size == 0


def test_stats_answers_what_the_store_answers(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = stats(capsys, "--json")
    printed = json.loads(out)
    store = open_store(history)
    try:
        assert printed["sessions"] == sum(store.status_counts().values()) == 3
        assert printed["ended_early"] == 1
        assert printed["last_session"] == store.last_session().started.isoformat()  # type: ignore[union-attr]
        assert set(printed["levels"]) == {t.level for t in store.level_totals()}
    finally:
        store.close()


def test_no_history_gives_empty_figures_and_makes_no_file(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = stats(capsys)
    assert code == 0 and err == ""
    assert out.startswith("Streak: 0 days now, best 0") and "Sessions: 0 (0 completed)" in out
    assert not (isolated_dirs["data"] / "history.sqlite3").exists()


def test_a_damaged_file_is_left_as_it_is_and_said_so(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = isolated_dirs["data"] / "history.sqlite3"
    path.write_text("not a database at all\n" * 100)
    before = fingerprint(path)
    code, out, err = stats(capsys)
    assert code == 1 and out == ""
    assert err == (
        f"stretchtui: {path} is damaged or not a stretchtui history (file is not a database); "
        "it is left as it is (stretchtui moves it aside and starts a new history the next "
        "time it records or lists sessions)\n"
    )
    assert fingerprint(path) == before
    assert sorted(p.name for p in path.parent.iterdir() if "broken" in p.name) == []
    # ...and `history`, which opens it to record, does as the message says.
    assert main(["history"]) == 0
    assert "was damaged; moved it to history.sqlite3.broken-" in capsys.readouterr().err


def test_another_programs_database_is_not_read_as_a_history(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = isolated_dirs["data"] / "history.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE sessions (session_key TEXT, minutes REAL)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.commit()
    db.close()
    code, out, err = stats(capsys)
    assert code == 1 and out == "" and "Traceback" not in err
    assert "is damaged or not a stretchtui history (no such table: day_totals)" in err


def test_values_the_history_never_holds_are_refused_in_one_line(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sqlite3.connect(history)
    db.execute(
        "UPDATE day_totals SET local_date = '\x1b[2Jnot a day' "
        "WHERE local_date = (SELECT min(local_date) FROM day_totals)"
    )
    db.commit()
    db.close()
    code, out, err = stats(capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"stretchtui: cannot read the history file {history}: Invalid isoformat")
    assert "\x1b" not in err and "\\x1b[2J" in err


def test_a_newer_file_is_left_untouched(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = sqlite3.connect(history)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = fingerprint(history)
    code, out, err = stats(capsys)
    assert code == 1 and out == ""
    assert err == (
        f"stretchtui: {history} was written by a newer stretchtui (history version "
        f"{SCHEMA_VERSION + 1}, this one knows {SCHEMA_VERSION}); it is left untouched\n"
    )
    assert fingerprint(history) == before


def figures_after_a_real_migration(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What `stats --json` says of a copy of `path` once `history` has brought it up to date."""
    copy = path.parent / "reference"
    copy.mkdir()
    copy.joinpath(path.name).write_bytes(path.read_bytes())
    assert main(["history", "--data-dir", str(copy)]) == 0
    capsys.readouterr()
    code, out, err = stats(capsys, "--json", "--data-dir", str(copy))
    assert (code, err) == (0, "")
    return out


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_older_file_is_brought_up_to_date_once(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str], version: int
) -> None:
    path = isolated_dirs["data"] / "history.sqlite3"
    if version == 3:
        v3_file(path)
    else:
        old_file(path, version)
    expected = figures_after_a_real_migration(path, capsys)
    code, out, err = stats(capsys, "--json")
    assert (code, out, err) == (0, expected, "")
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    # From then on stats only reads it.
    before = fingerprint(path)
    assert stats(capsys, "--json") == (0, expected, "")
    assert fingerprint(path) == before


def test_an_older_file_that_cannot_be_updated_is_read_through_a_copy(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(isolated_dirs["data"] / "ro", "size=4m") as data:
        path = data / "history.sqlite3"
        v3_file(path)
        expected = figures_after_a_real_migration(path, capsys)
        for name in os.listdir(data):
            if name != path.name:
                subprocess.run(["rm", "-rf", str(data / name)], check=True)
        before = fingerprint(path)
        remount_readonly(data)
        code, out, err = stats(capsys, "--json", "--data-dir", str(data))
        assert (code, out) == (0, expected)
        assert err.startswith(
            f"stretchtui: {path} is from an older stretchtui (history version 3) and could "
            "not be brought up to date ("
        )
        assert err.endswith(
            "); these figures come from a copy brought up to date in memory, and the file "
            "is left as it is.\n"
        )
        assert err.count("\n") == 1
        assert fingerprint(path) == before


def test_an_empty_file_is_an_empty_history(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = isolated_dirs["data"] / "history.sqlite3"
    path.touch()
    code, out, err = stats(capsys)
    assert (code, err) == (0, "")
    assert "Sessions: 0 (0 completed)" in out
    assert path.read_bytes() == b""


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_something_other_than_a_file_is_refused_at_once(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = isolated_dirs["data"] / "history.sqlite3"
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    result: list[tuple[int, str, str]] = []
    worker = threading.Thread(target=lambda: result.append(stats(capsys)), daemon=True)
    worker.start()
    worker.join(10)
    assert result, "stats waited on the history path"
    code, out, err = result[0]
    assert code == 1 and out == ""
    assert err == f"stretchtui: the history file {path} is not a file; it is left as it is\n"


def test_a_locked_file_is_said_to_be_locked(
    history: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readonly_module, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(history, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, out, err = stats(capsys)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1 and out == ""
    assert err.startswith(
        f"stretchtui: cannot read the history file {history}: another program holds it locked"
    )
    assert err.endswith("; try again in a moment\n")


def test_an_abandoned_session_counts_as_interrupted_as_the_fix_up_records_it(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    store = open_store(history)
    session = record_session(store, "beginner", NOW, complete=False)
    store.close()
    # As a process killed mid-session leaves it: still in progress, its process gone.
    db = sqlite3.connect(history)
    db.execute(
        "UPDATE sessions SET status = 'in_progress', ended_ms = NULL, pid = ?, host = ? "
        "WHERE id = ?",
        (int(gone.stdout), socket.gethostname(), session.session_id),
    )
    db.execute("UPDATE level_totals SET ended_early = ended_early - 1 WHERE level = 'beginner'")
    db.commit()
    db.close()
    before = fingerprint(history)
    figures = json.loads(stats(capsys, "--json")[1])
    assert (figures["interrupted"], figures["in_progress"], figures["ended_early"]) == (1, 0, 1)
    assert fingerprint(history) == before  # counted, not written
    store = open_store(history)  # the fix-up, for real
    store.flush()
    assert store.status_counts().get("interrupted") == 1
    store.close()
    assert json.loads(stats(capsys, "--json")[1]) == figures


def test_a_read_only_file_system(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(isolated_dirs["data"] / "ro", "size=4m") as data:
        store = open_store(data / "history.sqlite3")
        record_session(store, "beginner", NOW)
        store.close()
        remount_readonly(data)
        code, out, err = stats(capsys, "--data-dir", str(data))
        assert (code, err) == (0, "")
        assert "Sessions: 1 (1 completed)" in out


def test_the_copies_of_schema_facts_agree() -> None:
    assert readonly_module.SCHEMA_VERSION == SCHEMA_VERSION
    assert _ms("r.shown_utc") == text_to_ms("r.shown_utc")


def test_a_path_with_uri_characters_is_opened_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "a?b#c%20d e"
    folder.mkdir()
    path = folder / "history.sqlite3"
    open_store(path).close()
    db = sqlite3.connect(file_uri(str(path), "mode=ro"), uri=True)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    assert sorted(p.name for p in folder.iterdir())[0] == "history.sqlite3"

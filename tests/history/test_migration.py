"""Version 1, 2 and 3 files become version 4 with every row kept and every answer the same."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from stretchtui.history import SCHEMA_VERSION, open_store
from stretchtui.history import schema as schema_module
from stretchtui.history.progress import StderrProgress
from stretchtui.history.schema import migrate, schema_version

from .answers import ASKED_AT, all_answers
from .old_files import PREVIEW_ID, V3_ANSWERS, old_file, row_counts, v3_file


def expected_answers(*, with_preview: bool, with_reminders: bool) -> dict[str, Any]:
    """What the v3 code answered about the fixture, less what an older file could not hold."""
    answers: dict[str, Any] = json.loads(V3_ANSWERS.read_text())
    if not with_preview:
        answers["sessions"] = [s for s in answers["sessions"] if s["id"] != PREVIEW_ID]
        answers["details"] = [d for d in answers["details"] if d["session"]["id"] != PREVIEW_ID]
        del answers["last_seq"][PREVIEW_ID]
        answers["count"] -= 1
    if not with_reminders:
        answers["adherence"] = [dict(week, reminded=0, followed=0) for week in answers["adherence"]]
    return answers


def test_the_v3_fixture_is_a_real_v3_file() -> None:
    db = sqlite3.connect(
        f"{Path(__file__).parent.as_uri()}/fixtures/history-v3.sqlite3?mode=ro", uri=True
    )
    assert schema_version(db) == 3
    db.close()


def test_version_3_file_keeps_every_row_and_answers_the_same(tmp_path: Path) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    before = row_counts(path)
    assert before["sessions"] == 6 and before["segments"] == 85 and before["reminders"] == 2

    store = open_store(path, now=ASKED_AT, progress=False)
    answers = all_answers(store)
    store.close()

    after = row_counts(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for table in ("sessions", "segments", "day_totals", "level_totals", "area_totals", "reminders"):
        assert after[table] == before[table], table
    assert "session_areas" not in after
    assert after["routines"] == 6 and after["steps"] < after["segments"]
    assert answers == expected_answers(with_preview=True, with_reminders=True)


@pytest.mark.parametrize("version", [1, 2])
def test_older_files_keep_every_row_and_answer_the_same(tmp_path: Path, version: int) -> None:
    path = old_file(tmp_path / "history.sqlite3", version)
    before = row_counts(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == version
    assert before["sessions"] == 5 and before["segments"] == 81

    store = open_store(path, now=ASKED_AT, progress=False)
    answers = all_answers(store)
    store.close()

    after = row_counts(path)
    assert (after["sessions"], after["segments"]) == (before["sessions"], before["segments"])
    assert answers == expected_answers(with_preview=False, with_reminders=False)


def test_a_migration_cut_short_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    before = row_counts(path)
    monkeypatch.setattr(schema_module, "MIGRATION_BATCH", 2)

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt  # Ctrl+C between two batches

    db = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(KeyboardInterrupt):
        migrate(db, progress=stop)  # type: ignore[arg-type]
    db.close()
    assert row_counts(path) == before
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 3


_KILLED_MIDWAY = """
import os, signal, sqlite3, sys
from stretchtui.history import schema
schema.MIGRATION_BATCH = 2
class Kill:
    def __call__(self, done, total):
        if done >= 4:
            os.kill(os.getpid(), signal.SIGKILL)
    def finish(self):
        pass
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
schema.migrate(db, progress=Kill())
"""


def test_a_migration_killed_midway_leaves_the_old_file_and_runs_again(tmp_path: Path) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    before = row_counts(path)
    done = subprocess.run([sys.executable, "-c", _KILLED_MIDWAY, str(path)], check=False)
    assert done.returncode == -9
    assert row_counts(path) == before
    store = open_store(path, now=ASKED_AT, progress=False)
    assert all_answers(store) == expected_answers(with_preview=True, with_reminders=True)
    store.close()


def test_migration_reports_its_progress_batch_by_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    monkeypatch.setattr(schema_module, "MIGRATION_BATCH", 2)
    heard: list[tuple[int, int]] = []

    class Recorder:
        def __call__(self, done: int, total: int) -> None:
            heard.append((done, total))

        def waiting(self) -> None:
            heard.append((-2, -2))

        def finish(self) -> None:
            heard.append((-1, -1))

    open_store(path, now=ASKED_AT, progress=Recorder()).close()
    assert heard == [(0, 6), (2, 6), (4, 6), (6, 6), (-1, -1)]


def test_the_migration_gives_back_the_old_tables_space(tmp_path: Path) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    open_store(path, now=ASKED_AT, progress=False).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    db.close()


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Pipe(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def test_progress_line_stays_silent_when_the_update_is_quick() -> None:
    clock, stream = FakeTime(), Pipe(terminal=True)
    progress = StderrProgress(stream, clock)
    clock.now = 0.1
    progress(5000, 5000)
    progress.finish()
    assert stream.getvalue() == ""


def test_progress_line_is_redrawn_in_place_on_a_terminal() -> None:
    clock, stream = FakeTime(), Pipe(terminal=True)
    progress = StderrProgress(stream, clock)
    for done in (5000, 10000, 15000):
        clock.now += 0.5
        progress(done, 100000)
    clock.now = 4.0
    progress.finish()
    text = stream.getvalue()
    assert text.count("\r\x1b[K") == 4
    assert all(len(line) <= 79 for line in text.split("\r\x1b[K"))
    assert "10 000 of 100 000 sessions (10%)" in text
    assert text.endswith("history updated in 4.0 s\n")


def test_progress_lines_are_few_and_whole_in_a_log() -> None:
    clock, stream = FakeTime(), Pipe(terminal=False)
    progress = StderrProgress(stream, clock)
    for step in range(1, 21):
        clock.now = step * 0.25
        progress(step * 5000, 100000)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert 5 <= len(lines) <= 7
    assert lines[-1] == "stretchtui: history updated in 5.0 s"


def test_opening_an_old_file_from_the_command_line_tells_progress_on_stderr(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    v3_file(data / "history.sqlite3")
    code = (
        "import sys; from stretchtui.history import progress; progress.QUIET_FOR = 0; "
        "progress.LOG_EVERY = 0; from stretchtui.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "--data-dir",
            str(data),
            "--config-dir",
            str(tmp_path),
            "history",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "updating the history file: 6 of 6 sessions (100%)" in done.stderr
    assert "history updated in" in done.stderr
    assert done.stdout.count("\n") == 7


def test_the_menu_opens_an_old_history_before_it_paints(tmp_path: Path) -> None:
    from stretchtui.history.opening import REWRITTEN_BEFORE
    from stretchtui.paths import resolve_paths
    from stretchtui.services import LONG_UPDATE_BEFORE, history_needs_long_update, open_services

    assert LONG_UPDATE_BEFORE == REWRITTEN_BEFORE
    paths = resolve_paths(str(tmp_path / "config"), str(tmp_path / "data"), {})
    paths.history_file.parent.mkdir(parents=True, exist_ok=True)
    v3_file(paths.history_file)
    assert history_needs_long_update(paths.history_file)
    services = open_services(paths, sound=False, defer_store=True)
    # Opened (and updated) already: its progress line went to the terminal, not the app.
    assert services._store is not None
    services.close()
    assert not history_needs_long_update(paths.history_file)
    services = open_services(paths, sound=False, defer_store=True)
    assert services._store is None  # a current file waits until after the first paint
    services.close()
    assert not history_needs_long_update(tmp_path / "nothing-here.sqlite3")

"""`stretchtui import FILE`: another history's export merged in by session id, or nothing at all."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from stretchtui.cli import main
from stretchtui.history import importing as importing_module
from stretchtui.history import open_store
from stretchtui.history.importing import ImportRefused, import_sessions, parse_sessions
from stretchtui.records import CheckIn, Feeling

from .helpers import record_session
from .old_files import row_counts, v3_file
from .test_store import kept_totals, raw_totals

ZONE = timezone(timedelta(hours=2))
START = datetime(2026, 5, 4, 7, 30, tzinfo=ZONE)


def export(capsys: pytest.CaptureFixture[str], data: Path | None = None) -> str:
    args = ["history", "--format", "json"]
    if data is not None:
        args[:0] = ["--data-dir", str(data)]
    assert main(args) == 0
    return capsys.readouterr().out


def import_file(
    path: Path, capsys: pytest.CaptureFixture[str], data: Path | None = None
) -> tuple[int, str, str]:
    args = ["import", str(path)]
    if data is not None:
        args[:0] = ["--data-dir", str(data)]
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_import_export_gives_the_same_document(
    isolated_dirs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = tmp_path / "office"
    office.mkdir()
    v3_file(office / "history.sqlite3")  # every status, a preview, check-ins, odd names
    document = export(capsys, office)
    exported = tmp_path / "office.json"
    exported.write_text(document)

    code, out, err = import_file(exported, capsys)
    assert (code, out, err) == (0, "Imported 6 sessions, 0 already here.\n", "")
    assert export(capsys) == document
    home = isolated_dirs["data"] / "history.sqlite3"
    assert kept_totals(home)[:2] == raw_totals(home)[:2]


def test_importing_the_same_file_twice_changes_nothing(
    isolated_dirs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "office.json"
    exported.write_text(export(capsys, v3_file(tmp_path / "history.sqlite3").parent))
    assert import_file(exported, capsys)[0] == 0
    home = isolated_dirs["data"] / "history.sqlite3"
    counts, totals = row_counts(home), kept_totals(home)
    code, out, _ = import_file(exported, capsys)
    assert (code, out) == (0, "Imported 0 sessions, 6 already here.\n")
    assert row_counts(home) == counts
    assert kept_totals(home) == totals


def test_import_merges_by_session_id_and_keeps_what_is_here(
    isolated_dirs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = isolated_dirs["data"] / "history.sqlite3"
    store = open_store(home)
    record_session(store, "beginner", START, checkin=CheckIn(Feeling.BETTER))
    shared = record_session(store, "desk-midday", START + timedelta(days=1))
    store.close()
    here = json.loads(export(capsys))

    office = tmp_path / "office"
    store = open_store(office / "history.sqlite3")
    record_session(store, "intermediate", START + timedelta(days=2), checkin=CheckIn(Feeling.WORSE))
    record_session(store, "desk-evening", START + timedelta(days=3), complete=False)
    store.close()
    theirs = json.loads(export(capsys, office))
    # The shared session, as the other machine has it, with a different status.
    [mine] = [row for row in here if row["id"] == shared.session_id]
    theirs.append(dict(mine, status="ended_early", active_seconds=1.0))
    exported = tmp_path / "office.json"
    exported.write_text(json.dumps(theirs))

    code, out, _ = import_file(exported, capsys)
    assert (code, out) == (0, "Imported 2 sessions, 1 already here.\n")
    merged = json.loads(export(capsys))
    assert [row["routine_id"] for row in merged] == [
        "desk-evening",
        "intermediate",
        "desk-midday",
        "beginner",
    ]
    assert [row for row in merged if row["id"] == shared.session_id] == [mine]
    assert kept_totals(home)[:2] == raw_totals(home)[:2]
    store = open_store(home)
    assert store.status_counts() == {"completed": 3, "ended_early": 1}
    # Their check-ins count here too: a "worse" from the office is heard at home.
    assert [c.feeling for c in store.checkins(date(2026, 1, 1))] == [
        Feeling.BETTER,
        Feeling.WORSE,
    ]
    store.close()


def test_counts_are_grouped_by_thousands(
    isolated_dirs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(isolated_dirs["data"] / "history.sqlite3")
    record_session(store, "desk-coffee-break", START)
    store.close()
    [template] = json.loads(export(capsys))
    sessions = [dict(template, id=f"s{n:05d}") for n in range(1233)] + [template]
    exported = tmp_path / "many.json"
    exported.write_text(json.dumps(sessions))
    os.remove(isolated_dirs["data"] / "history.sqlite3")
    assert import_file(exported, capsys)[1] == "Imported 1 234 sessions, 0 already here.\n"
    assert import_file(exported, capsys)[1] == "Imported 0 sessions, 1 234 already here.\n"
    # More sessions than the export writes at once: still one document, laid out the same.
    document = export(capsys)
    assert document == json.dumps(json.loads(document), indent=2) + "\n"
    assert {row["id"] for row in json.loads(document)} == {row["id"] for row in sessions}
    assert main(["history", "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1 + 1234


GOOD: dict[str, Any] = {
    "id": "0123456789abcdef0123456789abcdef",
    "started": "2026-05-04T07:30:00+02:00",
    "ended": "2026-05-04T07:45:00.250000+02:00",
    "local_date": "2026-05-04",
    "routine_id": "beginner",
    "routine_name": "Beginner back routine",
    "level": "beginner",
    "status": "completed",
    "planned_seconds": 900.0,
    "active_seconds": 899.5,
    "paused_seconds": 0.0,
    "feeling": "same",
    "warning_signs": False,
    "routine_digest": "ab12",
}


def one(**changes: object) -> bytes:
    return json.dumps([GOOD, {**GOOD, "id": "second", **changes}]).encode()


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "not JSON": (b"id,started\n1,2\n", "not valid JSON: Expecting value at line 1 column 1"),
    "cut short": (json.dumps([GOOD]).encode()[:-30], "not valid JSON: "),
    "not UTF-8": (b'[{"id": "\xff"}]', "not valid JSON: not UTF-8 text (byte 10)"),
    "an object": (json.dumps({"sessions": [GOOD]}).encode(), "expected a list of sessions"),
    "a list of lists": (b"[[1, 2]]", "sessions[0]: expected a session (an object), got a list"),
    "a field missing": (
        json.dumps([{k: v for k, v in GOOD.items() if k != "status"}]).encode(),
        'sessions[0]: missing "status"',
    ),
    "an unknown status": (
        one(status="done"),
        "sessions[1].status: expected one of in_progress, completed, ended_early, "
        "interrupted, preview, got the text 'done'",
    ),
    "an unknown level": (one(level="expert"), "sessions[1].level: expected one of beginner"),
    "an unknown feeling": (one(feeling="great"), "sessions[1].feeling: expected one of better"),
    "a control character": (
        one(routine_name="Evil\x1b]0;owned\x07"),
        "sessions[1].routine_name: holds the control character U+001B",
    ),
    "a huge number": (one(active_seconds=1e300), "sessions[1].active_seconds: expected a number"),
    "an infinite number": (b'[{"active_seconds": 1e999}]', 'sessions[0]: missing "id"'),
    "a huge integer": (one(paused_seconds=10**30), "sessions[1].paused_seconds: expected"),
    "an integer too long to read": (
        b"[" + b"9" * 5000 + b"]",
        "not valid JSON: Exceeds the limit",
    ),
    "NaN": (one().replace(b"899.5", b"NaN"), "not valid JSON: NaN is not a number JSON allows"),
    "a negative duration": (one(planned_seconds=-5), "sessions[1].planned_seconds: expected"),
    "seconds as text": (
        one(active_seconds="600"),
        "sessions[1].active_seconds: expected a number of seconds, got the text '600'",
    ),
    "seconds as true": (
        one(active_seconds=True),
        "sessions[1].active_seconds: expected a number of seconds, got true",
    ),
    "a time without offset": (
        one(started="2026-05-04T07:30:00"),
        "sessions[1].started: expected a time with its offset",
    ),
    "a time that is not one": (one(ended="yesterday"), "sessions[1].ended: expected a time"),
    "a day not the start's": (
        one(local_date="2026-05-05"),
        "sessions[1].local_date: 2026-05-05 is not the day the session started (2026-05-04)",
    ),
    "an id with a slash": (one(id="../../etc"), "sessions[1].id: expected a session id"),
    "warning signs as a number": (
        one(warning_signs=1),
        "sessions[1].warning_signs: expected true, false or null, got the number 1",
    ),
    "a name too long": (one(routine_name="x" * 5000), "is 5000 characters long; at most 200"),
    "nested too deeply": (b"[" * 100000 + b"]" * 100000, "not valid JSON: nested too deeply"),
}


@pytest.mark.parametrize("content, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_named_and_nothing_is_imported(
    isolated_dirs: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = import_file(bad, capsys)
    assert code == 1 and out == ""
    assert err.startswith(f"stretchtui: {bad}: ")
    assert message in err, err
    assert err.rstrip().endswith("nothing was imported.")
    assert "\x1b" not in err and "\x07" not in err
    assert not (isolated_dirs["data"] / "history.sqlite3").exists()


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_loop(path: Path) -> None:
    path.symlink_to(path)


def make_dir(path: Path) -> None:
    path.mkdir()


PATHS: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing": (lambda path: None, "no such file"),
    "a FIFO": (make_fifo, "not a regular file (a named pipe (FIFO))"),
    "a directory": (make_dir, "is a directory"),
    "a symlink loop": (make_loop, "a symbolic link that points back to itself"),
}


@pytest.mark.parametrize("make, message", PATHS.values(), ids=PATHS.keys())
def test_what_is_not_a_regular_file_is_refused_at_once(
    isolated_dirs: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], None],
    message: str,
) -> None:
    target = tmp_path / "export.json"
    make(target)
    code, out, err = import_file(target, capsys)
    assert code == 1
    assert message in err and "nothing was imported" in err
    assert not (isolated_dirs["data"] / "history.sqlite3").exists()


def test_a_write_that_fails_part_way_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "history.sqlite3")
    record_session(store, "beginner", START)
    before = row_counts(tmp_path / "history.sqlite3")
    sessions = parse_sessions(one())

    def full_disk(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(importing_module, "add_totals", full_disk)
    with pytest.raises(sqlite3.OperationalError):
        import_sessions(store, sessions)
    assert len(store.sessions()) == 1
    store.close()
    assert row_counts(tmp_path / "history.sqlite3") == before


def test_a_history_that_cannot_be_written_imports_nothing(
    isolated_dirs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_bytes(one())
    (isolated_dirs["data"] / "history.sqlite3").mkdir()
    code, out, err = import_file(good, capsys)
    assert code == 1 and out == ""
    assert "Nothing was imported." in err


def test_parsed_sessions_keep_times_to_the_millisecond() -> None:
    [first, _] = parse_sessions(one())
    assert first.ended_ms is not None
    assert first.ended_ms - first.started_ms == 900_250
    assert first.offset_min == 120
    with pytest.raises(ImportRefused):
        parse_sessions(b"{}")

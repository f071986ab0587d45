"""`stretchtui history` and `stretchtui stats` from the command line."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchtui.cli import main
from stretchtui.history import SessionRow, open_store
from stretchtui.history.export import FIELDS
from stretchtui.records import CheckIn, Feeling

from .helpers import record_session

ZONE = timezone(timedelta(hours=-3))
START = datetime(2026, 4, 1, 7, 30, tzinfo=ZONE)


@pytest.fixture
def history(isolated_dirs: dict[str, Path]) -> Path:
    path = isolated_dirs["data"] / "history.sqlite3"
    store = open_store(path)
    record_session(store, "beginner", START, checkin=CheckIn(Feeling.BETTER))
    record_session(store, "desk-coffee-break", START + timedelta(days=1), complete=False)
    record_session(
        store, "intermediate", START + timedelta(days=2), checkin=CheckIn(warning_signs=True)
    )
    store.close()
    return path


def session_json(row: SessionRow) -> dict[str, object]:
    """What the export promises for a session, from the row the screens read."""
    return {
        "id": row.id,
        "started": row.started.isoformat(),
        "ended": row.ended.isoformat() if row.ended else None,
        "local_date": row.local_date.isoformat(),
        "routine_id": row.routine_id,
        "routine_name": row.routine_name,
        "level": row.level,
        "status": row.status,
        "planned_seconds": round(row.planned_seconds, 3),
        "active_seconds": round(row.active_seconds, 3),
        "paused_seconds": round(row.paused_seconds, 3),
        "feeling": row.feeling.value if row.feeling else None,
        "warning_signs": row.warning_signs,
        "routine_digest": row.routine_digest,
    }


def expected(path: Path) -> list[dict[str, object]]:
    store = open_store(path)
    rows = [session_json(row) for row in store.sessions(limit=None)]
    store.close()
    return rows


def test_json_lists_every_session_newest_first(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "--format", "json"]) == 0
    out = capsys.readouterr().out
    printed = json.loads(out)
    assert printed == expected(history)
    # Streamed, yet laid out as json.dump(indent=2) lays out the whole list.
    assert out == json.dumps(printed, indent=2) + "\n"
    assert [row["routine_id"] for row in printed] == [
        "intermediate",
        "desk-coffee-break",
        "beginner",
    ]
    assert printed[2]["started"] == "2026-04-01T07:30:00-03:00"
    assert printed[1]["status"] == "ended_early"


def test_csv_round_trips_with_a_header(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--format", "csv"]) == 0
    reader = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert tuple(reader.fieldnames or ()) == FIELDS
    rows = list(reader)
    want = [{k: "" if v is None else str(v) for k, v in row.items()} for row in expected(history)]
    assert rows == want


def test_an_empty_history_exports_an_empty_document(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", "--format", "json"]) == 0
    assert capsys.readouterr().out == "[]\n"
    assert main(["history", "--format", "csv"]) == 0
    assert capsys.readouterr().out == ",".join(f'"{field}"' for field in FIELDS) + "\n"
    assert not (isolated_dirs["data"] / "history.sqlite3").exists()


def test_json_escapes_control_characters_and_keeps_other_text(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(isolated_dirs["data"] / "history.sqlite3")
    name = 'Morning [easy] "stretch"\x1b[31m\u00e9\U0001f600\\'
    record_session(store, "desk-coffee-break", START, name=name)
    store.close()
    assert main(["history", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\u001b" in out
    assert json.loads(out)[0]["routine_name"] == name


def test_since_and_limit_pick_sessions(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--format", "json", "--since", "2026-04-02"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert main(["history", "--format", "json", "--limit", "1"]) == 0
    assert [r["routine_id"] for r in json.loads(capsys.readouterr().out)] == ["intermediate"]


def test_table_shows_status_and_checkin(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "ended early" in out and "Beginner" in out
    assert "pain!" in out and "better" in out


def test_bad_since_date_is_a_usage_error(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--since", "01/04/2026"]) == 2
    err = capsys.readouterr().err
    assert "expected a date like 2026-03-01" in err and "Traceback" not in err


def test_empty_history_says_so_and_creates_no_file(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history"]) == 0
    assert "No sessions recorded yet." in capsys.readouterr().out
    assert not (isolated_dirs["data"] / "history.sqlite3").exists()


def test_broken_history_file_gives_a_clear_message(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated_dirs["data"] / "history.sqlite3").write_text("not a database at all\n" * 100)
    # `stats` only reads, and leaves it (test_stats_readonly.py); `history` moves it aside.
    assert main(["history"]) == 0
    err = capsys.readouterr().err
    assert "was damaged; moved it to history.sqlite3.broken-" in err
    assert "Traceback" not in err


def test_stats_json_reports_streaks_and_totals(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["sessions"], stats["completed"], stats["ended_early"]) == (3, 2, 1)
    assert stats["best_streak"] == 1
    assert stats["levels"]["beginner"]["completed"] == 1
    assert set(stats["areas"]) >= {"lower", "hamstrings"}
    assert len(stats["weekly_minutes"]) == 12


def test_stats_table_reads_like_a_summary(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "Streak:" in out and "Sessions: 3 (2 completed)" in out and "hamstrings" in out
    assert "Streak: 0 days now, best 1 (" in out


def test_stats_says_one_day_not_one_days(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(isolated_dirs["data"] / "history.sqlite3")
    record_session(store, "desk-coffee-break", datetime.now().astimezone())
    store.close()
    assert main(["stats"]) == 0
    assert "Streak: 1 day now, best 1 (" in capsys.readouterr().out


FORMULAS = [
    '=HYPERLINK("http://example.com","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed",
    "\rReturned",
]


def test_csv_cells_a_spreadsheet_would_run_get_a_leading_quote(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(isolated_dirs["data"] / "history.sqlite3")
    names = [*FORMULAS, "Morning = calm", "It's fine"]
    for day, name in enumerate(names):
        record_session(store, "desk-coffee-break", START + timedelta(days=day), name=name)
    store.close()
    assert main(["history", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    by_name = {row["routine_name"]: row for row in rows}
    assert set(by_name) == {"'" + name for name in FORMULAS} | {"Morning = calm", "It's fine"}
    # Numbers stay numbers: no quote in front, and they read back as the same values.
    for row in rows:
        for field in ("planned_seconds", "active_seconds", "paused_seconds"):
            assert float(row[field]) >= 0 and not row[field].startswith("'")
        assert row["started"].startswith("2026-")
    # Text is quoted and numbers are bare, so a spreadsheet takes them as numbers.
    planned_active_paused = re.compile(r'"completed",[0-9.]+,[0-9.]+,[0-9.]+,""')
    assert len(planned_active_paused.findall(out)) == len(names)
    # JSON is for programs, not spreadsheets: it keeps the names as they are.
    assert main(["history", "--format", "json"]) == 0
    assert {r["routine_name"] for r in json.loads(capsys.readouterr().out)} == set(names)


def test_export_times_read_as_the_sessions_own_local_times(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(isolated_dirs["data"] / "history.sqlite3")
    zones = [
        timezone(timedelta(hours=-9, minutes=-30)),
        UTC,
        timezone(timedelta(hours=13, minutes=45)),
    ]
    for day, zone in enumerate(zones):
        moment = datetime(2026, 4, 1 + day, 23, 59, 58, 123456, tzinfo=zone)
        record_session(store, "desk-coffee-break", moment, pause_seconds=0.25)
    store.close()
    assert main(["history", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == expected(isolated_dirs["data"] / "history.sqlite3")
    assert [row["started"] for row in printed] == [
        "2026-04-03T23:59:58.123000+13:45",
        "2026-04-02T23:59:58.123000+00:00",
        "2026-04-01T23:59:58.123000-09:30",
    ]
    assert main(["history", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["ended"] for row in rows] == [row["ended"] for row in printed]

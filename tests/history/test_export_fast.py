"""The export's fast writers against the plainest export one could write, over hostile data.

`write_csv`/`write_json` build each line from lookup tables and caches; here they are
held to a reference made with the csv module, json.dumps and datetime, over names,
ids and check-ins full of quotes, formula starts, control characters and non-ASCII
text, any duration, any time from 1970 to 9998 in any offset, and batches of any
size (with the lookup tables forced to start again every few entries). Rows holding
what only a damaged file can hold must come out as the plain writers write them.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from stretchtui.cli import main
from stretchtui.history import HistoryStore, memory_store, open_store
from stretchtui.history import export as export_module
from stretchtui.history.export import (
    FIELDS,
    Raw,
    Routines,
    declared_as_expected,
    session_batches,
    write_csv,
    write_json,
)

from .old_files import old_file

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
FIRST_MS = 86_400_000  # 1970-01-02: any offset keeps the local time after 1970
LAST_MS = int((datetime(9998, 12, 30, tzinfo=UTC) - EPOCH).total_seconds() * 1000)

Writer = Callable[..., int]


# ------------------------------------------------------------------ the reference


def reference_values(row: Raw, routines: Routines) -> dict[str, Any]:
    sid, started, ended, minutes, day, key, status, planned, active, paused, feeling, signs = row
    rid, name, level, digest = routines[key]
    zone = timezone(timedelta(minutes=minutes))

    def local(ms: int) -> str:
        return (EPOCH + timedelta(milliseconds=ms)).astimezone(zone).isoformat()

    return {
        "id": sid,
        "started": local(started),
        "ended": None if ended is None else local(ended),
        "local_date": day,
        "routine_id": rid,
        "routine_name": name,
        "level": level,
        "status": status,
        "planned_seconds": round(planned, 3),
        "active_seconds": round(active, 3),
        "paused_seconds": round(paused, 3),
        "feeling": feeling,
        "warning_signs": None if signs is None else bool(signs),
        "routine_digest": digest,
    }


def guarded(value: object) -> object:
    """OWASP's advice for CSV: text a spreadsheet would run as a formula gets a `'`."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def reference_csv(rows: Sequence[Raw], routines: Routines) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([guarded(v) for v in reference_values(row, routines).values()])
    return out.getvalue()


def reference_json(rows: Sequence[Raw], routines: Routines) -> str:
    return json.dumps([reference_values(row, routines) for row in rows], indent=2) + "\n"


# ------------------------------------------------------------------ hostile data

HOSTILE_STARTS = st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", '"', "'", "\\", "\x1b["])
# No lone surrogates: SQLite keeps UTF-8, and Python will not encode one.
TEXT = st.builds(
    lambda start, rest: start + rest,
    HOSTILE_STARTS,
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
)
IDS = st.one_of(st.text("0123456789abcdef", min_size=1, max_size=32), TEXT)
DAYS = st.one_of(st.dates().map(lambda d: d.isoformat()), TEXT)
WORDS = st.one_of(st.none(), st.sampled_from(["completed", "better", "ended_early"]), TEXT)
SECONDS = st.one_of(
    st.floats(0, 10_000_000),
    st.sampled_from([0.0, 0.0625, 2.675, 95.0, 0.0005, 1e-9, 0.1 + 0.2]),
    st.integers(0, 100_000).map(lambda ms: ms / 1000),
)
MS = st.one_of(
    st.integers(FIRST_MS, LAST_MS),
    st.integers(1_700_000_000, 1_800_000_000).map(lambda s: s * 1000),  # whole seconds
)


@st.composite
def sessions(draw: st.DrawFn, routine_keys: Sequence[int]) -> Raw:
    started = draw(MS)
    ended = draw(st.one_of(st.none(), st.integers(started, started + 10**9)))
    if ended is not None and ended > LAST_MS:
        ended = None
    return (
        draw(IDS),
        started,
        ended,
        draw(st.integers(-1439, 1439) | st.sampled_from([0, 60, -570, 825])),
        draw(DAYS),
        draw(st.sampled_from(list(routine_keys))),
        draw(WORDS),
        draw(SECONDS),
        draw(SECONDS),
        draw(SECONDS),
        draw(WORDS),
        draw(st.sampled_from([None, 0, 1, 2, -1])),
    )


ROUTINES = st.dictionaries(
    st.integers(1, 50), st.tuples(TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=4
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[Routines, list[Raw]]:
    routines = draw(ROUTINES)
    rows = draw(st.lists(sessions(list(routines)), max_size=25))
    # Repeats, as a real history has them: the same routine, status and durations.
    repeats = draw(st.lists(st.sampled_from(rows), max_size=10)) if rows else []
    for row in repeats:
        rows.append((draw(IDS), *row[1:]))
    return routines, rows


def in_batches(rows: list[Raw], size: int) -> list[list[Raw]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def written(write: Writer, rows: list[Raw], routines: Routines, size: int, fast: bool) -> str:
    out = io.StringIO()
    assert write(in_batches(rows, size), routines, out, fast=fast) == len(rows)
    return out.getvalue()


# ------------------------------------------------------------------ the properties


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.integers(1, 7), st.sampled_from([1, 2, 256]))
def test_fast_writers_write_what_the_reference_writes(
    history: tuple[Routines, list[Raw]], size: int, keep: int
) -> None:
    routines, rows = history
    with pytest.MonkeyPatch.context() as patch:
        # A small table starts again every entry or two: what 100 000 sessions do.
        patch.setattr(export_module, "_KEEP", keep)
        csv_fast = written(write_csv, rows, routines, size, fast=True)
        json_fast = written(write_json, rows, routines, size, fast=True)
    assert csv_fast == reference_csv(rows, routines)
    assert json_fast == reference_json(rows, routines)
    assert csv_fast == written(write_csv, rows, routines, size, fast=False)
    assert json_fast == written(write_json, rows, routines, size, fast=False)
    assert json_fast.isascii()


ODD = st.one_of(
    st.none(),
    st.binary(max_size=4),
    st.integers(-(2**40), 2**40),
    # Not -0.0: SQLite stores a whole number in a REAL column as an integer, and -0 is 0.
    st.floats(allow_nan=False).filter(lambda x: x != 0 or math.copysign(1, x) > 0),
    st.text(max_size=3),
)


def outcome(write: Writer, rows: list[Raw], routines: Routines, fast: bool) -> object:
    try:
        return written(write, rows, routines, 2, fast)
    except Exception as error:  # the plain writer's own failure, whatever it is
        return type(error)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.data())
def test_a_value_only_a_damaged_file_holds_is_written_as_the_plain_writer_writes_it(
    history: tuple[Routines, list[Raw]], data: st.DataObject
) -> None:
    routines, rows = history
    if not rows:
        return
    where = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.integers(0, 11))
    odd = data.draw(ODD)
    row = list(rows[where])
    row[column] = odd
    rows[where] = tuple(row)
    for write in (write_csv, write_json):
        assert outcome(write, rows, routines, True) == outcome(write, rows, routines, False)


# ------------------------------------------------------------------ through SQLite

INSERT_ROUTINE = (
    "INSERT INTO routines (key, routine_id, routine_name, level, routine_digest, routine_path) "
    "VALUES (?, ?, ?, ?, ?, '')"
)
INSERT_SESSION = (
    "INSERT INTO sessions (id, started_ms, ended_ms, utc_offset_min, local_date, routine, "
    "status, planned_seconds, active_seconds, paused_seconds, feeling, warning_signs) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def filled(rows: list[Raw], routines: Routines) -> HistoryStore:
    store = memory_store()

    def put(db: sqlite3.Connection) -> None:
        db.executemany(INSERT_ROUTINE, [(key, *names) for key, names in routines.items()])
        db.executemany(INSERT_SESSION, rows)

    store.write_now(put)
    return store


def exported(store: HistoryStore, write: Writer) -> str:
    routines: Routines = {}
    out = io.StringIO()
    batches = session_batches(store, routines)
    try:
        write(batches, routines, out, fast=declared_as_expected(store))
    finally:
        batches.close()
    return out.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_what_sqlite_hands_back_is_exported_as_the_reference_says(
    history: tuple[Routines, list[Raw]],
) -> None:
    routines, rows = history
    # What the table requires: unique session ids and routines, a status for each.
    assume(len(set(routines.values())) == len(routines))
    unique = {row[0]: row[:6] + (row[6] or "completed",) + row[7:] for row in rows}
    # One session per moment: the order of sessions started at the same moment is not
    # defined.
    at = {row[1]: row for row in unique.values()}
    rows = sorted(at.values(), key=lambda row: -row[1])
    store = filled(rows, routines)
    try:
        assert declared_as_expected(store)
        assert exported(store, write_csv) == reference_csv(rows, routines)
        assert exported(store, write_json) == reference_json(rows, routines)
    finally:
        store.close()


def test_a_file_declaring_other_types_is_exported_the_plain_way(tmp_path: Path) -> None:
    store = filled(
        [("a1", 1_775_000_000_000, None, 60, "2026-03-31", 1, "completed", 95.0, 95.0, 0.0)
         + (None, None)],
        {1: ("desk", "Desk", "desk", "ab")},
    )  # fmt: skip
    try:
        expected = exported(store, write_csv), exported(store, write_json)
    finally:
        store.close()
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path)
    # The same table with no declared types: SQLite keeps whatever it is given.
    db.executescript(
        "CREATE TABLE routines (key, routine_id, routine_name, level, routine_digest, "
        "routine_path);"
        "CREATE TABLE sessions (key INTEGER PRIMARY KEY, id, routine, started_ms, "
        "utc_offset_min, local_date, ended_ms, planned_seconds, active_seconds, "
        "paused_seconds, status, feeling, warning_signs);"
    )
    db.execute(INSERT_ROUTINE, (1, "desk", "Desk", "desk", "ab"))
    db.execute(
        INSERT_SESSION,
        ("a1", 1_775_000_000_000, None, 60, "2026-03-31", 1, "completed", 95, 95, 0, None, None),
    )
    db.commit()
    db.close()
    foreign = HistoryStore(sqlite3.connect(path), sqlite3.connect(path), path=path, warning=None)
    try:
        assert not declared_as_expected(foreign)
        # 95 stays a whole number in such a file; the export still writes it as seconds.
        assert (exported(foreign, write_csv), exported(foreign, write_json)) == expected
    finally:
        foreign.close()


def test_the_cli_export_is_the_reference_document(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    routines = {3: ("=cmd", 'Morning "easy"\x1b[31m \u00e9\U0001f600', "desk", "00ff")}
    rows = [
        ("-id", 1_775_000_000_123, 1_775_000_095_999, -570, "2026-03-31", 3, "completed")
        + (95.0, 94.9996, 0.0625, "better", 1),
        ("ffee", 1_774_000_000_000, None, 825, "+day", 3, "interrupted")
        + (95.0, 12.3456, 0.0, None, None),
    ]  # fmt: skip
    store = open_store(isolated_dirs["data"] / "history.sqlite3")

    def put(db: sqlite3.Connection) -> None:
        db.executemany(INSERT_ROUTINE, [(k, *v) for k, v in routines.items()])
        db.executemany(INSERT_SESSION, rows)

    store.write_now(put)
    store.close()
    assert main(["history", "--format", "csv"]) == 0
    assert capsys.readouterr().out == reference_csv(rows, routines)
    assert main(["history", "--format", "json"]) == 0
    assert capsys.readouterr().out == reference_json(rows, routines)
    assert main(["history", "--format", "json", "--limit", "1"]) == 0
    assert capsys.readouterr().out == reference_json(rows[:1], routines)


@pytest.mark.parametrize("version", [1, 3])
def test_a_migrated_file_is_exported_the_fast_way(tmp_path: Path, version: int) -> None:
    store = open_store(old_file(tmp_path / "history.sqlite3", version), progress=False)
    try:
        assert declared_as_expected(store)
    finally:
        store.close()

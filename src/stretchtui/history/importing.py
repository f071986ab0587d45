"""Sessions from another history (what `history --format json` writes), merged in by session id.

Everything in the file is checked before anything is written, and the whole
merge is one transaction: a bad file changes nothing, and the first problem is
named by where it is (`sessions[12].status`) and what was expected. A session
whose id is already here is left as it is, so importing a file twice, or a file
holding sessions that came from here, changes nothing.

The export holds each session's record (times, routine, status, durations,
check-in), not its step-by-step segments: an imported session counts in every
streak and total but the time per body area, and its detail lists no steps.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from stretchtui.history.export import FIELDS
from stretchtui.history.jobs import PREVIEW, SESSION_INSERT, add_totals, routine_key
from stretchtui.history.rows import offset_minutes, to_ms
from stretchtui.history.store import HistoryStore
from stretchtui.records import Feeling, SessionStatus
from stretchtui.routines.model import Level

STATUSES = (*(status.value for status in SessionStatus), PREVIEW)
LEVELS = tuple(level.value for level in Level)
FEELINGS = tuple(feeling.value for feeling in Feeling)
MAX_SECONDS = 10_000_000.0
"""Longer than any session could be (nearly four months): a larger number is not a duration."""
MAX_TEXT = 200
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_DIGEST = re.compile(r"[0-9a-f]{0,128}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
EXPECTED = "what `stretchtui history --format json` writes"


class ImportRefused(Exception):
    """The file can't be imported; the message says where and what is wrong."""


@dataclass(frozen=True)
class ImportedSession:
    id: str
    routine: tuple[str, str, str, str, str]  # id, name, level, digest, path ('': none)
    started_ms: int
    offset_min: int
    local_date: str
    ended_ms: int | None
    planned: float
    active: float
    paused: float
    status: str
    feeling: str | None
    warning_signs: bool | None


@dataclass(frozen=True)
class ImportResult:
    added: int
    already_here: int


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    return f"the number {_show(value)}"


def _refuse_constant(name: str) -> float:
    raise ImportRefused(f"not valid JSON: {name} is not a number JSON allows")


def parse_sessions(data: bytes) -> list[ImportedSession]:
    """The sessions in `data`, every one checked; raises ImportRefused on the first problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"not valid JSON: not UTF-8 text (byte {error.start + 1})") from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except RecursionError:
        raise ImportRefused("not valid JSON: nested too deeply") from None
    except ValueError as error:  # an integer too long to convert, say
        raise ImportRefused(f"not valid JSON: {error}") from None
    if not isinstance(document, list):
        raise ImportRefused(f"expected a list of sessions ({EXPECTED}), got {_kind(document)}")
    return [_session(f"sessions[{index}]", item) for index, item in enumerate(document)]


def _session(where: str, item: object) -> ImportedSession:
    if not isinstance(item, dict):
        raise ImportRefused(f"{where}: expected a session (an object), got {_kind(item)}")
    for name in FIELDS:
        if name not in item:
            raise ImportRefused(f'{where}: missing "{name}"')
    field = _Fields(where, item)
    started = field.time("started")
    ended = field.time("ended", optional=True)
    day = field.text("local_date")
    try:
        local_date = date.fromisoformat(day)
    except ValueError:
        raise ImportRefused(
            f"{where}.local_date: expected a date like 2026-03-01, got {_show(day)}"
        ) from None
    assert started is not None
    if local_date != started.date():
        raise ImportRefused(
            f"{where}.local_date: {day} is not the day the session started "
            f"({started.date().isoformat()})"
        )
    digest = field.text("routine_digest", empty=True)
    if not _DIGEST.fullmatch(digest):
        raise ImportRefused(
            f"{where}.routine_digest: expected hexadecimal digits, got {_show(digest)}"
        )
    session_id = field.text("id")
    if not _ID.fullmatch(session_id):
        raise ImportRefused(
            f"{where}.id: expected a session id (up to 64 letters, digits, - or _), "
            f"got {_show(session_id)}"
        )
    return ImportedSession(
        id=session_id,
        routine=(
            field.text("routine_id"),
            field.text("routine_name"),
            field.choice("level", LEVELS),
            digest,
            "",
        ),
        started_ms=to_ms(started),
        offset_min=offset_minutes(started),
        local_date=day,
        ended_ms=None if ended is None else to_ms(ended),
        planned=field.seconds("planned_seconds"),
        active=field.seconds("active_seconds"),
        paused=field.seconds("paused_seconds"),
        status=field.choice("status", STATUSES),
        feeling=field.choice("feeling", FEELINGS, optional=True) or None,
        warning_signs=field.flag("warning_signs"),
    )


class _Fields:
    """Typed reads of one session object's fields, each refusal naming the field."""

    def __init__(self, where: str, item: dict[str, Any]) -> None:
        self.where = where
        self.item = item

    def _refuse(self, name: str, expected: str) -> ImportRefused:
        got = _kind(self.item[name])
        return ImportRefused(f"{self.where}.{name}: expected {expected}, got {got}")

    def text(self, name: str, *, empty: bool = False) -> str:
        value = self.item[name]
        if not isinstance(value, str):
            raise self._refuse(name, "text")
        if not value and not empty:
            raise ImportRefused(f"{self.where}.{name}: is empty")
        if len(value) > MAX_TEXT:
            raise ImportRefused(
                f"{self.where}.{name}: is {len(value)} characters long; at most {MAX_TEXT}"
            )
        control = _CONTROL.search(value)
        if control is not None:
            raise ImportRefused(
                f"{self.where}.{name}: holds the control character "
                f"U+{ord(control.group()):04X}, which no routine may hold"
            )
        return value

    def choice(self, name: str, allowed: Sequence[str], *, optional: bool = False) -> str:
        value = self.item[name]
        if optional and value is None:
            return ""
        if not isinstance(value, str) or value not in allowed:
            choices = ", ".join(allowed) + (" or null" if optional else "")
            raise self._refuse(name, f"one of {choices}")
        return value

    def seconds(self, name: str) -> float:
        value = self.item[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._refuse(name, "a number of seconds")
        number = float(value) if abs(value) <= MAX_SECONDS else math.inf
        if not 0 <= number <= MAX_SECONDS:
            raise self._refuse(name, f"a number of seconds from 0 to {MAX_SECONDS:.0f}")
        return number

    def flag(self, name: str) -> bool | None:
        value = self.item[name]
        if value is not None and not isinstance(value, bool):
            raise self._refuse(name, "true, false or null")
        return value

    def time(self, name: str, *, optional: bool = False) -> datetime | None:
        value = self.item[name]
        if optional and value is None:
            return None
        like = "a time with its offset, like 2026-03-01T07:30:00+01:00"
        if not isinstance(value, str) or len(value) > 40:
            raise self._refuse(name, like)
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise self._refuse(name, like) from None
        if moment.utcoffset() is None:
            raise self._refuse(name, like)
        if not 1970 < moment.year < 9999:
            raise self._refuse(name, "a time between 1971 and 9998")
        return moment


def import_sessions(store: HistoryStore, sessions: Sequence[ImportedSession]) -> ImportResult:
    """Add the sessions whose id is not here yet, with their totals, in one transaction."""
    result = ImportResult(0, 0)

    def write(db: sqlite3.Connection) -> None:
        nonlocal result
        keys: dict[tuple[str, str, str, str, str], int] = {}
        seen: set[str] = set()
        totals: dict[tuple[str, str], list[float]] = {}
        added = 0
        for session in sessions:
            if (
                session.id in seen
                or db.execute("SELECT 1 FROM sessions WHERE id = ?", (session.id,)).fetchone()
            ):
                seen.add(session.id)
                continue
            seen.add(session.id)
            key = keys.get(session.routine)
            if key is None:
                key = keys[session.routine] = routine_key(db, session.routine)
            answered = session.feeling is not None or session.warning_signs is not None
            db.execute(
                SESSION_INSERT,
                (
                    session.id,
                    key,
                    session.started_ms,
                    session.offset_min,
                    session.local_date,
                    session.ended_ms,
                    session.planned,
                    session.active,
                    session.paused,
                    session.status,
                    session.feeling,
                    None if session.warning_signs is None else int(session.warning_signs),
                    # The export has no time of the check-in; the session's end stands in.
                    (session.ended_ms or session.started_ms) if answered else None,
                    "",
                    0,
                ),
            )
            added += 1
            if session.status == PREVIEW:
                continue
            total = totals.setdefault((session.local_date, session.routine[2]), [0, 0, 0, 0, 0])
            total[0] += 1
            total[1] += session.status == "completed"
            total[2] += session.status == "ended_early"
            total[3] += session.status == "interrupted"
            total[4] += session.active
        for (day, level), (count, done, early, interrupted, active) in totals.items():
            add_totals(
                db,
                day=day,
                level=level,
                sessions=int(count),
                completed=int(done),
                ended_early=int(early),
                interrupted=int(interrupted),
                active=active,
            )
        result = ImportResult(added, len(sessions) - added)

    store.write_now(write)
    return result

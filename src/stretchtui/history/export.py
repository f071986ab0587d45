"""`history --format csv|json`: every session, written batch by batch as the query yields it.

Nothing is held but one batch of rows and a few small tables, so exporting
100 000 sessions takes as little memory as exporting none.

Each format has two writers that must agree byte for byte:
- `csv_line()` and `json_object()` write one session in the plainest way (datetime's
  isoformat, round and repr): they say what the export is;
- `write_csv()` and `write_json()` write the same text three to four times faster:
  SQLite hands over the stored values untouched (formatting in SQL costs more than in
  Python), the times are put together from small tables (a date per day, a clock text
  per minute of the day), and what repeats from one session to the next (the routine,
  status, durations, check-in) is encoded once and looked up by its values.
  A batch that holds a value the fast path cannot take (only a damaged or hand-made
  file has one) is written again by the plain writers, which fail the way they would
  have failed anyway.
tests/history/test_export_fast.py holds the two together over hostile data.

The JSON is one valid document, laid out as `json.dump(..., indent=2)` lays out the
list; the CSV is what `csv.writer(quoting=QUOTE_NONNUMERIC)` writes, with "\\n" line ends.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Generator, Iterable, Sequence
from datetime import date, datetime, timedelta
from json import dumps as _json_dumps
from json.encoder import encode_basestring_ascii as _string
from typing import TYPE_CHECKING, Any, TextIO

from stretchtui.history.rows import offset_text

if TYPE_CHECKING:
    from datetime import date as Date

    from stretchtui.history.queries import HistoryQueries

FIELDS = (
    "id",
    "started",
    "ended",
    "local_date",
    "routine_id",
    "routine_name",
    "level",
    "status",
    "planned_seconds",
    "active_seconds",
    "paused_seconds",
    "feeling",
    "warning_signs",
    "routine_digest",
)
"""The fields of an exported session, in order: the CSV header, the JSON object's keys."""

COLUMNS = (
    ("id", "TEXT"),
    ("started_ms", "INTEGER"),
    ("ended_ms", "INTEGER"),
    ("utc_offset_min", "INTEGER"),
    ("local_date", "TEXT"),
    ("routine", "INTEGER"),
    ("status", "TEXT"),
    ("planned_seconds", "REAL"),
    ("active_seconds", "REAL"),
    ("paused_seconds", "REAL"),
    ("feeling", "TEXT"),
    ("warning_signs", "INTEGER"),
)
"""What the export reads of a session (a Raw row), with the type `sessions` declares for it."""

Raw = tuple[Any, ...]
"""A session as COLUMNS select it: the stored values, times in ms since 1970 (UTC)."""

Routines = dict[int, tuple[str, str, str, str]]
"""Each routine's (id, name, level, digest) by its key, as session_batches() fills it."""

BATCH = 300
"""Sessions read and written at once: few calls, and memory still flat."""
EXPORT_CACHE_KIB = -256
"""SQLite's page cache while exporting (negative: in KiB)."""

# A spreadsheet runs a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def session_batches(
    store: HistoryQueries,
    routines: Routines,
    limit: int | None = None,
    since: Date | None = None,
) -> Generator[list[Raw], None, None]:
    """Sessions newest first (or --since/--limit), BATCH at a time, as COLUMNS.

    `routines` is filled first, from the same moment of the file as the sessions. The
    reading connection is held until the iteration ends (or the generator is closed).
    """
    sql = f"SELECT {', '.join(name for name, _ in COLUMNS)} FROM sessions"
    params: list[object] = []
    if since is not None:
        sql += " WHERE local_date >= ?"
        params.append(since.isoformat())
    sql += " ORDER BY started_ms DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    with store.reading() as db:
        (cache_size,) = db.execute("PRAGMA cache_size").fetchone()
        # Each page is read once, in order: SQLite's default cache (2 MB) would only hold
        # pages that are never read again, and make a long export take more memory.
        db.execute(f"PRAGMA cache_size = {EXPORT_CACHE_KIB}")
        db.execute("BEGIN")  # one snapshot for both reads
        try:
            for key, rid, name, level, digest in db.execute(
                "SELECT key, routine_id, routine_name, level, routine_digest FROM routines"
            ):
                routines[key] = (rid, name, level, digest)
            cursor = db.execute(sql, params)
            while batch := cursor.fetchmany(BATCH):
                yield batch
        finally:
            db.execute("COMMIT")
            db.execute(f"PRAGMA cache_size = {int(cache_size)}")


def declared_as_expected(store: HistoryQueries) -> bool:
    """Whether `sessions` declares COLUMNS' types, so SQLite hands over only values the
    fast writers take (a number stored in a TEXT column comes back as text, and so on).

    A hand-made file may declare other types (or none): it gets the plain writers.
    """
    with store.reading() as db:
        declared = {
            str(name): str(kind).upper()
            for _, name, kind, *_ in db.execute("PRAGMA table_info(sessions)")
        }
    return all(declared.get(name) == kind for name, kind in COLUMNS)


# ------------------------------------------------------------------ the plain writers

_EPOCH = datetime(1970, 1, 1)


def local_text(ms: int, minutes: int) -> str:
    """The moment `ms` in the offset `minutes`, as datetime.isoformat() writes it."""
    return (_EPOCH + timedelta(milliseconds=ms + minutes * 60_000)).isoformat() + offset_text(
        minutes
    )


def number(value: float) -> float:
    """A duration as the export gives it: a float, to the millisecond."""
    return round(float(value), 3)


def values(row: Raw, routines: Routines) -> tuple[Any, ...]:
    """A session's fields (FIELDS, in order) as Python values, from its Raw row."""
    sid, started, ended, minutes, day, key, status, planned, active, paused, feeling, signs = row
    rid, name, level, digest = routines[key]
    return (
        sid,
        local_text(started, minutes),
        None if ended is None else local_text(ended, minutes),
        day,
        rid,
        name,
        level,
        status,
        number(planned),
        number(active),
        number(paused),
        feeling,
        None if signs is None else signs != 0,
        digest,
    )


def csv_cell(value: object) -> object:
    """A value as a CSV cell: text a spreadsheet would run as a formula gets a leading `'`.

    Numbers stay numbers; only text (a routine's name or id, say) is ever changed.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_text(value: object) -> str:
    """A cell as csv's QUOTE_NONNUMERIC writes it, after csv_cell(): numbers bare, the
    rest quoted (a line break inside a name, which only an old file can hold, stays in)."""
    value = csv_cell(value)
    if isinstance(value, float | int):  # bool too
        return repr(value) if isinstance(value, float) else str(value)
    return '"' + str(value).replace('"', '""') + '"'


CSV_HEADER = ",".join(_csv_text(field) for field in FIELDS) + "\n"


def csv_line(row: Raw, routines: Routines) -> str:
    """One session as a CSV line, the plain way."""
    return ",".join(_csv_text(value) for value in values(row, routines)) + "\n"


def _json_value(value: object) -> str:
    if isinstance(value, str):
        return _string(value)
    return _json_dumps(value)


def json_object(row: Raw, routines: Routines) -> str:
    """One session as the JSON object `json.dump(list, indent=2)` writes in the list."""
    fields = zip(FIELDS, values(row, routines), strict=True)
    return "  {\n" + ",\n".join(f'    "{k}": {_json_value(v)}' for k, v in fields) + "\n  }"


# ------------------------------------------------------------------- the fast writers

# What a damaged row makes the fast path raise; its batch is then written the plain way.
_ODD_VALUE = (TypeError, ValueError, KeyError, AttributeError, IndexError, OverflowError)
_KEEP = 256
"""Entries a lookup table keeps before it starts again: memory stays flat."""
_DAY_MS = 86_400_000
_EPOCH_DAY = date(1970, 1, 1)


class _Texts:
    """The lookup tables one export fills as it goes, for one format.

    A session's line is its own id and times, then three pieces looked up: the routine
    with the status (`heads`), the three durations (`numbers`), and the check-in with
    the routine's digest (`feet`). Only values of the types the columns declare are
    kept: values of other types (only in a damaged file) may equal one another and be
    written differently.
    """

    def __init__(self, routines: Routines, quote: Callable[[object], str], form: _Form) -> None:
        self.routines = routines
        self.quote = quote
        self.form = form
        self.clock = [f"{h:02d}:{m:02d}:" for h in range(24) for m in range(60)]
        self.seconds = [f"{s:02d}" for s in range(60)]
        self.fractions = ["", *(f".{ms:03d}000" for ms in range(1, 1000))]
        self.dates: dict[int, str] = {}
        self.zones: dict[int, tuple[str, int]] = {}
        self.days: dict[str, str] = {}
        self.heads: dict[tuple[int, str], str] = {}
        self.feet: dict[tuple[str | None, int | None, int], str] = {}
        self.numbers: dict[float, str] = {}

    def date(self, day: int) -> str:
        """'2026-03-11T' for the day `day` days after 1970-01-01."""
        if len(self.dates) >= _KEEP:
            self.dates.clear()
        text = self.dates[day] = (_EPOCH_DAY + timedelta(days=day)).isoformat() + "T"
        return text

    def zone(self, minutes: int) -> tuple[str, int]:
        """The offset's text and its length in ms."""
        found = self.zones[minutes] = (offset_text(minutes), minutes * 60_000)
        return found

    def day(self, day: str) -> str:
        text = self.quote(day)
        if type(day) is str:
            if len(self.days) >= _KEEP:
                self.days.clear()
            self.days[day] = text
        return text

    def head(self, key: int, status: str) -> str:
        rid, name, level, _ = self.routines[key]
        quote = self.quote
        text = self.form.head.format(quote(rid), quote(name), quote(level), quote(status))
        if type(status) is str:
            if len(self.heads) >= _KEEP:
                self.heads.clear()
            self.heads[key, status] = text
        return text

    def foot(self, feeling: str | None, signs: int | None, key: int) -> str:
        answer = None if signs is None else signs != 0
        digest = self.routines[key][3]
        text = self.form.foot.format(self.quote(feeling), self.quote(answer), self.quote(digest))
        if feeling is None or type(feeling) is str:
            if len(self.feet) >= _KEEP:
                self.feet.clear()
            self.feet[feeling, signs, key] = text
        return text

    def number(self, value: float) -> str:
        if len(self.numbers) >= _KEEP:
            self.numbers.clear()
        text = self.numbers[value] = self.form.number(number(value))
        return text


class _Form:
    """How a format writes the pieces `_Texts` keeps (str.format templates)."""

    def __init__(self, head: str, foot: str, number: Callable[[float], str]) -> None:
        self.head = head
        self.foot = foot
        self.number = number


def _json_number(value: float) -> str:
    """A float as json.dumps writes it (repr, but Infinity for inf)."""
    return repr(value) if math.isfinite(value) else _json_dumps(value)


_CSV_FORM = _Form(head=",{},{},{},{},", foot=",{},{},{}\n", number=repr)
_JSON_FORM = _Form(
    head='    "routine_id": {},\n    "routine_name": {},\n    "level": {},\n'
    '    "status": {},\n    "planned_seconds": ',
    foot=',\n    "feeling": {},\n    "warning_signs": {},\n    "routine_digest": {}\n  }}',
    number=_json_number,
)


# The two batch writers below are one loop written twice (a call per session would cost
# a fifth of the time): the local times from the day and clock tables, the rest looked up.


def _csv_batch(batch: Sequence[Raw], texts: _Texts) -> list[str]:
    clock, seconds, fractions = texts.clock, texts.seconds, texts.fractions
    dates, zones, days = texts.dates, texts.zones, texts.days
    heads, feet, numbers, quote = texts.heads, texts.feet, texts.numbers, texts.quote
    lines: list[str] = []
    add = lines.append
    for row in batch:
        sid, started, ended, minutes, day, key, status, planned, active, paused, feeling, signs = (
            row
        )
        zone, shift = zones.get(minutes) or texts.zone(minutes)
        when, ms = divmod(started + shift, _DAY_MS)
        minute, ms = divmod(ms, 60_000)
        started_text = (
            f"{dates.get(when) or texts.date(when)}{clock[minute]}{seconds[ms // 1000]}"
            f"{fractions[ms % 1000]}{zone}"
        )
        if ended is None:
            ended_text = '""'
        else:
            when, ms = divmod(ended + shift, _DAY_MS)
            minute, ms = divmod(ms, 60_000)
            ended_text = (
                f'"{dates.get(when) or texts.date(when)}{clock[minute]}{seconds[ms // 1000]}'
                f'{fractions[ms % 1000]}{zone}"'
            )
        ident = f'"{sid}"' if sid.isalnum() else quote(sid)
        add(
            f'{ident},"{started_text}",{ended_text},'
            f"{days.get(day) or texts.day(day)}"
            f"{heads.get((key, status)) or texts.head(key, status)}"
            f"{numbers.get(planned) or texts.number(planned)},"
            f"{numbers.get(active) or texts.number(active)},"
            f"{numbers.get(paused) or texts.number(paused)}"
            f"{feet.get((feeling, signs, key)) or texts.foot(feeling, signs, key)}"
        )
    return lines


def _json_batch(batch: Sequence[Raw], texts: _Texts) -> list[str]:
    clock, seconds, fractions = texts.clock, texts.seconds, texts.fractions
    dates, zones, days = texts.dates, texts.zones, texts.days
    heads, feet, numbers = texts.heads, texts.feet, texts.numbers
    lines: list[str] = []
    add = lines.append
    for row in batch:
        sid, started, ended, minutes, day, key, status, planned, active, paused, feeling, signs = (
            row
        )
        zone, shift = zones.get(minutes) or texts.zone(minutes)
        when, ms = divmod(started + shift, _DAY_MS)
        minute, ms = divmod(ms, 60_000)
        started_text = (
            f"{dates.get(when) or texts.date(when)}{clock[minute]}{seconds[ms // 1000]}"
            f"{fractions[ms % 1000]}{zone}"
        )
        if ended is None:
            ended_text = "null"
        else:
            when, ms = divmod(ended + shift, _DAY_MS)
            minute, ms = divmod(ms, 60_000)
            ended_text = (
                f'"{dates.get(when) or texts.date(when)}{clock[minute]}{seconds[ms // 1000]}'
                f'{fractions[ms % 1000]}{zone}"'
            )
        add(
            f'  {{\n    "id": {_string(sid)},\n    "started": "{started_text}",\n'
            f'    "ended": {ended_text},\n    "local_date": {days.get(day) or texts.day(day)},\n'
            f"{heads.get((key, status)) or texts.head(key, status)}"
            f"{numbers.get(planned) or texts.number(planned)},\n"
            f'    "active_seconds": {numbers.get(active) or texts.number(active)},\n'
            f'    "paused_seconds": {numbers.get(paused) or texts.number(paused)}'
            f"{feet.get((feeling, signs, key)) or texts.foot(feeling, signs, key)}"
        )
    return lines


Batch = Callable[[Sequence[Raw], _Texts], list[str]]
Plain = Callable[[Raw, Routines], str]


def _texts(
    batches: Iterable[list[Raw]], routines: Routines, fast: Batch | None, plain: Plain,
    texts: _Texts,
) -> Generator[tuple[int, list[str]], None, None]:  # fmt: skip
    """Each batch's size and texts: from `fast`, or from `plain` if the batch holds a
    value the fast path balks at (or there is no fast path)."""
    for batch in batches:
        lines = None
        if fast is not None:
            with contextlib.suppress(*_ODD_VALUE):
                lines = fast(batch, texts)
        if lines is None:
            lines = [plain(row, routines) for row in batch]
        yield len(batch), lines


def write_csv(
    batches: Iterable[list[Raw]], routines: Routines, out: TextIO, *, fast: bool = True
) -> int:
    """A header, then one line per session; returns how many were written.

    Text is quoted and numbers are not, so a spreadsheet reads numbers as numbers.
    `fast=False` writes every line with csv_line() (for a file that declares other types).
    """
    out.write(CSV_HEADER)
    texts = _Texts(routines, _csv_text, _CSV_FORM)
    count = 0
    for size, lines in _texts(batches, routines, _csv_batch if fast else None, csv_line, texts):
        out.write("".join(lines))
        count += size
    return count


def write_json(
    batches: Iterable[list[Raw]], routines: Routines, out: TextIO, *, fast: bool = True
) -> int:
    """A JSON array of session objects, written as it goes; returns how many.

    The text is ASCII: every other character is escaped, as json.dumps does, so no
    control character (C0 or C1) in a name reaches a terminal the output is shown on.
    `fast=False` writes every object with json_object() (for a file that declares other
    types).
    """
    texts = _Texts(routines, _json_value, _JSON_FORM)
    count = 0
    for size, objects in _texts(
        batches, routines, _json_batch if fast else None, json_object, texts
    ):
        if objects:
            out.write(("[\n" if not count else ",\n") + ",\n".join(objects))
        count += size
    out.write("\n]\n" if count else "[]\n")
    return count

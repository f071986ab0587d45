"""`history --format csv|json`: every session, written row by row as the query yields it.

Nothing is held in memory but the row being written, so exporting 100 000
sessions takes as little memory as exporting none. SQLite writes the times (as
`datetime.isoformat()` would) from the stored integers; a routine's text is
encoded once, not once per session. The JSON is one valid document, laid out as
`json.dump(..., indent=2)` would lay it out, built with the C string encoder
(the indenting encoder is pure Python, and ten times slower).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from stretchtui.history.rows import offset_text

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

Raw = tuple[Any, ...]
"""A session as rows.EXPORT_COLUMNS selects it."""

# A spreadsheet runs a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value as a CSV cell: text a spreadsheet would run as a formula gets a leading `'`.

    Numbers stay numbers; only text (a routine's name or id, say) is ever changed.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


BATCH = 200
"""Sessions written to the output at once: few calls, and memory still flat."""

Routines = dict[int, tuple[str, str, str, str]]
"""Each routine's (id, name, level, digest) by its key, as export_rows() fills it."""


class _Offsets(dict[int, str]):
    def __missing__(self, minutes: int) -> str:
        text = self[minutes] = offset_text(minutes)
        return text


def _csv_text(value: str | None) -> str:
    """A text cell as csv's QUOTE_NONNUMERIC writes it, after csv_cell()."""
    if value is None:
        return '""'
    text = str(csv_cell(value))
    return '"' + text.replace('"', '""') + '"'


# Ten pieces: the routine's id, name and level are one, and so are the three durations.
_CSV_ROW = ",".join(["{}"] * 10) + "\n"


def write_csv(rows: Iterable[Raw], routines: Routines, out: TextIO) -> int:
    """A header, then one line per session; returns how many were written.

    Text is quoted and numbers are not, so a spreadsheet reads numbers as numbers
    and a line break inside a name (only an old file can hold one) stays inside its cell.
    Written as csv.writer(quoting=QUOTE_NONNUMERIC) writes it, without its per-cell cost.
    """
    text = _csv_text
    write = out.write
    write(",".join(text(field) for field in FIELDS) + "\n")
    pieces: dict[int, tuple[str, str]] = {}
    words: dict[str | None, str] = {None: '""'}
    offsets = _Offsets()
    signs_cell = {None: '""', 0: "False"}
    line = _CSV_ROW.format
    lines: list[str] = []
    add = lines.append
    count = 0
    for row in rows:
        (sid, key, offset, started, ended, day, status) = row[:7]
        planned, active, paused, feeling, signs = row[7:]
        piece = pieces.get(key)
        if piece is None:
            rid, name, level, digest = routines[key]
            piece = pieces[key] = (f"{text(rid)},{text(name)},{text(level)}", text(digest))
        state = words.get(status)
        if state is None:
            state = words[status] = text(status)
        answer = words.get(feeling)
        if answer is None:
            answer = words[feeling] = text(feeling)
        zone = offsets[offset]
        add(
            line(
                text(sid),
                f'"{started}{zone}"',
                '""' if ended is None else f'"{ended}{zone}"',
                text(day),
                piece[0],
                state,
                f"{round(planned, 3)!r},{round(active, 3)!r},{round(paused, 3)!r}",
                answer,
                signs_cell.get(signs, "True"),
                piece[1],
            )
        )
        count += 1
        if len(lines) >= BATCH:
            write("".join(lines))
            lines.clear()
    write("".join(lines))
    return count


_string = json.encoder.encode_basestring_ascii
_OBJECT = "  {{\n" + ",\n".join(f'    "{field}": {{}}' for field in FIELDS) + "\n  }}"
_ROW = _OBJECT.replace('"routine_id": {},\n    "routine_name": {},\n    "level": {}', "{}").replace(
    '"started": {}', '"started": "{}{}"'
)


def write_json(rows: Iterable[Raw], routines: Routines, out: TextIO) -> int:
    """A JSON array of session objects, written as it goes; returns how many.

    The text is ASCII: every other character is escaped, as json.dumps does, so no
    control character (C0 or C1) in a name reaches a terminal the output is shown on.
    """
    pieces: dict[int, tuple[str, str]] = {}
    words: dict[object, str] = {None: "null"}
    offsets = _Offsets()
    signs_text = {None: "null", 0: "false"}
    row_text = _ROW.format
    write = out.write
    objects: list[str] = []
    add = objects.append
    count = 0
    for row in rows:
        (sid, key, offset, started, ended, day, status) = row[:7]
        planned, active, paused, feeling, signs = row[7:]
        piece = pieces.get(key)
        if piece is None:
            rid, name, level, digest = routines[key]
            names = f'{_string(rid)},\n    "routine_name": {_string(name)},\n    "level": '
            piece = pieces[key] = (f'"routine_id": {names}{_string(level)}', _string(digest))
        state = words.get(status)
        if state is None:
            state = words[status] = _string(status)
        answer = words.get(feeling)
        if answer is None:
            answer = words[feeling] = _string(feeling)
        zone = offsets[offset]
        add(
            row_text(
                _string(sid),
                started,
                zone,
                "null" if ended is None else f'"{ended}{zone}"',
                _string(day),
                piece[0],
                state,
                repr(round(planned, 3)),
                repr(round(active, 3)),
                repr(round(paused, 3)),
                answer,
                signs_text.get(signs, "true"),
                piece[1],
            )
        )
        count += 1
        if len(objects) >= BATCH:
            write(("[\n" if count == len(objects) else ",\n") + ",\n".join(objects))
            objects.clear()
    if objects:
        write(("[\n" if count == len(objects) else ",\n") + ",\n".join(objects))
    write("\n]\n" if count else "[]\n")
    return count

"""`history --format csv|json`: every session, written row by row as the query yields it.

Nothing is held in memory but the row being written, so exporting 100 000
sessions takes as little memory as exporting none. SQLite writes the times (as
`datetime.isoformat()` would) from the stored integers; a routine's text is
encoded once, not once per session. The JSON is one valid document, laid out as
`json.dump(..., indent=2)` would lay it out, built with the C string encoder
(the indenting encoder is pure Python, and ten times slower).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

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


def write_csv(rows: Iterable[Raw], out: TextIO) -> int:
    """A header, then one line per session; returns how many were written.

    Text is quoted and numbers are not, so a spreadsheet reads numbers as numbers
    and a line break inside a name (only an old file can hold one) stays inside its cell.
    """
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(FIELDS)
    cell = csv_cell
    routines: dict[int, tuple[object, ...]] = {}
    signs_cell = {None: "", 0: False, 1: True}
    count = 0
    for row in rows:
        (sid, key, rid, name, level, digest, started, ended, day, status) = row[:10]
        planned, active, paused, feeling, signs = row[10:]
        routine = routines.get(key)
        if routine is None:
            routine = routines[key] = (cell(rid), cell(name), cell(level), cell(digest))
        writer.writerow(
            (
                cell(sid),
                started,
                ended or "",
                cell(day),
                *routine[:3],
                cell(status),
                round(planned, 3),
                round(active, 3),
                round(paused, 3),
                cell(feeling),
                signs_cell.get(signs, bool(signs)),
                routine[3],
            )
        )
        count += 1
    return count


_string = json.encoder.encode_basestring_ascii
_OBJECT = "  {{\n" + ",\n".join(f'    "{field}": {{}}' for field in FIELDS) + "\n  }}"
_ROW = _OBJECT.replace('"routine_id": {},\n    "routine_name": {},\n    "level": {}', "{}")


def _json(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return str(_string(value))
    return repr(value)  # a float or an int, as json writes them


def write_json(rows: Iterable[Raw], out: TextIO) -> int:
    """A JSON array of session objects, written as it goes; returns how many.

    The text is ASCII: every other character is escaped, as json.dumps does, so no
    control character (C0 or C1) in a name reaches a terminal the output is shown on.
    """
    routines: dict[int, tuple[str, str]] = {}
    words: dict[object, str] = {None: "null"}
    signs_text = {None: "null", 0: "false", 1: "true"}
    row_text = _ROW.format
    write = out.write
    count = 0
    for row in rows:
        (sid, key, rid, name, level, digest, started, ended, day, status) = row[:10]
        planned, active, paused, feeling, signs = row[10:]
        routine = routines.get(key)
        if routine is None:
            names = f'{_string(rid)},\n    "routine_name": {_string(name)},\n    "level": '
            routine = routines[key] = (f'"routine_id": {names}{_string(level)}', _string(digest))
        state = words.get(status)
        if state is None:
            state = words[status] = _string(status)
        answer = words.get(feeling)
        if answer is None:
            answer = words[feeling] = _string(feeling)
        write(",\n" if count else "[\n")
        write(
            row_text(
                _string(sid),
                _string(started),
                "null" if ended is None else _string(ended),
                _string(day),
                routine[0],
                state,
                repr(round(planned, 3)),
                repr(round(active, 3)),
                repr(round(paused, 3)),
                answer,
                signs_text.get(signs) or _json(bool(signs)),
                routine[1],
            )
        )
        count += 1
    write("\n]\n" if count else "[]\n")
    return count

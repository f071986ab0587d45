"""The menu's note about someone's back, hidden for the rest of the day (`x` in the menu).

A small file in the data folder remembers the day and which report the note
answered, so the choice survives a restart that day, and a new report (another
"yes" to pain or numbness) brings the note back at once. If the file cannot be
read or written the note simply shows: hiding advice must never fail silently
the other way.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path

from stretchtui.paths import AppPaths
from stretchtui.safefiles import FileRefused, read_regular_file

HIDDEN_FILE = "safety-note-hidden"
MAX_BYTES = 256


def hidden_path(paths: AppPaths) -> Path:
    return paths.data_dir / HIDDEN_FILE


def note_hidden(paths: AppPaths, today: date, report: str) -> bool:
    """Whether the note answering `report` was hidden today."""
    try:
        raw = read_regular_file(hidden_path(paths), MAX_BYTES, "a small state file")
    except FileRefused:
        return False
    try:
        day, hidden_report = raw.decode("ascii").split()
    except (UnicodeDecodeError, ValueError):
        return False  # not ours, or damaged: show the note
    return day == today.isoformat() and hidden_report == report


def hide_note(paths: AppPaths, today: date, report: str) -> bool:
    """Hide the note answering `report` until tomorrow; False if the data folder refused."""
    if not report or any(ch.isspace() for ch in report) or not report.isascii():
        return False
    target = hidden_path(paths)
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and moved in: a crash mid-write never leaves half a line.
        partial = target.with_name(f".{HIDDEN_FILE}.{os.getpid()}")
        partial.write_text(f"{today.isoformat()} {report}\n", encoding="ascii")
        partial.replace(target)
        return True
    return False

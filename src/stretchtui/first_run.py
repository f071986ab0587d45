"""The first-run note: shown once, before the very first session, then never again.

A small marker file in the data folder remembers that it was seen (config.yaml
is the person's own and is never written). If the marker cannot be written,
the note simply shows again next time; nothing else depends on it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from stretchtui.paths import AppPaths

MARKER = "first-run-note-seen"


def marker_path(paths: AppPaths) -> Path:
    return paths.data_dir / MARKER


def note_seen(paths: AppPaths) -> bool:
    """Whether the first-run note was already dismissed."""
    try:
        return marker_path(paths).exists()
    except OSError:
        return False


def mark_note_seen(paths: AppPaths) -> bool:
    """Remember that the note was dismissed; False if the data folder could not take it."""
    marker = marker_path(paths)
    with contextlib.suppress(OSError):
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch(exist_ok=True)
        return True
    return False

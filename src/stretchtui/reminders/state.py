"""The small state files `status` reads, so a tmux status line or a prompt stays instant.

Two files in `<data dir>/status/`, each with one writer, so they never race:
`remind.json` (written by `stretchtui remind`: what it will do next) and
`sessions.json` (written when a session finishes: today's minutes, the streak,
when the last one ended). Writes are atomic (a temporary file renamed over).
This module imports only the standard library's light parts: `status` must
start fast.
"""

from __future__ import annotations

import contextlib
import json
import os

STATE_DIR = "status"
REMIND_FILE = "remind.json"
SESSIONS_FILE = "sessions.json"
MAX_STATE_BYTES = 16 * 1024


Where = str | os.PathLike[str]


def state_file(data_dir: Where, name: str) -> str:
    """`name` (REMIND_FILE or SESSIONS_FILE) in the state folder under `data_dir`."""
    return os.path.join(os.fspath(data_dir), STATE_DIR, name)


def read_state(path: Where) -> dict[str, object]:
    """The mapping in `path`; empty when it is missing, too large or not a JSON object."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_STATE_BYTES + 1)
    except OSError:
        return {}
    if len(raw) > MAX_STATE_BYTES:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def write_state(path: Where, data: dict[str, object]) -> bool:
    """Replace `path` with `data` atomically; False (and nothing changed) if it cannot be."""
    folder, name = os.path.split(os.fspath(path))
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):  # never made, or the folder is gone
            os.unlink(temporary)
        return False
    return True


def modified(path: Where) -> float | None:
    """When `path` last changed (its mtime), or None if it is not there."""
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


def process_alive(pid: object) -> bool:
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True

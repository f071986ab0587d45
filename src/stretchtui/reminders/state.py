"""The small state files `status` reads, so a tmux status line or a prompt stays instant.

Two files in `<data dir>/status/`, each with one writer, so they never race:
`remind.state` (written by `stretchtui remind`: what it will do next) and
`sessions.state` (written when a session finishes: today's minutes, the streak,
when the last one ended). Each line is `key=value`; writes are atomic (a
temporary file renamed over). Plain lines rather than JSON, and only the
standard library's lightest modules: `status` must start about as fast as
Python itself, and the json module alone costs a sixth of that.
"""

from __future__ import annotations

import os
from datetime import date, datetime

STATE_DIR = "status"
REMIND_FILE = "remind.state"
SESSIONS_FILE = "sessions.state"
MAX_STATE_BYTES = 16 * 1024

Where = str | os.PathLike[str]
State = dict[str, str]


def state_file(data_dir: Where, name: str) -> str:
    """`name` (REMIND_FILE or SESSIONS_FILE) in the state folder under `data_dir`."""
    return os.path.join(os.fspath(data_dir), STATE_DIR, name)


def read_state(path: Where) -> State:
    """The `key=value` lines in `path`; empty when it is missing, too large or unreadable."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_STATE_BYTES + 1)
    except OSError:
        return {}
    if len(raw) > MAX_STATE_BYTES:
        return {}
    state: State = {}
    for line in raw.decode("utf-8", errors="replace").splitlines():
        key, equals, value = line.partition("=")
        if equals and key:
            state[key] = value
    return state


def write_state(path: Where, data: dict[str, object]) -> bool:
    """Replace `path` with `data` atomically; False (and nothing changed) if it cannot be.

    None values are left out; line breaks inside a value become spaces.
    """
    lines = []
    for key, value in data.items():
        if value is None:
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        lines.append(f"{key}={' '.join(text.splitlines())}\n")
    folder, name = os.path.split(os.fspath(path))
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write("".join(lines))
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            return False  # never made, or the folder is gone: nothing left behind
        return False
    return True


def modified(path: Where) -> float | None:
    """When `path` last changed (its mtime), or None if it is not there."""
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


# ---------------------------------------------------------------- reading values back


def as_number(value: str | None) -> float | None:
    """A finite number, or None."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) < 1e12 else None


def as_moment(value: str | None) -> datetime | None:
    """An aware datetime written with isoformat(), or None."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def as_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def process_alive(pid: str | None) -> bool:
    """Whether the process with this id (as written in a state file) is running."""
    if pid is None or not pid.isdigit() or not 0 < int(pid) < 2**22:
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

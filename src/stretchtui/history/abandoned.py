"""Which sessions still marked in progress were abandoned: their process is gone.

One rule for the fix-up that opening the history runs (`jobs.interrupt_abandoned`
turns them into interrupted sessions) and for `stretchtui stats`, which reads the
file without changing it and counts them as that fix-up will.
"""

from __future__ import annotations

import os

FOREIGN_SESSION_TIMEOUT_MS = 24 * 60 * 60 * 1000
"""A session in progress on another machine (a shared home over NFS) cannot be checked
for life; after this long (24 hours) it has certainly ended."""


def is_abandoned(owner_host: str, pid: int, started_ms: int, host: str, now_ms: int) -> bool:
    """Whether a session in progress, recorded by process `pid` on `owner_host`, has no
    process left to end it (`host` is this machine's name)."""
    if owner_host == host:
        return not process_alive(pid)
    return started_ms <= now_ms - FOREIGN_SESSION_TIMEOUT_MS


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process with that id is running
    return True

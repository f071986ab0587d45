"""Keep ALSA's complaints off the screen.

ALSA prints its errors ("ALSA lib pcm.c:...: Unknown PCM default") straight to the
process's C-level stderr, underneath Python, where they would scribble over the
TUI or the plain output. Installing a no-op error handler silences them for the
whole process; while probing for a device we also point fd 2 at /dev/null, for
plugins that print without going through that handler.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys
from collections.abc import Iterator
from typing import Any

_ErrorHandler = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)


def _ignore(file: bytes, line: int, function: bytes, err: int, fmt: bytes) -> None:
    return None


# Held for the life of the process: ALSA keeps the bare C pointer, and a collected
# callback would turn the next error into a crash.
_handler: Any = None


def silence_alsa_errors() -> bool:
    """Install a no-op ALSA error handler; True if ALSA is present and now quiet."""
    global _handler
    if _handler is not None:
        return True
    name = ctypes.util.find_library("asound") or "libasound.so.2"
    try:
        library = ctypes.CDLL(name)
        setter = library.snd_lib_error_set_handler
    except (OSError, AttributeError):
        return False
    handler = _ErrorHandler(_ignore)
    setter.argtypes = [_ErrorHandler]
    setter.restype = ctypes.c_int
    if setter(handler) != 0:
        return False
    _handler = handler
    return True


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send fd 2 to /dev/null for a moment; only for start-up probes, never during a session."""
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)

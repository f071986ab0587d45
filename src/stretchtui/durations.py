"""Human-readable durations: parsing `1m30s` and printing seconds back."""

from __future__ import annotations

import math
import re

# ASCII digits only: `\d` and str.isdigit() also take `²` and `٣`, which int() then refuses.
_DURATION = re.compile(r"(?:(?P<h>[0-9]+)h)?(?:(?P<m>[0-9]+)m)?(?:(?P<s>[0-9]+)s)?")
_DIGITS = re.compile(r"[0-9]+")

MAX_DIGITS = 6
"""No duration or count needs more digits; longer numbers are refused before any int()."""


def is_ascii_number(text: str) -> bool:
    """True for `0`-`9` only: no sign, no spaces, no superscripts or other scripts' digits."""
    return _DIGITS.fullmatch(text) is not None


def longest_digit_run(text: str) -> int:
    """How many ASCII digits the longest number in `text` has (0 when there is none)."""
    return max((len(run) for run in _DIGITS.findall(text)), default=0)


def parse_duration(text: str) -> int | None:
    """Seconds for `20`, `20s`, `1m`, `1m30s` or `1h`; None when the text is not a duration.

    A number longer than MAX_DIGITS is not a duration either (and is never converted).
    """
    text = text.strip().lower().replace(" ", "")
    if not text or longest_digit_run(text) > MAX_DIGITS:
        return None
    if is_ascii_number(text):
        return int(text)
    match = _DURATION.fullmatch(text)
    if match is None or not any(match.groupdict().values()):
        return None
    hours, minutes, seconds = (int(match.group(k) or 0) for k in ("h", "m", "s"))
    return hours * 3600 + minutes * 60 + seconds


def format_duration(seconds: float) -> str:
    """`1m 30s`, `45s`, `1h 05m`: short, for menus and summaries."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes and secs:
        return f"{minutes}m {secs:02d}s"
    if minutes:
        return f"{minutes} min"
    return f"{secs}s"


def format_clock(seconds: float) -> str:
    """`M:SS` (or `H:MM:SS`) for countdowns; rounds up so 0:00 shows only at the very end."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"

"""Human-readable durations: parsing `1m30s` and printing seconds back."""

from __future__ import annotations

import math
import re

_DURATION = re.compile(r"^(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?$")


def parse_duration(text: str) -> int | None:
    """Seconds for `20`, `20s`, `1m`, `1m30s` or `1h`; None when the text is not a duration."""
    text = text.strip().lower().replace(" ", "")
    if not text:
        return None
    if text.isdigit():
        return int(text)
    match = _DURATION.match(text)
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

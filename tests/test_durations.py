"""Durations as people write them, and as menus and countdowns show them."""

from __future__ import annotations

import pytest

from stretchtui.durations import format_clock, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("20", 20), ("20s", 20), ("1m", 60), ("1m30s", 90), ("1h", 3600), (" 2M 5S ", 125)],
)
def test_parse_duration_reads_seconds_minutes_and_hours(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "s",
        "soon",
        "-5",
        "2.5",
        "1s30m",
        "m",
        "²0",
        "²",
        "٣٠",
        "3٠s",
        "1m²s",
        "9" * 5000,
        "1234567s",
    ],
)
def test_parse_duration_refuses_what_is_not_a_duration(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0s"), (45, "45s"), (60, "1 min"), (90, "1m 30s"), (940, "15m 40s"), (3900, "1h 05m")],
)
def test_format_duration_is_short(seconds: int, shown: str) -> None:
    assert format_duration(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (0.2, "0:01"), (9.0, "0:09"), (59.5, "1:00"), (3601, "1:00:01"), (-3, "0:00")],
)
def test_format_clock_rounds_up_so_zero_shows_only_at_the_end(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


def test_a_number_too_long_to_be_a_duration_is_never_converted() -> None:
    # int() on 5000 digits raises ValueError (Python's 4300-digit limit): never get there.
    assert parse_duration("9" * 5000 + "s") is None
    assert parse_duration("999999") == 999999

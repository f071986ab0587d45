"""Block letters: every level draws whole rows of one width, in Unicode or in ASCII."""

from __future__ import annotations

import pytest

from stretchtui.kinds import SegmentKind
from stretchtui.tui.widgets.bigfont import (
    LEVEL_HEIGHTS,
    MAX_LEVEL,
    best_level,
    level_height,
    render,
    supports,
    text_width,
)

LEVELS = range(1, MAX_LEVEL + 1)
STAGE_TEXTS = [
    "0:15",
    "12:34",
    "PAUSED",
    "RIGHT",
    "LEFT",
    "10/20",
    "+10 SEC",
    *(kind.traits.title for kind in SegmentKind),
]


def test_levels_grow_from_one_row_to_a_screenful() -> None:
    assert LEVEL_HEIGHTS[:6] == (1, 3, 4, 7, 11, 14)
    assert list(LEVEL_HEIGHTS) == sorted(set(LEVEL_HEIGHTS))


@pytest.mark.parametrize("ascii_only", [False, True], ids=["unicode", "ascii"])
@pytest.mark.parametrize("level", LEVELS)
def test_every_stage_text_draws_at_every_level_in_rows_of_its_width(
    level: int, ascii_only: bool
) -> None:
    for text in STAGE_TEXTS:
        assert supports(text, level, ascii_only=ascii_only), text
        rows = render(text, level, ascii_only=ascii_only)
        assert len(rows) == level_height(level), text
        width = text_width(text, level, ascii_only=ascii_only)
        assert all(len(row) == width for row in rows), (text, level)
        assert any(row.strip() for row in rows), text


@pytest.mark.parametrize("level", LEVELS)
def test_ascii_letters_are_plain_ascii(level: int) -> None:
    for text in STAGE_TEXTS:
        assert "".join(render(text, level, ascii_only=True)).isascii(), text


def test_the_three_row_clock_is_textuals_digits_font() -> None:
    # The 80x24 countdown looks as Textual's Digits drew it (and the tmux test reads it so).
    assert render("0:15", 1) == ["┏━┓   ╺┓ ┏━╸", "┃ ┃ :  ┃ ┗━┓", "┗━┛   ╺┻╸╺━┛"]


def test_bitmap_letters_scale_by_whole_pixels() -> None:
    small = render("1", 3)  # 7 rows: one row per pixel, two columns per pixel
    large = render("1", 5)  # 14 rows: each pixel four columns by two rows
    assert small[0] == "    ██    "
    assert large[0] == large[1] == "        ████        "


def test_ascii_draws_the_same_shapes_with_hashes() -> None:
    assert render("1", 3, ascii_only=True)[0] == "    ##    "
    assert render("HOLD", 1, ascii_only=True) == [
        "     _      __ ",
        "|_| | | |   | \\",
        "| | |_| |_  |_/",
    ]
    # Four rows of hashes cannot show seven pixel rows: level 2 is level 1 a row lower.
    assert render("HOLD", 2, ascii_only=True)[1:] == render("HOLD", 1, ascii_only=True)


def test_characters_outside_the_font_fall_back_to_plain_text() -> None:
    assert not supports("Étirement", 3)
    assert best_level("Étirement", 200, 5) == 0
    assert supports("Étirement", 0)


def test_best_level_is_the_largest_that_fits() -> None:
    width_at_4 = text_width("PAUSED", 4)
    assert best_level("PAUSED", width_at_4, 6) == 4
    assert best_level("PAUSED", width_at_4 - 1, 6) == 3
    assert best_level("PAUSED", 1000, 2) == 2
    assert best_level("PAUSED", 3, 6) == 0

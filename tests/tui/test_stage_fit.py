"""How large the stage's type is in a given room: the countdown first, nothing ever overflows."""

from __future__ import annotations

import pytest

from stretchtui.tui.widgets.bigfont import level_height, text_width
from stretchtui.tui.widgets.stage_fit import (
    GAP,
    SIDE_TEMPLATE,
    WORD_TEMPLATE,
    StageLevels,
    fit_side,
    fit_stage,
)


@pytest.mark.parametrize(
    ("width", "height", "least", "most"),
    [
        pytest.param(36, 5, 3, 3, id="40x12"),
        pytest.param(76, 5, 3, 3, id="80x24"),
        pytest.param(116, 19, 7, 14, id="120x40"),
        pytest.param(142, 37, 11, 25, id="200x60"),
    ],
)
def test_digit_height_grows_with_the_room(width: int, height: int, least: int, most: int) -> None:
    levels = fit_stage(width, height, "0:15")
    assert least <= level_height(levels.digits) <= most


@pytest.mark.parametrize("ascii_only", [False, True], ids=["unicode", "ascii"])
@pytest.mark.parametrize("digits", ["0:05", "10:00"])
def test_nothing_is_larger_than_the_room(digits: str, ascii_only: bool) -> None:
    for width in range(20, 221, 7):
        for height in range(1, 70, 3):
            levels = fit_stage(width, height, digits, ascii_only=ascii_only)
            assert levels.rows <= height or levels == StageLevels(0, 0, 0), (width, height)
            assert text_width(digits, levels.digits, ascii_only=ascii_only) <= width
            assert text_width(WORD_TEMPLATE, levels.word, ascii_only=ascii_only) <= width
            side = text_width(SIDE_TEMPLATE, levels.side, ascii_only=ascii_only)
            digits_width = text_width(digits, levels.digits, ascii_only=ascii_only)
            if not levels.side_below:
                assert digits_width + GAP + side <= width, (width, height, levels)


def test_word_and_side_stay_near_the_digits() -> None:
    levels = fit_stage(116, 19, "0:15")
    assert levels.word >= 2 and levels.side >= 2
    assert levels.digits - levels.word <= 4 and levels.digits - levels.side <= 4


def test_the_small_stage_keeps_one_style_of_letters_and_its_word_in_a_line() -> None:
    # Three-row digits never sit beside four-row bitmap letters.
    levels = fit_stage(76, 8, "0:15")
    assert (levels.digits, levels.side, levels.word) == (1, 1, 0)


def test_side_and_rep_count_stack_beside_tall_digits() -> None:
    levels = fit_stage(116, 19, "0:15")
    placed = fit_side(levels, 116, "0:15", "RIGHT", "10/20")
    assert placed.stacked and placed.level == levels.side


def test_side_and_rep_count_shrink_until_they_fit_a_narrow_stage() -> None:
    levels = fit_stage(36, 5, "0:15")
    placed = fit_side(levels, 36, "0:15", "RIGHT", "10/20")
    assert placed.level == 0 and placed.stacked
    alone = fit_side(levels, 36, "0:15", "RIGHT", "")
    assert alone.level == 1 and alone.width == text_width("RIGHT", 1)


def test_bitmap_digits_never_sit_with_three_row_letters() -> None:
    for width in range(30, 221, 3):
        for height in range(5, 70, 2):
            levels = fit_stage(width, height, "0:15")
            if levels.digits >= 3:
                assert levels.word != 1 and levels.side != 1, (width, height, levels)

"""How large the stage's big type can be in the room it has: pure arithmetic, no Textual.

The countdown comes first, then the side and rep count, then the stage word. The
sizes follow from the room alone (a stage word and side of the usual length stand in
for the current ones), so nothing jumps from one segment to the next; only a
countdown that gains a digit (10:00) can change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from stretchtui.tui.widgets.bigfont import MAX_LEVEL, level_height, supports, text_width

SIDE_TEMPLATE = "RIGHT"
"""The widest side word: the room kept for the side whatever the segment."""
GAP = 4
"""Columns between the countdown and the side beside it, and between side and rep count."""

# Level 1 (three rows of box strokes) is the small stage's style; the larger ones are
# bitmaps. One layout never mixes them: 3-row digits beside 4-row bitmap letters look
# like two fonts. Level 2 digits (4 rows) are too coarse for a clock.
_SMALL_LEVELS = (1, 0)
_DIGIT_LEVELS = (*range(MAX_LEVEL, 2, -1), *_SMALL_LEVELS)
_LEVELS_BELOW = 4
"""The stage word and the side stay within this many levels of the digits."""


WORD_TEMPLATE = "HOLD"
"""The stage word the room is measured for. A longer one (SWITCH SIDES) is drawn a level
smaller where it must, in the same rows, so the stage keeps its shape."""


@dataclass(frozen=True)
class StageLevels:
    """The level (see bigfont) of each big part, and where the side goes."""

    word: int
    digits: int
    side: int
    side_below: bool = False
    """The side (and rep count) in a row under the digits, else beside them."""

    @property
    def big_rows(self) -> int:
        """Rows kept for the countdown and the side together."""
        digits = level_height(self.digits)
        if self.side_below:
            return digits + 1 + level_height(self.side)
        return max(digits, level_height(self.side))

    @property
    def rows(self) -> int:
        """Rows the stage word, countdown and side take together."""
        return level_height(self.word) + self.big_rows


@dataclass(frozen=True)
class SideLevels:
    """How this segment's side and rep count are drawn in the room kept for them."""

    level: int
    stacked: bool
    """Side above rep count (else side by side)."""
    width: int


def fit_stage(
    width: int, height: int, digits: str, *, ascii_only: bool = False, word: str | None = None
) -> StageLevels:
    """The largest type that fits `width` x `height` (the room left to the big parts).

    The countdown is as large as it can be while the stage word and the side stay
    within a few levels of it; then the smaller of those two, then the side.
    """
    word = WORD_TEMPLATE if word is None else word
    for digit_level in _DIGIT_LEVELS:
        digits_width = text_width(digits, digit_level, ascii_only=ascii_only)
        if digits_width > width or level_height(digit_level) > height:
            continue
        if digit_level in _SMALL_LEVELS:
            # The small stage keeps its word as a line: three-row letters over three-row
            # digits read as one block, and a line is what a screen reader can say.
            sides: tuple[int, ...] = _SMALL_LEVELS
            words: tuple[int, ...] = (0,)
        else:
            # Bitmap letters only (level 2 up): where they do not fit, smaller digits do.
            lowest = max(2, digit_level - _LEVELS_BELOW)
            sides = words = tuple(range(digit_level - 1, lowest - 1, -1))
        best: StageLevels | None = None
        best_key: tuple[int, ...] = ()
        for side_level, word_level, below in product(sides, words, (False, True)):
            levels = StageLevels(word_level, digit_level, side_level, below)
            side_width = text_width(SIDE_TEMPLATE, side_level, ascii_only=ascii_only)
            room = width if below else width - GAP - side_width
            if (
                levels.rows > height
                or text_width(word, word_level, ascii_only=ascii_only) > width
                or side_width > width
                or digits_width > room
            ):
                continue
            # The smaller of side and word as large as can be, then the side; beside
            # the digits (fewer rows) rather than below when the sizes tie.
            key = (min(side_level, word_level), side_level, word_level, -levels.big_rows)
            if key > best_key:
                best, best_key = levels, key
        if best is not None:
            return best
    return StageLevels(0, 0, 0)


def fit_side(
    levels: StageLevels,
    width: int,
    digits: str,
    side: str,
    rep: str,
    *,
    ascii_only: bool = False,
) -> SideLevels:
    """This segment's side and rep count in the room `levels` keeps for them.

    Beside tall digits they stack; otherwise they share a row. Each step down a level
    until they fit (level 0, plain words, always does).
    """
    parts = [part for part in (side, rep) if part]
    digits_width = text_width(digits, levels.digits, ascii_only=ascii_only)
    room = width if levels.side_below else width - GAP - digits_width
    rows = level_height(levels.side) if levels.side_below else level_height(levels.digits)
    for level in range(levels.side, -1, -1):
        if level == 1 and levels.digits not in _SMALL_LEVELS:
            continue  # no three-row letters beside bitmap digits
        if not all(supports(part, level, ascii_only=ascii_only) for part in parts):
            continue
        widths = [text_width(part, level, ascii_only=ascii_only) for part in parts]
        height = level_height(level)
        if len(parts) == 2 and 2 * height + 1 <= rows and max(widths) <= room:
            return SideLevels(level, True, max(widths))
        row_width = sum(widths) + GAP * (len(widths) - 1)
        if height <= rows and row_width <= room:
            return SideLevels(level, False, row_width)
    return SideLevels(0, False, sum(len(part) for part in parts) + GAP * (len(parts) - 1))

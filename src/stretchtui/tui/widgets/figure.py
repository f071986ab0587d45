"""The picture of the pose under way, sized to the terminal: braille, or ASCII strokes."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from stretchtui import glyphs

if TYPE_CHECKING:
    # The drawing code loads with the first picture: the menu paints before any is shown.
    from stretchtui.figures import Figure, Picture
    from stretchtui.routines import Routine

# (least columns, least rows, scale): the first the terminal reaches. Scale 1.2 is
# 24x8 cells, 1.5 is 30x9, 2 is 40x12, 2.5 is 50x15.
SCALES: tuple[tuple[int, int, float], ...] = (
    (180, 54, 2.5),
    (120, 36, 2.0),
    (100, 28, 1.5),
    (0, 0, 1.2),
)
SMALLEST_ROOM = Size(76, 20)
"""Below this the stage needs every column and row: no picture."""
ROOMY_WIDTH = 100
"""From this width the stage keeps room for its words beside any picture."""
FIGURE_MARGIN = 2
STAGE_PADDING = 4
BESIDE = FIGURE_MARGIN + STAGE_PADDING
"""Columns the picture costs the stage's words besides its own: its margin, the stage's
padding."""
HOW_LINES = 5
"""The most lines the stage shows of a stretch's how-to (#how's max-height)."""


def scale_for(room: Size) -> float:
    """The largest figure scale a terminal of `room` gives room for."""
    for columns, rows, scale in SCALES:
        if room.width >= columns and room.height >= rows:
            return scale
    return SCALES[-1][2]


def fits(room: Size, how: str = "", lines: Sequence[str] = ()) -> bool:
    """Whether a picture leaves the stage room: always on a roomy terminal; between
    SMALLEST_ROOM and ROOMY_WIDTH only if the how-to still fits in HOW_LINES lines and
    each of the stage's other `lines` on one, beside it."""
    if room.width < SMALLEST_ROOM.width or room.height < SMALLEST_ROOM.height:
        return False
    if room.width >= ROOMY_WIDTH:
        return True
    from stretchtui.figures import size

    free = room.width - size(scale_for(room))[0] - BESIDE
    return len(textwrap.wrap(how, free)) <= HOW_LINES and all(len(line) <= free for line in lines)


class PoseFigure(Widget):
    """A stretch's picture; shows nothing (and takes no room) without one."""

    picture: reactive[Picture | None] = reactive(None, layout=True)
    scale: reactive[float] = reactive(1.2, layout=True)

    def __init__(self, *, unicode: bool | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unicode = glyphs.current().unicode if unicode is None else unicode

    def fit(self, room: Size, how: str = "", lines: Sequence[str] = ()) -> None:
        """Sized for a terminal of `room`; hidden where it would crowd the stage's words."""
        self.scale = scale_for(room)
        self.set_class(not fits(room, how, lines), "-no-room")

    def columns_taken(self) -> int:
        """The columns the picture takes from the stage beside it (0 when it is not shown)."""
        if self.has_class("-no-room") or not self.lines():
            return 0
        return len(self.lines()[0]) + FIGURE_MARGIN

    def lines(self) -> tuple[str, ...]:
        if self.picture is None:
            return ()
        from stretchtui.figures import render

        return render(self.picture, unicode=self.unicode, scale=self.scale)

    def watch_picture(self, picture: Picture | None) -> None:
        self.set_class(not self.lines(), "-empty")

    def render(self) -> Text:
        # The drawing is data from a file: plain Text, never markup.
        return Text("\n".join(self.lines()), no_wrap=True, overflow="crop")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((len(line) for line in self.lines()), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines())


STRIP_ROOM = Size(100, 32)
"""The menu shows its row of pictures from this terminal size up (below, the list needs it)."""
STRIP_GAP = 2
STRIP_SCALES = (1.5, 1.2, 1.0)


class FigureStrip(Widget):
    """The pictures of a routine's stretches in a row, numbered as the preview lists them."""

    figures: reactive[tuple[tuple[int, Figure], ...]] = reactive((), layout=True)
    room: reactive[Size] = reactive(Size(0, 0), layout=True)

    def __init__(self, *, unicode: bool | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unicode = glyphs.current().unicode if unicode is None else unicode

    def show(self, routine: Routine | None) -> None:
        steps = routine.steps if routine is not None else ()
        self.figures = tuple(
            (number, step.figure)
            for number, step in enumerate(steps, start=1)
            if step.figure is not None
        )

    def fit(self, room: Size) -> None:
        self.room = room

    def rows(self, width: int) -> list[str]:
        """The pictures bottom-aligned on one floor, numbered: all of them at the largest
        scale that fits `width`, or as many as fit at the smallest."""
        if self.room.width < STRIP_ROOM.width or self.room.height < STRIP_ROOM.height:
            return []
        for scale in STRIP_SCALES:
            shown = self._fitting(width, scale)
            if len(shown) == len(self.figures):
                break
        if not shown:
            return []
        height = max(len(lines) for _, lines in shown)
        gap = " " * STRIP_GAP
        rows = []
        for row in range(height):
            cells = []
            for _, lines in shown:
                blank = height - len(lines)
                cells.append(" " * len(lines[0]) if row < blank else lines[row - blank])
            rows.append(gap.join(cells))
        rows.append(gap.join(f"{number}.".center(len(lines[0])) for number, lines in shown))
        return rows

    def _fitting(self, width: int, scale: float) -> list[tuple[int, tuple[str, ...]]]:
        from stretchtui.figures import Picture, render

        shown: list[tuple[int, tuple[str, ...]]] = []
        used = -STRIP_GAP
        for number, figure in self.figures:
            lines = render(Picture(figure), unicode=self.unicode, scale=scale)
            if not lines:
                continue
            if used + STRIP_GAP + len(lines[0]) > width:
                break
            used += STRIP_GAP + len(lines[0])
            shown.append((number, lines))
        return shown

    def render(self) -> Text:
        # A routine's own drawing is data from a file: plain Text, never markup.
        return Text("\n".join(self.rows(self.size.width)), no_wrap=True, overflow="crop")

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows(width))

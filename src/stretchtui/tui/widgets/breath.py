"""A breathing guide: a bar that grows while you breathe in and shrinks while you breathe out."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from stretchtui.tui.direct_paint import DirectPaint

_REVERSE = Style(reverse=True)


class BreathGuide(DirectPaint):
    """Shows the word (Breathe in / Breathe out) over a bar whose length follows the breath.

    `fullness` is 0 (lungs empty) to 1 (full); the bar is drawn in whole cells.
    Each of the two lines is repainted only when what it shows changes: the word
    twice a breath, the bar when it moves by a cell (the session screen moves it
    in whole-second steps during a hold, with the countdown). The direction's
    colour is on the word, not the bar, so the turn of a breath repaints the
    word and not the full bar. The bar is reversed spaces, not block
    characters: one byte a cell to the terminal instead of three, and still a
    solid bar on a terminal without colours.
    """

    COMPONENT_CLASSES = {"breath--in", "breath--out", "breath--bar"}

    DEFAULT_CSS = """
    BreathGuide {
        height: 2;
        width: 1fr;
        text-style: bold;
    }
    BreathGuide > .breath--in {
        color: $accent;
    }
    BreathGuide > .breath--out {
        color: $primary;
    }
    BreathGuide > .breath--bar {
        color: $accent;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.inhaling = True
        self.label = ""
        self.cells = 0
        self._fullness = 0.0

    def show(self, inhaling: bool, fullness: float, label: str) -> None:
        """Draw this moment of the breath; lines that would look the same are left alone."""
        self._fullness = min(1.0, max(0.0, fullness))
        if (inhaling, label) != (self.inhaling, self.label):
            self.inhaling = inhaling
            self.label = label
            self._refresh_line(0)
        self._set_cells()

    def on_resize(self) -> None:
        # Shown before its first layout (a hold starting), the bar was measured at no width.
        self._set_cells()

    def _set_cells(self) -> None:
        cells = self._cells()
        if cells != self.cells:
            self.cells = cells
            self._refresh_line(1)

    def _refresh_line(self, y: int) -> None:
        self.refresh(Region(0, y, self.size.width, 1))

    def _cells(self) -> int:
        width = max(1, self.size.width - 2)
        # Never fully empty: a bar of zero cells reads as "nothing is happening".
        return max(1, round(self._fullness * width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if width <= 0:
            return Strip.blank(0)
        base = self.rich_style
        if y == 0:
            arrow = "▲" if self.inhaling else "▼"
            word = f"{arrow} {self.label}" if self.label else ""
            part = "breath--in" if self.inhaling else "breath--out"
            return self._line(word.center(width), base + self.get_component_rich_style(part))
        if y == 1:
            bar_cells = min(self.cells, width)
            pad = (width - bar_cells) // 2
            bar_style = base + self.get_component_rich_style("breath--bar") + _REVERSE
            segments = [
                Segment(" " * pad, base),
                Segment(" " * bar_cells, bar_style),
                Segment(" " * (width - pad - bar_cells), base),
            ]
            return Strip([segment for segment in segments if segment.text], width)
        return Strip.blank(width, base)

    def _line(self, text: str, style: Style) -> Strip:
        width = self.size.width
        text = text[:width].ljust(width)
        return Strip([Segment(text, style)], width)

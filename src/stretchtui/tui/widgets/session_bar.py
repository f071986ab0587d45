"""How far through the session: a thin bar in half cells, repainted only when a half cell fills."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from stretchtui.tui.direct_paint import DirectPaint

BAR = "━"
HALF_RIGHT = "╸"
HALF_LEFT = "╺"


class SessionBar(DirectPaint):
    """The share of the session done, drawn as Textual's progress bar draws it.

    Textual's ProgressBar is three widgets that re-render whenever the progress
    changes and update one another on the next frame (two frames a second
    during a hold); this one line is drawn again only when another half cell is
    filled, in the frame that changed it.
    """

    COMPONENT_CLASSES = {"session-bar--bar", "session-bar--complete"}

    DEFAULT_CSS = """
    SessionBar {
        height: 1;
        width: 1fr;
    }
    SessionBar > .session-bar--bar {
        color: $primary;
        background: $surface;
    }
    SessionBar > .session-bar--complete {
        color: $success;
        background: $surface;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.done = 0.0
        self.halves = 0
        """Half cells filled, as drawn."""

    def show(self, done: float) -> None:
        """Show `done` (0 to 1) of the session as done; repaints only if a half cell changes."""
        self.done = min(1.0, max(0.0, done))
        self._set_halves()

    def on_resize(self) -> None:
        self._set_halves()

    def _set_halves(self) -> None:
        # Down, as Textual's bar does: a half cell fills once that much is done.
        halves = int(self.done * self.size.width * 2)
        if halves != self.halves:
            self.halves = halves
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y != 0 or width <= 0:
            return Strip.blank(width, base)
        part = "session-bar--complete" if self.done >= 1 else "session-bar--bar"
        colours = self.get_component_rich_style(part)
        done_style = base + Style.from_color(colours.color)
        left_style = base + Style.from_color(colours.bgcolor)
        halves = min(self.halves, width * 2)
        if halves == 0:
            return Strip([Segment(BAR * width, left_style)], width)
        full, half = divmod(halves, 2)
        segments = [Segment(BAR * full + (HALF_RIGHT if half else ""), done_style)]
        rest = width - full - half
        if rest > 0:
            start = BAR if half else HALF_LEFT
            segments.append(Segment(start + BAR * (rest - 1), left_style))
        return Strip(segments, width)

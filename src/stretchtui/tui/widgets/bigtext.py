"""Large block letters for the few words and numbers that must be read from across the room."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive

from stretchtui.tui.direct_paint import DirectPaint
from stretchtui.tui.widgets.bigfont import best_level, level_height, render, text_width


class BigText(DirectPaint):
    """A line in block letters at `level` (see bigfont), or the largest smaller one that fits.

    The widget keeps the height of `level` whatever it draws, so the stage does not
    move when a narrower level is needed (a long word, PAUSED in the countdown's place).
    Characters the big font lacks (a stretch named in another script) fall back to
    plain text, which always fits.
    """

    DEFAULT_CSS = """
    BigText {
        height: auto;
        width: auto;
        content-align: center middle;
        text-style: bold;
    }
    """

    # Only a change of width needs a layout pass: watch_text asks for one then.
    text: reactive[str] = reactive("")
    level: reactive[int] = reactive(1, layout=True)
    max_width: reactive[int | None] = reactive(None, layout=True)
    """Columns it may take at most (the rest of its row belongs to its neighbours)."""

    def __init__(
        self,
        text: str = "",
        *,
        level: int = 1,
        ascii_only: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.ascii_only = ascii_only
        self.set_reactive(BigText.level, level)
        self.set_reactive(BigText.text, text)

    def watch_text(self, old: str, new: str) -> None:
        if self._width_in(old, self._room()) != self._width_in(new, self._room()):
            self.refresh(layout=True)

    def shown_level(self, width: int | None = None) -> int:
        """The level drawn in `width` columns (its own width when not given)."""
        room = self.size.width if width is None else width
        return best_level(self.text, room, self.level, ascii_only=self.ascii_only)

    def _room(self) -> int:
        # Not the container's width: an auto-width parent measures its children with none.
        return 10_000 if self.max_width is None else self.max_width

    def _width_in(self, text: str, room: int) -> int:
        level = best_level(text, room, self.level, ascii_only=self.ascii_only)
        return text_width(text, level, ascii_only=self.ascii_only)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        room = self._room()
        return min(room, self._width_in(self.text, room))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return level_height(self.level)

    def render(self) -> Text:
        if not self.text:
            return Text("")
        level = self.shown_level()
        if level == 0:
            return Text(self.text, justify="center", no_wrap=True, overflow="ellipsis")
        rows = render(self.text, level, ascii_only=self.ascii_only)
        return Text("\n".join(rows), justify="center", no_wrap=True)

"""A breathing guide: a bar that grows while you breathe in and shrinks while you breathe out."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class BreathGuide(Widget):
    """Shows the word (Breathe in / Breathe out) over a bar whose length follows the breath.

    `fullness` is 0 (lungs empty) to 1 (full). The widget repaints only when
    the bar moves by a cell; the session screen moves it in half-second steps.
    """

    COMPONENT_CLASSES = {"breath--in", "breath--out"}

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
    """

    cells: reactive[int] = reactive(0)
    inhaling: reactive[bool] = reactive(True)
    label: reactive[str] = reactive("")

    _fullness = 0.0

    def show(self, inhaling: bool, fullness: float, label: str) -> None:
        self._fullness = min(1.0, max(0.0, fullness))
        self.inhaling = inhaling
        self.cells = self._cells()
        self.label = label

    def on_resize(self) -> None:
        # Shown before its first layout (a hold starting), the bar was measured at no width.
        self.cells = self._cells()

    def _cells(self) -> int:
        width = max(1, self.size.width - 2)
        # Never fully empty: a bar of zero cells reads as "nothing is happening".
        return max(1, round(self._fullness * width))

    def render(self) -> Text:
        width = max(1, self.size.width)
        arrow = "▲" if self.inhaling else "▼"
        word = f"{arrow} {self.label}" if self.label else ""
        bar_cells = min(self.cells, width)
        pad = (width - bar_cells) // 2
        bar = " " * pad + "█" * bar_cells
        style = self.get_component_rich_style("breath--in" if self.inhaling else "breath--out")
        text = Text(no_wrap=True)
        text.append(word.center(width) + "\n")
        text.append(bar.ljust(width), style=style)
        return text

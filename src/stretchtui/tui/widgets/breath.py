"""A breathing guide: a bar that grows while you breathe in and shrinks while you breathe out."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

STEPS = 8


class BreathGuide(Widget):
    """Shows the word (Breathe in / Breathe out) over a bar whose length follows the breath.

    `fullness` is 0 (lungs empty) to 1 (full). The bar moves in a few steps per
    half breath and the widget repaints only when it moves, so a breath costs
    a couple of repaints a second, not one per timer tick.
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

    def show(self, inhaling: bool, fullness: float, label: str) -> None:
        width = max(1, self.size.width - 2)
        # The bar moves in STEPS steps per half breath: smooth enough to follow with the
        # eye, and a repaint every half second or so instead of at every timer tick.
        level = round(min(1.0, max(0.0, fullness)) * STEPS) / STEPS
        # Never fully empty: a bar of zero cells reads as "nothing is happening".
        cells = max(1, round(level * width))
        self.inhaling = inhaling
        self.cells = cells
        self.label = label

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

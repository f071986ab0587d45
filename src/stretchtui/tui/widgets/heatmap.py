"""A calendar heatmap: one column per week, one row per weekday, each day shaded by minutes."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from stretchtui.history.stats import HeatCell

DAY_LABELS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
# Minutes at or above which a day takes the next shade: none, a micro-session, a short
# routine, a full routine, more than that.
SHADE_STEPS = (0.0, 1.0, 10.0, 20.0, 30.0)
SHADES = ("#3a3a3a", "#0e4429", "#006d32", "#26a641", "#39d353")
CELL = "■ "


def shade_index(minutes: float) -> int:
    """0 for a day with nothing, then one shade per threshold reached."""
    if minutes <= 0:
        return 0
    return max(1, sum(1 for threshold in SHADE_STEPS[1:] if minutes >= threshold))


class Heatmap(Widget):
    """Seven rows (Monday first) of weekly columns; the rightmost column is this week."""

    DEFAULT_CSS = """
    Heatmap {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self,
        cells: tuple[tuple[HeatCell, ...], ...] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._cells = cells

    @property
    def cells(self) -> tuple[tuple[HeatCell, ...], ...]:
        return self._cells

    def set_cells(self, cells: tuple[tuple[HeatCell, ...], ...]) -> None:
        if cells != self._cells:
            self._cells = cells
            self.refresh(layout=True)

    def render(self) -> Text:
        text = Text(no_wrap=True)
        if not self._cells:
            return text
        text.append(self._month_line() + "\n", style="dim")
        for label, row in zip(DAY_LABELS, self._cells, strict=False):
            text.append(f"{label} ", style="dim")
            for cell in row:
                if cell.future:
                    text.append("  ")
                else:
                    text.append(CELL, style=SHADES[shade_index(cell.minutes)])
            text.append("\n")
        text.append("   less ", style="dim")
        for colour in SHADES:
            text.append(CELL, style=colour)
        text.append("more", style="dim")
        return text

    def _month_line(self) -> str:
        """Month names above the week in which each month begins."""
        line = [" "] * (3 + 2 * len(self._cells[0]))
        previous = None
        for column, cell in enumerate(self._cells[0]):
            month = cell.day.month
            if month != previous:
                name = cell.day.strftime("%b")
                start = 3 + 2 * column
                if all(ch == " " for ch in line[max(0, start - 1) : start + len(name)]):
                    line[start : start + len(name)] = list(name)
            previous = month
        return "".join(line).rstrip()

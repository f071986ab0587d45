"""Large block letters for the few words that must be read from across the room."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

# Three rows per glyph, in the style of Textual's Digits so they sit well together.
_GLYPHS: dict[str, tuple[str, str, str]] = {
    "A": ("┏━┓", "┣━┫", "╹ ╹"),
    "D": ("┏━╮", "┃ ┃", "┗━╯"),
    "E": ("┏━╸", "┣━ ", "┗━╸"),
    "F": ("┏━╸", "┣━ ", "╹  "),
    "G": ("┏━╸", "┃╺┓", "┗━┛"),
    "H": ("╻ ╻", "┣━┫", "╹ ╹"),
    "I": ("╺┳╸", " ┃ ", "╺┻╸"),
    "L": ("╻  ", "┃  ", "┗━╸"),
    "N": ("┏┓╻", "┃┗┫", "╹ ╹"),
    "O": ("┏━┓", "┃ ┃", "┗━┛"),
    "P": ("┏━┓", "┣━┛", "╹  "),
    "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "S": ("┏━╸", "┗━┓", "╺━┛"),
    "T": ("╺┳╸", " ┃ ", " ╹ "),
    "U": ("╻ ╻", "┃ ┃", "┗━┛"),
    "0": ("┏━┓", "┃ ┃", "┗━┛"),
    "1": ("╺┓ ", " ┃ ", "╺┻╸"),
    "2": ("╺━┓", "┏━┛", "┗━╸"),
    "3": ("╺━┓", " ━┫", "╺━┛"),
    "4": ("╻ ╻", "┗━┫", "  ╹"),
    "5": ("┏━╸", "┗━┓", "╺━┛"),
    "6": ("┏━╸", "┣━┓", "┗━┛"),
    "7": ("╺━┓", "  ┃", "  ╹"),
    "8": ("┏━┓", "┣━┫", "┗━┛"),
    "9": ("┏━┓", "┗━┫", "╺━┛"),
    "/": ("  ╱", " ╱ ", "╱  "),
    " ": ("  ", "  ", "  "),
}


def big_lines(word: str) -> list[str]:
    """The three rows of `word` in block letters; unknown characters are left out."""
    glyphs = [_GLYPHS[ch] for ch in word.upper() if ch in _GLYPHS]
    return [" ".join(glyph[row] for glyph in glyphs) for row in range(3)]


class BigText(Widget):
    """A word in three-row block letters; falls back to plain bold text when too narrow."""

    DEFAULT_CSS = """
    BigText {
        height: 3;
        width: 1fr;
        content-align: center middle;
        text-style: bold;
    }
    """

    text: reactive[str] = reactive("", layout=True)

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(big_lines(self.text)[0]) if self.text else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3

    def render(self) -> Text:
        if not self.text:
            return Text("")
        lines = big_lines(self.text)
        if len(lines[0]) > self.size.width:
            return Text(self.text.upper(), justify="center")
        return Text("\n".join(lines), justify="center")

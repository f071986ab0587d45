"""Plain tables and coloured lines for the quick commands (`list`, `show`), without Rich.

Rich takes several times as long to import as Python takes to start, and `list` and
`show` must answer in about that time. What they print is simple: a header, a rule,
rows whose one long column wraps at the terminal's width, a few coloured words. This
draws that, in the same layout Rich's SIMPLE_HEAD tables have. Every cell is text
from `textsafe.visible` by the caller; escape codes are added here only for styles,
and only when writing to a terminal that wants colour.
"""

from __future__ import annotations

import os
import sys
import unicodedata

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

GAP = "   "
"""Between two columns, as Rich's SIMPLE_HEAD box with its padding leaves."""
RULE = "─"
STYLES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "cyan": "36",
}


def terminal_width(stream: TextIO | None = None) -> int:
    """$COLUMNS when it is a number, else the terminal's width, else 80 (as Rich decides)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdecimal() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


def wants_colour(stream: TextIO | None = None) -> bool:
    """Colour only for a terminal, and never with NO_COLOR set or TERM=dumb."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def styled(text: str, style: str, colour: bool) -> str:
    """`text` in a style such as "bold cyan"; unchanged when colour is off or text empty."""
    if not colour or not text or not style:
        return text
    codes = [STYLES[word] for word in style.split() if word in STYLES]
    if not codes:
        return text
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


_WIDTHS: dict[str, int] = {}
"""Widths of non-ASCII texts already measured: `list` repeats `beginner · user` a thousand
times."""


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    known = _WIDTHS.get(text)
    if known is None:
        known = _measure(text)
        if len(_WIDTHS) < 4096:  # bounded: a thousand different names measure once each
            _WIDTHS[text] = known
    return known


def _measure(text: str) -> int:
    """cell_width, character by character."""
    width = 0
    for char in text:
        if char.isascii():
            width += 1
        elif unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        else:
            width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def wrap(text: str, width: int) -> list[str]:
    """Word-wrapped lines of at most `width` cells; a word longer than that is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while cell_width(word) > width:
            cut = _fit(word, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines


def _fit(text: str, width: int) -> int:
    used = 0
    for index, char in enumerate(text):
        used += cell_width(char)
        if used > width:
            return max(1, index)
    return len(text)


class Column:
    def __init__(
        self,
        header: str,
        *,
        right: bool = False,
        wrap: bool = False,
        min_width: int = 1,
        style: str = "",
    ) -> None:
        self.header = header
        self.right = right
        self.wrap = wrap
        self.min_width = min_width
        self.style = style


class Table:
    """Columns, then rows of cells (str, or (str, style) for a cell with its own style).

    `edged` draws what Rich's SIMPLE_HEAD box draws with its edges shown (as `stats`
    always printed): a blank line above and below, and two spaces either side.

    A thousand rows (`list` with a thousand routines of one's own) must cost little more
    than none: each cell is measured once, a row whose cells all fit is laid out without
    wrapping, and styles are looked up only when there is colour."""

    def __init__(self, *columns: Column, edged: bool = False) -> None:
        self.columns = list(columns)
        self.edged = edged
        self.rows: list[list[tuple[str, str]]] = []
        self._cell_widths: list[list[int]] = []

    def add_row(self, *cells: str | tuple[str, str]) -> None:
        row = [cell if isinstance(cell, tuple) else (cell, "") for cell in cells]
        self.rows.append(row)
        self._cell_widths.append(
            [len(text) if text.isascii() else cell_width(text) for text, _ in row]
        )

    def widths(self, available: int) -> list[int]:
        headers = [cell_width(column.header) for column in self.columns]
        widths = [max(column) for column in zip(headers, *self._cell_widths, strict=True)]
        excess = sum(widths) + len(GAP) * (len(widths) - 1) - available
        for i, column in enumerate(self.columns):
            if excess <= 0:
                break
            if column.wrap:
                shrink = min(excess, widths[i] - max(column.min_width, 1))
                widths[i] -= max(0, shrink)
                excess -= max(0, shrink)
        return widths

    def lines(self, available: int, colour: bool) -> list[str]:
        margin = 4 if self.edged else 0
        widths = self.widths(available - margin)
        inner = sum(widths) + len(GAP) * (len(widths) - 1)
        out = [" " * (inner + margin)] if self.edged else []
        out += [
            self._line(
                [[column.header] for column in self.columns],
                ["bold"] * len(self.columns),
                widths,
                colour,
            )[0]
        ]
        out.append(f" {RULE * (inner + 2)} " if self.edged else RULE * inner)
        columns = self.columns
        rights = [column.right for column in columns]
        column_styles = [column.style for column in columns]
        wrapping = [i for i, column in enumerate(columns) if column.wrap]
        for row, row_widths in zip(self.rows, self._cell_widths, strict=True):
            # (Wrapping drops a leading space: such a cell goes the long way, as it always did.)
            if all(map(int.__le__, row_widths, widths)) and not any(
                row[i][0].startswith(" ") for i in wrapping
            ):
                # Every cell fits on one line: pad each (once measured) and join.
                if colour:
                    texts = [
                        styled(text, style or default, colour)
                        for (text, style), default in zip(row, column_styles, strict=True)
                    ]
                else:
                    texts = [text for text, _ in row]
                line = GAP.join(
                    [
                        " " * (width - used) + text if right else text + " " * (width - used)
                        for text, used, width, right in zip(
                            texts, row_widths, widths, rights, strict=True
                        )
                    ]
                )
                out.append(f"  {line}  " if self.edged else line.rstrip())
                continue
            styles = [
                style or default for (_, style), default in zip(row, column_styles, strict=True)
            ]
            parts = [
                wrap(text, width) if column.wrap else [text]
                for (text, _), column, width in zip(row, columns, widths, strict=True)
            ]
            out.extend(self._line(parts, styles, widths, colour))
        if self.edged:
            out.append(" " * (inner + margin))
        return out

    def _line(
        self, parts: list[list[str]], styles: list[str], widths: list[int], colour: bool
    ) -> list[str]:
        height = max(len(part) for part in parts)
        lines = []
        for number in range(height):
            cells = []
            for part, style, width, column in zip(parts, styles, widths, self.columns, strict=True):
                text = part[number] if number < len(part) else ""
                pad = " " * max(0, width - cell_width(text))
                text = styled(text, style, colour)
                cells.append(pad + text if column.right else text + pad)
            line = GAP.join(cells)
            lines.append(f"  {line}  " if self.edged else line.rstrip())
        return lines

    def print(self, stream: TextIO | None = None) -> None:
        stream = stream or sys.stdout
        print_lines(self.lines(terminal_width(stream), wants_colour(stream)), stream)


def _shows_unicode() -> bool:
    """glyphs.current().unicode, without importing glyphs (and typing) when it is not
    loaded yet: once loaded, it may have been told what to draw (`glyphs.use`)."""
    glyphs = sys.modules.get("stretchtui.glyphs")
    if glyphs is not None:
        return bool(glyphs.current().unicode)
    from stretchtui.terminal_unicode import shows_unicode

    return shows_unicode(os.environ, getattr(sys.stdout, "encoding", None))


def print_lines(lines: Sequence[str], stream: TextIO | None = None) -> None:
    text = "".join(f"{line}\n" for line in lines)
    if not text.isascii() and not _shows_unicode():
        from stretchtui import glyphs

        # Columns are measured already: each character keeps its width (`─` is `-`).
        text = glyphs.screen_to_ascii(text)
    (stream or sys.stdout).write(text)

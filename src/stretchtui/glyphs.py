"""Which characters the terminal can show: Unicode glyphs, or ASCII stand-ins for them.

One place decides (`detect`, from the locale and the output's encoding) and one
place names every drawn character (`Glyphs`), so a C-locale terminal or a serial
console gets `...`, `+`, `#` and `-` instead of `?` and mojibake. Plain mode and
the TUI both ask `current()`; nothing is read at import time.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Mapping
from typing import NamedTuple, TextIO

# Asked for here too (tests, callers): the decision itself is terminal_unicode's.
from stretchtui.terminal_unicode import LOCALE_VARIABLES as LOCALE_VARIABLES
from stretchtui.terminal_unicode import encoding_is_unicode as encoding_is_unicode
from stretchtui.terminal_unicode import locale_is_unicode as locale_is_unicode
from stretchtui.terminal_unicode import shows_unicode


# A NamedTuple, not a dataclass: `list` and `show` print through here, and must start
# without loading the dataclasses module.
class Glyphs(NamedTuple):
    """Every character the app draws on purpose, in one of two sets (UNICODE, ASCII)."""

    unicode: bool
    ellipsis: str  # a cut-off text goes on
    separator: str  # between parts of a line: `Beginner · 15 min`
    tick: str  # done
    cross: str  # failed, broken
    bullet: str  # a list item
    dash: str  # skipped, or a range
    times: str  # `× 3 rounds`
    arrow_right: str
    arrow_left: str
    arrow_up: str  # breathing in
    arrow_down: str  # breathing out
    current: str  # the step now running
    half: str  # ended early
    later: str  # in progress
    preview: str  # a preview run
    resume: str  # carry on where it stopped
    bar: str  # a filled cell of a bar
    shade: str  # an empty cell of a bar
    square: str  # a calendar cell
    rule: str  # a horizontal line
    enter: str  # the Enter key, in footers

    def fit(self, text: str, width: int) -> str:
        """`text` cut to at most `width` cells, ending in the ellipsis when it was cut
        (at the end of a word when one ends near the cut)."""
        if cells(text) <= width:
            return text
        if width <= len(self.ellipsis):
            return _first_cells(text, max(0, width))
        cut = _first_cells(text, width - len(self.ellipsis))
        # End on a whole word when that loses little: `a routine…`, not `a routine nee…`.
        space = cut.rfind(" ")
        if space >= len(cut) * 2 // 3:
            cut = cut[:space]
        return cut.rstrip() + self.ellipsis

    def fit_middle(self, text: str, width: int, *, keep_end: int = 0) -> str:
        """`text` in at most `width` cells, cut in the middle (`very-lo….yaml:7`), keeping
        at least the last `keep_end` characters whole."""
        if cells(text) <= width:
            return text
        end = text[len(text) - keep_end :] if keep_end else ""
        start = text[: len(text) - keep_end] if keep_end else text
        room = width - cells(end) - len(self.ellipsis)
        if room < 1:
            return self.fit(text, width)
        head = _first_cells(start, (room + 1) // 2)
        tail_room = room - cells(head)
        tail = ""
        for char in reversed(start[len(head) :]):
            if cells(char + tail) > tail_room:
                break
            tail = char + tail
        return head + self.ellipsis + tail + end

    def text(self, text: str) -> str:
        """`text` as this terminal can show it (ASCII stand-ins where it cannot)."""
        return text if self.unicode else to_ascii(text)


def cells(text: str) -> int:
    """How many terminal cells `text` takes: wide characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(char) for char in text)


def _char_cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _first_cells(text: str, width: int) -> str:
    """The start of `text` that fits in `width` cells."""
    used = 0
    for index, char in enumerate(text):
        used += _char_cells(char)
        if used > width:
            return text[:index]
    return text


UNICODE = Glyphs(
    unicode=True,
    ellipsis="…",
    separator="·",
    tick="✓",
    cross="✗",
    bullet="•",
    dash="–",
    times="×",
    arrow_right="→",
    arrow_left="←",
    arrow_up="▲",
    arrow_down="▼",
    current="▶",
    half="◐",
    later="…",
    preview="»",
    resume="↻",
    bar="█",
    shade="░",
    square="■",
    rule="─",
    enter="⏎",
)

ASCII = Glyphs(
    unicode=False,
    ellipsis="...",
    separator="-",
    tick="+",
    cross="x",
    bullet="*",
    dash="-",
    times="x",
    arrow_right="->",
    arrow_left="<-",
    arrow_up="^",
    arrow_down="v",
    current=">",
    half="~",
    later=".",
    preview=">",
    resume="@",
    bar="#",
    shade=".",
    square="#",
    rule="-",
    enter="Enter",
)


def detect(environ: Mapping[str, str], encoding: str | None) -> Glyphs:
    """The glyph set for a terminal with this environment, written to through `encoding`.

    Unicode only when both agree: the locale names UTF-8 (no locale at all is the C
    locale) and the output stream can encode it.
    """
    return UNICODE if shows_unicode(environ, encoding) else ASCII


_current: Glyphs | None = None


def current() -> Glyphs:
    """The glyph set of this process: detected from the environment and stdout on first use."""
    global _current
    if _current is None:
        _current = detect(os.environ, getattr(sys.stdout, "encoding", None))
    return _current


def use(glyphs: Glyphs | None) -> None:
    """Fix the glyph set (tests, a caller that knows better); None detects again on next use."""
    global _current
    _current = glyphs


# Stand-ins of the same width, for a screen whose layout is already measured in cells.
_SAME_WIDTH: dict[str, str] = {
    **dict.fromkeys("─━┄┅┈┉╌╍═╴╶╸╺╼╾⎯―‐‑‒–—−", "-"),
    **dict.fromkeys("│┃┆┇┊┋╎╏║╵╷╹╻╽╿▏▕", "|"),
    **dict.fromkeys(
        "┌┍┎┏┐┑┒┓└┕┖┗┘┙┚┛├┝┞┟┠┡┢┣┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋"
        "╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬╭╮╯╰",
        "+",
    ),
    "╱": "/",
    "╲": "\\",
    "╳": "X",
    **dict.fromkeys("█▉▊▋▌▍▎▐▛▜▙▟■◼◾⬛▓▒", "#"),
    **dict.fromkeys("▀▔▘▝", "-"),
    **dict.fromkeys("▄▁▂▃▅▆▇▖▗▚▞", "_"),
    **dict.fromkeys("░□◻◽⬜∙◦○◯⋅", "."),
    "·": "-",
    **dict.fromkeys("•●", "*"),
    "…": ".",
    "✓": "+",
    "✔": "+",
    "✗": "x",
    "✘": "x",
    "×": "x",
    "→": ">",
    "←": "<",
    "↑": "^",
    "↓": "v",
    "▲": "^",
    "▼": "v",
    "▶": ">",
    "▸": ">",
    "►": ">",
    "◀": "<",
    "◂": "<",
    "◄": "<",
    "»": ">",
    "«": "<",
    "◐": "~",
    "◑": "~",
    "↻": "@",
    "⏎": "<",
    "↵": "<",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
}

# Longer stand-ins where there is room (a line of text, not a measured screen).
_WIDER: dict[str, str] = {
    "…": "...",
    "—": "--",
    "→": "->",
    "←": "<-",
    "↑": "up",
    "↓": "down",
    "·": "-",
    "•": "*",
    "⏎": "Enter",
    "↵": "Enter",
    "≤": "<=",
    "≥": ">=",
    "½": "1/2",
}


def same_width(char: str) -> str:
    """An ASCII stand-in for `char` that takes as many cells as it does."""
    if char.isascii():
        return char
    known = _SAME_WIDTH.get(char)
    if known is not None:
        return known
    if unicodedata.combining(char):
        return ""
    decomposed = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    wide = unicodedata.east_asian_width(char) in ("W", "F")
    if decomposed and len(decomposed) == 1:
        return decomposed * (2 if wide else 1)
    return "??" if wide else "?"


def to_ascii(text: str) -> str:
    """`text` in ASCII, each character replaced by the nearest stand-in (`é` → `e`, `…` → `...`)."""
    if text.isascii():
        return text
    out: list[str] = []
    for char in text:
        wider = _WIDER.get(char)
        out.append(wider if wider is not None else same_width(char))
    return "".join(out)


class CellTable(dict[int, str]):
    """A `str.translate` table that gives every non-ASCII character its same-width stand-in."""

    def __missing__(self, codepoint: int) -> str:
        stand_in = same_width(chr(codepoint))
        self[codepoint] = stand_in
        return stand_in


def screen_to_ascii(data: str, table: CellTable | None = None) -> str:
    """Terminal output with each cell kept in place: escape sequences are ASCII already."""
    if data.isascii():
        return data
    return data.translate(table if table is not None else CellTable())


class AsciiWriter:
    """A text stream that writes each character as its same-width ASCII stand-in.

    For a terminal without Unicode behind a writer that measured its columns already
    (Rich's tables): `encoding` says ascii, so Rich also draws its boxes in ASCII.
    """

    encoding = "ascii"

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._table = CellTable()

    def write(self, text: str) -> int:
        self._stream.write(screen_to_ascii(text, self._table))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

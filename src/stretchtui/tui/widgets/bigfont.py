"""Block letters in sizes from one row to a screenful, in Unicode or in plain ASCII.

A size is a *level*: 0 is ordinary text (one row), 1 is three rows of box-drawing
strokes (Textual's own Digits font, so the countdown reads as it always did), and
each level from 2 up draws a 5x7 bitmap scaled by a whole factor, with half
blocks so that one cell holds two pixel rows: 4, 7, 11, 14, 18, … rows.

The ASCII sets draw the same shapes with `#`, `|`, `_` for terminals whose locale
cannot show box drawing or blocks. No Textual here: the widgets render with it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cache

MAX_LEVEL = 8
"""The largest size: 25 rows, for a terminal of about a hundred lines."""

# Level 1 in Unicode: three rows per glyph. Digits and the colon are Textual's bold
# Digits font (no gap between them, as Digits draws them); letters share its strokes.
_BOX: Mapping[str, tuple[str, str, str]] = {
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
    ":": ("   ", " : ", "   "),
    "A": ("┏━┓", "┣━┫", "╹ ╹"),
    "C": ("┏━╸", "┃  ", "┗━╸"),
    "D": ("┏━╮", "┃ ┃", "┗━╯"),
    "E": ("┏━╸", "┣━ ", "┗━╸"),
    "F": ("┏━╸", "┣━ ", "╹  "),
    "G": ("┏━╸", "┃╺┓", "┗━┛"),
    "H": ("╻ ╻", "┣━┫", "╹ ╹"),
    "I": ("╺┳╸", " ┃ ", "╺┻╸"),
    "K": ("╻ ╻", "┣┳┛", "╹┗╸"),
    "L": ("╻  ", "┃  ", "┗━╸"),
    "M": ("┏┳┓", "┃╹┃", "╹ ╹"),
    "N": ("┏┓╻", "┃┗┫", "╹ ╹"),
    "O": ("┏━┓", "┃ ┃", "┗━┛"),
    "P": ("┏━┓", "┣━┛", "╹  "),
    "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "S": ("┏━╸", "┗━┓", "╺━┛"),
    "T": ("╺┳╸", " ┃ ", " ╹ "),
    "U": ("╻ ╻", "┃ ┃", "┗━┛"),
    "V": ("╻ ╻", "┃ ┃", "┗┳┛"),
    "W": ("╻ ╻", "┃┃┃", "┗┻┛"),
    "Y": ("╻ ╻", "┗┳┛", " ╹ "),
    "/": ("  ╱", " ╱ ", "╱  "),
    "-": ("   ", "╺━╸", "   "),
    "+": ("   ", "╺╋╸", "   "),
    " ": ("  ", "  ", "  "),
}

# Level 1 in ASCII: seven-segment digits and letters drawn the same way.
_ASCII3: Mapping[str, tuple[str, str, str]] = {
    "0": (" _ ", "| |", "|_|"),
    "1": ("   ", "  |", "  |"),
    "2": (" _ ", " _|", "|_ "),
    "3": (" _ ", " _|", " _|"),
    "4": ("   ", "|_|", "  |"),
    "5": (" _ ", "|_ ", " _|"),
    "6": (" _ ", "|_ ", "|_|"),
    "7": (" _ ", "  |", "  |"),
    "8": (" _ ", "|_|", "|_|"),
    "9": (" _ ", "|_|", " _|"),
    ":": ("   ", " : ", "   "),
    "A": (" _ ", "|_|", "| |"),
    "C": (" _ ", "|  ", "|_ "),
    "D": ("__ ", "| \\", "|_/"),
    "E": (" _ ", "|_ ", "|_ "),
    "F": (" _ ", "|_ ", "|  "),
    "G": (" _ ", "| _", "|_|"),
    "H": ("   ", "|_|", "| |"),
    "I": ("___", " | ", "_|_"),
    "K": ("   ", "|_/", "| \\"),
    "L": ("   ", "|  ", "|_ "),
    "M": ("    ", "|\\/|", "|  |"),
    "N": ("    ", "|\\ |", "| \\|"),
    "O": (" _ ", "| |", "|_|"),
    "P": (" _ ", "|_|", "|  "),
    "R": (" _ ", "|_|", "| \\"),
    "S": (" _ ", "|_ ", " _|"),
    "T": ("___", " | ", " | "),
    "U": ("   ", "| |", "|_|"),
    "V": ("   ", "| |", "\\_/"),
    "W": ("    ", "|  |", "|/\\|"),
    "Y": ("   ", "\\_/", " | "),
    "/": ("  /", " / ", "/  "),
    "-": ("   ", " _ ", "   "),
    "+": ("   ", "_|_", " | "),
    " ": ("  ", "  ", "  "),
}

# Levels 2 and up: 5x7 pixels a glyph ('#' ink, '.' paper); a few narrower.
_BITMAP_ROWS: Mapping[str, str] = {
    "0": ".###. #...# #...# #...# #...# #...# .###.",
    "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
    "2": ".###. #...# ....# ...#. ..#.. .#... #####",
    "3": ".###. #...# ....# ..##. ....# #...# .###.",
    "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
    "5": "##### #.... ####. ....# ....# #...# .###.",
    "6": "..##. .#... #.... ####. #...# #...# .###.",
    "7": "##### ....# ...#. ..#.. .#... .#... .#...",
    "8": ".###. #...# #...# .###. #...# #...# .###.",
    "9": ".###. #...# #...# .#### ....# ...#. .##..",
    "A": ".###. #...# #...# ##### #...# #...# #...#",
    "B": "####. #...# #...# ####. #...# #...# ####.",
    "C": ".###. #...# #.... #.... #.... #...# .###.",
    "D": "####. #...# #...# #...# #...# #...# ####.",
    "E": "##### #.... #.... ####. #.... #.... #####",
    "F": "##### #.... #.... ####. #.... #.... #....",
    "G": ".###. #...# #.... #.### #...# #...# .####",
    "H": "#...# #...# #...# ##### #...# #...# #...#",
    "I": ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
    "J": "..### ...#. ...#. ...#. ...#. #..#. .##..",
    "K": "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
    "L": "#.... #.... #.... #.... #.... #.... #####",
    "M": "#...# ##.## #.#.# #.#.# #...# #...# #...#",
    "N": "#...# #...# ##..# #.#.# #..## #...# #...#",
    "O": ".###. #...# #...# #...# #...# #...# .###.",
    "P": "####. #...# #...# ####. #.... #.... #....",
    "Q": ".###. #...# #...# #...# #.#.# #..#. .##.#",
    "R": "####. #...# #...# ####. #.#.. #..#. #...#",
    "S": ".#### #.... #.... .###. ....# ....# ####.",
    "T": "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
    "U": "#...# #...# #...# #...# #...# #...# .###.",
    "V": "#...# #...# #...# #...# #...# .#.#. ..#..",
    "W": "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
    "X": "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
    "Y": "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
    "Z": "##### ....# ...#. ..#.. .#... #.... #####",
    ":": ". # # . # # .",
    "/": "....# ...#. ...#. ..#.. .#... .#... #....",
    "-": "... ... ... ### ... ... ...",
    "+": "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
    ".": ". . . . . . #",
    ",": ".. .. .. .. .. .# #.",
    "'": "# # . . . . .",
    "!": "# # # # # . #",
    "?": ".###. #...# ....# ...#. ..#.. ..... ..#..",
    "(": "..# .#. #.. #.. #.. .#. ..#",
    ")": "#.. .#. ..# ..# ..# .#. #..",
    "&": ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
    " ": "... ... ... ... ... ... ...",
}
_BITMAPS: Mapping[str, tuple[str, ...]] = {
    character: tuple(rows.split()) for character, rows in _BITMAP_ROWS.items()
}
_PIXEL_ROWS = 7

_HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def level_height(level: int) -> int:
    """Rows a line of text takes at `level`."""
    if level <= 0:
        return 1
    if level == 1:
        return 3
    return math.ceil(_PIXEL_ROWS * (level - 1) / 2)


LEVEL_HEIGHTS: tuple[int, ...] = tuple(level_height(level) for level in range(MAX_LEVEL + 1))


def three_row_glyphs(*, ascii_only: bool = False) -> Mapping[str, tuple[str, str, str]]:
    """Level 1's glyphs by character (for tools that read a screen back)."""
    return _ASCII3 if ascii_only else _BOX


def supports(text: str, level: int, *, ascii_only: bool = False) -> bool:
    """Whether every character of `text` has a glyph at `level` (level 0 takes anything)."""
    if level <= 0:
        return True
    table: Mapping[str, object] = _table(level, ascii_only)
    return all(character in table for character in text.upper())


def text_width(text: str, level: int, *, ascii_only: bool = False) -> int:
    """Columns `text` takes at `level` (its characters must be supported there)."""
    if level <= 0:
        return len(text)
    if not text:
        return 0
    if _three_row(level, ascii_only):
        table = _ASCII3 if ascii_only else _BOX
        glyphs = [table[character] for character in text.upper()]
        gaps = sum(_gap_after(text, index) for index in range(len(text) - 1))
        return sum(len(glyph[0]) for glyph in glyphs) + gaps
    scale = level - 1
    pixels = sum(len(_BITMAPS[character][0]) for character in text.upper())
    return scale * (pixels + len(text) - 1)


def render(text: str, level: int, *, ascii_only: bool = False) -> list[str]:
    """The rows of `text` at `level`, each `text_width` columns wide."""
    if level <= 0:
        return [text]
    return list(_render(text.upper(), level, ascii_only))


def best_level(text: str, width: int, most: int, *, ascii_only: bool = False) -> int:
    """The largest level up to `most` at which `text` is supported and fits in `width` columns."""
    for level in range(min(most, MAX_LEVEL), 0, -1):
        if supports(text, level, ascii_only=ascii_only) and (
            text_width(text, level, ascii_only=ascii_only) <= width
        ):
            return level
    return 0


def _table(level: int, ascii_only: bool) -> Mapping[str, object]:
    if level == 1 or (ascii_only and level == 2):
        return _ASCII3 if ascii_only else _BOX
    return _BITMAPS


def _three_row(level: int, ascii_only: bool) -> bool:
    """Drawn with the three-row glyphs: level 1, and level 2 in ASCII (four rows of `#`
    cannot show seven pixel rows, so it is level 1 with a blank row under it)."""
    return level == 1 or (ascii_only and level == 2)


def _gap_after(text: str, index: int) -> int:
    """Level 1 sets digits and the colon side by side, as Textual's Digits does."""
    return 0 if text[index] in _CLOCK and text[index + 1] in _CLOCK else 1


_CLOCK = frozenset("0123456789:")


@cache
def _render(text: str, level: int, ascii_only: bool) -> tuple[str, ...]:
    # Cached: the countdown shows the same few strings again and again.
    if _three_row(level, ascii_only):
        table = _ASCII3 if ascii_only else _BOX
        rows = ["", "", ""]
        for index, character in enumerate(text):
            glyph = table[character]
            gap = " " if index < len(text) - 1 and _gap_after(text, index) else ""
            for row in range(3):
                rows[row] += glyph[row].ljust(len(glyph[0])) + gap
        return tuple(rows) if level == 1 else (" " * len(rows[0]), *rows)
    scale = level - 1
    pixels = _pixel_rows(text)
    if ascii_only:
        return _ascii_cells(pixels, scale)
    return _half_block_cells(pixels, scale)


def _pixel_rows(text: str) -> list[list[bool]]:
    """The line's pixels at scale 1: seven rows, a blank column between glyphs."""
    rows: list[list[bool]] = [[] for _ in range(_PIXEL_ROWS)]
    for index, character in enumerate(text):
        glyph = _BITMAPS[character]
        for row in range(_PIXEL_ROWS):
            rows[row] += [pixel == "#" for pixel in glyph[row]]
            if index < len(text) - 1:
                rows[row].append(False)
    return rows


def _scaled_row(pixels: Sequence[bool], scale: int) -> list[bool]:
    return [pixel for pixel in pixels for _ in range(scale)]


def _half_block_cells(pixels: list[list[bool]], scale: int) -> tuple[str, ...]:
    tall = [_scaled_row(row, scale) for row in pixels for _ in range(scale)]
    if len(tall) % 2:
        tall.append([False] * len(tall[0]))
    return tuple(
        "".join(_HALF_BLOCKS[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(tall[0::2], tall[1::2], strict=True)
    )


def _ascii_cells(pixels: list[list[bool]], scale: int) -> tuple[str, ...]:
    # One pixel row per cell row cannot halve a row: each cell row shows the pixel row
    # under its middle, so a shape keeps its strokes at any height.
    height = math.ceil(_PIXEL_ROWS * scale / 2)
    cells: list[str] = []
    for row in range(height):
        source = min(_PIXEL_ROWS - 1, int((row + 0.5) * _PIXEL_ROWS / height))
        cells.append("".join("#" if pixel else " " for pixel in _scaled_row(pixels[source], scale)))
    return tuple(cells)

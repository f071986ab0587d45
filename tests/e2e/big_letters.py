"""Reading the stage's block letters back from a terminal's text (capture-pane output)."""

from __future__ import annotations

import re

from stretchtui.tui.widgets.bigfont import three_row_glyphs

BLOCKS = frozenset("█▀▄")

# Letters before digits: O and 0, S and 5 share a picture, and words are what is read here.
_GLYPHS = sorted(
    ((character, glyph) for character, glyph in three_row_glyphs().items() if character != " "),
    key=lambda item: (not item[0].isalpha(), -len(item[1][0])),
)


def _glyph_at(rows: list[str], column: int) -> tuple[str, int] | None:
    for character, glyph in _GLYPHS:
        width = len(glyph[0])
        cells = [rows[row][column : column + width] for row in range(3)]
        if cells == list(glyph) and any(cell.strip() for cell in cells):
            return character, width
    return None


def _blank(rows: list[str], column: int) -> bool:
    return all(rows[row][column : column + 1] in ("", " ") for row in range(3))


def _read_from(rows: list[str], column: int) -> tuple[str, int]:
    """The letters from `column` on, and the column after them."""
    text = ""
    while (found := _glyph_at(rows, column)) is not None:
        character, width = found
        text += character
        column += width
        gap = 0
        while gap < 5 and column + gap < len(rows[0]) and _blank(rows, column + gap):
            gap += 1
        if gap >= 3:
            text += " "
        column += gap
    return text.strip(), column


def three_row_words(screen: str) -> list[str]:
    """The words (of two or more glyphs) drawn in three-row box letters, top to bottom."""
    lines = screen.splitlines()
    width = max((len(line) for line in lines), default=0) + 6
    words: list[str] = []
    for top in range(len(lines) - 2):
        rows = [line.ljust(width) for line in lines[top : top + 3]]
        column = 0
        while column < width:
            text, end = _read_from(rows, column)
            if len(text.replace(" ", "")) >= 2:
                words.append(text)
                column = end
            else:
                column += 1
    return words


def tallest_block_run(screen: str) -> int:
    """The most consecutive lines that draw with blocks: the countdown, on a large stage."""
    best = run = 0
    for line in screen.splitlines():
        # The breath bar is one line of blocks alone; block letters have gaps in them.
        drawn = set(line) & BLOCKS and " " in line.strip()
        run = run + 1 if drawn else 0
        best = max(best, run)
    return best


_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_OTHER_ESCAPE = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][A-Z0-9])")


def solid_text(escaped: str) -> str:
    """capture-pane -e output as text, with reversed spaces (how blocks may be written,
    being one byte where a block is three) shown as the blocks they look like."""
    lines: list[str] = []
    for line in escaped.splitlines():
        reverse = False
        out: list[str] = []
        position = 0
        for match in _SGR.finditer(line):
            out.append(_plain(line[position : match.start()], reverse))
            codes = [int(code) if code else 0 for code in match.group(1).split(";")]
            for code in codes:
                if code in (0, 27):
                    reverse = False
                elif code == 7:
                    reverse = True
            position = match.end()
        out.append(_plain(line[position:], reverse))
        lines.append("".join(out))
    return "\n".join(lines)


def _plain(text: str, reverse: bool) -> str:
    text = _OTHER_ESCAPE.sub("", text)
    return text.replace(" ", "█") if reverse else text

"""Writing only the cells that changed leaves the terminal showing what Textual's whole lines would.

A small terminal model reads both writings: Textual's own (`render_segments`, every
cell of every update) and TerminalCells' (only what differs from the last picture).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from stretchtui.tui.cell_diff import TerminalCells, sgr_change

WIDTH, HEIGHT = 12, 4
CONSOLE = Console(color_system="256", force_terminal=True, width=WIDTH, height=HEIGHT)
SCREEN = object()

_SEQUENCE = re.compile(
    r"\x1b\[(\d*)(?:;(\d*))?H"  # cursor to row;column
    r"|\x1b\[(\d*)([CD])"  # cursor right or left
    r"|\x1b\[([\d;]*)m"  # colours and attributes
    r"|\x1b\]8;(?:id=[^;]*)?;([^\x1b]*)\x1b\\"  # a link's start or end
    r"|(\x1bD|\x08)"  # index (down a row, same column), backspace (left a column)
)


Pen = tuple[frozenset[str], str, str]
"""What SGR has set: attributes, foreground, background ("" for the terminal's default)."""
PLAIN: Pen = (frozenset(), "", "")
DRAWN_ON_BLANKS = frozenset({"4", "7", "9", "21", "51", "52", "53"})


OFF = {
    22: {"1", "2"},
    23: {"3"},
    24: {"4", "21"},
    25: {"5", "6"},
    27: {"7"},
    28: {"8"},
    29: {"9"},
    54: {"51", "52"},
    55: {"53"},
}
"""ECMA-48 codes that turn attributes off."""


def apply_sgr(pen: Pen, parameters: str) -> Pen:
    """The pen after `ESC [ parameters m`, as a terminal reads it."""
    attributes, fg, bg = set(pen[0]), pen[1], pen[2]
    codes = parameters.split(";") if parameters else ["0"]
    at = 0
    while at < len(codes):
        code = codes[at]
        if code in ("38", "48"):
            size = 3 if codes[at + 1] == "5" else 5
            colour = ";".join(codes[at + 1 : at + size])
            fg, bg = (colour, bg) if code == "38" else (fg, colour)
            at += size
            continue
        at += 1
        number = int(code)
        if number == 0:
            attributes, fg, bg = set(), "", ""
        elif 30 <= number <= 37 or 90 <= number <= 97:
            fg = code
        elif number == 39:
            fg = ""
        elif 40 <= number <= 47 or 100 <= number <= 107:
            bg = code
        elif number == 49:
            bg = ""
        elif number in OFF:
            attributes -= OFF[number]
        else:
            attributes.add(code)
    return frozenset(attributes), fg, bg


class TerminalModel:
    """Cells of text, pen and link, driven by the few sequences both writers use."""

    def __init__(self, width: int = WIDTH, height: int = HEIGHT) -> None:
        self.rows: list[list[tuple[str, Pen, str]]] = [
            [("?", PLAIN, "")] * width for _ in range(height)
        ]
        self.x = self.y = 0
        self.pen = PLAIN
        self.link = ""

    def feed(self, data: str) -> None:
        at = 0
        while at < len(data):
            match = _SEQUENCE.match(data, at)
            if match:
                row, column, step, direction, sgr, link, nudge = match.groups()
                if nudge == "\x1bD":
                    assert self.y + 1 < len(self.rows), "an index on the last row scrolls"
                    self.y += 1
                elif nudge == "\x08":
                    assert self.x > 0, "a backspace at the first column stays there"
                    self.x -= 1
                elif match.group(0).endswith("H"):
                    self.y, self.x = int(row or 1) - 1, int(column or 1) - 1
                elif direction:
                    self.x += int(step or 1) * (1 if direction == "C" else -1)
                elif sgr is not None:
                    self.pen = apply_sgr(self.pen, sgr)
                else:
                    self.link = link or ""
                at = match.end()
                continue
            char = data[at]
            at += 1
            if char == "\n":
                continue
            assert char != "\x1b", f"unexpected sequence at {data[at - 1 : at + 12]!r}"
            wide = char in "漢字"
            self.rows[self.y][self.x] = (char, self.pen, self.link)
            if wide:
                self.rows[self.y][self.x + 1] = ("", self.pen, self.link)
            self.x += 2 if wide else 1

    def text(self) -> list[str]:
        return ["".join(cell[0] for cell in row) for row in self.rows]

    def seen(self) -> list[list[tuple[str, Pen, str]]]:
        """The cells as a person sees them: a blank shows its background only, unless
        an attribute draws on it (reverse, underline, strike, ...); a full block and a
        reversed space both fill the cell with the foreground colour."""

        def seen(text: str, pen: Pen) -> tuple[str, Pen]:
            attributes, fg, bg = pen
            bold_basic = "1" in attributes and len(fg) == 2 and fg.startswith("3")
            drawn = DRAWN_ON_BLANKS | {"2"}
            if text == "█" and not attributes & drawn and not bold_basic:
                return "solid", (frozenset(), fg, "")
            reversed_space = text == " " and "7" in attributes
            if reversed_space and not (attributes - {"7"}) & drawn and not bold_basic:
                return "solid", (frozenset(), fg, "")
            if text != " " or attributes & DRAWN_ON_BLANKS:
                return text, pen
            return text, (frozenset(), "", bg)

        return [[(*seen(text, pen), link) for text, pen, link in row] for row in self.rows]


STYLES = [
    None,
    Style(color="red"),
    Style(color="red", bgcolor="blue", bold=True),
    Style(bgcolor="blue"),
    Style(color="color(214)", bgcolor="color(233)", bold=True, italic=True),
    Style(color="color(32)", bgcolor="color(233)", bold=True),
    Style(color="color(234)", bgcolor="color(233)"),
    Style(color="color(214)", bgcolor="color(233)", reverse=True),
    Style(color="color(214)", underline=True),
    Style(color="green", link="https://example.org/"),
]

cell_text = st.sampled_from(["a", "b", " ", " ", "━", "█", "█", "漢"])


@st.composite
def lines(draw: st.DrawFn) -> list[Strip]:
    """Screen lines as Textual gives them: strips of styled segments, each exactly WIDTH cells."""
    result = []
    for _ in range(HEIGHT):
        segments: list[Segment] = []
        used = 0
        while used < WIDTH:
            text = draw(cell_text)
            if text == "漢" and used + 2 > WIDTH:
                text = "x"
            style = draw(st.sampled_from(STYLES))
            segments.append(Segment(text, style))
            used += 2 if text == "漢" else 1
        result.append(Strip(segments, WIDTH))
    return result


def full(screen: list[Strip]) -> LayoutUpdate:
    return LayoutUpdate([[strip] for strip in screen], Region(0, 0, WIDTH, HEIGHT))


def chops(screen: list[Strip], rows: list[int], cut: int) -> ChopsUpdate:
    """The given rows, each in two chops split at `cut`, as a partial compositor update."""
    line_chops = []
    ends = []
    for strip in screen:
        left, right = strip.divide([cut, WIDTH])
        line_chops.append({0: left, cut: right})
        ends.append([cut, WIDTH])
    return ChopsUpdate(line_chops, [(y, 0, WIDTH) for y in rows], ends)


@settings(max_examples=60, deadline=None)
@given(
    first=lines(),
    later=st.lists(
        st.tuples(lines(), st.lists(st.integers(0, HEIGHT - 1), min_size=1, unique=True)),
        max_size=4,
    ),
    cut=st.integers(1, WIDTH - 1),
)
def test_changed_cells_leave_the_same_picture_as_whole_lines(
    first: list[Strip], later: list[tuple[list[Strip], list[int]]], cut: int
) -> None:
    whole, diffed = TerminalModel(), TerminalModel()
    cells = TerminalCells()
    size = (WIDTH, HEIGHT)
    update = full(first)
    whole.feed(update.render_segments(CONSOLE))
    diffed.feed(cells.render(update, SCREEN, size, CONSOLE))
    assert diffed.seen() == whole.seen()
    for screen, rows in later:
        # A wide character split by the cut would not come from the compositor: skip those.
        if any(strip.divide([cut])[0].cell_length != cut for strip in screen):
            continue
        partial = chops(screen, sorted(rows), cut)
        whole.feed(partial.render_segments(CONSOLE))
        diffed.feed(cells.render(partial, SCREEN, size, CONSOLE))
        assert diffed.seen() == whole.seen()


def screen_of(*rows: str, style: Style | None = None) -> list[Strip]:
    return [Strip([Segment(row.ljust(WIDTH), style)], WIDTH) for row in rows]


def test_an_unchanged_update_writes_nothing() -> None:
    cells = TerminalCells()
    screen = screen_of("12:34", "breathe", "", "", style=Style(color="red"))
    cells.render(full(screen), SCREEN, (WIDTH, HEIGHT), CONSOLE)
    assert cells.render(full(screen), SCREEN, (WIDTH, HEIGHT), CONSOLE) == ""
    assert cells.render(chops(screen, [0, 1], 4), SCREEN, (WIDTH, HEIGHT), CONSOLE) == ""


def test_one_changed_digit_writes_one_cell_with_its_colour_once() -> None:
    cells = TerminalCells()
    style = Style(color="red", bold=True)
    cells.render(
        full(screen_of("12:34", "", "", "", style=style)), SCREEN, (WIDTH, HEIGHT), CONSOLE
    )
    written = cells.render(
        chops(screen_of("12:33", "", "", "", style=style), [0], 6), SCREEN, (WIDTH, HEIGHT), CONSOLE
    )
    assert written == "\x1b[1;5H\x1b[1;31m3\x1b[0m"


def test_text_changing_colour_leaves_the_blanks_around_it_alone() -> None:
    cells = TerminalCells()
    size = (WIDTH, HEIGHT)
    breathe_in = Style(color="color(214)", bgcolor="color(233)", bold=True)
    breathe_out = Style(color="color(32)", bgcolor="color(233)", bold=True)
    cells.render(full(screen_of("  in  ", "", "", "", style=breathe_in)), SCREEN, size, CONSOLE)
    later = chops(screen_of("  out ", "", "", "", style=breathe_out), [0], 6)
    assert (
        cells.render(later, SCREEN, size, CONSOLE) == "\x1b[1;3H\x1b[1;38;5;32;48;5;233mout\x1b[0m"
    )


def test_a_blank_inside_coloured_text_keeps_the_pen() -> None:
    cells = TerminalCells()
    size = (WIDTH, HEIGHT)
    digit = Style(color="color(253)", bgcolor="color(233)", bold=True)
    cells.render(full(screen_of("┏━┓", "", "", "", style=digit)), SCREEN, size, CONSOLE)
    written = cells.render(
        chops(screen_of("┃ ┃", "", "", "", style=digit), [0], 6), SCREEN, size, CONSOLE
    )
    assert written == "\x1b[1;1H\x1b[1;38;5;253;48;5;233m┃ ┃\x1b[0m"


def test_block_letters_go_as_reversed_spaces_where_that_is_shorter() -> None:
    cells = TerminalCells()
    size = (WIDTH, HEIGHT)
    digit = Style(color="color(253)", bgcolor="color(233)", bold=True)
    cells.render(full(screen_of("", "", "", "", style=digit)), SCREEN, size, CONSOLE)
    later = chops(screen_of("██████", "", "", "", style=digit), [0], 6)
    written = cells.render(later, SCREEN, size, CONSOLE)
    assert written == "\x1b[1;1H\x1b[7;38;5;253;48;5;233m      \x1b[0m"
    underlined = Style(color="color(253)", underline=True)
    cells.render(full(screen_of("", "", "", "", style=underlined)), SCREEN, size, CONSOLE)
    later = chops(screen_of("██", "", "", "", style=underlined), [0], 6)
    assert "██" in cells.render(later, SCREEN, size, CONSOLE)


def test_a_stroke_down_the_rows_moves_by_index_and_backspace() -> None:
    # A tall letter's stroke changes the same columns on row after row: the cursor goes
    # down a row (ESC D) and back over what it wrote, not to an absolute place each time.
    cells = TerminalCells()
    size = (WIDTH, HEIGHT)
    digit = Style(color="color(253)", bgcolor="color(233)", bold=True)
    first = screen_of("", "", "", "", style=digit)
    whole, diffed = TerminalModel(), TerminalModel()
    whole.feed(full(first).render_segments(CONSOLE))
    diffed.feed(cells.render(full(first), SCREEN, size, CONSOLE))
    stroke = screen_of("   ██", "   ██", "  ███", "    █", style=digit)
    update = chops(stroke, [0, 1, 2, 3], 6)
    written = cells.render(update, SCREEN, size, CONSOLE)
    assert written == (
        "\x1b[1;4H\x1b[7;38;5;253;48;5;233m  \x1bD\b\b  \x1bD\b\b\b   \x1bD\b \x1b[0m"
    )
    whole.feed(update.render_segments(CONSOLE))
    diffed.feed(written)
    assert diffed.seen() == whole.seen()


def test_a_colour_change_sends_only_what_differs() -> None:
    assert sgr_change("1;38;5;253;48;5;233", "1;38;5;32;48;5;233") == "\x1b[38;5;32m"
    assert sgr_change("38;5;234;48;5;233", "1;38;5;32;48;5;233") == "\x1b[1;38;5;32m"
    assert sgr_change("1;38;5;32;48;5;233", "38;5;234;48;5;233") == "\x1b[22;38;5;234m"
    assert sgr_change("7;38;5;253;48;5;233", "38;5;253;48;5;233") == "\x1b[27m"
    assert sgr_change("1;2;31", "2;31") == "\x1b[22;2m"
    assert sgr_change("31;44", "31") == "\x1b[49m"
    assert sgr_change("1;31", "") == "\x1b[0m"


def test_a_new_screen_a_new_size_or_a_suspension_writes_everything_again() -> None:
    cells = TerminalCells()
    screen = screen_of("a", "b", "c", "d")
    size = (WIDTH, HEIGHT)
    cells.render(full(screen), SCREEN, size, CONSOLE)
    assert cells.render(full(screen), SCREEN, size, CONSOLE) == ""

    for written in (
        cells.render(full(screen), object(), size, CONSOLE),  # another screen drew in between
        cells.render(full(screen), SCREEN, size, CONSOLE),  # and back
    ):
        model = TerminalModel()
        model.feed(written)
        assert [row[0] for row in model.text()] == ["a", "b", "c", "d"]
    cells.forget()
    model = TerminalModel()
    model.feed(cells.render(full(screen), SCREEN, size, CONSOLE))
    assert [row[0] for row in model.text()] == ["a", "b", "c", "d"]
    taller = screen_of("a", "b", "c", "d", "e")
    assert "e" in cells.render(
        LayoutUpdate([[strip] for strip in taller], Region(0, 0, WIDTH, 5)),
        SCREEN,
        (WIDTH, 5),
        CONSOLE,
    )

"""The terminal as last drawn, cell by cell, so that a frame writes only the cells that changed.

Textual repaints every line of a widget that refreshed, end to end, each run of
text wrapped in its full colour escape and a reset. During a hold that is the
whole countdown, the whole breathing bar and the whole progress bar every
second, where a person sees one digit and a few cells of each bar move. This
keeps what each cell of the terminal holds (text, colour escape, link) and
turns each compositor update into cursor moves, colour changes and text for the
cells that differ, with a colour escape only where the colour changes (and
then only the parts that change: a new foreground keeps the background and
bold), as curses does.

The picture is forgotten, and the next update written whole, when the terminal
may no longer hold it: a new size, another screen on top, the app coming back
from a suspension.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.strip import Strip

Cell = tuple[str, str, str]
"""A cell's text, its SGR parameters ("" for none) and its link ("" for none).

The text is "" in the right half of a wide character."""

UNKNOWN: Cell = ("\x00", "\x00", "")
"""A cell whose content is not known: never equal to a drawn cell, never written."""

JOIN_GAP = 3
"""Unchanged cells between two changes on a line that are written again rather than
skipped: up to three cells cost about what a cursor move does."""


class TerminalCells:
    """What the terminal shows, and the shortest writing of an update against it."""

    def __init__(self) -> None:
        self._rows: list[list[Cell]] = []
        self._width = 0
        self._screen: object | None = None
        self._sgr: dict[Style, tuple[str, str]] = {}
        self._changes: dict[tuple[str, str], str] = {}
        self._blanks: dict[str, str] = {}
        self._solids: dict[str, str | None] = {}
        self._near_blanks: dict[tuple[str, str], str] = {}

    def forget(self) -> None:
        """The terminal may have been drawn over (a suspension): write the next update whole."""
        self._rows = []
        self._width = 0

    def update(
        self, update: LayoutUpdate | ChopsUpdate, screen: object, size: tuple[int, int]
    ) -> CellUpdate:
        """`update` as Textual's `App._display` takes it, writing only what it changes.

        `screen` is the screen it draws and `size` the terminal's (columns, rows)."""
        return CellUpdate(self, update, screen, size)

    def render(
        self,
        update: LayoutUpdate | ChopsUpdate,
        screen: object,
        size: tuple[int, int],
        console: Console,
    ) -> str:
        """The terminal sequences that make the terminal show `update`; the cells follow it."""
        return self.render_strips(_placements(update), screen, size, console)

    def knows(self, screen: object, size: tuple[int, int]) -> bool:
        """Whether the cells hold what the terminal shows of `screen` at `size`."""
        return screen is self._screen and size == (self._width, len(self._rows)) and self._width > 0

    def render_strips(
        self,
        placements: list[tuple[int, int, Strip]],
        screen: object,
        size: tuple[int, int],
        console: Console,
    ) -> str:
        """The terminal sequences that put each strip at its (x, y); the cells follow them."""
        width, height = size
        if width != self._width or height != len(self._rows) or screen is not self._screen:
            self._rows = [[UNKNOWN] * width for _ in range(height)]
            self._width = width
            self._screen = screen
        color_system = console._color_system or ColorSystem.TRUECOLOR
        changed: dict[int, set[int]] = {}
        for x, y, strip in placements:
            if 0 <= y < height:
                self._place(x, y, strip, color_system, changed)
        return self._write(changed)

    # ------------------------------------------------------------ cells

    def _pen(self, style: Style | None, color_system: ColorSystem) -> tuple[str, str, str]:
        """SGR parameters for text, SGR parameters for a space, and the link of `style`.

        A space shows only its background, unless an attribute draws on it (reverse,
        underline, strike, …): its foreground and bold are left out, so a line whose
        text changes colour does not rewrite the blanks around it.
        """
        if style is None:
            return "", "", ""
        pens = self._sgr.get(style)
        if pens is None:
            sgr = Strip.render_ansi(style, color_system)
            blank = sgr
            if not _draws_on_blanks(style):
                blank = Strip.render_ansi(Style(bgcolor=style.bgcolor), color_system)
            pens = self._sgr[style] = (sgr, blank)
        return pens[0], pens[1], style.link or ""

    def _place(
        self,
        x: int,
        y: int,
        strip: Strip,
        color_system: ColorSystem,
        changed: dict[int, set[int]],
    ) -> None:
        cells: list[Cell] = []
        append = cells.append
        for text, style, control in strip:
            if control:
                continue
            sgr, blank, link = self._pen(style, color_system)
            if text.isascii() and text.isprintable():
                cells.extend([(char, blank if char == " " else sgr, link) for char in text])
                continue
            for char in text:
                size = get_character_cell_size(char)
                if size == 1:
                    append((char, blank if char == " " else sgr, link))
                elif size == 2:
                    append((char, sgr, link))
                    append(("", sgr, link))
                elif cells:
                    # A combining mark joins the character before it.
                    at = len(cells) - 1
                    if cells[at][0] == "" and at > 0:
                        at -= 1
                    base = cells[at]
                    cells[at] = (base[0] + char, base[1], base[2])
        row = self._rows[y]
        width = self._width
        start = max(0, -x)
        stop = min(len(cells), width - x)
        if start >= stop:
            return
        moved: set[int] | None = None
        for offset in range(start, stop):
            cell = cells[offset]
            column = x + offset
            if row[column] != cell:
                row[column] = cell
                if moved is None:
                    moved = changed.setdefault(y, set())
                moved.add(column)

    def _blank(self, sgr: str) -> str:
        """How a space written with `sgr` is kept: as `_pen` keeps a blank."""
        blank = self._blanks.get(sgr)
        if blank is None:
            attributes, _fg, bg = _sgr_parts(sgr)
            blank = self._blanks[sgr] = sgr if DRAWN_ON_BLANKS & set(attributes) else bg
        return blank

    def _pen_for_blank(self, pen: str, blank: str) -> str:
        """The pen nearest `pen` that draws a space as `blank` does (a blank as _pen keeps it).

        Only for a blank kept by its background alone: the pen's foreground and bold
        stay, what draws on blanks (reverse, underline, …) goes, the background is set.
        """
        key = (pen, blank)
        nearest = self._near_blanks.get(key)
        if nearest is None:
            blank_attributes, blank_fg, blank_bg = _sgr_parts(blank)
            nearest = blank
            if not blank_attributes and not blank_fg:
                attributes, fg, _bg = _sgr_parts(pen)
                kept = [code for code in attributes if code not in DRAWN_ON_BLANKS]
                nearest = ";".join([*kept, *(part for part in (fg, blank_bg) if part)])
            self._near_blanks[key] = nearest
        return nearest

    # ------------------------------------------------------------ writing

    def _write(self, changed: dict[int, set[int]]) -> str:
        out: list[str] = []
        write = out.append
        width = self._width
        pen = ("", "")
        cursor: tuple[int, int] | None = None
        for y in sorted(changed):
            row = self._rows[y]
            for start, stop in _runs(row, sorted(changed[y]), width):
                if cursor != (start, y):
                    write(_move(cursor, start, y))
                cells = row[start:stop]
                text, after = self._encode(cells, pen, solid=False)
                if any(cell[0] == SOLID for cell in cells):
                    # Block letters: a full block is also a reversed space, one byte not three.
                    spaces, spaces_after = self._encode(cells, pen, solid=True)
                    if len(spaces.encode()) < len(text.encode()):
                        text, after = spaces, spaces_after
                write(text)
                pen = after
                # At the last column the cursor waits to wrap: its place is not to be trusted.
                cursor = (stop, y) if stop < width else None
        if pen[1]:
            write("\x1b]8;;\x1b\\")
        if pen[0]:
            write("\x1b[0m")
        return "".join(out)

    def _encode(
        self, cells: list[Cell], pen: tuple[str, str], *, solid: bool
    ) -> tuple[str, tuple[str, str]]:
        """Text and escapes that write `cells` from `pen` (SGR, link), and the pen after.

        With `solid`, full blocks are written as reversed spaces where that looks the same.
        """
        out: list[str] = []
        write = out.append
        pen_sgr, pen_link = pen
        for text, sgr, link in cells:
            if not text:
                continue
            if solid and text == SOLID:
                reversed_sgr = self._reversed(sgr)
                if reversed_sgr is not None:
                    text, sgr = " ", reversed_sgr
            if link != pen_link:
                write(f"\x1b]8;;{link}\x1b\\")
                pen_link = link
            if text == " " and sgr != pen_sgr and sgr != self._blank(pen_sgr):
                # Any pen that draws this blank will do: the nearest to the one in hand.
                sgr = self._pen_for_blank(pen_sgr, sgr)
            # A blank the pen already draws as asked (same background) needs no change.
            if sgr != pen_sgr and not (text == " " and sgr == self._blank(pen_sgr)):
                change = self._changes.get((pen_sgr, sgr))
                if change is None:
                    change = self._changes[pen_sgr, sgr] = sgr_change(pen_sgr, sgr)
                write(change)
                pen_sgr = sgr
            write(text)
        return "".join(out), (pen_sgr, pen_link)

    def _reversed(self, sgr: str) -> str | None:
        """The SGR of a reversed space that looks like a full block in `sgr`, if one does.

        Not where the block is already reversed, dim or drawn on (an underline in the
        block's colour does not show; on a reversed space it would), nor bold in one
        of the eight basic colours (which some terminals brighten on text only).
        """
        if sgr in self._solids:
            return self._solids[sgr]
        attributes, fg, bg = _sgr_parts(sgr)
        basic = fg[:1] == "3" and len(fg) == 2
        result: str | None = None
        if not (_NOT_SOLID & set(attributes) or ("1" in attributes and basic)):
            kept = [code for code in attributes if code != "1"]
            result = ";".join([*kept, "7", *(part for part in (fg, bg) if part)])
        self._solids[sgr] = result
        return result


SOLID = "█"
"""A full block: the cell all in the foreground colour."""


DRAWN_ON_BLANKS = frozenset({"4", "7", "9", "21", "51", "52", "53"})
"""SGR attributes that show on a space: underline, reverse, strike, double underline,
frame, encircle, overline (as Textual's Strip.render_ansi numbers them)."""
_NOT_SOLID = DRAWN_ON_BLANKS | {"2"}
"""Attributes under which a full block and a reversed space look different (and dim)."""


def _draws_on_blanks(style: Style) -> bool:
    """Whether a space in `style` shows more than its background."""
    return bool(
        style.reverse
        or style.underline
        or style.underline2
        or style.strike
        or style.overline
        or style.frame
        or style.encircle
    )


_OFF = {
    "1": "22",
    "2": "22",
    "3": "23",
    "4": "24",
    "21": "24",
    "5": "25",
    "6": "25",
    "7": "27",
    "8": "28",
    "9": "29",
    "51": "54",
    "52": "54",
    "53": "55",
}
"""The ECMA-48 code that turns each attribute off (22 turns off both bold and dim)."""
_TURNED_OFF = {off: {a for a, code in _OFF.items() if code == off} for off in _OFF.values()}


def sgr_change(old: str, new: str) -> str:
    """The escape that turns SGR parameters `old` into `new`, sending only what differs.

    An attribute that goes is turned off by its own code (27 for reverse, …); one
    with no such code resets everything first.
    """
    old_attributes, old_fg, old_bg = _sgr_parts(old)
    attributes, fg, bg = _sgr_parts(new)
    codes: list[str] = []
    on = set(old_attributes)
    for attribute in old_attributes:
        if attribute in attributes or attribute not in on:
            continue
        off = _OFF.get(attribute)
        if off is None:
            return f"\x1b[0;{new}m" if new else "\x1b[0m"
        codes.append(off)
        on -= _TURNED_OFF[off]
    codes += [code for code in attributes if code not in on]
    if fg != old_fg:
        codes.append(fg or "39")
    if bg != old_bg:
        codes.append(bg or "49")
    change = f"\x1b[{';'.join(codes)}m"
    reset = f"\x1b[0;{new}m" if new else "\x1b[0m"
    return change if len(change) < len(reset) else reset


def _sgr_parts(sgr: str) -> tuple[list[str], str, str]:
    """SGR parameters as Textual writes them: (attribute codes, foreground, background)."""
    codes = sgr.split(";") if sgr else []
    attributes: list[str] = []
    fg = bg = ""
    at = 0
    while at < len(codes):
        code = codes[at]
        if code in ("38", "48"):
            # 38;5;N (256 colours) or 38;2;R;G;B (truecolor), the same for 48.
            size = 3 if at + 1 < len(codes) and codes[at + 1] == "5" else 5
            colour = ";".join(codes[at : at + size])
            at += size
            if code == "38":
                fg = colour
            else:
                bg = colour
            continue
        at += 1
        number = int(code) if code.isdigit() else -1
        if 30 <= number <= 39 or 90 <= number <= 97:
            fg = code
        elif 40 <= number <= 49 or 100 <= number <= 107:
            bg = code
        else:
            attributes.append(code)
    return attributes, fg, bg


def _runs(row: list[Cell], columns: list[int], width: int) -> list[tuple[int, int]]:
    """The changed columns of a row as [start, stop) runs, whole wide characters included."""
    runs: list[list[int]] = []
    for column in columns:
        start = column
        if row[column][0] == "" and column > 0:
            start = column - 1  # the right half of a wide character: write the character
        stop = column + 1
        if stop < width and row[stop][0] == "" and row[column][0]:
            stop += 1
        if runs and start <= runs[-1][1] + JOIN_GAP and _known(row, runs[-1][1], start):
            runs[-1][1] = max(runs[-1][1], stop)
        else:
            runs.append([start, stop])
    return [(start, stop) for start, stop in runs]


def _move(cursor: tuple[int, int] | None, x: int, y: int) -> str:
    """The shortest cursor move from `cursor` (None: not known) to column x of row y.

    A row or two down is ESC D (index: down one, same column, two bytes), then a step
    sideways; never from the last row (where it would scroll), as the row is below.
    """
    absolute = f"\x1b[{y + 1};{x + 1}H"
    if cursor is None:
        return absolute
    down = y - cursor[1]
    if down == 0:
        return _sideways(cursor[0], x)
    if 0 < down <= 2:
        relative = "\x1bD" * down + _sideways(cursor[0], x)
        if len(relative) < len(absolute):
            return relative
    return absolute


def _sideways(start: int, stop: int) -> str:
    step = stop - start
    if step > 0:
        return f"\x1b[{step}C"
    if -3 <= step < 0:
        return "\b" * -step
    return f"\x1b[{-step}D" if step else ""


def _known(row: list[Cell], start: int, stop: int) -> bool:
    return UNKNOWN not in row[start:stop]


def _placements(update: LayoutUpdate | ChopsUpdate) -> list[tuple[int, int, Strip]]:
    """Where each strip of a compositor update goes on the terminal: (x, y, strip)."""
    placed: list[tuple[int, int, Strip]] = []
    if isinstance(update, LayoutUpdate):
        x = update.region.x
        for y, line in enumerate(update.strips, update.region.y):
            for strip in line:
                placed.append((x, y, strip))
                x += strip.cell_length
            x = update.region.x
        return placed
    # As ChopsUpdate.render_segments picks and crops its chops.
    for y, x1, x2 in update.spans:
        chops = update.chops[y]
        ends = update.chop_ends[y]
        for end, (x, chop) in zip(ends, chops.items(), strict=False):
            if chop is None or x > x2 or end <= x1:
                continue
            if not (x2 > x >= x1 and end <= x2):
                chop = chop.crop(0, min(end, x2) - x)
            placed.append((x, y, chop))
    return placed


class CellUpdate(CompositorUpdate):
    """A compositor update that writes only what it changes (worked out when it is written)."""

    def __init__(
        self,
        cells: TerminalCells,
        update: LayoutUpdate | ChopsUpdate,
        screen: object,
        size: tuple[int, int],
    ) -> None:
        self._cells = cells
        self._update = update
        self._screen = screen
        self._size = size

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Rendered as a Rich renderable (not what App._display does), it is the whole update.
        yield from self._update.__rich_console__(console, options)

    def render_segments(self, console: Console) -> str:
        # Only here is the update surely written (App._display may drop it): the cells follow.
        return self._cells.render(self._update, self._screen, self._size, console)


class PlacedUpdate(CompositorUpdate):
    """Strips placed on the terminal by hand (see direct_paint), written through the cells."""

    def __init__(
        self,
        cells: TerminalCells,
        placements: list[tuple[int, int, Strip]],
        screen: object,
        size: tuple[int, int],
    ) -> None:
        self._cells = cells
        self._placements = placements
        self._screen = screen
        self._size = size

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Not how App._display writes it; as a renderable, each strip on its own line.
        for _x, _y, strip in self._placements:
            yield from strip
            yield Segment.line()

    def render_segments(self, console: Console) -> str:
        return self._cells.render_strips(self._placements, self._screen, self._size, console)

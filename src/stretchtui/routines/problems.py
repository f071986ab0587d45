"""Problems found in a routine file, each pointing at a place in it."""

from __future__ import annotations

from pathlib import Path

from stretchtui.textsafe import visible


class Problem:
    """`path:line:col: field: message`; line and column are 1-based, 0 when unknown.

    A plain class rather than a dataclass: `list`, answering from the routine cache,
    must start without loading dataclasses (and the inspect module it brings). Treat it
    as frozen.
    """

    __slots__ = ("column", "field", "line", "message", "path", "source")

    def __init__(
        self,
        path: str,
        message: str,
        line: int = 0,
        column: int = 0,
        field: str = "",
        source: str = "",
    ) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.field = field
        # The file's line at `line`, as written: what a caret points into. Not part of what
        # the problem is (two problems at one place are equal whatever the line held).
        self.source = source

    def with_source(self, source: str) -> Problem:
        return Problem(self.path, self.message, self.line, self.column, self.field, source)

    def _parts(self) -> tuple[str, str, int, int, str]:
        return (self.path, self.message, self.line, self.column, self.field)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash(self._parts())

    def __repr__(self) -> str:
        return (
            f"Problem(path={self.path!r}, message={self.message!r}, line={self.line!r}, "
            f"column={self.column!r}, field={self.field!r})"
        )

    def __str__(self) -> str:
        place = self.path
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        where = f"{self.field}: " if self.field else ""
        return f"{place}: {where}{self.message}"


def with_source(problems: list[Problem], text: str) -> list[Problem]:
    """`problems`, each carrying the line of `text` it points at."""
    lines = text.splitlines()
    return [
        problem.with_source(lines[problem.line - 1])
        if 0 < problem.line <= len(lines) and not problem.source
        else problem
        for problem in problems
    ]


def snippet(problem: Problem, width: int = 80) -> tuple[str, str] | None:
    """The problem's line and a caret under its column, at most `width` cells each:

    `  7 |     how: Lean forward`
    `    |     ^`

    None when the problem has no line to show. Control characters are spelled out
    (the line is the file's data), and a long line is cut around the column.
    """
    if not problem.line or not problem.source:
        return None
    from stretchtui import glyphs

    g = glyphs.current()
    number = f"{problem.line:>3} | "
    gutter = " " * (len(number) - 2) + "| "
    room = max(8, width - len(number))
    column = max(1, problem.column or 1)
    before = visible(problem.source[: column - 1])
    after = visible(problem.source[column - 1 :])
    # Keep the caret in view: drop the start of a long line, then cut what runs past the end.
    lead = ""
    if glyphs.cells(before) > room * 2 // 3:
        keep = room * 2 // 3 - len(g.ellipsis)
        before = _last_cells(before, keep)
        lead = g.ellipsis
    line = lead + before + after
    if glyphs.cells(line) > room:
        line = g.fit(line, room)
    caret = " " * glyphs.cells(lead + before) + "^"
    return (number + line).rstrip(), gutter + caret


def _last_cells(text: str, cells: int) -> str:
    """The end of `text` that fits in `cells` cells."""
    from stretchtui import glyphs

    kept = ""
    for char in reversed(text):
        if glyphs.cells(char + kept) > cells:
            break
        kept = char + kept
    return kept


class RoutineError(Exception):
    """A routine file could not be loaded; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        # RuntimeError: Python 3.11 raises it for a symlink loop; the unresolved path still
        # says where the file is.
        try:
            return str(path.absolute().relative_to(Path.cwd()))
        except (ValueError, OSError):
            return str(path)

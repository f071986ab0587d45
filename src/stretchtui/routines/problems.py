"""Problems found in a routine file, each pointing at a place in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """`path:line:col: field: message`; line and column are 1-based, 0 when unknown."""

    path: str
    message: str
    line: int = 0
    column: int = 0
    field: str = ""

    def __str__(self) -> str:
        place = self.path
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        where = f"{self.field}: " if self.field else ""
        return f"{place}: {where}{self.message}"


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

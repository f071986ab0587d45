"""Read routine files: YAML text in, a checked Routine or every problem found out.

The stages, each in its own module: the file's bytes and text (`routine_file`),
the YAML composed into nodes and refused when unsafe (`yaml_nodes`), and the
fields checked where they stand (`checker`, on the readers in `fields`). So every
problem carries its line and column, and YAML 1.1's surprises (`1:30` as 90, `no`
as false) never pass silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from stretchtui.routines.checker import RoutineChecker
from stretchtui.routines.model import Routine
from stretchtui.routines.problems import Problem, RoutineError, display_path, with_source
from stretchtui.routines.routine_file import decode_routine_text, read_routine_bytes
from stretchtui.routines.yaml_nodes import (
    compose,
    control_problems,
    size_problem,
    tab_problems,
    tag_problems,
)

try:
    # CPython's own SHA-256 (as `random` takes its SHA-512): hashlib would load OpenSSL, about
    # 3.5 MB of a full-screen session's resident memory, for one digest of a small file.
    from _sha256 import sha256  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # pragma: no cover - Python 3.12 renamed it; a build may lack both
    try:
        from _sha2 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment, unused-ignore]

MAX_PROBLEMS = 20
"""A file with more mistakes than this is likely not a routine; the rest are only counted."""


def load_routine(path: Path, routine_id: str | None = None) -> Routine:
    """Load and check one routine file; raise RoutineError with every problem found."""
    result = read_routine(path, routine_id)
    if isinstance(result, Routine):
        return result
    raise RoutineError(result)


def read_routine(path: Path, routine_id: str | None = None) -> Routine | list[Problem]:
    """A Routine, or the list of problems that stop the file from being one."""
    label = display_path(path)
    data = read_routine_bytes(path, label)
    if isinstance(data, Problem):
        return [data]
    return parse_routine(data, label, routine_id or path.stem, path=path)


def parse_routine(
    data: bytes | str,
    label: str = "<routine>",
    routine_id: str = "routine",
    *,
    path: Path | None = None,
) -> Routine | list[Problem]:
    """Check routine text; never raises, whatever the text."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    digest: str = sha256(raw).hexdigest()
    text = decode_routine_text(raw, label)
    if isinstance(text, Problem):
        return with_source([text], raw.decode("utf-8", "replace"))
    result = _check_text(text, label, routine_id, path, digest)
    # Each problem carries its line, for the caret under it in `check` and the menu.
    return with_source(result, text) if isinstance(result, list) else result


def _check_text(
    text: str, label: str, routine_id: str, path: Path | None, digest: str
) -> Routine | list[Problem]:
    tabs = tab_problems(text, label)
    if tabs:
        return tabs
    root = compose(text, label)
    if isinstance(root, Problem):
        return [root]
    if root is None:
        what = "the file is empty" if not text.strip() else "the file holds only comments"
        return [Problem(label, f"{what}; a routine needs at least name, level and steps")]
    too_big = size_problem(root, label)
    if too_big is not None:
        return [too_big]
    # Refused before the checker looks: no tag changes a value's meaning unseen, and no
    # control character reaches a message or a screen.
    unsafe = tag_problems(root, label) or control_problems(root, label)
    if unsafe:
        return unsafe
    checker = RoutineChecker(label)
    routine = checker.routine(root, routine_id, path, digest)
    if checker.problems or routine is None:
        problems = checker.problems or [Problem(label, "not a valid routine")]
        return _at_most(sorted(problems, key=lambda problem: (problem.line, problem.column)))
    return routine


def _at_most(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems, then one line saying how many more there are."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    last = problems[MAX_PROBLEMS - 1]
    more = Problem(last.path, f"…and {rest} more problem{'s' if rest != 1 else ''}")
    return [*problems[:MAX_PROBLEMS], more]


def check_files(paths: Iterable[Path]) -> list[Problem]:
    """Every problem in every file given, in order."""
    problems: list[Problem] = []
    for path in paths:
        result = read_routine(path)
        if not isinstance(result, Routine):
            problems.extend(result)
    return problems

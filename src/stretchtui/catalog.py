"""All the routines a person can pick, the bundled ones and their own, each with its plan.

Above the plan in the layers: an entry's plan is built once, when its file loads,
and everything that shows or runs the routine (menu order and totals, preview,
`list`, `show`, `run`) reads that one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from stretchtui.plan import Plan, build_plan
from stretchtui.routines.loader import read_routine
from stretchtui.routines.model import Level, Routine
from stretchtui.routines.problems import Problem, display_path

ROUTINE_SUFFIXES = (".yaml", ".yml")
LEVEL_ORDER = {level: index for index, level in enumerate(Level)}


class Source(StrEnum):
    BUNDLED = "bundled"
    USER = "user"
    FILE = "file"


@dataclass(frozen=True)
class CatalogEntry:
    """One routine file: its routine's plan when it loaded, its problems when it did not."""

    id: str
    path: Path
    source: Source
    plan: Plan | None
    problems: tuple[Problem, ...] = ()

    @property
    def routine(self) -> Routine | None:
        return self.plan.routine if self.plan is not None else None


@dataclass(frozen=True)
class Catalog:
    entries: tuple[CatalogEntry, ...]

    def get(self, routine_id: str) -> CatalogEntry | None:
        return next((entry for entry in self.entries if entry.id == routine_id), None)

    @property
    def ids(self) -> list[str]:
        return [entry.id for entry in self.entries]


def routine_files(folder: Path) -> list[Path]:
    """The routine files directly inside a folder, sorted; none when it does not exist."""
    try:
        return sorted(
            path
            for path in folder.iterdir()
            if path.suffix.lower() in ROUTINE_SUFFIXES and not path.name.startswith(".")
        )
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError:
        return []


def load_entry(path: Path, source: Source) -> CatalogEntry:
    """One file's entry; whatever happens reading it, it never stops the other files."""
    try:
        result = read_routine(path)
    except Exception as error:  # noqa: BLE001 - the menu must open whatever one file holds
        problem = Problem(display_path(path), f"could not be read: {type(error).__name__}")
        return CatalogEntry(path.stem, path, source, None, (problem,))
    if isinstance(result, Routine):
        return CatalogEntry(result.id, path, source, build_plan(result))
    return CatalogEntry(path.stem, path, source, None, tuple(result))


def load_catalog(bundled_dir: Path, user_dir: Path | None) -> Catalog:
    """Every routine, bundled then user; a user file with a bundled id replaces that routine.

    A broken file becomes an entry with problems: it never stops the others from loading.
    """
    by_id: dict[str, CatalogEntry] = {}
    for path in routine_files(bundled_dir):
        entry = load_entry(path, Source.BUNDLED)
        by_id[entry.id] = entry
    user_problems: list[CatalogEntry] = []
    if user_dir is not None:
        if user_dir.exists() and not user_dir.is_dir():
            user_problems.append(
                CatalogEntry(
                    user_dir.name,
                    user_dir,
                    Source.USER,
                    None,
                    (Problem(display_path(user_dir), "expected a folder of routine files"),),
                )
            )
        for path in routine_files(user_dir):
            entry = load_entry(path, Source.USER)
            by_id[entry.id] = entry
    entries = sorted(by_id.values(), key=_menu_order) + user_problems
    return Catalog(tuple(entries))


def _menu_order(entry: CatalogEntry) -> tuple[int, int, int, str]:
    plan = entry.plan
    level_rank = LEVEL_ORDER[plan.routine.level] if plan else len(LEVEL_ORDER)
    total = plan.total_seconds if plan else 0
    return (0 if entry.source is Source.BUNDLED else 1, level_rank, total, entry.id)


class UnknownRoutine(Exception):
    """ROUTINE named neither a known id nor a file."""

    def __init__(self, name: str, known: list[str]) -> None:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        hint = f" (did you mean {close[0]}?)" if close else ""
        super().__init__(
            f"no routine called {name!r}{hint}; `stretchtui list` shows them all, "
            "or give the path of a .yaml file"
        )


def resolve_routine(name: str, catalog: Catalog) -> CatalogEntry:
    """ROUTINE as the CLI takes it: an id from the catalog, or a path to a file."""
    entry = catalog.get(name)
    looks_like_path = "/" in name or name.lower().endswith(ROUTINE_SUFFIXES)
    if entry is not None and not looks_like_path:
        return entry
    path = Path(name).expanduser()
    if looks_like_path or path.exists():
        return load_entry(path, Source.FILE)
    raise UnknownRoutine(name, catalog.ids)

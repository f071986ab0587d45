"""All the routines a person can pick, the bundled ones and their own, each with its plan.

Above the plan in the layers: an entry's plan is built once, when its file is read,
and everything that shows or runs the routine (preview, `show`, `run`) reads that one.
The menu's order and lines and `list` need only each entry's summary, which the routine
cache keeps: with a thousand routines, only the one picked is read from its file.
"""

from __future__ import annotations

import os
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from stretchtui.routines.cache import LEVELS, RoutineCache, file_key
from stretchtui.routines.problems import Problem, display_path

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from stretchtui.plan import Plan
    from stretchtui.routines.model import Routine

# The plan, the loader and the model load only when a routine is read from its file:
# `list` and the menu's first paint are answered from the routine cache without them.

ROUTINE_SUFFIXES = (".yaml", ".yml")
LEVEL_ORDER = {level: index for index, level in enumerate(LEVELS)}


class Source(StrEnum):
    BUNDLED = "bundled"
    USER = "user"
    FILE = "file"


class RoutineSummary:
    """What the menu and `list` show of a routine without reading its steps."""

    __slots__ = ("level", "name", "positions", "rounds", "stretches", "total_seconds")

    def __init__(
        self, name: str, level: str, total_seconds: int, stretches: int, rounds: int, positions: str
    ) -> None:
        self.name = name
        self.level = level
        self.total_seconds = total_seconds
        self.stretches = stretches
        self.rounds = rounds
        self.positions = positions
        """Where it is done, in order of first use: `seated`, `standing, floor`."""

    @classmethod
    def of(cls, plan: Plan) -> RoutineSummary:
        routine = plan.routine
        return cls(
            routine.name,
            routine.level.value,
            plan.total_seconds,
            len(routine.steps),
            routine.rounds,
            routine_positions(routine),
        )

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RoutineSummary) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(tuple(self.as_dict().values()))

    def __repr__(self) -> str:
        return f"RoutineSummary({self.as_dict()!r})"


def routine_positions(routine: Routine) -> str:
    """Where the routine is done: `seated`, `floor`, `standing, floor`, in order of first use."""
    return ", ".join(dict.fromkeys(step.position.value for step in routine.steps))


class CatalogEntry:
    """One routine file: its summary and plan when it loads, its problems when it does not.

    An entry made from the routine cache has its summary (or problems) only; its plan is
    read from the file when first asked for (a preview, a start, `show` without a cached
    plan). Should the file have changed meanwhile, the plan is what it says now.
    """

    def __init__(
        self,
        id: str,
        path: Path | str,
        source: Source,
        plan: Plan | None = None,
        problems: tuple[Problem, ...] = (),
        *,
        summary: RoutineSummary | None = None,
    ) -> None:
        self.id = id
        # A Path is made when first asked for: `list` of a thousand cached routines needs none.
        self._path = path
        self.source = source
        self.problems = problems
        if plan is not None:
            self.__dict__["plan"] = plan
            summary = RoutineSummary.of(plan)
        self.summary = summary

    @property
    def path(self) -> Path:
        path = self._path
        if isinstance(path, str):
            path = self._path = Path(path)
        return path

    @cached_property
    def plan(self) -> Plan | None:
        if self.summary is None:
            return None
        fresh = load_entry(self.path, self.source)
        if fresh.plan is None:
            self.summary, self.problems = None, fresh.problems
        return fresh.plan

    @property
    def routine(self) -> Routine | None:
        return self.plan.routine if self.plan is not None else None

    @property
    def loaded(self) -> bool:
        """Whether the plan is in memory (or known not to be had)."""
        return "plan" in self.__dict__ or self.summary is None

    def __repr__(self) -> str:
        return f"CatalogEntry({self.id!r}, {str(self.path)!r}, {self.source.value})"


class Catalog:
    def __init__(
        self, entries: tuple[CatalogEntry, ...], cache: RoutineCache | None = None
    ) -> None:
        self.entries = entries
        self.cache = cache or RoutineCache(None)
        """Where the entries came from; `show` keeps its plans there too."""

    def get(self, routine_id: str) -> CatalogEntry | None:
        return next((entry for entry in self.entries if entry.id == routine_id), None)

    @property
    def ids(self) -> list[str]:
        return [entry.id for entry in self.entries]


def routine_files(folder: Path) -> list[Path]:
    """The routine files directly inside a folder, sorted; none when it does not exist."""
    return [folder / name for name in routine_names(folder)]


def routine_names(folder: str | os.PathLike[str]) -> list[str]:
    """The names of the routine files directly inside a folder, sorted."""
    try:
        with os.scandir(folder) as found:
            return sorted(
                entry.name
                for entry in found
                if entry.name.lower().endswith(ROUTINE_SUFFIXES) and not entry.name.startswith(".")
            )
    except OSError:
        return []


def load_entry(path: Path, source: Source) -> CatalogEntry:
    """One file's entry, read from the file; whatever happens reading it, it never stops the
    other files."""
    from stretchtui.plan import build_plan
    from stretchtui.routines.loader import read_routine
    from stretchtui.routines.model import Routine

    try:
        result = read_routine(path)
    except Exception as error:  # noqa: BLE001 - the menu must open whatever one file holds
        problem = Problem(display_path(path), f"could not be read: {type(error).__name__}")
        return CatalogEntry(path.stem, path, source, None, (problem,))
    if isinstance(result, Routine):
        return CatalogEntry(result.id, path, source, build_plan(result))
    return CatalogEntry(path.stem, path, source, None, tuple(result))


def cached_entry(path: Path | str, source: Source, cache: RoutineCache) -> CatalogEntry:
    """One file's entry from the cache when its record fits the file, else from the file
    (and then kept in the cache)."""
    text = os.fspath(path)
    try:
        key = file_key(os.stat(text))
    except (OSError, ValueError):
        key = None
    if key is None:
        return load_entry(Path(path), source)
    listing = cache.listing(text, key)
    if listing is not None:
        return _from_listing(listing, path, source)
    entry = load_entry(Path(path), source)
    cache.remember(text, key, _listing(entry, display_path(entry.path)))
    return entry


def _listing(entry: CatalogEntry, label: str) -> dict[str, Any]:
    summary = entry.summary
    return {
        "id": entry.id,
        "summary": summary.as_dict() if summary is not None else None,
        # The place is kept only when it is not the file itself: a message names the file
        # relative to the folder the command runs in, which differs between runs.
        "problems": [
            [None if p.path == label else p.path, p.message, p.line, p.column, p.field, p.source]
            for p in entry.problems
        ],
    }


def _from_listing(listing: dict[str, Any], path: Path | str, source: Source) -> CatalogEntry:
    summary = listing["summary"]
    if summary is not None:
        return CatalogEntry(listing["id"], path, source, summary=RoutineSummary(**summary))
    path = Path(path)
    label = display_path(path)
    problems = tuple(
        Problem(place if place is not None else label, message, line, column, field, source)
        for place, message, line, column, field, source in listing["problems"]
    )
    return CatalogEntry(listing["id"], path, source, None, problems)


def load_catalog(
    bundled_dir: Path, user_dir: Path | None, cache_dir: str | os.PathLike[str] | None = None
) -> Catalog:
    """Every routine, bundled then user; a user file with a bundled id replaces that routine.

    A broken file becomes an entry with problems: it never stops the others from loading.
    With `cache_dir`, what each file says is kept there and read back while the file is
    unchanged (see `stretchtui.routines.cache`).
    """
    cache = RoutineCache(os.fspath(cache_dir) if cache_dir is not None else None)
    by_id: dict[str, CatalogEntry] = {}
    for path in routine_files(bundled_dir):
        entry = cached_entry(path, Source.BUNDLED, cache)
        by_id[entry.id] = entry
    if user_dir is not None:
        # Paths as text: a thousand routines of one's own are listed without making a Path each.
        folder = os.fspath(user_dir)
        for name in routine_names(folder):
            entry = cached_entry(os.path.join(folder, name), Source.USER, cache)
            by_id[entry.id] = entry
    cache.save()
    return _assemble(by_id, user_dir, cache)


def _assemble(
    by_id: dict[str, CatalogEntry], user_dir: Path | None, cache: RoutineCache
) -> Catalog:
    """The menu's order: bundled (levels, then length), the person's own, then problems."""
    entries = sorted(by_id.values(), key=_menu_order)
    if user_dir is not None and user_dir.exists() and not user_dir.is_dir():
        problem = Problem(display_path(user_dir), "expected a folder of routine files")
        entries.append(CatalogEntry(user_dir.name, user_dir, Source.USER, None, (problem,)))
    return Catalog(tuple(entries), cache)


FileStamp = tuple[int, int, int, int]
"""What says a file changed without reading it: size, modification and change times (ns),
and the inode (an editor that saves by renaming a new file over the old one)."""


def folder_stamps(folder: Path | None) -> dict[str, FileStamp] | None:
    """Each routine file's stamp in `folder`, by name, from stat alone; None if not a folder."""
    if folder is None:
        return None
    stamps: dict[str, FileStamp] = {}
    try:
        with os.scandir(folder) as found:
            for item in found:
                name = item.name
                if name.startswith(".") or not name.lower().endswith(ROUTINE_SUFFIXES):
                    continue
                try:
                    info = item.stat()
                except OSError:
                    stamps[name] = (-1, -1, -1, -1)  # gone, or unreadable: loading says which
                    continue
                stamps[name] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    except OSError:
        return None
    return stamps


class RoutineWatcher:
    """Keeps a catalog up to date with the person's routines folder, cheaply.

    `poll()` stats the folder (names, sizes, times; no file is read unless it changed)
    and reads again only the files that are new or changed, dropping the removed ones;
    a removed file that had replaced a bundled routine brings the bundled one back.
    """

    def __init__(self, catalog: Catalog, bundled_dir: Path, user_dir: Path | None) -> None:
        self.catalog = catalog
        self.bundled_dir = bundled_dir
        self.user_dir = user_dir
        self._stamps = folder_stamps(user_dir)

    def poll(self) -> Catalog | None:
        """The catalog again if anything in the folder changed since the last look, else None."""
        folder = self.user_dir
        if folder is None:
            return None
        stamps = folder_stamps(folder)
        if stamps == self._stamps:
            return None
        before = self._stamps or {}
        self._stamps = stamps
        now = stamps or {}
        changed = {name for name, stamp in now.items() if before.get(name) != stamp}
        removed = set(before) - set(now)
        cache = self.catalog.cache
        by_id = {
            entry.id: entry
            for entry in self.catalog.entries
            if entry.source is Source.BUNDLED or entry.path.parent == folder
        }
        for name in removed:
            stem = Path(name).stem
            entry = by_id.get(stem)
            if entry is not None and entry.source is Source.USER and entry.path.name == name:
                del by_id[stem]
                bundled = next(
                    (path for path in routine_files(self.bundled_dir) if path.stem == stem), None
                )
                if bundled is not None:
                    by_id[stem] = cached_entry(bundled, Source.BUNDLED, cache)
        for name in sorted(changed):
            entry = cached_entry(folder / name, Source.USER, cache)
            by_id[entry.id] = entry
        cache.save()
        self.catalog = _assemble(by_id, folder, cache)
        return self.catalog


def _menu_order(entry: CatalogEntry) -> tuple[int, int, int, str]:
    summary = entry.summary
    level_rank = LEVEL_ORDER[summary.level] if summary else len(LEVEL_ORDER)
    total = summary.total_seconds if summary else 0
    return (0 if entry.source is Source.BUNDLED else 1, level_rank, total, entry.id)


class UnknownRoutine(Exception):
    """ROUTINE named neither a known id nor a file."""

    def __init__(self, name: str, known: list[str]) -> None:
        import difflib

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

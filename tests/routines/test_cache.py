"""The routine cache: read back while a file is unchanged, never trusted beyond that.

A stale, corrupt, hostile or unwritable cache is ignored without a word, and every
answer (summary or problems) is the one the loader gives when it reads the file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from samples import GOOD
from stretchtui import catalog as catalog_module
from stretchtui.catalog import Catalog, CatalogEntry, Source, load_catalog
from stretchtui.paths import bundled_routines_dir
from stretchtui.routines import Level, read_routine
from stretchtui.routines.cache import INDEX_FILE, LEVELS, RoutineCache

BAD = Path(__file__).parent / "bad"


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "routine-cache"


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.yaml").write_text(GOOD.format(name="Mine"))
    (folder / "broken.yaml").write_text("name: Broken\nlevel: expert\nsteps: []\n")
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every routine file the catalog reads from disk (rather than from the cache)."""
    read: list[Path] = []
    real = catalog_module.load_entry

    def counting(path: Path, source: Source) -> CatalogEntry:
        read.append(path)
        return real(path, source)

    monkeypatch.setattr(catalog_module, "load_entry", counting)
    return read


def described(catalog: Catalog) -> list[tuple[str, str, object, list[str]]]:
    """All a catalog says of each entry, without reading any file."""
    return [
        (
            entry.id,
            entry.source.value,
            entry.summary.as_dict() if entry.summary else None,
            [str(problem) for problem in entry.problems],
        )
        for entry in catalog.entries
    ]


def index(cache: Path) -> dict[str, object]:
    data = json.loads((cache / INDEX_FILE).read_text())
    assert isinstance(data, dict)
    return data


def test_levels_are_the_models_levels_in_menu_order() -> None:
    assert tuple(level.value for level in Level) == LEVELS


def test_a_warm_cache_answers_without_reading_a_file_and_says_the_same(
    cache: Path, user_dir: Path, reads: list[Path]
) -> None:
    cold = load_catalog(bundled_routines_dir(), user_dir, cache)
    assert len(reads) == 9
    reads.clear()
    warm = load_catalog(bundled_routines_dir(), user_dir, cache)
    assert reads == []
    assert described(warm) == described(cold)
    assert "broken" in [entry.id for entry in warm.entries if entry.summary is None]


def test_a_cached_entry_reads_its_plan_from_the_file_when_asked(
    cache: Path, user_dir: Path, reads: list[Path]
) -> None:
    load_catalog(bundled_routines_dir(), user_dir, cache)
    reads.clear()
    entry = load_catalog(bundled_routines_dir(), user_dir, cache).get("mine")
    assert entry is not None and not entry.loaded
    assert entry.plan is not None and entry.plan.routine.name == "Mine"
    assert reads == [user_dir / "mine.yaml"]


def test_a_file_broken_after_it_was_listed_shows_its_problems_when_read(
    cache: Path, user_dir: Path
) -> None:
    load_catalog(bundled_routines_dir(), user_dir, cache)
    entry = load_catalog(bundled_routines_dir(), user_dir, cache).get("mine")
    assert entry is not None and entry.summary is not None and not entry.loaded
    (user_dir / "mine.yaml").write_text("name: Mine\nlevel: desk\n")
    assert entry.plan is None
    # Reading the plan updated what the entry says.
    summary: object = entry.summary
    assert summary is None
    assert [problem.field for problem in entry.problems] == ["steps"]


@pytest.mark.parametrize("change", ["content", "same size, new mtime"])
def test_a_changed_file_is_read_again(
    cache: Path, user_dir: Path, reads: list[Path], change: str
) -> None:
    mine = user_dir / "mine.yaml"
    load_catalog(bundled_routines_dir(), user_dir, cache)
    if change == "content":
        mine.write_text(GOOD.format(name="Mine, longer"))
    else:
        mine.write_text(GOOD.format(name="Nine"))  # same length
        info = mine.stat()
        os.utime(mine, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
    reads.clear()
    entry = load_catalog(bundled_routines_dir(), user_dir, cache).get("mine")
    assert reads == [mine]
    assert entry is not None and entry.summary is not None
    assert entry.summary.name == ("Mine, longer" if change == "content" else "Nine")


def test_another_programs_version_is_not_trusted(
    cache: Path, user_dir: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalog(bundled_routines_dir(), user_dir, cache)
    monkeypatch.setattr("stretchtui.routines.cache.__version__", "99.0")
    reads.clear()
    load_catalog(bundled_routines_dir(), user_dir, cache)
    assert len(reads) == 9
    assert str(index(cache)["stamp"]).startswith("99.0/")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff garbage",
        b"[1, 2, 3]",
        b'{"stamp": 5, "files": []}',
        b"[" * 100_000,
        b'{"stamp": "x", "files": {"a": ' + b"[" * 50_000 + b"]" * 50_000 + b"}}",
    ],
    ids=["empty", "binary", "a list", "wrong types", "deep nesting", "deep record"],
)
def test_a_corrupt_index_is_ignored_and_rebuilt(
    cache: Path, user_dir: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = described(load_catalog(bundled_routines_dir(), user_dir, None))
    cache.mkdir()
    (cache / INDEX_FILE).write_bytes(content)
    assert described(load_catalog(bundled_routines_dir(), user_dir, cache)) == expected
    assert capsys.readouterr() == ("", "")
    assert len(index(cache)["files"]) == 9  # type: ignore[arg-type]


def forge(cache: Path, path: Path, listing: object) -> None:
    """Put a record for `path` in the index, with the file's real key."""
    data = index(cache)
    info = path.stat()
    files = data["files"]
    assert isinstance(files, dict)
    files[str(path)] = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, listing]
    (cache / INDEX_FILE).write_text(json.dumps(data))


GOOD_SUMMARY = {
    "name": "Forged",
    "level": "desk",
    "total_seconds": 20,
    "stretches": 1,
    "rounds": 1,
    "positions": "floor",
}


@pytest.mark.parametrize(
    "listing",
    [
        {"id": "mine", "summary": {**GOOD_SUMMARY, "level": "expert"}, "problems": []},
        {"id": "mine", "summary": {**GOOD_SUMMARY, "total_seconds": -5}, "problems": []},
        {"id": "mine", "summary": {**GOOD_SUMMARY, "stretches": True}, "problems": []},
        {"id": "mine", "summary": {**GOOD_SUMMARY, "name": "\x1b]0;pwned\x07"}, "problems": []},
        {"id": "mine", "summary": {**GOOD_SUMMARY, "extra": 1}, "problems": []},
        {"id": "mine", "summary": None, "problems": []},
        {"id": "mine", "summary": None, "problems": [["x", "y", -1, 0, "", ""]]},
        {"id": 7, "summary": GOOD_SUMMARY, "problems": []},
        {"id": "mine", "summary": GOOD_SUMMARY, "problems": [[None, "also", 1, 1, "", ""]]},
        "not a listing",
    ],
    ids=[
        "unknown level",
        "negative time",
        "a boolean count",
        "escape in the name",
        "an extra field",
        "broken without a problem",
        "negative line",
        "a number for an id",
        "both summary and problems",
        "text",
    ],
)
def test_a_hostile_record_is_ignored_and_the_file_read(
    cache: Path, user_dir: Path, reads: list[Path], listing: object
) -> None:
    mine = user_dir / "mine.yaml"
    load_catalog(bundled_routines_dir(), user_dir, cache)
    forge(cache, mine, listing)
    reads.clear()
    entry = load_catalog(bundled_routines_dir(), user_dir, cache).get("mine")
    assert reads == [mine]
    assert entry is not None and entry.summary is not None and entry.summary.name == "Mine"


def test_a_well_formed_record_is_believed_while_the_key_fits(
    cache: Path, user_dir: Path, reads: list[Path]
) -> None:
    # The cache holds nothing a routine file could not say: a record of the right shape
    # for the file as it is, is what the file said. This pins that the check above is
    # the record's shape, not a second read of every file.
    mine = user_dir / "mine.yaml"
    load_catalog(bundled_routines_dir(), user_dir, cache)
    forge(cache, mine, {"id": "mine", "summary": GOOD_SUMMARY, "problems": []})
    reads.clear()
    entry = load_catalog(bundled_routines_dir(), user_dir, cache).get("mine")
    assert reads == []
    assert entry is not None and entry.summary is not None and entry.summary.name == "Forged"


def test_an_unwritable_cache_folder_changes_nothing_but_speed(
    tmp_path: Path, user_dir: Path, reads: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    expected = described(load_catalog(bundled_routines_dir(), user_dir, None))
    reads.clear()
    for _ in range(2):
        assert described(load_catalog(bundled_routines_dir(), user_dir, blocked)) == expected
    assert len(reads) == 18
    assert blocked.read_text() == "not a folder"
    assert capsys.readouterr() == ("", "")


def test_a_fifo_in_place_of_the_index_is_not_waited_on(cache: Path, user_dir: Path) -> None:
    cache.mkdir()
    os.mkfifo(cache / INDEX_FILE)
    # Would block forever if the FIFO were opened for reading and read.
    entry = load_catalog(bundled_routines_dir(), user_dir, cache).get("mine")
    assert entry is not None and entry.summary is not None


def test_no_folder_means_no_cache(user_dir: Path, reads: list[Path]) -> None:
    for _ in range(2):
        load_catalog(bundled_routines_dir(), user_dir, None)
    assert len(reads) == 18
    assert RoutineCache(None).listing("x", (1, 2, 3)) is None


def test_the_index_forgets_the_oldest_files_beyond_its_limit(
    cache: Path, user_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("stretchtui.routines.cache.MAX_RECORDS", 3)
    load_catalog(bundled_routines_dir(), user_dir, cache)
    # Bundled and user files were all seen in this run: more than 3 stay, none is lost.
    assert len(index(cache)["files"]) == 9  # type: ignore[arg-type]
    load_catalog(bundled_routines_dir(), None, cache)
    files = index(cache)["files"]
    assert isinstance(files, dict)
    assert str(user_dir / "mine.yaml") in files  # nothing new was written: nothing changed


# ---------------------------------------------------------------- the hostile corpus


def test_every_hostile_file_gives_the_same_message_from_a_warm_cache(
    cache: Path, reads: list[Path]
) -> None:
    empty = cache.parent / "no-bundled"
    empty.mkdir()
    load_catalog(empty, BAD, cache)
    reads.clear()
    warm = load_catalog(empty, BAD, cache)
    cacheable = [path for path in BAD.iterdir() if path.is_file() and not path.is_symlink()]
    assert not set(reads) & set(cacheable)
    by_path = {entry.path: entry for entry in warm.entries}
    checked = 0
    for path in sorted(BAD.iterdir()):
        if not path.name.lower().endswith((".yaml", ".yml")) or path.stem not in warm.ids:
            continue
        entry = by_path.get(path)
        if entry is None:
            continue  # another file with the same id came later
        result = read_routine(path)
        if isinstance(result, list):
            assert [str(problem) for problem in entry.problems] == [str(p) for p in result]
            assert [problem.source for problem in entry.problems] == [p.source for p in result]
            checked += 1
        else:
            assert entry.summary is not None and entry.summary.name == result.name
    assert checked >= 60


def test_a_cached_problem_names_the_file_from_where_the_command_runs(
    cache: Path, user_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(user_dir)
    first = load_catalog(bundled_routines_dir(), user_dir, cache).get("broken")
    assert first is not None and str(first.problems[0]).startswith("broken.yaml:2:8: ")
    monkeypatch.chdir(user_dir.parent)
    again = load_catalog(bundled_routines_dir(), user_dir, cache).get("broken")
    assert again is not None and str(again.problems[0]).startswith("mine/broken.yaml:2:8: ")

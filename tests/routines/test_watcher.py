"""The menu's view of the routines folder follows edits: new, changed and removed files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samples import BUNDLED_IDS, GOOD
from stretchtui import catalog as catalog_module
from stretchtui.catalog import RoutineWatcher, Source, folder_stamps, load_catalog
from stretchtui.paths import bundled_routines_dir


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "routines"
    folder.mkdir()
    return folder


def watcher_for(user_dir: Path) -> RoutineWatcher:
    return RoutineWatcher(
        load_catalog(bundled_routines_dir(), user_dir), bundled_routines_dir(), user_dir
    )


def bump(path: Path) -> None:
    """Move the file's time on, as a save a moment later would (no sleeping)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_nothing_changed_is_none_and_reads_no_file(
    user_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (user_dir / "mine.yaml").write_text(GOOD.format(name="Mine"))
    watcher = watcher_for(user_dir)
    monkeypatch.setattr(catalog_module, "load_entry", lambda *args: pytest.fail("read a file"))
    assert watcher.poll() is None
    assert watcher.poll() is None


def test_a_new_file_appears(user_dir: Path) -> None:
    watcher = watcher_for(user_dir)
    (user_dir / "mine.yaml").write_text(GOOD.format(name="Mine"))
    catalog = watcher.poll()
    assert catalog is not None
    entry = catalog.get("mine")
    assert entry is not None and entry.routine is not None
    assert entry.routine.name == "Mine"
    assert set(catalog.ids) == {*BUNDLED_IDS, "mine"}


def test_only_the_changed_file_is_read_again(
    user_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (user_dir / "one.yaml").write_text(GOOD.format(name="One"))
    (user_dir / "two.yaml").write_text("name: Two\nlevel: expert\n")
    watcher = watcher_for(user_dir)
    read: list[str] = []
    load = catalog_module.load_entry

    def counting(path: Path, source: Source) -> catalog_module.CatalogEntry:
        read.append(path.name)
        return load(path, source)

    monkeypatch.setattr(catalog_module, "load_entry", counting)
    (user_dir / "two.yaml").write_text(GOOD.format(name="Two fixed"))
    bump(user_dir / "two.yaml")
    catalog = watcher.poll()
    assert read == ["two.yaml"]
    assert catalog is not None
    two = catalog.get("two")
    assert two is not None and two.routine is not None and two.routine.name == "Two fixed"
    one = catalog.get("one")
    assert one is not None and one.routine is not None


def test_a_file_saved_over_with_the_same_size_and_time_is_still_seen(user_dir: Path) -> None:
    path = user_dir / "mine.yaml"
    path.write_text(GOOD.format(name="Mine A"))
    stat = path.stat()
    watcher = watcher_for(user_dir)
    # An editor that writes a new file and renames it over the old one: a new inode.
    fresh = user_dir / ".mine.yaml.swp"
    fresh.write_text(GOOD.format(name="Mine B"))
    os.utime(fresh, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(fresh, path)
    catalog = watcher.poll()
    assert catalog is not None
    entry = catalog.get("mine")
    assert entry is not None and entry.routine is not None and entry.routine.name == "Mine B"


def test_a_removed_file_goes(user_dir: Path) -> None:
    (user_dir / "mine.yaml").write_text(GOOD.format(name="Mine"))
    watcher = watcher_for(user_dir)
    (user_dir / "mine.yaml").unlink()
    catalog = watcher.poll()
    assert catalog is not None
    assert set(catalog.ids) == set(BUNDLED_IDS)


def test_removing_a_file_that_replaced_a_bundled_routine_brings_the_bundled_one_back(
    user_dir: Path,
) -> None:
    (user_dir / "beginner.yaml").write_text(GOOD.format(name="My beginner"))
    watcher = watcher_for(user_dir)
    assert watcher.catalog.get("beginner").source is Source.USER  # type: ignore[union-attr]
    (user_dir / "beginner.yaml").unlink()
    catalog = watcher.poll()
    assert catalog is not None
    entry = catalog.get("beginner")
    assert entry is not None and entry.source is Source.BUNDLED


def test_a_file_that_breaks_becomes_an_entry_with_its_problem(user_dir: Path) -> None:
    (user_dir / "mine.yaml").write_text(GOOD.format(name="Mine"))
    watcher = watcher_for(user_dir)
    (user_dir / "mine.yaml").write_text("name: Mine\n  level: desk\n")
    catalog = watcher.poll()
    assert catalog is not None
    entry = catalog.get("mine")
    assert entry is not None and entry.plan is None
    assert entry.problems[0].line == 2
    assert catalog.ids[-1] == "mine"  # broken files come last


def test_the_folder_appearing_later_is_noticed(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    watcher = watcher_for(folder)
    assert watcher.poll() is None
    folder.mkdir()
    (folder / "mine.yaml").write_text(GOOD.format(name="Mine"))
    catalog = watcher.poll()
    assert catalog is not None and "mine" in catalog.ids


def test_stamps_skip_hidden_and_other_files(user_dir: Path) -> None:
    (user_dir / "mine.yaml").write_text("x")
    (user_dir / ".mine.yaml.swp").write_text("x")
    (user_dir / "notes.txt").write_text("x")
    assert set(folder_stamps(user_dir) or {}) == {"mine.yaml"}
    assert folder_stamps(user_dir / "nowhere") is None

"""The catalog: bundled and user routines together, broken files listed but never in the way."""

from __future__ import annotations

from pathlib import Path

import pytest

from samples import BUNDLED_IDS, GOOD
from stretchtui.catalog import Source, UnknownRoutine, load_catalog, resolve_routine
from stretchtui.paths import bundled_routines_dir
from stretchtui.plan import build_plan


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "user-routines"
    folder.mkdir()
    return folder


def test_bundled_routines_are_found_from_the_source_tree() -> None:
    catalog = load_catalog(bundled_routines_dir(), None)
    assert set(catalog.ids) == set(BUNDLED_IDS)
    assert all(
        entry.plan is not None and entry.source is Source.BUNDLED for entry in catalog.entries
    )


def test_menu_order_is_level_then_length(user_dir: Path) -> None:
    ids = load_catalog(bundled_routines_dir(), user_dir).ids
    assert ids[:3] == ["beginner", "intermediate", "advanced"]
    assert ids[3:] == ["desk-coffee-break", "desk-midday", "desk-evening", "desk-pre-gym"]


def test_a_broken_user_routine_does_not_stop_the_others(user_dir: Path) -> None:
    (user_dir / "mine.yaml").write_text(GOOD.format(name="Mine"))
    (user_dir / "broken.yaml").write_text("name: Broken\nlevel: expert\n")
    catalog = load_catalog(bundled_routines_dir(), user_dir)
    assert set(catalog.ids) == {*BUNDLED_IDS, "mine", "broken"}
    broken = catalog.get("broken")
    assert broken is not None and broken.plan is None
    assert [problem.line for problem in broken.problems] == [1, 2]
    mine = catalog.get("mine")
    assert mine is not None and mine.plan is not None and mine.source is Source.USER


def test_a_user_routine_with_a_bundled_id_replaces_it(user_dir: Path) -> None:
    (user_dir / "beginner.yaml").write_text(GOOD.format(name="My beginner"))
    catalog = load_catalog(bundled_routines_dir(), user_dir)
    entry = catalog.get("beginner")
    assert entry is not None and entry.routine is not None
    assert entry.routine.name == "My beginner"
    assert entry.source is Source.USER
    assert catalog.ids.count("beginner") == 1


def test_yml_files_count_and_hidden_or_other_files_do_not(user_dir: Path) -> None:
    (user_dir / "short.yml").write_text(GOOD.format(name="Short"))
    (user_dir / ".hidden.yaml").write_text(GOOD.format(name="Hidden"))
    (user_dir / "notes.txt").write_text("not a routine")
    ids = load_catalog(bundled_routines_dir(), user_dir).ids
    assert "short" in ids
    assert ".hidden" not in ids and "notes" not in ids


def test_a_missing_user_folder_is_simply_empty(tmp_path: Path) -> None:
    catalog = load_catalog(bundled_routines_dir(), tmp_path / "nowhere")
    assert set(catalog.ids) == set(BUNDLED_IDS)


def test_a_file_where_the_user_folder_should_be_is_reported(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "routines"
    not_a_folder.write_text("oops")
    catalog = load_catalog(bundled_routines_dir(), not_a_folder)
    broken = [entry for entry in catalog.entries if entry.plan is None]
    assert len(broken) == 1
    assert "expected a folder of routine files" in str(broken[0].problems[0])
    assert set(catalog.ids) >= set(BUNDLED_IDS)


def test_resolve_takes_an_id_or_a_path(tmp_path: Path) -> None:
    catalog = load_catalog(bundled_routines_dir(), None)
    assert resolve_routine("advanced", catalog).source is Source.BUNDLED
    path = tmp_path / "elsewhere.yaml"
    path.write_text(GOOD.format(name="Elsewhere"))
    entry = resolve_routine(str(path), catalog)
    assert entry.source is Source.FILE
    assert entry.routine is not None and entry.routine.name == "Elsewhere"


def test_a_path_that_looks_like_a_file_is_loaded_even_when_missing(tmp_path: Path) -> None:
    catalog = load_catalog(bundled_routines_dir(), None)
    entry = resolve_routine(str(tmp_path / "gone.yaml"), catalog)
    assert entry.plan is None
    assert "no such file" in str(entry.problems[0])


def test_an_unknown_id_suggests_the_closest(tmp_path: Path) -> None:
    catalog = load_catalog(bundled_routines_dir(), None)
    with pytest.raises(
        UnknownRoutine, match=r"no routine called 'begginer' \(did you mean beginner\?\)"
    ):
        resolve_routine("begginer", catalog)


def test_an_entry_carries_its_routine_plan_built_when_the_file_loaded() -> None:
    catalog = load_catalog(bundled_routines_dir(), None)
    entry = catalog.get("beginner")
    assert entry is not None and entry.plan is not None
    assert entry.routine is entry.plan.routine
    assert entry.plan == build_plan(entry.plan.routine)

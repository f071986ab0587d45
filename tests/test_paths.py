"""Where the app keeps its config and data."""

from __future__ import annotations

from pathlib import Path

from stretchtui.paths import CONFIG_ENV, DATA_ENV, resolve_paths


def test_the_environment_picks_the_folders(tmp_path: Path) -> None:
    paths = resolve_paths(environ={CONFIG_ENV: str(tmp_path / "c"), DATA_ENV: str(tmp_path / "d")})
    assert (paths.config_dir, paths.data_dir) == (tmp_path / "c", tmp_path / "d")
    assert paths.history_file == tmp_path / "d" / "history.sqlite3"


def test_an_empty_variable_counts_as_unset_not_as_the_current_folder() -> None:
    unset = resolve_paths(environ={})
    empty = resolve_paths(environ={CONFIG_ENV: "", DATA_ENV: ""})
    assert empty == unset
    assert empty.data_dir != Path("") and empty.data_dir.is_absolute()

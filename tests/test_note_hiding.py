"""Hiding the menu's note about someone's back for the day: kept in a small file, never trusted."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from stretchtui.note_hiding import HIDDEN_FILE, hide_note, note_hidden
from stretchtui.paths import AppPaths

TODAY = date(2026, 11, 26)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "own" / "config", tmp_path / "own" / "data")


def test_hidden_today_for_that_report_only(paths: AppPaths) -> None:
    assert not note_hidden(paths, TODAY, "abc")
    assert hide_note(paths, TODAY, "abc")
    assert note_hidden(paths, TODAY, "abc")
    assert not note_hidden(paths, TODAY, "def"), "a new report shows the note again"
    assert not note_hidden(paths, date(2026, 11, 27), "abc"), "tomorrow it shows again"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"garbage",
        b"2026-11-26",
        b"2026-11-26 abc extra",
        b"\xff\xfe 2026-11-26 abc",
        b"x" * 999,
    ],
)
def test_a_damaged_or_foreign_file_shows_the_note(paths: AppPaths, content: bytes) -> None:
    paths.data_dir.mkdir(parents=True)
    (paths.data_dir / HIDDEN_FILE).write_bytes(content)
    assert not note_hidden(paths, TODAY, "")
    assert not note_hidden(paths, TODAY, "abc")


def test_a_fifo_in_its_place_does_not_hang_and_shows_the_note(paths: AppPaths) -> None:
    paths.data_dir.mkdir(parents=True)
    os.mkfifo(paths.data_dir / HIDDEN_FILE)
    assert not note_hidden(paths, TODAY, "abc")


def test_a_data_folder_that_refuses_the_file_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    paths = AppPaths(tmp_path / "config", blocker)
    assert not hide_note(paths, TODAY, "abc")
    assert not note_hidden(paths, TODAY, "abc")


@pytest.mark.parametrize("report", ["", "two words", "new\nline", "é"])
def test_a_report_id_that_could_not_be_read_back_is_not_written(
    paths: AppPaths, report: str
) -> None:
    assert not hide_note(paths, TODAY, report)
    assert not (paths.data_dir / HIDDEN_FILE).exists()

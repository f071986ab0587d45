"""Fixtures every test gets: its own config and data folders, nothing from the real home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchtui import glyphs
from stretchtui.first_run import MARKER

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point config, data and cache at temporary folders, so no test reads a real home.

    The folders are empty but for the first-run note's marker: tests start sessions
    as someone who has read it. tests/tui/test_first_run.py removes it.
    """
    config = tmp_path / "config"
    data = tmp_path / "data"
    config.mkdir()
    data.mkdir()
    (data / MARKER).touch()
    monkeypatch.setenv("STRETCHTUI_CONFIG_DIR", str(config))
    monkeypatch.setenv("STRETCHTUI_DATA_DIR", str(data))
    # The routine cache too: no test reads or writes the real one in ~/.cache.
    monkeypatch.setenv("STRETCHTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return {"config": config, "data": data}


@pytest.fixture
def routines_dir() -> Path:
    return REPO / "routines"


@pytest.fixture(autouse=True)
def unicode_glyphs() -> Iterator[None]:
    """Every test draws with the Unicode glyph set, whatever the locale it runs under;
    tests of the ASCII set ask for it (`glyphs.use(glyphs.ASCII)`)."""
    glyphs.use(glyphs.UNICODE)
    yield
    glyphs.use(None)

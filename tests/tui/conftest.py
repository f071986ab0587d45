"""Build the app as the CLI does, but on a fake clock, a memory store and a silent player."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stretchtui.audio import SilentPlayer
from stretchtui.catalog import load_catalog
from stretchtui.clock import FakeClock
from stretchtui.config import Settings
from stretchtui.history import HistoryStore, memory_store
from stretchtui.paths import AppPaths, bundled_routines_dir
from stretchtui.services import Services
from stretchtui.tui.app import StretchApp
from stretchtui.tui.launch import create_app

AppFactory = Callable[..., StretchApp]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store() -> HistoryStore:
    return memory_store()


@pytest.fixture
def player() -> SilentPlayer:
    return SilentPlayer()


@pytest.fixture
def make_app(
    isolated_dirs: dict[str, Path], clock: FakeClock, store: HistoryStore, player: SilentPlayer
) -> AppFactory:
    """`make_app()` for the menu, `make_app("desk-midday")` straight into that session."""

    def factory(start: str | None = None, warnings: list[str] | None = None) -> StretchApp:
        paths = AppPaths(isolated_dirs["config"], isolated_dirs["data"])
        services = Services(paths, Settings(), store, player, clock, list(warnings or []))
        catalog = load_catalog(bundled_routines_dir(), paths.user_routines_dir)
        entry = catalog.get(start) if start else None
        return create_app(services, catalog, entry)

    return factory

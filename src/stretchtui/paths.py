"""Where stretchtui keeps things: config, data, and the files it ships.

Nothing here runs at import time; every location is computed when asked, so
tests (and `--config-dir` / `--data-dir`) can point them elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "stretchtui"
CONFIG_ENV = "STRETCHTUI_CONFIG_DIR"
DATA_ENV = "STRETCHTUI_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    """The two directories the app reads and writes, and what lives inside them."""

    config_dir: Path
    data_dir: Path

    @property
    def user_routines_dir(self) -> Path:
        return self.config_dir / "routines"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.yaml"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.sqlite3"


def resolve_paths(
    config_dir: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> AppPaths:
    """Pick the directories: explicit arguments, then environment variables, then platformdirs."""
    env = os.environ if environ is None else environ
    # An empty variable is unset (as XDG's are), never "." : a stray `STRETCHTUI_DATA_DIR=`
    # must not put a history file in whatever folder the command ran from.
    config = config_dir or env.get(CONFIG_ENV) or None
    data = data_dir or env.get(DATA_ENV) or None
    if config is None or data is None:
        import platformdirs

        if config is None:
            config = platformdirs.user_config_dir(APP_NAME)
        if data is None:
            data = platformdirs.user_data_dir(APP_NAME)
    return AppPaths(config_dir=Path(config).expanduser(), data_dir=Path(data).expanduser())


def _shipped_dir(name: str) -> Path:
    """A data folder shipped with the package: inside the wheel, or at the top of a source tree."""
    package_dir = Path(__file__).resolve().parent
    in_wheel = package_dir / "_data" / name
    if in_wheel.is_dir():
        return in_wheel
    # Editable installs and plain source checkouts keep the folder at the repository root.
    return package_dir.parent.parent / name


def bundled_routines_dir() -> Path:
    """The folder of routines that ship with stretchtui."""
    return _shipped_dir("routines")


def bundled_sounds_dir() -> Path:
    """The folder of cue sounds that ship with stretchtui."""
    return _shipped_dir("sounds")

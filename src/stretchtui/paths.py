"""Where stretchtui keeps things: config, data, and the files it ships.

Nothing here runs at import time; every location is computed when asked, so
tests (and `--config-dir` / `--data-dir`) can point them elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TYPE_CHECKING = False  # not typing's: importing typing would cost more than this module
if TYPE_CHECKING:
    from collections.abc import Mapping

APP_NAME = "stretchtui"
CONFIG_ENV = "STRETCHTUI_CONFIG_DIR"
DATA_ENV = "STRETCHTUI_DATA_DIR"
CACHE_ENV = "STRETCHTUI_CACHE_DIR"


class AppPaths:
    """The directories the app reads and writes, and what lives inside them.

    `cache_dir` holds only what can be made again (the routine cache); None keeps nothing.
    A plain class, not a dataclass: `list` and `show` must start without loading
    dataclasses (and the inspect module it brings).
    """

    __slots__ = ("cache_dir", "config_dir", "data_dir")

    def __init__(self, config_dir: Path, data_dir: Path, cache_dir: Path | None = None) -> None:
        self.config_dir = config_dir
        self.data_dir = data_dir
        self.cache_dir = cache_dir

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AppPaths) and (
            (self.config_dir, self.data_dir, self.cache_dir)
            == (other.config_dir, other.data_dir, other.cache_dir)
        )

    def __hash__(self) -> int:
        return hash((self.config_dir, self.data_dir, self.cache_dir))

    def __repr__(self) -> str:
        return (
            f"AppPaths(config_dir={self.config_dir!r}, data_dir={self.data_dir!r}, "
            f"cache_dir={self.cache_dir!r})"
        )

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
    config = config_dir or env.get(CONFIG_ENV) or linux_dir("XDG_CONFIG_HOME", "~/.config", env)
    data = data_dir or env.get(DATA_ENV) or linux_dir("XDG_DATA_HOME", "~/.local/share", env)
    if config is None or data is None:
        import platformdirs

        if config is None:
            config = platformdirs.user_config_dir(APP_NAME)
        if data is None:
            data = platformdirs.user_data_dir(APP_NAME)
    return AppPaths(
        config_dir=Path(config).expanduser(),
        data_dir=Path(data).expanduser(),
        cache_dir=Path(user_cache_dir(env)),
    )


def user_cache_dir(environ: Mapping[str, str]) -> str:
    """$STRETCHTUI_CACHE_DIR, else platformdirs' user cache folder."""
    override = environ.get(CACHE_ENV, "").strip()
    if override:
        return os.path.expanduser(override)
    found = linux_dir("XDG_CACHE_HOME", "~/.cache", environ)
    if found is not None:
        return found
    import platformdirs

    return platformdirs.user_cache_dir(APP_NAME)


def linux_dir(variable: str, default: str, environ: Mapping[str, str]) -> str | None:
    """platformdirs' folder for this app on Linux ($XDG_… or the default under the home),
    without importing it (that alone takes longer than Python's start-up); None elsewhere.
    Tests hold it to platformdirs' own answers."""
    if not sys.platform.startswith("linux"):
        return None
    base = environ.get(variable, "").strip() or os.path.expanduser(default)
    return os.path.join(base, APP_NAME)


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

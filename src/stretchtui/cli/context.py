"""What every subcommand gets: where things are, and where to print."""

from __future__ import annotations

import os
import sys
from functools import cached_property

from stretchtui.paths import AppPaths, bundled_routines_dir, resolve_paths
from stretchtui.textsafe import visible

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from rich.console import Console

    from stretchtui.catalog import Catalog, CatalogEntry

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class CliContext:
    """Rich is loaded only by a command that prints through `out` or `err`: on its own
    it takes several times as long to import as Python takes to start."""

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths

    @classmethod
    def from_args(cls, args: object) -> CliContext:
        paths = resolve_paths(
            getattr(args, "config_dir", None), getattr(args, "data_dir", None), os.environ
        )
        return cls(paths=paths)

    @cached_property
    def out(self) -> Console:
        return _console(stderr=False)

    @cached_property
    def err(self) -> Console:
        return _console(stderr=True)

    @cached_property
    def catalog(self) -> Catalog:
        from stretchtui.catalog import load_catalog

        return load_catalog(
            bundled_routines_dir(), self.paths.user_routines_dir, self.paths.cache_dir
        )

    def usable_routine(self, name: str, *, read: bool = True) -> CatalogEntry | None:
        """ROUTINE (an id or a path) ready to run; None, with the reason on stderr, if not.

        With `read` its plan is read from the file now (a cached entry's file may have
        changed since it was listed); without, the cached summary is enough."""
        from stretchtui.catalog import UnknownRoutine, resolve_routine

        try:
            entry = resolve_routine(name, self.catalog)
        except UnknownRoutine as error:
            self.error(str(error))
            return None
        if read:
            entry.plan  # noqa: B018 - reads the file, and finds its problems if it changed
        if entry.summary is None:
            for problem in entry.problems:
                print(visible(str(problem)), file=sys.stderr)
            return None
        return entry

    def error(self, message: str) -> None:
        """One plain line on stderr, prefixed so it is clear who is speaking."""
        print(f"stretchtui: {visible(message, keep_newlines=True)}", file=sys.stderr)


def add_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    """A subcommand that also takes --config-dir and --data-dir after its name."""
    from stretchtui.cli import add_location_options

    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_location_options(parser)
    return parser


def _console(*, stderr: bool) -> Console:
    """Rich's console on stdout or stderr; ASCII only where the terminal has no Unicode."""
    from rich.console import Console

    from stretchtui import glyphs

    if glyphs.current().unicode:
        return Console(stderr=stderr)
    stream = sys.stderr if stderr else sys.stdout
    return Console(file=glyphs.AsciiWriter(stream))  # type: ignore[arg-type]

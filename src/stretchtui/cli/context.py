"""What every subcommand gets: where things are, and where to print."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from rich.console import Console

from stretchtui.paths import AppPaths, bundled_routines_dir, resolve_paths
from stretchtui.textsafe import visible

if TYPE_CHECKING:
    from stretchtui.catalog import Catalog, CatalogEntry

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


@dataclass
class CliContext:
    paths: AppPaths
    out: Console = field(default_factory=lambda: Console())
    err: Console = field(default_factory=lambda: Console(stderr=True))

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        paths = resolve_paths(
            getattr(args, "config_dir", None), getattr(args, "data_dir", None), os.environ
        )
        return cls(paths=paths)

    @cached_property
    def catalog(self) -> Catalog:
        from stretchtui.catalog import load_catalog

        return load_catalog(bundled_routines_dir(), self.paths.user_routines_dir)

    def usable_routine(self, name: str) -> CatalogEntry | None:
        """ROUTINE (an id or a path) ready to run; None, with the reason on stderr, if not."""
        from stretchtui.catalog import UnknownRoutine, resolve_routine

        try:
            entry = resolve_routine(name, self.catalog)
        except UnknownRoutine as error:
            self.error(str(error))
            return None
        if entry.routine is None:
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

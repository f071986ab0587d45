"""The `stretchtui` executable: the quick commands answer at once, the rest go to the CLI.

A tmux status bar or a shell prompt runs `stretchtui status` every few seconds, and
`--version`, `list`, `show` and `stats` are typed and read at a glance: each should start in
about the time Python itself takes. Building the full command line (argparse and every
subcommand's options) costs nearly that much on its own, so this module reads the
common forms of those commands itself, and calls the same handlers the full command
line does. Anything else (help, a mistake, another command, an option it does not know)
goes to `stretchtui.cli`, which explains it.
"""

from __future__ import annotations

import os
import sys

LOCATION_OPTIONS = ("--config-dir", "--data-dir")
# command: (its flags, how many positional arguments it takes, the positionals' names)
QUICK_COMMANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "list": (("--json",), ()),
    "show": (("--json",), ("routine",)),
    "stats": (("--json",), ()),
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from stretchtui import __version__

        print(f"stretchtui {__version__}")
        return 0
    if not args:
        # Bare `stretchtui` is the menu: building the parser would load argparse and every
        # subcommand's module into the full screen's process for nothing (memory, start-up).
        from stretchtui.cli import run_handler

        return run_handler(QuickArguments("", {"command": None}))
    if args[:1] == ["status"]:
        code = _quick_status(args[1:])
        if code is not None:
            return code
    quick = quick_arguments(args)
    if quick is not None:
        import gc

        from stretchtui.cli import run_handler

        # A quick command makes its objects (a thousand routines' records) and exits:
        # the cycle collector would walk them again and again for nothing to free.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return run_handler(quick)
        finally:
            if collecting:
                gc.enable()
    from stretchtui.cli import main as cli_main

    return cli_main(args)


class QuickArguments:
    """What argparse would have made of a quick command's arguments (the same attributes)."""

    def __init__(self, command: str, values: dict[str, object]) -> None:
        self.command = command
        self.__dict__.update(values)


def quick_arguments(args: list[str]) -> QuickArguments | None:
    """`[--config-dir D] [--data-dir D] list|show|stats … [--json] [--config-dir D] [--data-dir D]`
    read without argparse; None for anything else (the full parser then handles it)."""
    values: dict[str, object] = {}
    rest = iter(args)
    command = None
    positionals: list[str] = []
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in LOCATION_OPTIONS:
            if not equals:
                value = next(rest, "")
            if not value:
                return None
            values[name[2:].replace("-", "_")] = value
        elif command is None:
            if arg not in QUICK_COMMANDS:
                return None
            command = arg
        elif arg in QUICK_COMMANDS[command][0]:
            values[arg[2:]] = True
        elif arg.startswith("-") or len(positionals) == len(QUICK_COMMANDS[command][1]):
            return None
        else:
            positionals.append(arg)
    if command is None:
        return None
    flags, names = QUICK_COMMANDS[command]
    if len(positionals) != len(names):
        return None
    for flag in flags:
        values.setdefault(flag[2:], False)
    values.update(zip(names, positionals, strict=True))
    if command == "stats":
        from stretchtui.cli.stats_cmd import show_stats

        values["handler"] = show_stats
    else:
        from stretchtui.cli import routines_cmd

        values["handler"] = {"list": routines_cmd.list_routines, "show": routines_cmd.show_routine}[
            command
        ]
    return QuickArguments(command, values)


def _quick_status(args: list[str]) -> int | None:
    """Print the status for `status [--format F] [--config-dir D] [--data-dir D]`; None if
    the arguments are anything else (the full parser then explains them)."""
    from stretchtui.reminders.status import FORMATS

    options = {"--format": "plain", "--data-dir": None, "--config-dir": None}
    rest = iter(args)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name not in options:
            return None
        if not equals:
            value = next(rest, "")
        if not value:
            return None
        options[name] = value
    if options["--format"] not in FORMATS:
        return None
    data_dir = (
        options["--data-dir"] or os.environ.get("STRETCHTUI_DATA_DIR") or linux_data_dir(os.environ)
    )
    if not data_dir:
        return None  # another platform's folder needs platformdirs: leave it to the CLI
    from stretchtui.reminders.status import print_status

    return print_status(data_dir, str(options["--format"]))


def linux_data_dir(environ: dict[str, str] | os._Environ[str]) -> str | None:
    """platformdirs' user data folder on Linux ($XDG_DATA_HOME or ~/.local/share), without
    importing it (that alone takes longer than Python's start-up); None elsewhere.
    A test holds it to platformdirs' own answer."""
    if not sys.platform.startswith("linux"):
        return None
    base = environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
    return os.path.join(base, "stretchtui")

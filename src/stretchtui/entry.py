"""The `stretchtui` executable: `status` answers at once, everything else goes to the CLI.

A tmux status bar or a shell prompt runs `stretchtui status` every few seconds,
so it must start about as fast as Python itself. The full command line loads
Rich and the routine loader; this module answers the common forms of `status`
without them and hands anything else (help, errors, other commands) to
`stretchtui.cli`, which knows `status` too.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["status"]:
        code = _quick_status(args[1:])
        if code is not None:
            return code
    from stretchtui.cli import main as cli_main

    return cli_main(args)


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


if __name__ == "__main__":
    sys.exit(main())

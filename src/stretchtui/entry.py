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
    import os

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
    data_dir = options["--data-dir"] or os.environ.get("STRETCHTUI_DATA_DIR")
    if not data_dir:
        return None  # the platform's folder needs platformdirs: leave it to the CLI
    return print_status(data_dir, str(options["--format"]))


def print_status(data_dir: str | os.PathLike[str], form: str) -> int:
    from datetime import datetime

    from stretchtui.reminders.status import read_status, render

    now = datetime.now().astimezone()
    line = render(read_status(os.path.expanduser(data_dir), now), form)
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

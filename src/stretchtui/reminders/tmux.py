"""Talking to the tmux server the person uses: run a command, find the client they type in."""

from __future__ import annotations

import shutil
import subprocess

TMUX_TIMEOUT = 2.0


class Tmux:
    """The tmux server `remind` can reach: the one it runs inside, else the default socket."""

    def __init__(self, executable: str | None = None) -> None:
        self.executable = executable or shutil.which("tmux")

    def run(self, args: list[str]) -> bool:
        return self.output(args) is not None

    def output(self, args: list[str]) -> str | None:
        """The command's output, or None if tmux is missing, failed or took too long."""
        if self.executable is None:
            return None
        try:
            result = subprocess.run(
                [self.executable, *args],
                capture_output=True,
                text=True,
                timeout=TMUX_TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None

    def active_client(self) -> str | None:
        """The attached client used most recently (where the person is), or None."""
        listing = self.output(["list-clients", "-F", "#{client_activity} #{client_name}"])
        if not listing:
            return None
        clients = []
        for line in listing.splitlines():
            activity, _, name = line.partition(" ")
            if name and activity.isdigit():
                clients.append((int(activity), name))
        return max(clients)[1] if clients else None

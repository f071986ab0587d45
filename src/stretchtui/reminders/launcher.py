"""Opening the session where the person is, when they pick Start.

Inside tmux: a popup over what they were doing (`display-popup -E`), or a new
window where popups are not supported. On a desktop: a new terminal window.
Neither types into another program; both run `stretchtui run ROUTINE`.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from typing import Protocol

from stretchtui.reminders.tmux import Tmux


class Launcher(Protocol):
    @property
    def name(self) -> str: ...

    def available(self) -> bool:
        """Whether it could open a session now."""
        ...

    def launch(self, argv: Sequence[str]) -> bool:
        """Start `argv` in front of the person; False if that did not work."""
        ...


class TmuxLauncher:
    name = "tmux popup"

    def __init__(self, tmux: Tmux) -> None:
        self.tmux = tmux

    def available(self) -> bool:
        return self.tmux.active_client() is not None

    def launch(self, argv: Sequence[str]) -> bool:
        client = self.tmux.active_client()
        if client is None:
            return False
        command = shlex.join(argv)
        popup = ["display-popup", "-c", client, "-E", "-w", "90%", "-h", "90%", command]
        if self.tmux.run(popup):
            return True
        # tmux before 3.2 has no popups: a new window in the client's session.
        session = self.tmux.output(["display-message", "-p", "-c", client, "#{session_name}"])
        target = ["-t", f"{session.strip()}:"] if session and session.strip() else []
        return self.tmux.run(["new-window", *target, "-n", "stretch", command])


class ChoosingLauncher:
    """tmux if someone is attached to it at the moment, else a terminal window if there is a
    desktop; chosen each time, since a tmux client can come and go while `remind` runs."""

    def __init__(self, tmux: TmuxLauncher, terminal: TerminalLauncher) -> None:
        self.tmux = tmux
        self.terminal = terminal

    @property
    def name(self) -> str:
        if self.tmux.available():
            return self.tmux.name
        return self.terminal.name if self.terminal.available() else "nothing"

    def available(self) -> bool:
        return self.tmux.available() or self.terminal.available()

    def launch(self, argv: Sequence[str]) -> bool:
        return self.tmux.launch(argv) or self.terminal.launch(argv)


# (program, the option that comes before the command it should run)
TERMINALS: tuple[tuple[str, str], ...] = (
    ("x-terminal-emulator", "-e"),
    ("gnome-terminal", "--"),
    ("konsole", "-e"),
    ("xfce4-terminal", "-x"),
    ("kitty", ""),
    ("alacritty", "-e"),
    ("foot", ""),
    ("wezterm", "start"),
    ("xterm", "-e"),
)


class TerminalLauncher:
    """A new window of the desktop's terminal."""

    name = "terminal window"

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.graphical = bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
        self.command = self._find(env.get("TERMINAL"))

    def available(self) -> bool:
        return self.graphical and self.command is not None

    def launch(self, argv: Sequence[str]) -> bool:
        if not self.available() or self.command is None:
            return False
        try:
            subprocess.Popen(
                [*self.command, *argv],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            return False
        return True

    @staticmethod
    def _find(preferred: str | None) -> list[str] | None:
        if preferred:
            path = shutil.which(preferred)
            if path:
                return [path, "-e"]
        for program, option in TERMINALS:
            path = shutil.which(program)
            if path:
                return [path, option] if option else [path]
        return None

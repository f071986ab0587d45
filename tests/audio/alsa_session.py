"""Run a routine through the real sound player, in a process of its own.

The ALSA tests start this script with HOME pointing at a folder whose .asoundrc
decides where sound goes (a file sink, or a card that does not exist), since
ALSA reads its configuration once per process. Prints one JSON line: which
player was chosen, its notice, and the wall-clock nanoseconds the session began.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from types import ModuleType

from stretchtui.audio import create_player
from stretchtui.audio.factory import import_simpleaudio
from stretchtui.clock import monotonic_clock
from stretchtui.config import Settings
from stretchtui.plan import build_plan
from stretchtui.routines.loader import load_routine
from stretchtui.session import Session


def no_simpleaudio() -> ModuleType | None:
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("routine", type=Path)
    parser.add_argument("--no-sound", action="store_true")
    parser.add_argument("--no-simpleaudio", action="store_true")
    parser.add_argument("--until", type=float, default=None, help="end the session after this")
    args = parser.parse_args(argv)

    player = create_player(
        Settings(volume=100),
        enabled=not args.no_sound,
        terminal=lambda: None,
        load_simpleaudio=no_simpleaudio if args.no_simpleaudio else import_simpleaudio,
    )
    session = Session(build_plan(load_routine(args.routine)), monotonic_clock)
    start_ns = time.time_ns()
    for cue in session.start():
        player.play(cue)
    # The loop a screen or plain mode runs: poll the engine, play what is due.
    while not session.is_finished:
        time.sleep(0.005)
        if args.until is not None and time.time_ns() - start_ns > args.until * 1e9:
            session.end()
        for cue in session.update():
            player.play(cue)
    player.close()
    print(json.dumps({"player": player.name, "notice": player.notice, "start_ns": start_ns}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

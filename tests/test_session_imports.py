"""What a full-screen session loads stays lean (issue 12: peak RSS in a session).

Peak memory is measured by `benchmarks/memory.py`, never asserted here; what is
pinned is what keeps it down: the TUI's modules and a session's services without
sound load no sound backend (outputs, ALSA through ctypes, the WAV reader), no
command-line parser, no web server and no reminder daemon.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Never needed on the way to a session's first frame, whatever its settings.
NEVER = (
    "argparse",
    "ctypes",
    "wave",
    "jsonschema",
    "aiohttp",
    "textual_serve",
    "jeepney",
    "desktop_notifier",
    "stretchtui.audio.alsa",
    "stretchtui.audio.outputs",
    "stretchtui.audio.cue_player",
    "stretchtui.web",
    "stretchtui.reminders.daemon",
)

PROBE = """
import json, sys
from pathlib import Path
from stretchtui.paths import AppPaths
from stretchtui.services import open_services
import stretchtui.tui.launch, stretchtui.tui.screens.session, stretchtui.tui.screens.summary
from stretchtui.audio import SoundPlayer, cues_are_visual
home = Path(sys.argv[1])
services = open_services(AppPaths(home / "c", home / "d", home / "cache"), sound=False)
assert not cues_are_visual(services.player)
print(json.dumps(sorted(sys.modules)))
"""


def loaded_for_a_silent_session(home: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(home)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_a_silent_session_loads_no_sound_backend_parser_or_server(tmp_path: Path) -> None:
    loaded = loaded_for_a_silent_session(tmp_path)
    heavy = {name for name in loaded if name in NEVER or name.split(".")[0] in NEVER}
    assert heavy == set()
    # The probe is real: the TUI and the history store (recording starts with the session).
    assert {"textual", "stretchtui.tui.screens.session", "sqlite3"} <= loaded


# The real command line up to the app's run(): when the app's module loads, its run()
# prints the loaded modules instead of taking over the terminal; the CLI is told it has one.
RUN_PROBE = """
import importlib.abc, importlib.machinery, json, sys
import stretchtui.fullscreen

stretchtui.fullscreen.plain_reason = lambda *args: None


class ReportAtRun(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "stretchtui.tui.app":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            module.StretchApp.run = report

        spec.loader.exec_module = exec_module
        return spec


def report(app):
    print(json.dumps(sorted(name for name, module in sys.modules.items() if module)))
    return 0


sys.meta_path.insert(0, ReportAtRun())
from stretchtui.entry import main

sys.exit(main(sys.argv[1:]))
"""

# Never in a full-screen process, whatever its settings: OpenSSL (TLS through asyncio, the
# digests of hashlib) is about 4 MB resident; the parser and the other subcommands of the
# bare `stretchtui` (the menu) about 2 MB.
NEVER_ON_SCREEN = ("ssl", "_ssl", "hashlib", "_hashlib")
NOT_FOR_THE_MENU = (
    "argparse",
    "stretchtui.cli.history_cmd",
    "stretchtui.cli.import_cmd",
    "stretchtui.cli.remind_cmd",
    "stretchtui.cli.resume_cmd",
    "stretchtui.cli.routines_cmd",
    "stretchtui.cli.run_cmd",
    "stretchtui.cli.serve_cmd",
)


def loaded_on_screen(isolated_dirs: dict[str, Path], *argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", RUN_PROBE, *argv], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    # The probe is real: the app's module and so Textual (with asyncio) were loaded.
    assert {"stretchtui.tui.app", "textual.app", "asyncio"} <= loaded
    return loaded


def test_the_menu_loads_no_openssl_parser_or_other_subcommand(
    isolated_dirs: dict[str, Path],
) -> None:
    loaded = loaded_on_screen(isolated_dirs)
    assert loaded & {*NEVER_ON_SCREEN, *NOT_FOR_THE_MENU} == set()


@pytest.mark.parametrize("argv", [["run", "desk-evening"], ["run", "beginner", "--no-sound"]])
def test_a_session_from_the_command_line_loads_no_openssl(
    isolated_dirs: dict[str, Path], argv: list[str]
) -> None:
    loaded = loaded_on_screen(isolated_dirs, *argv)
    assert "stretchtui.cli.run_cmd" in loaded
    assert loaded & set(NEVER_ON_SCREEN) == set()


def test_routine_digests_stay_the_files_sha256() -> None:
    import hashlib

    from stretchtui.paths import bundled_routines_dir
    from stretchtui.routines.loader import parse_routine
    from stretchtui.routines.model import Routine

    text = (bundled_routines_dir() / "beginner.yaml").read_bytes()
    routine = parse_routine(text, routine_id="beginner")
    assert isinstance(routine, Routine)
    assert routine.digest == hashlib.sha256(text).hexdigest()

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

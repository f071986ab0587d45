"""Plain mode stopped for real (SIGSTOP, as a closed lid does), then continued (SIGCONT).

An end-to-end test on a real clock: the program is frozen for 3.5 s mid-hold. It must
not pour out the cues it missed, and the record must count the gap as paused.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROUTINE = """\
name: Frozen hold
level: desk
summary: A short hold for the stop-and-continue test.
defaults: {prepare: 2s, breathing: {inhale: 1s, exhale: 1s}}
steps:
  - name: Reach
    hold: 6s
"""
FROZEN_FOR = 3.5
# With a cue due every second, a 3.5 s stop anywhere in the hold is at least 2.5 s late
# for one: past the 2 s that tell time away from a busy machine.


def test_sigstop_mid_hold_pauses_instead_of_replaying_and_records_the_gap(
    isolated_dirs: dict[str, Path], tmp_path: Path
) -> None:
    (isolated_dirs["config"] / "config.yaml").write_text("sound: off\n")
    routine = tmp_path / "frozen.yaml"
    routine.write_text(ROUTINE)
    process = subprocess.Popen(
        [sys.executable, "-m", "stretchtui", "run", str(routine), "--plain"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        while not any(line.startswith("[00:02] Hold Reach") for line in lines):
            line = process.stdout.readline()
            assert line, f"plain mode ended early: {lines}"
            lines.append(line.rstrip("\n"))
        process.send_signal(signal.SIGSTOP)
        time.sleep(FROZEN_FOR)
        process.send_signal(signal.SIGCONT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    lines += out.splitlines()
    assert process.returncode == 0, err
    assert "Traceback" not in err

    away = [line for line in lines if "Paused while away" in line]
    assert len(away) == 1, lines
    assert away[0].endswith("going on from where it stopped.")
    after = lines[lines.index(away[0]) + 1 :]
    cues = [line for line in after if line.startswith("[")]
    # Nothing missed is said in a burst as it wakes: the first cue after the notice
    # comes later than it, and each of the hold's cues is said once.
    assert cues and cues[0][:7] != away[0][:7], lines
    for said in ("Halfway there.", "3…", "Session complete. Well done."):
        assert sum(line.endswith(said) for line in lines) == 1, (said, lines)

    listing = subprocess.run(
        [sys.executable, "-m", "stretchtui", "history", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    [session] = json.loads(listing.stdout)
    assert session["status"] == "completed"
    assert session["paused_seconds"] >= FROZEN_FOR - 1
    assert session["active_seconds"] < 8 + 1.5

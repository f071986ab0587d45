"""`stretchtui run`: arguments, the plain mode end to end, and signals that end it cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import termios
import types
from pathlib import Path
from typing import Any

import pytest

from stretchtui.catalog import CatalogEntry
from stretchtui.cli import main
from stretchtui.services import Services


def run_command(*args: str, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stretchtui", "run", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def history() -> list[dict[str, Any]]:
    listed = subprocess.run(
        [sys.executable, "-m", "stretchtui", "history", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    sessions: list[dict[str, Any]] = json.loads(listed.stdout)
    return sessions


def _line_stamped_near(lines: list[str], expected: str) -> int | None:
    """Index of `expected`, or of the same text stamped one second later."""
    if expected in lines:
        return lines.index(expected)
    if not expected.startswith("[") or expected[6:8] != "] ":
        return None
    minutes, seconds = int(expected[1:3]), int(expected[4:6])
    later = minutes * 60 + seconds + 1
    late = f"[{later // 60:02d}:{later % 60:02d}]{expected[7:]}"
    return lines.index(late) if late in lines else None


def test_plain_run_prints_the_session_in_order_and_exits_0() -> None:
    done = run_command("desk-midday", "--plain", "--speed", "20", "--no-sound")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Mid-day: 1 stretch, 38 seconds"
    expected_in_order = [
        "[00:00] Get ready: Standing Torso Twist (RIGHT side).",
        "[00:05] Hold Standing Torso Twist (RIGHT side) for 15 seconds.",
        "[00:12] Halfway there.",
        "[00:20] Switch sides: LEFT side next.",
        "[00:23] Hold Standing Torso Twist (LEFT side) for 15 seconds.",
        "[00:38] Standing Torso Twist done.",
        "[00:38] Session complete. Well done.",
        "Session complete.",
        "Done: Standing Torso Twist",
        "Status: completed",
    ]
    # At 20x a real 50 ms of scheduling delay is a whole stamped second: a cue may be
    # stamped up to one second late on a busy machine, never early, and never out of order.
    positions = []
    for expected in expected_in_order:
        position = _line_stamped_near(lines, expected)
        assert position is not None, (expected, lines)
        positions.append(position)
    assert positions == sorted(positions)
    assert "Traceback" not in done.stderr
    [record] = history()
    # At --speed 20 it was a preview: recorded as one, never as a completed session.
    assert (record["routine_id"], record["status"]) == ("desk-midday", "preview")


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
)
def test_a_signal_ends_the_run_with_its_summary_and_no_traceback(signum: int, code: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "stretchtui", "run", "desk-midday", "--plain", "--no-sound"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        first = ""
        while not first.startswith("[00:00]"):
            first = child.stdout.readline()
            assert first, "the run ended before its first cue"
        child.send_signal(signum)
        out, err = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == code
    assert "Stopped." in out
    assert "Session ended early; what you did is saved." in out
    assert out.rstrip().endswith("Status: ended_early")
    assert "Traceback" not in out + err
    [record] = history()
    assert record["status"] == "ended_early"


def test_keys_from_a_terminal_pause_and_end_the_run() -> None:
    main_fd, child_fd = os.openpty()
    before = termios.tcgetattr(child_fd)
    child = subprocess.Popen(
        [sys.executable, "-m", "stretchtui", "run", "desk-midday", "--plain", "--no-sound"],
        stdin=child_fd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout = child.stdout
        assert stdout is not None
        seen: list[str] = []

        def read_until(text: str) -> None:
            while not seen or text not in seen[-1]:
                line = stdout.readline()
                assert line, f"the run ended before {text!r}: {seen}"
                seen.append(line)

        read_until("Keys: space pause/resume")
        read_until("[00:00]")
        os.write(main_fd, b" ")
        read_until("Paused. Press space to go on.")
        os.write(main_fd, b"q")
        read_until("(Enter skips)")
        os.write(main_fd, b"\n\n")  # skip both check-in questions
        out, err = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        after = termios.tcgetattr(child_fd)
        os.close(main_fd)
        os.close(child_fd)
    assert child.returncode == 0
    out = "".join(seen) + out
    assert "Ended." in out
    assert "Status: ended_early" in out
    assert out.rstrip().endswith("Check-in skipped.")
    assert "Traceback" not in err
    assert after == before


@pytest.mark.parametrize("speed", ["0", "-1", "101", "nan", "fast"])
def test_speed_out_of_range_is_a_usage_error(
    speed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "desk-midday", "--plain", "--speed", speed]) == 2
    err = capsys.readouterr().err
    assert "--speed" in err
    assert "Traceback" not in err


def test_unknown_routine_exits_1_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "desk-midady", "--plain"]) == 1
    err = capsys.readouterr().err
    assert "no routine called 'desk-midady'" in err
    assert "did you mean desk-midday?" in err


def test_broken_routine_file_exits_1_with_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "name: Broken\nlevel: desk\nsummary: s\nsteps:\n  - name: Fold\n    hold: -5\n"
    )
    assert main(["run", str(broken), "--plain"]) == 1
    captured = capsys.readouterr()
    assert "broken.yaml:6:" in captured.err
    assert "hold" in captured.err
    assert captured.out == ""


def test_without_plain_it_opens_the_full_screen_session_on_that_routine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[dict[str, Any]] = []

    def run_app(services: Services, catalog: object, *, start_routine: CatalogEntry) -> int:
        calls.append({"services": services, "entry": start_routine})
        return 0

    launch = types.ModuleType("stretchtui.tui.launch")
    launch.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "stretchtui.tui.launch", launch)
    # A terminal that takes the full screen (pytest's output is a pipe).
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert main(["run", "desk-midday", "--speed", "10", "--no-sound"]) == 0
    assert len(calls) == 1
    assert calls[0]["entry"].id == "desk-midday"
    assert calls[0]["services"].player.name == "silent"


def test_output_into_a_pipe_runs_plain_with_one_line_saying_so() -> None:
    done = run_command("desk-midday", "--speed", "50", "--no-sound")
    assert done.returncode == 0
    assert done.stderr.splitlines()[0] == (
        "stretchtui: plain mode, as the output is not a terminal."
    )
    assert "[00:00] Get ready: Standing Torso Twist (RIGHT side)." in done.stdout
    assert "\x1b" not in done.stdout


def test_plain_asked_for_says_nothing_about_choosing_it() -> None:
    done = run_command("desk-midday", "--plain", "--speed", "50", "--no-sound")
    assert done.returncode == 0
    assert "plain mode" not in done.stderr

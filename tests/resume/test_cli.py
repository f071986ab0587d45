"""`stretchtui resume` end to end: a real kill -9 mid-routine, then resume, then the history."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from stretchtui.cli import main
from stretchtui.clock import wall_clock
from stretchtui.history import open_store

# prepare 1 | hold 2 | rest 1 | prepare 1 | hold 2 | rest 1 | prepare 1 | hold 2: 11 s.
QUICK = """
name: Quick test
level: desk
summary: Three short holds.
defaults: {prepare: 1s, rest: 1s}
steps:
  - name: Reach
    hold: 2s
  - name: Bridge
    hold: 2s
  - name: Fold
    hold: 2s
"""


@pytest.fixture
def quick(isolated_dirs: dict[str, Path]) -> Path:
    folder = isolated_dirs["config"] / "routines"
    folder.mkdir()
    path = folder / "quick.yaml"
    path.write_text(QUICK, encoding="utf-8")
    return path


def stretchtui(
    *args: str, timeout: float = 30.0, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stretchtui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        **({"stdin": subprocess.DEVNULL} | kwargs),
    )


def history_json() -> list[dict[str, Any]]:
    listed = stretchtui("history", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    sessions: list[dict[str, Any]] = json.loads(listed.stdout)
    return sessions


def segment_rows(history: Path) -> int:
    db = sqlite3.connect(f"{history.as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        return int(db.execute("SELECT count(*) FROM segments").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet
    finally:
        db.close()


def kill_during(text: str, *args: str, recorded: int, history: Path) -> None:
    """Start `run ... --plain`; once it prints a line containing `text` and has recorded
    `recorded` segment runs, kill -9 it."""
    child = subprocess.Popen(
        [sys.executable, "-m", "stretchtui", "run", *args, "--plain", "--no-sound"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        seen: list[str] = []
        while not seen or text not in seen[-1]:
            line = child.stdout.readline()
            assert line, f"the run ended before {text!r}: {seen}"
            seen.append(line)
        # The run records each segment as it ends, on its writer thread: wait for the row.
        deadline = time.monotonic() + 10
        while segment_rows(history) < recorded and time.monotonic() < deadline:
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL


def test_resume_after_kill_9_finishes_the_same_session(
    quick: Path, isolated_dirs: dict[str, Path]
) -> None:
    history = isolated_dirs["data"] / "history.sqlite3"
    kill_during("Hold Bridge", "quick", recorded=4, history=history)
    resumed = stretchtui("resume", "--plain", "--no-sound")
    assert resumed.returncode == 0, resumed.stderr
    lines = resumed.stdout.splitlines()
    assert lines[0].startswith("Resuming Quick test from stretch 2 of 3 (Bridge), stopped ")
    assert "[00:00] Get ready: Bridge." in lines
    assert not any("Reach" in line for line in lines[1:-6])  # not done again
    assert "Status: completed" in lines
    assert "Done: Reach, Bridge, Fold" in lines

    [record] = history_json()
    assert record["status"] == "completed" and record["routine_id"] == "quick"
    # Reach's 1 + 2 + 1, and Bridge's prepare before the kill; Bridge and Fold after it.
    assert 5 + 7 - 0.5 < record["active_seconds"] < 5 + 7 + 1.5
    store = open_store(history)
    detail = store.session_detail(record["id"])
    store.close()
    assert detail is not None
    parts = [(segment.kind, segment.name) for segment in detail.segments]
    assert parts == [
        ("prepare", "Reach"),
        ("hold", "Reach"),
        ("rest", "Rest"),
        ("prepare", "Bridge"),  # the first part ends here: killed in Bridge's hold
        ("prepare", "Bridge"),  # the second part starts the stretch again
        ("hold", "Bridge"),
        ("rest", "Rest"),
        ("prepare", "Fold"),
        ("hold", "Fold"),
    ]
    again = stretchtui("resume", "--plain")
    assert again.returncode == 1
    assert "nothing to resume" in again.stderr


def test_nothing_to_resume_says_so_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resume", "--plain", "--no-sound"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("stretchtui: nothing to resume: no session was interrupted or ended ")
    assert "stretchtui run ROUTINE" in err


def test_resume_takes_the_options_of_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resume", "--speed", "0"]) == 2
    assert "--speed" in capsys.readouterr().err


def stop_early(isolated_dirs: dict[str, Path], quick: Path, ago: timedelta) -> str:
    """Record a session of `quick` that ended early in Bridge's hold, `ago` before now."""
    from stretchtui.plan import build_plan
    from stretchtui.routines import load_routine

    from .helpers import run_part

    store = open_store(isolated_dirs["data"] / "history.sqlite3")
    plan = build_plan(load_routine(quick, "quick"))
    session = run_part(store, plan, wall_clock() - ago, segments=4, then="end", into_next=1)
    store.close()
    return session.session_id


def test_a_changed_routine_hands_free_is_not_resumed_and_says_how_to_start_over(
    quick: Path, isolated_dirs: dict[str, Path]
) -> None:
    session_id = stop_early(isolated_dirs, quick, timedelta(minutes=5))
    quick.write_text(QUICK.replace("Fold\n    hold: 2s", "Fold\n    hold: 3s"), encoding="utf-8")
    done = stretchtui("resume", "--plain", "--no-sound")
    assert done.returncode == 1
    assert "Quick test has changed since you stopped" in done.stderr
    assert "can't be picked up where it was" in done.stderr
    assert "To start it over: stretchtui run quick" in done.stderr
    assert done.stdout == ""
    [record] = history_json()
    assert record["id"] == session_id and record["status"] == "ended_early"


def answer_on_a_terminal(answer: bytes) -> tuple[int, str]:
    """Run `resume --plain` with a terminal as stdin, answer its question; (exit code, output)."""
    main_fd, child_fd = os.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "stretchtui", "resume", "--plain", "--no-sound"],
        stdin=child_fd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert child.stdout is not None
        question = ""
        while "Start it over from the beginning? [y/N]" not in question:
            char = child.stdout.read(1)
            assert char, f"no question asked: {question!r}"
            question += char
        os.write(main_fd, answer)
        # A session that runs ends with the check-in; Enter skips both of its questions.
        after = ""
        while not after.endswith("(Enter skips)\n"):
            char = child.stdout.read(1)
            if not char:
                break
            after += char
        else:
            os.write(main_fd, b"\n\n")
        question += after
        out, _ = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(main_fd)
        os.close(child_fd)
    return child.returncode, question + out


def test_a_changed_routine_on_a_terminal_starts_over_when_the_person_agrees(
    quick: Path, isolated_dirs: dict[str, Path]
) -> None:
    old = stop_early(isolated_dirs, quick, timedelta(hours=2))
    quick.write_text(QUICK.replace("Fold\n    hold: 2s", "Fold\n    hold: 3s"), encoding="utf-8")
    code, out = answer_on_a_terminal(b"y\n")
    assert code == 0, out
    assert "Quick test has changed since you stopped" in out
    assert "Quick test: 3 stretches, 12 seconds" in out
    assert "[00:00] Get ready: Reach." in out  # from the beginning
    assert "Status: completed" in out
    fresh, stopped = history_json()
    assert stopped["id"] == old and stopped["status"] == "ended_early"
    assert fresh["id"] != old and fresh["status"] == "completed"


def test_a_changed_routine_on_a_terminal_starts_nothing_when_the_person_declines(
    quick: Path, isolated_dirs: dict[str, Path]
) -> None:
    stop_early(isolated_dirs, quick, timedelta(hours=2))
    quick.write_text(QUICK.replace("Fold\n    hold: 2s", "Fold\n    hold: 3s"), encoding="utf-8")
    code, out = answer_on_a_terminal(b"n\n")
    assert code == 0
    assert "Nothing started." in out
    assert len(history_json()) == 1


def test_a_routine_file_gone_cannot_be_resumed(
    quick: Path, isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    stop_early(isolated_dirs, quick, timedelta(minutes=1))
    quick.unlink()
    assert main(["resume", "--plain", "--no-sound"]) == 1
    err = capsys.readouterr().err
    assert "cannot resume Quick test: its routine file" in err
    assert "quick.yaml) is gone or has errors now" in err


def test_resume_at_a_speed_previews_the_rest_and_keeps_the_session_to_resume(
    quick: Path, isolated_dirs: dict[str, Path]
) -> None:
    session_id = stop_early(isolated_dirs, quick, timedelta(minutes=10))
    preview = stretchtui("resume", "--plain", "--no-sound", "--speed", "50")
    assert preview.returncode == 0, preview.stderr
    lines = preview.stdout.splitlines()
    assert lines[0].startswith("Resuming Quick test from stretch 2 of 3 (Bridge)")
    assert "Note: --speed 50 only previews the rest; the stopped session is kept" in lines[2]
    assert "[00:00] Get ready: Bridge." in lines
    records = {record["id"]: record for record in history_json()}
    assert records.pop(session_id)["status"] == "ended_early"
    [(_, shown)] = records.items()
    assert shown["status"] == "preview"
    # The preview is never offered; the stopped session still is, and goes on for real.
    resumed = stretchtui("resume", "--plain", "--no-sound")
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.startswith("Resuming Quick test from stretch 2 of 3 (Bridge)")
    statuses = {record["id"]: record["status"] for record in history_json()}
    assert statuses[session_id] == "completed"
    assert sorted(statuses.values()) == ["completed", "preview"]


def test_resume_into_a_pipe_goes_plain_by_itself_and_says_so(
    quick: Path, isolated_dirs: dict[str, Path]
) -> None:
    history = isolated_dirs["data"] / "history.sqlite3"
    kill_during("Hold Bridge", "quick", recorded=4, history=history)
    resumed = stretchtui("resume", "--no-sound")  # no --plain: its output is a pipe
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stderr.splitlines()[0] == (
        "stretchtui: plain mode, as the output is not a terminal."
    )
    assert "[00:00] Get ready: Bridge." in resumed.stdout.splitlines()
    assert "Status: completed" in resumed.stdout.splitlines()

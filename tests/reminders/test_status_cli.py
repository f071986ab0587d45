"""`stretchtui status` (quick path and full CLI alike), `remind --install`, `remind --once`."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from stretchtui.cli import main as cli_main
from stretchtui.entry import main
from stretchtui.reminders import command
from stretchtui.reminders.state import REMIND_FILE, SESSIONS_FILE, state_file, write_state


def seed(data: Path, **remind: object) -> None:
    now = datetime.now().astimezone()
    write_state(
        state_file(data, REMIND_FILE),
        {
            "pid": os.getpid(),
            "phase": "working",
            "due_at": (now + timedelta(minutes=12, seconds=5)).isoformat(),
        }
        | remind,
    )
    write_state(
        state_file(data, SESSIONS_FILE),
        {
            "date": now.date().isoformat(),
            "minutes": 6.2,
            "streak": 3,
            "streak_alive_until": (now.date() + timedelta(days=1)).isoformat(),
        },
    )


@pytest.mark.parametrize("entry", [main, cli_main], ids=["quick", "full"])
def test_plain_status_line(
    entry: object, isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    seed(isolated_dirs["data"])
    assert callable(entry) and entry(["status"]) == 0
    assert capsys.readouterr().out == "stretch in 13m · 6 min today · 3-day streak\n"


def test_due_reminder_in_tmux_format_is_bold_and_escapes_formats(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    seed(
        isolated_dirs["data"],
        phase="showing",
        routine_id="mine",
        routine_name="#(rm -rf ~) #[fg=red]\x1b]0;pwned\x07",
        routine_seconds=90,
    )
    assert main(["status", "--format", "tmux"]) == 0
    assert capsys.readouterr().out == (
        "#[bold]time to stretch: ##(rm -rf ~) ##[fg=red]\\x1b]0;pwned\\x07 (1m30s)"
        " · 6 min today · 3-day streak#[default]\n"
    )


def test_json_format(isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    seed(
        isolated_dirs["data"],
        phase="showing",
        routine_id="desk-midday",
        routine_name="Mid-day desk twist",
        routine_seconds=38,
    )
    assert main(["status", "--format=json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["line"] == "time to stretch: Mid-day desk twist (38s) · 6 min today · 3-day streak"
    assert data["due"] is True and data["routine_id"] == "desk-midday"
    assert data["today_minutes"] == 6.2 and data["streak"] == 3


def test_remind_not_running_leaves_only_today(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    seed(isolated_dirs["data"], pid=2**22 + 5)
    assert main(["status"]) == 0
    assert capsys.readouterr().out == "6 min today · 3-day streak\n"


def test_no_state_or_garbage_state(
    isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status"]) == 0
    assert capsys.readouterr().out == "no stretch yet today\n"
    folder = isolated_dirs["data"] / "status"
    folder.mkdir()
    (folder / SESSIONS_FILE).write_bytes(b"\xff\x00minutes=lots\nstreak=1e400\ndate=yesterday\n")
    (folder / REMIND_FILE).write_bytes(b"x" * 20000)
    assert main(["status"]) == 0
    assert capsys.readouterr().out == "no stretch yet today\n"


def test_bad_format_is_a_usage_error_from_the_full_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["status", "--format", "html"]) == 2
    assert "invalid choice: 'html'" in capsys.readouterr().err


def test_install_without_systemd_says_how_to_run_remind(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(command, "systemd_running", lambda: False)
    assert main(["remind", "--install"]) == 0
    out = capsys.readouterr().out
    assert "does not run systemd" in out
    assert " remind --config-dir " in out


def test_install_writes_a_user_unit_and_prints_the_command(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    isolated_dirs: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(command, "systemd_running", lambda: True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert main(["remind", "--install"]) == 0
    out = capsys.readouterr().out
    unit = tmp_path / "xdg" / "systemd" / "user" / "stretchtui-remind.service"
    text = unit.read_text()
    assert "ExecStart=" in text and f"--data-dir {isolated_dirs['data']}" in text
    assert "systemctl --user enable --now stretchtui-remind.service" in out


def test_install_into_an_unwritable_place_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(command, "systemd_running", lambda: True)
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    assert main(["remind", "--install"]) == 1
    assert "stretchtui: cannot write " in capsys.readouterr().err


def test_remind_once_decides_and_exits(
    monkeypatch: pytest.MonkeyPatch,
    isolated_dirs: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'none'}")
    monkeypatch.setenv("PATH", str(tmp_path))  # no tmux, no terminals
    (isolated_dirs["config"] / "config.yaml").write_text(
        'reminders:\n  work_hours: "00:00-24:00"\n  days: mon-sun\n'
    )
    assert main(["remind", "--once"]) == 0
    assert "time to stretch" not in capsys.readouterr().out
    from stretchtui.reminders.state import read_state

    state = read_state(state_file(isolated_dirs["data"], REMIND_FILE))
    assert state["phase"] == "working" and "valid_until" in state
    write_state(
        state_file(isolated_dirs["data"], REMIND_FILE),
        state | {"work_seconds": 3000},
    )
    assert main(["remind", "--once"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("time to stretch: ")
    assert re.search(r" — run: \S*(stretchtui|python\S* -m stretchtui) run desk-", out)

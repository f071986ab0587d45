"""`stretchtui serve` in a real browser: Debian's headless Chromium through selenium.

The menu renders, keys start a short desk routine that runs to the summary, the
check-in answered by keys lands in `history --format json`, the page is asked to
play the cue sounds, the token keeps out every request without it, and stopping
the server ends an open session as "ended early" within two seconds.

Set STRETCHTUI_SCREENSHOTS=DIR to keep the screenshots (docs/ has the README's).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytest.importorskip("selenium", reason="selenium is in the dev extra (scripts/setup installs it)")

from .browser import Browser, Served, chromium_paths, serve_env, stretchtui_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        chromium_paths() is None,
        reason="chromium and chromedriver are not installed (scripts/setup installs them)",
    ),
]

LOADED = 60.0
"""Seconds a step may take on a loaded machine (CI, or cores shared) before the test fails."""

QUICK_ROUTINE = """\
name: Quick browser check
level: desk
summary: A few seconds of neck tilts, to check the app in a browser.
defaults: {prepare: 1s, rest: 1s, switch: 1s}
steps:
  - name: Neck Tilt
    how: Tilt your head gently towards one shoulder, then the other.
    areas: [neck]
    position: seated
    hold: 2s
    sides: [right, left]
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    opened = Browser()
    yield opened
    opened.close()


@pytest.fixture
def page(browser: Browser) -> Browser:
    browser.driver.delete_all_cookies()
    browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return browser


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    kept = os.environ.get("STRETCHTUI_SCREENSHOTS")
    return Path(kept) if kept else tmp_path / "screenshots"


@pytest.fixture
def dirs(isolated_dirs: dict[str, Path]) -> dict[str, Path]:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "quick-desk.yaml").write_text(QUICK_ROUTINE)
    return isolated_dirs


def serve(dirs: dict[str, Path], *args: str) -> Served:
    return Served(["--port", "0", *args], serve_env(dirs["config"], dirs["data"]))


@pytest.fixture
def open_servers() -> Iterator[list[Served]]:
    servers: list[Served] = []
    yield servers
    for served in servers:
        served.stop()


def history(dirs: dict[str, Path]) -> list[dict[str, Any]]:
    listed = subprocess.run(
        [*stretchtui_command(), "history", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        env=serve_env(dirs["config"], dirs["data"]),
    )
    sessions = json.loads(listed.stdout)
    assert isinstance(sessions, list)
    return sessions


def answered(dirs: dict[str, Path]) -> str | None:
    """The feeling the first session in the history was given (None: none yet)."""
    sessions = history(dirs)
    return str(sessions[0]["feeling"]) if sessions and sessions[0]["feeling"] else None


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def websocket_status(url: str, path: str, headers: dict[str, str] | None = None) -> int:
    """The status of a WebSocket handshake on `path` (101 when the socket opens)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        connection.request(
            "GET",
            path,
            headers={
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                **(headers or {}),
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_desk_session_in_the_page_runs_to_summary_and_check_in_is_in_history(
    dirs: dict[str, Path], page: Browser, open_servers: list[Served], screenshots: Path
) -> None:
    served = serve(dirs, "--host", "0.0.0.0")
    open_servers.append(served)
    assert "?token=" in served.url
    page.open(served.url)
    page.wait_for("Beginner back routine", timeout=LOADED)
    menu = page.wait_for("Sounds play here, not on the server.")
    assert "Quick browser check" in menu
    page.screenshot(screenshots / "serve-menu.png")

    page.press("\ue010")  # End: the last routine, ours (Your routines come last)
    page.wait_for("A few seconds of neck tilts")
    page.press("\n")
    # The stage word is in block letters on a page this size: the hold's reminder tells it.
    hold = page.wait_until(lambda s: "bouncing" in s.lower(), LOADED, "the hold")
    assert "Neck Tilt" in hold
    page.screenshot(screenshots / "serve-hold.png")

    summary = page.wait_for("Session complete", timeout=LOADED)
    assert "Stretches done" in summary
    # The page was asked to play the session's sounds, ending with the chord.
    cues = page.cues()
    assert "start" in cues
    assert cues[-1] == "done"
    # And played them: the keys allowed sound, and the files came through the token's cookie.
    page.wait_until(lambda _: "done" in page.played(), LOADED, "the page to play the chord")
    assert "start" in page.played()
    page.wait_for("Done")
    page.press("1", "n")
    page.screenshot(screenshots / "serve-summary.png")
    page.press("d")
    page.wait_for("Beginner back routine")

    (session,) = history(dirs)
    assert session["routine_id"] == "quick-desk"
    assert session["status"] == "completed"
    assert session["feeling"] == "better"
    assert session["warning_signs"] is False


def test_on_a_phone_the_page_is_a_narrow_terminal_worked_by_taps(
    dirs: dict[str, Path], page: Browser, open_servers: list[Served], screenshots: Path
) -> None:
    # A hold long enough for the tap on Pause to land in it on a loaded machine.
    (dirs["config"] / "routines" / "quick-desk.yaml").write_text(
        QUICK_ROUTINE.replace("hold: 2s", "hold: 8s")
    )
    served = serve(dirs)
    open_servers.append(served)
    page.resize(412, 915)
    page.open(served.url)
    page.wait_for("Beginner back routine", timeout=LOADED)
    menu = page.wait_for("Sounds play here, not on the server.")
    width = max(len(line) for line in menu.splitlines())
    assert 38 <= width <= 50, f"a phone's page should be about 40 columns, got {width}"
    page.screenshot(screenshots / "serve-phone-menu.png")

    # No keyboard: a tap on a routine starts it; the footer's keys and the check-in's
    # buttons are tapped too.
    page.tap("Quick browser check")
    page.wait_until(lambda s: "bouncing" in s.lower(), LOADED, "the hold")
    page.screenshot(screenshots / "serve-phone-hold.png")
    page.tap("Pause")
    # PAUSED shows at once; the footer offers Resume a frame later.
    page.wait_until(lambda s: "PAUSED" in s and "Resume" in s, LOADED, "the pause")
    page.tap("Resume")
    page.wait_for("Session complete", timeout=LOADED)
    page.tap("Worse")
    page.tap("No")
    page.wait_until(lambda _: answered(dirs) == "worse", LOADED, "the check-in")
    (session,) = history(dirs)
    assert session["status"] == "completed"
    assert session["paused_seconds"] > 0
    assert session["warning_signs"] is False


def test_without_the_token_every_request_gets_403(
    dirs: dict[str, Path], open_servers: list[Served]
) -> None:
    served = serve(dirs, "--host", "0.0.0.0")
    open_servers.append(served)
    good = served.url
    token = good.split("?token=", 1)[1]
    base = good.split("?", 1)[0]
    assert len(token) >= 16

    for path in ("", "static/js/textual.js", "page/stretchtui.js", "sounds/start.wav", "ws"):
        assert status_of(base + path) == 403, path
    assert status_of(base + "?token=" + "x" * len(token)) == 403
    assert websocket_status(base, "/ws") == 403
    assert websocket_status(base, "/ws?token=wrong-token-wrong-token") == 403

    assert status_of(good) == 200
    assert status_of(base + "static/js/textual.js?token=" + token) == 200
    cookie = {"Cookie": f"stretchtui_token={token}"}
    assert status_of(base + "sounds/start.wav", cookie) == 200
    assert websocket_status(base, "/ws", cookie) == 101
    # A page on another site cannot open the socket, token cookie or not.
    assert websocket_status(base, "/ws", {**cookie, "Origin": "http://evil.example"}) == 403


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_the_server_ends_an_open_session_early_within_two_seconds(
    signum: int, dirs: dict[str, Path], page: Browser, open_servers: list[Served]
) -> None:
    served = serve(dirs)
    open_servers.append(served)
    assert "token" not in served.url
    page.open(served.url)
    page.wait_for("Beginner back routine", timeout=LOADED)
    page.press("\n")  # the beginner routine: fifteen minutes, so it is surely running
    page.wait_for("WARM-UP")
    (running,) = history(dirs)
    assert running["status"] == "in_progress"

    took = served.stop(signum)
    assert took < 2.0, f"the server took {took:.2f}s to stop"
    assert served.process.returncode == 0
    (ended,) = history(dirs)
    assert ended["status"] == "ended_early"
    assert ended["routine_id"] == "beginner"

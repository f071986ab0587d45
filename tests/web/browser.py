"""A real browser on a served app: `stretchtui serve` in a subprocess, Debian's headless Chromium.

The page draws the terminal on a canvas, so the test reads the screen through
xterm.js's own buffer API: a script injected before the page's scripts keeps a
reference to each terminal textual.js makes (test-only; the product page has no
such hook).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
KEEP_TERMINALS = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    window.__terminals.push(value);
  },
});
"""
READ_SCREEN = """
const terminal = window.__terminals && window.__terminals[0];
if (!terminal) { return null; }
const buffer = terminal.buffer.active;
const lines = [];
for (let row = 0; row < terminal.rows; row++) {
  const line = buffer.getLine(buffer.viewportY + row);
  lines.push(line ? line.translateToString(true) : "");
}
return lines.join("\\n");
"""
URL = re.compile(r"https?://\S+")


def chromium_paths() -> tuple[str, str] | None:
    """Debian's chromium and chromedriver, if both are installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        return None
    return browser, driver


def stretchtui_command() -> list[str]:
    script = Path(sys.executable).with_name("stretchtui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "stretchtui"]


class Served:
    """`stretchtui serve ...` running in the background; its printed addresses."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str]) -> None:
        self.process = subprocess.Popen(
            [*stretchtui_command(), "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(env),
        )
        self.output: list[str] = []
        self.urls: dict[str, str] = {}
        assert self.process.stdout is not None
        deadline = time.monotonic() + 20
        for line in self.process.stdout:
            self.output.append(line)
            found = URL.search(line)
            if found:
                self.urls[line.split(":", 1)[0].strip()] = found.group(0)
            if line.startswith("Ctrl+C") or time.monotonic() > deadline:
                break
        # Keep reading, so a chatty server never blocks on a full pipe.
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()
        if not self.urls:
            self.stop()
            raise AssertionError("serve printed no address:\n" + "".join(self.output))

    def _drain(self) -> None:
        assert self.process.stdout is not None
        with contextlib.suppress(ValueError, OSError):
            for line in self.process.stdout:
                self.output.append(line)

    @property
    def url(self) -> str:
        """The address for this machine."""
        return self.urls.get("On this machine") or self.urls["Open"]

    def stop(self, signum: int = signal.SIGTERM) -> float:
        """Send `signum` and wait for the exit; returns the seconds it took."""
        started = time.monotonic()
        if self.process.poll() is None:
            self.process.send_signal(signum)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        took = time.monotonic() - started
        self._reader.join(timeout=5)
        return took


class Browser:
    """Headless Chromium through chromedriver, with a fresh profile."""

    def __init__(self, width: int = 1280, height: int = 800) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service

        paths = chromium_paths()
        assert paths is not None
        browser, driver = paths
        self.profile = tempfile.mkdtemp(prefix="stretchtui-chromium-")
        options = Options()
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.binary_location = browser
        self.driver: Any = webdriver.Chrome(options=options, service=Service(driver))
        self.driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINALS}
        )

    def open(self, url: str) -> None:
        self.driver.get(url)

    def resize(self, width: int, height: int) -> None:
        """Emulate a device of this size (CSS pixels), as a phone's browser lays out."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
        )

    def screen(self) -> str:
        """The terminal's text as shown, one line per row ('' before it exists)."""
        return str(self.driver.execute_script(READ_SCREEN) or "")

    def wait_until(self, check: Callable[[str], bool], timeout: float, what: str) -> str:
        deadline = time.monotonic() + timeout
        shown = self.screen()
        while not check(shown):
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} after {timeout:g}s; the page shows:\n{shown}")
            time.sleep(0.1)
            shown = self.screen()
        return shown

    def wait_for(self, text: str, timeout: float = 30) -> str:
        return self.wait_until(lambda shown: text in shown, timeout, repr(text))

    def press(self, *keys: str) -> None:
        """Type into the terminal, as a person at the page's keyboard."""
        from selenium.webdriver.common.by import By

        area = self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
        for key in keys:
            area.send_keys(key)
            time.sleep(0.05)

    def tap(self, text: str) -> None:
        """Click (a phone: tap) the middle of the first place the screen shows `text`."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By

        lines = self.screen().splitlines()
        row = next((i for i, line in enumerate(lines) if text in line), None)
        assert row is not None, f"{text!r} is not on the page:\n" + "\n".join(lines)
        column = lines[row].index(text) + len(text) / 2
        canvas = self.driver.find_element(By.CSS_SELECTOR, ".xterm-screen")
        width, height = canvas.rect["width"], canvas.rect["height"]
        cell_width = width / max(len(line) for line in lines)
        cell_height = height / len(lines)
        # Offsets are from the element's centre.
        x = column * cell_width - width / 2
        y = (row + 0.5) * cell_height - height / 2
        ActionChains(self.driver).move_to_element_with_offset(
            canvas, int(x), int(y)
        ).click().perform()

    def cues(self) -> list[str]:
        """The cue sounds the page was asked to play, oldest first."""
        return list(self.driver.execute_script("return window.stretchtuiCues || []"))

    def played(self) -> list[str]:
        """The cue sounds the page did play (fetched, decoded and started), oldest first."""
        return list(self.driver.execute_script("return window.stretchtuiPlayed || []"))

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


def serve_env(config: Path, data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["STRETCHTUI_CONFIG_DIR"] = str(config)
    env["STRETCHTUI_DATA_DIR"] = str(data)
    return env

"""CPU and memory of `stretchtui remind` left running with nothing to do.

Starts `stretchtui remind` (the real clock, the real adapters) with its own
config and data folders: work hours all day, every day, and a reminder every
24 hours, so for the whole window it is counting work time and looking around
every 30 s, the busiest idle state it has. When `dbus-daemon` is installed it
gets a private session bus (with no notification server or idle monitor on it,
so it also pays for asking). After 5 s to settle, the process's user + system
CPU time is read before and after the window, then its resident memory; then it
is sent SIGTERM and the time it takes to exit is measured.

    .venv/bin/python benchmarks/remind_idle.py [--seconds 600]

Target: at most 0.1 % of one core.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from terminal import cpu_seconds, status_kib, stretchtui_command

TARGET_PERCENT = 0.1
SETTLE = 5.0


def start_bus(env: dict[str, str]) -> subprocess.Popen[str] | None:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        return None
    bus = subprocess.Popen(
        [daemon, "--session", "--print-address", "--nofork", "--nopidfile"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    return bus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument(
        "--with-server",
        action="store_true",
        help="put the tests' notification server on the private bus (a desktop's setup)",
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="remind-bench-"))
    config, data = folder / "config", folder / "data"
    config.mkdir()
    (config / "config.yaml").write_text(
        'reminders:\n  every: 24h\n  work_hours: "00:00-24:00"\n  days: mon-sun\n'
    )
    env = dict(os.environ, STRETCHTUI_CONFIG_DIR=str(config), STRETCHTUI_DATA_DIR=str(data))
    env.pop("TMUX", None)
    bus = start_bus(env)
    server = None
    if args.with_server and bus is not None:
        from tests.reminders.notification_server import NotificationServer

        server = NotificationServer(env["DBUS_SESSION_BUS_ADDRESS"])
        server.start()
    remind = subprocess.Popen(
        [*stretchtui_command(), "remind"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(SETTLE)
        before = cpu_seconds(remind.pid)
        started = time.monotonic()
        time.sleep(args.seconds)
        used = cpu_seconds(remind.pid) - before
        window = time.monotonic() - started
        rss, peak = status_kib(remind.pid, "VmRSS"), status_kib(remind.pid, "VmHWM")
        stop = time.monotonic()
        remind.send_signal(signal.SIGTERM)
        remind.wait(timeout=10)
        exit_seconds = time.monotonic() - stop
    finally:
        if remind.poll() is None:
            remind.kill()
            remind.wait()
        if server is not None:
            server.stop.set()
        if bus is not None:
            os.killpg(bus.pid, signal.SIGTERM)
            bus.wait()
        shutil.rmtree(folder, ignore_errors=True)
    assert remind.stderr is not None
    log = remind.stderr.read().strip().splitlines()
    percent = 100 * used / window
    verdict = "meets" if percent <= TARGET_PERCENT else "misses"
    print("remind says: " + " | ".join(line.split(" ", 1)[-1] for line in log[:2]))
    print(f"private session bus: {'yes' if bus is not None else 'no (dbus-daemon missing)'}")
    if server is not None:
        calls = sorted({line.split("(")[0][3:] for line in server.transcript if line[:2] == "<-"})
        print(f"the notification server was asked: {', '.join(calls)}")
    print(f"CPU {used:.2f} s in {window:.0f} s idle = {percent:.3f} % of a core")
    print(f"resident memory {rss / 1024:.1f} MB (peak {peak / 1024:.1f} MB)")
    print(f"SIGTERM to exit: {exit_seconds * 1000:.0f} ms (exit status {remind.returncode})")
    print(f"{verdict} the target of at most {TARGET_PERCENT} % of a core")
    return 0


if __name__ == "__main__":
    sys.exit(main())

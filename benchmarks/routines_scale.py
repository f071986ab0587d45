"""`list` and the menu with 1000 routines of one's own, against the same with none.

Writes 1000 routine files (each a different name, level and length, 2 to 4 stretches)
into one config folder's `routines/`, leaves another config folder without any, and
then, runs taken in turn after one unmeasured warm-up of each (which also fills each
one's routine cache, as any run after the first finds it):

- `stretchtui list` with none, then with 1000 (to /dev/null, 80 columns);
- the menu's first paint with none, then with 1000 (a pty at 80x24, as startup.py).

Both use the same interpreter and cached bytecode. Also printed once: `list` with
1000 routines and an empty cache (the first run after installing or upgrading).

    .venv/bin/python benchmarks/routines_scale.py [--runs N] [--menu-runs N]

Target: with 1000 routines, each at most 1.3 times the same with none.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import MENU_MARKER, time_to_marker
from terminal import stretchtui_command

TARGET = 1.3
COUNT = 1000
LEVELS = ("beginner", "intermediate", "advanced", "desk")
POSITIONS = ("floor", "seated", "standing", "wall")


def routine_text(number: int) -> str:
    steps = "".join(
        f"  - name: Stretch {number}-{step}\n"
        f"    how: Ease into it and breathe; stop at mild tension.\n"
        f"    position: {POSITIONS[(number + step) % 4]}\n"
        + (
            f"    hold: {15 + (number + step) % 30}s\n    sides: [right, left]\n"
            if step % 2 == 0
            else f"    reps: {4 + number % 6}\n    tempo: 6s\n"
        )
        for step in range(2 + number % 3)
    )
    return (
        f"name: My routine number {number}\n"
        f"level: {LEVELS[number % 4]}\n"
        f"summary: One of a thousand, for the benchmark.\n"
        f"steps:\n{steps}"
    )


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start


def folders(home: Path, name: str, routines: int) -> dict[str, str]:
    config = home / name / "config"
    (config / "routines").mkdir(parents=True)
    for number in range(routines):
        (config / "routines" / f"mine-{number:04}.yaml").write_text(routine_text(number))
    (home / name / "data").mkdir()
    return {
        "STRETCHTUI_CONFIG_DIR": str(config),
        "STRETCHTUI_DATA_DIR": str(home / name / "data"),
        "STRETCHTUI_CACHE_DIR": str(home / name / "cache"),
    }


def report(what: str, none: list[float], many: list[float]) -> None:
    base, scaled = statistics.median(none), statistics.median(many)
    ratio = scaled / base
    verdict = "meets" if ratio <= TARGET else "misses"
    print(
        f"{what:<18} none: median {base * 1000:7.1f} ms   {COUNT}: median {scaled * 1000:7.1f} ms"
        f"   ratio {ratio:.2f} ({verdict} the target of at most {TARGET:.2f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="`list` runs of each (default 20)")
    parser.add_argument(
        "--menu-runs", type=int, default=10, help="menu runs of each (default 10; 0: list only)"
    )
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="routines-scale-bench-"))
    try:
        base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        base.pop("PYTHONDONTWRITEBYTECODE", None)
        base.update(PYTHONPYCACHEPREFIX=str(home / "pycache"), TERM="xterm-256color")
        none_env = {**base, **folders(home, "none", 0)}
        many_env = {**base, **folders(home, "many", COUNT)}
        listing = [*stretchtui_command(), "list"]

        cold = timed(listing, {**many_env, "COLUMNS": "80"})
        print(f"list, {COUNT} routines, empty cache (once): {cold * 1000:.0f} ms")
        lists: dict[str, list[float]] = {"none": [], "many": []}
        for env in (none_env, many_env):
            timed(listing, {**env, "COLUMNS": "80"})
        for _ in range(args.runs):
            lists["none"].append(timed(listing, {**none_env, "COLUMNS": "80"}))
            lists["many"].append(timed(listing, {**many_env, "COLUMNS": "80"}))

        menus: dict[str, list[float]] = {"none": [], "many": []}
        for env in (none_env, many_env) if args.menu_runs else ():
            time_to_marker(stretchtui_command(), MENU_MARKER, env)
        for run in range(args.menu_runs):
            menus["none"].append(time_to_marker(stretchtui_command(), MENU_MARKER, none_env))
            menus["many"].append(time_to_marker(stretchtui_command(), MENU_MARKER, many_env))
            print(
                f"menu run {run + 1:2}/{args.menu_runs}: none {menus['none'][-1] * 1000:6.1f} ms"
                f"   {COUNT} {menus['many'][-1] * 1000:6.1f} ms",
                flush=True,
            )
        print(f"\nWith {COUNT} routines of one's own, against none ({args.runs} / "
              f"{args.menu_runs} runs each, medians):")  # fmt: skip
        report("list", lists["none"], lists["many"])
        if args.menu_runs:  # --menu-runs 0: `list` alone
            report("menu first paint", menus["none"], menus["many"])
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

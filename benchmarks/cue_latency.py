"""How long from `player.play(cue)` to the sound reaching ALSA, per output.

Each output runs in a fresh process whose HOME holds a file-sink .asoundrc: ALSA
pipes every stream to a recorder that stamps the moment the stream opened. The
figures are: how long `play` took to return (what the session waits for), and
how long until ALSA received the stream (the cue's real start). The target is a
cue starting within 20 ms of its event.

    .venv/bin/python benchmarks/cue_latency.py [--count 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, sys, time
from stretchtui.kinds import CueKind, SegmentKind
from stretchtui.audio import create_player
from stretchtui.config import Settings
from stretchtui.cues import Cue
from stretchtui.plan import Segment

backend, count = sys.argv[1], int(sys.argv[2])
options = {"load_simpleaudio": lambda: None} if backend != "simpleaudio" else {}
player = create_player(Settings(volume=100), terminal=lambda: None, **options)
assert player.name == backend, (player.name, player.notice)
segment = Segment(index=0, kind=SegmentKind.HOLD, name="x", how="", duration=30, round=1, rounds=1)
calls = []
for number in range(count):
    time.sleep(0.7)  # longer than a tick, so each measurement stands alone
    before_ns = time.time_ns()
    started = time.perf_counter()
    player.play(Cue(CueKind.COUNTDOWN, segment, 20.0 + number, 3))
    returned = time.perf_counter() - started
    calls.append((before_ns, returned))
player.close()
print(json.dumps(calls))
"""


def measure(backend: str, count: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="cue-latency-") as folder:
        home = Path(folder)
        streams = home / "streams"
        streams.mkdir()
        recorder = home / "record-stream"
        recorder.write_text(
            f'#!/bin/sh\nexec cat > "{streams}/$(date +%s%N).raw"\n', encoding="utf-8"
        )
        recorder.chmod(0o755)
        (home / ".asoundrc").write_text(
            f'pcm.!default {{\n type file\n slave.pcm "null"\n file "|{recorder}"\n'
            ' format "raw"\n}\n',
            encoding="utf-8",
        )
        finished = subprocess.run(
            [sys.executable, "-c", CHILD, backend, str(count)],
            capture_output=True,
            text=True,
            env={**os.environ, "HOME": str(home)},
            check=True,
        )
        calls = json.loads(finished.stdout)
        opened = sorted(int(path.stem) for path in streams.glob("*.raw") if any(path.read_bytes()))
    if len(opened) != len(calls):
        raise SystemExit(f"{backend}: {len(calls)} cues played but {len(opened)} streams seen")
    returns = [returned * 1000 for _, returned in calls]
    starts = [(at - before) / 1e6 for (before, _), at in zip(calls, opened, strict=True)]
    return returns, starts


def describe(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(values)
    return f"median {median:6.2f} ms   p95 {p95:6.2f} ms   max {max(values):6.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description="cue latency through ALSA's file sink")
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args()
    print(
        f"{args.count} cues per output. 'Reaches ALSA' is an upper bound: it includes"
        " starting the recorder (sh + date, 2-9 ms here)."
    )
    for backend in ("simpleaudio", "aplay"):
        began = time.monotonic()
        try:
            returns, starts = measure(backend, args.count)
        except (subprocess.CalledProcessError, OSError) as error:
            print(f"{backend:12} unavailable ({error})")
            continue
        print(f"{backend:12} play() returns: {describe(returns)}")
        print(f"{'':12} sound reaches ALSA: {describe(starts)}")
        print(f"{'':12} ({time.monotonic() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

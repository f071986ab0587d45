"""Generate stretchtui's cue sounds into sounds/*.wav, using only the standard library.

Every sound is synthesised here, so the project owns its audio outright and anyone
can rebuild it: `python tools/make_sounds.py` rewrites the files, and
`python tools/make_sounds.py --check` exits 1 if the committed files differ.
The output is deterministic: the same script always gives the same bytes.

Design: soft sine tones with a touch of second and third harmonic (warm, not
buzzy), a raised-cosine attack and release on every note so nothing clicks,
and every file normalised to the same RMS so no cue is louder than another.
Each cue has its own pitch, contour or rhythm so they can be told apart
without looking.
"""

from __future__ import annotations

import argparse
import io
import math
import sys
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

RATE = 22050
TARGET_RMS_DBFS = -24.0
PEAK_LIMIT = 0.5  # of full scale: leaves headroom, keeps every cue gentle
REPO = Path(__file__).resolve().parent.parent
SOUNDS_DIR = REPO / "sounds"


def _note(
    start_hz: float,
    end_hz: float,
    seconds: float,
    *,
    attack: float = 0.008,
    release: float = 0.02,
    decay: float = 0.0,
) -> list[float]:
    """One tone, gliding from start_hz to end_hz, with an exponential decay rate in 1/s."""
    count = int(round(seconds * RATE))
    samples: list[float] = []
    phase = 0.0
    attack_n = max(1, int(attack * RATE))
    release_n = max(1, int(release * RATE))
    for i in range(count):
        progress = i / max(1, count - 1)
        # A glide in pitch that sounds even: interpolate on a log scale.
        freq = start_hz * (end_hz / start_hz) ** progress
        phase += 2.0 * math.pi * freq / RATE
        value = math.sin(phase) + 0.2 * math.sin(2 * phase) + 0.06 * math.sin(3 * phase)
        envelope = math.exp(-decay * i / RATE)
        if i < attack_n:
            envelope *= 0.5 - 0.5 * math.cos(math.pi * i / attack_n)
        tail = count - 1 - i
        if tail < release_n:
            envelope *= 0.5 - 0.5 * math.cos(math.pi * tail / release_n)
        samples.append(value * envelope)
    return samples


def _swell(start_hz: float, end_hz: float, seconds: float) -> list[float]:
    """A breath-like tone: fades in and out slowly, like air moving."""
    count = int(round(seconds * RATE))
    tone = _note(start_hz, end_hz, seconds, attack=0.01, release=0.01)
    return [s * math.sin(math.pi * i / max(1, count - 1)) ** 1.5 for i, s in enumerate(tone)]


def _mix(total_seconds: float, *parts: tuple[float, list[float]]) -> list[float]:
    """Lay notes at their start times (seconds) into one buffer."""
    out = [0.0] * int(round(total_seconds * RATE))
    for at, samples in parts:
        offset = int(round(at * RATE))
        for i, value in enumerate(samples):
            if offset + i < len(out):
                out[offset + i] += value
    return out


def start() -> list[float]:
    """A stretch starts: a rising fifth, bright and clear."""
    return _mix(
        0.5,
        (0.0, _note(523.25, 523.25, 0.2, decay=6)),
        (0.14, _note(783.99, 783.99, 0.36, decay=5)),
    )


def ready() -> list[float]:
    """Get ready: one low, soft bell-like note."""
    return _note(392.0, 392.0, 0.45, decay=6)


def tick() -> list[float]:
    """3-2-1: a short high blip."""
    return _note(1046.5, 1046.5, 0.07, attack=0.003, release=0.03, decay=25)


def halfway() -> list[float]:
    """Halfway: two quick equal mid notes."""
    return _mix(
        0.42,
        (0.0, _note(659.25, 659.25, 0.16, decay=10)),
        (0.22, _note(659.25, 659.25, 0.2, decay=10)),
    )


def switch() -> list[float]:
    """Switch sides: a low-high-low turn, like looking one way and back."""
    return _mix(
        0.56,
        (0.0, _note(440.0, 440.0, 0.16, decay=8)),
        (0.17, _note(587.33, 587.33, 0.16, decay=8)),
        (0.34, _note(440.0, 440.0, 0.22, decay=8)),
    )


def inhale() -> list[float]:
    """Breathe in: a slow rising swell."""
    return _swell(330.0, 494.0, 0.6)


def exhale() -> list[float]:
    """Breathe out: a slow falling swell."""
    return _swell(494.0, 330.0, 0.6)


def rep() -> list[float]:
    """A repetition: a low wooden tock, shorter and lower than the countdown tick."""
    return _note(293.66, 293.66, 0.09, attack=0.003, release=0.03, decay=20)


def rest() -> list[float]:
    """Rest: a falling fourth, settling down."""
    return _mix(
        0.55,
        (0.0, _note(587.33, 587.33, 0.22, decay=5)),
        (0.18, _note(440.0, 440.0, 0.37, decay=4)),
    )


def done() -> list[float]:
    """Session done: a calm rising arpeggio that rings out."""
    return _mix(
        1.4,
        (0.0, _note(523.25, 523.25, 1.4, decay=3)),
        (0.16, _note(659.25, 659.25, 1.24, decay=3)),
        (0.32, _note(783.99, 783.99, 1.08, decay=3)),
        (0.48, _note(1046.5, 1046.5, 0.92, decay=3)),
    )


SOUNDS: dict[str, Callable[[], list[float]]] = {
    "start": start,
    "ready": ready,
    "tick": tick,
    "halfway": halfway,
    "switch": switch,
    "inhale": inhale,
    "exhale": exhale,
    "rep": rep,
    "rest": rest,
    "done": done,
}


def _normalise(samples: list[float]) -> array[int]:
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    peak = max(abs(s) for s in samples)
    gain = 10 ** (TARGET_RMS_DBFS / 20) / rms
    if peak * gain > PEAK_LIMIT:
        raise ValueError(f"sound would peak at {peak * gain:.2f} of full scale")
    return array("h", (int(round(s * gain * 32767)) for s in samples))


def render(name: str) -> bytes:
    """The complete WAV file for one sound."""
    pcm = _normalise(SOUNDS[name]())
    if sys.byteorder != "little":
        pcm.byteswap()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SOUNDS_DIR, help="folder to write to")
    parser.add_argument(
        "--check", action="store_true", help="only compare with the files there; exit 1 on change"
    )
    args = parser.parse_args(argv)
    changed = []
    for name in SOUNDS:
        path = args.out / f"{name}.wav"
        data = render(name)
        if path.exists() and path.read_bytes() == data:
            continue
        changed.append(path)
        if not args.check:
            args.out.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    verb = "differ from the generator" if args.check else "written"
    for path in changed:
        print(f"{path}: {verb}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())

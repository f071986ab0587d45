"""Sound through the real ALSA path, measured: a file-sink .asoundrc records what plays.

ALSA's `file` plugin over a `null` slave writes every stream a program plays.
simpleaudio opens a new stream for each cue, and the plugin reopens its output
for each stream, so one file would keep only the last cue. Instead the sink
pipes each stream to a tiny recorder that names its file by the nanosecond the
stream opened: that keeps every cue and when it began. The test lays those
pieces on a timeline, writes the session as one WAV, and measures it with
`wave`: sound against silence, in order, at the right moments.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

import pytest

from stretchtui.audio import CueSound
from stretchtui.audio.sounds import Clip, load_clips
from stretchtui.paths import bundled_sounds_dir

from .helpers import SOUND_CHECK_EXPECTED, write_sound_check

HERE = Path(__file__).resolve().parent
RATE = 22050
WINDOW = 0.01
SILENCE_DBFS = -50.0
# Inside a cue (halfway's two notes) silence is shorter than this; between cues, longer.
GAP = 0.15
ONSET_TOLERANCE = 0.15

needs_alsa = pytest.mark.skipif(
    ctypes.util.find_library("asound") is None or shutil.which("sh") is None,
    reason="needs ALSA (libasound2) and a shell",
)
needs_simpleaudio = pytest.mark.skipif(
    importlib.util.find_spec("simpleaudio") is None,
    reason="needs the sound extra: pip install 'stretchtui[sound]'",
)


@dataclass(frozen=True)
class Piece:
    onset: float
    sound: CueSound
    pcm: bytes


def file_sink_home(home: Path) -> Path:
    """A HOME whose default ALSA device records each stream into home/streams/<ns>.raw."""
    streams = home / "streams"
    streams.mkdir(parents=True)
    recorder = home / "record-stream"
    # ALSA expands %-sequences in the file name, so the timestamp lives in a script.
    recorder.write_text(f'#!/bin/sh\nexec cat > "{streams}/$(date +%s%N).raw"\n', encoding="utf-8")
    recorder.chmod(0o755)
    (home / ".asoundrc").write_text(
        "pcm.!default {\n"
        "    type file\n"
        '    slave.pcm "null"\n'
        f'    file "|{recorder}"\n'
        '    format "raw"\n'
        "}\n",
        encoding="utf-8",
    )
    return streams


def no_device_home(home: Path) -> None:
    """A HOME whose default ALSA device is a card that does not exist."""
    home.mkdir(parents=True, exist_ok=True)
    (home / ".asoundrc").write_text(
        'pcm.!default {\n    type plug\n    slave.pcm "hw:CARD=NoSuchCard"\n}\n', encoding="utf-8"
    )


def run_child(home: Path, *args: str, timeout: float = 60) -> tuple[dict[str, object], str]:
    env = {**os.environ, "HOME": str(home)}
    env.pop("ALSA_CONFIG_PATH", None)
    finished = subprocess.run(
        [sys.executable, str(HERE / "alsa_session.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout.splitlines()[-1]), finished.stderr


def identify(pcm: bytes, clips: dict[CueSound, Clip]) -> CueSound:
    """Which cue sound a recorded stream is (it may have been cut short by the next)."""
    for sound, clip in clips.items():
        shared = min(len(pcm), len(clip.pcm))
        if shared and pcm[:shared] == clip.pcm[:shared]:
            return sound
    raise AssertionError(f"a stream of {len(pcm)} bytes matches no cue sound")


def recorded_pieces(streams: Path, start_ns: int) -> list[Piece]:
    clips = load_clips(bundled_sounds_dir())
    pieces = []
    for path in sorted(streams.glob("*.raw"), key=lambda p: int(p.stem)):
        pcm = path.read_bytes()
        if not any(pcm):
            continue  # the player's start-up probe: a few quiet milliseconds
        onset = (int(path.stem) - start_ns) / 1e9
        pieces.append(Piece(onset, identify(pcm, clips), pcm))
    return pieces


def write_timeline(pieces: list[Piece], path: Path) -> None:
    """The session as one WAV: each recorded stream at the moment it began."""
    length = max(round(p.onset * RATE) * 2 + len(p.pcm) for p in pieces) + RATE * 2
    timeline = bytearray(length)
    for piece in pieces:
        at = max(0, round(piece.onset * RATE)) * 2
        timeline[at : at + len(piece.pcm)] = piece.pcm
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(timeline))


def sound_onsets(path: Path) -> list[float]:
    """Where sound begins after silence, measured by RMS in 10 ms windows."""
    with wave.open(str(path), "rb") as source:
        rate = source.getframerate()
        samples = array("h")
        samples.frombytes(source.readframes(source.getnframes()))
    window = int(rate * WINDOW)
    threshold = 32768 * 10 ** (SILENCE_DBFS / 20)
    onsets: list[float] = []
    last_sound = -math.inf
    for begin in range(0, len(samples) - window, window):
        part = samples[begin : begin + window]
        if math.sqrt(sum(s * s for s in part) / window) < threshold:
            continue
        at = begin / rate
        if at - last_sound > GAP:
            onsets.append(at)
        last_sound = at
    return onsets


@needs_alsa
@needs_simpleaudio
def test_a_session_through_simpleaudio_and_alsa_plays_each_cue_in_order_on_time(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    streams = file_sink_home(home)
    routine = write_sound_check(tmp_path)
    result, stderr = run_child(home, str(routine))
    assert result["player"] == "simpleaudio"
    assert result["notice"] is None
    assert stderr == ""

    start_ns = result["start_ns"]
    assert isinstance(start_ns, int)
    pieces = recorded_pieces(streams, start_ns)
    assert [piece.sound for piece in pieces] == [sound for _, sound in SOUND_CHECK_EXPECTED]

    session_wav = tmp_path / "session.wav"
    write_timeline(pieces, session_wav)
    onsets = sound_onsets(session_wav)
    expected = [at for at, _ in SOUND_CHECK_EXPECTED]
    assert len(onsets) == len(expected), onsets
    for heard, planned in zip(onsets, expected, strict=True):
        assert abs(heard - planned) <= ONSET_TOLERANCE, (heard, planned)


@needs_alsa
@pytest.mark.skipif(shutil.which("aplay") is None, reason="needs aplay (alsa-utils)")
def test_the_aplay_fallback_plays_the_same_cues_through_alsa(tmp_path: Path) -> None:
    home = tmp_path / "home"
    streams = file_sink_home(home)
    routine = write_sound_check(tmp_path)
    result, stderr = run_child(home, str(routine), "--no-simpleaudio", "--until", "2.5")
    assert result["player"] == "aplay"
    assert stderr == ""
    start_ns = result["start_ns"]
    assert isinstance(start_ns, int)
    pieces = recorded_pieces(streams, start_ns)
    assert [piece.sound for piece in pieces] == [s for _, s in SOUND_CHECK_EXPECTED[:3]]
    for piece, (planned, _) in zip(pieces, SOUND_CHECK_EXPECTED, strict=False):
        assert abs(piece.onset - planned) <= ONSET_TOLERANCE


@needs_alsa
def test_no_sound_flag_sends_nothing_to_alsa(tmp_path: Path) -> None:
    home = tmp_path / "home"
    streams = file_sink_home(home)
    routine = write_sound_check(tmp_path)
    result, stderr = run_child(home, str(routine), "--no-sound", "--until", "2.5")
    assert result == {"player": "silent", "notice": None, "start_ns": result["start_ns"]}
    assert stderr == ""
    assert list(streams.iterdir()) == []


@needs_alsa
@needs_simpleaudio
def test_without_a_sound_device_alsa_stays_quiet_and_cues_go_visual(tmp_path: Path) -> None:
    home = tmp_path / "home"
    no_device_home(home)
    # Without our handler, this configuration makes ALSA print to stderr.
    noisy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import simpleaudio as s\ntry: s.play_buffer(b'00', 1, 2, 22050)\n"
            "except Exception: pass",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(home)},
        timeout=30,
        check=False,
    )
    assert "ALSA lib" in noisy.stderr

    routine = write_sound_check(tmp_path)
    result, stderr = run_child(home, str(routine), "--until", "1.5")
    assert stderr == ""
    assert result["player"] == "silent"
    assert result["notice"] == (
        "No sound device found: cues are visual only "
        "(set sound: bell in config.yaml for the terminal bell)."
    )

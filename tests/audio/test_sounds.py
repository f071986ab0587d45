"""The shipped cue sounds: present, short, soft, even, distinct, and rebuilt by the script."""

from __future__ import annotations

import importlib.util
import math
import wave
from array import array
from pathlib import Path
from types import ModuleType

import pytest

from stretchtui.audio import CueSound
from stretchtui.paths import bundled_sounds_dir

REPO = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sounds", REPO / "tools" / "make_sounds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _samples(path: Path) -> tuple[array[int], int]:
    with wave.open(str(path), "rb") as source:
        assert source.getnchannels() == 1
        assert source.getsampwidth() == 2
        samples = array("h")
        samples.frombytes(source.readframes(source.getnframes()))
        return samples, source.getframerate()


def _dbfs(value: float) -> float:
    return 20 * math.log10(max(value, 1e-9) / 32768)


def _rms(samples: array[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def _contour(samples: array[int], rate: int) -> tuple[int, ...]:
    """Pitch (in semitones from A4, by zero crossings) of each sounding 30 ms, repeats merged."""
    window = int(rate * 0.03)
    floor = _rms(samples) / 4
    notes: list[int] = []
    for begin in range(0, len(samples) - window, window):
        part = samples[begin : begin + window]
        if _rms(part) < floor:
            continue
        crossings = sum(1 for a, b in zip(part, part[1:], strict=False) if (a < 0) != (b < 0))
        hertz = crossings / 2 / (window / rate)
        note = round(12 * math.log2(hertz / 440)) if hertz > 0 else -99
        if not notes or notes[-1] != note:
            notes.append(note)
    return tuple(notes)


def _path(sound: CueSound) -> Path:
    return bundled_sounds_dir() / f"{sound.value}.wav"


@pytest.mark.parametrize("sound", list(CueSound))
def test_every_cue_sound_is_a_short_readable_wav(sound: CueSound) -> None:
    samples, rate = _samples(_path(sound))
    seconds = len(samples) / rate
    limit = 1.5 if sound is CueSound.DONE else 0.6
    assert 0.05 <= seconds <= limit


@pytest.mark.parametrize("sound", list(CueSound))
def test_every_cue_sound_is_soft_and_starts_and_ends_without_a_click(sound: CueSound) -> None:
    samples, _ = _samples(_path(sound))
    assert _dbfs(max(abs(s) for s in samples)) <= -6.0
    assert abs(samples[0]) <= 100
    assert abs(samples[-1]) <= 100


def test_cue_sounds_are_within_three_db_of_each_other() -> None:
    levels = {sound: _dbfs(_rms(_samples(_path(sound))[0])) for sound in CueSound}
    assert max(levels.values()) - min(levels.values()) <= 3.0, levels


def test_cue_sounds_differ_in_pitch_contour_or_length() -> None:
    signatures: dict[tuple[object, ...], CueSound] = {}
    for sound in CueSound:
        samples, rate = _samples(_path(sound))
        signature = (_contour(samples, rate), round(len(samples) / rate, 2))
        assert signature not in signatures, f"{sound} sounds like {signatures.get(signature)}"
        signatures[signature] = sound


def test_inhale_rises_and_exhale_falls() -> None:
    inhale = _contour(*_samples(_path(CueSound.INHALE)))
    exhale = _contour(*_samples(_path(CueSound.EXHALE)))
    assert inhale[-1] > inhale[0]
    assert exhale[-1] < exhale[0]


def test_sounds_folder_holds_exactly_the_cue_sounds() -> None:
    names = {path.stem for path in bundled_sounds_dir().glob("*.wav")}
    assert names == {sound.value for sound in CueSound}
    assert set(_generator().SOUNDS) == names


def test_committed_sounds_are_what_the_generator_makes() -> None:
    generator = _generator()
    for name in generator.SOUNDS:
        assert (bundled_sounds_dir() / f"{name}.wav").read_bytes() == generator.render(name), name


def test_generator_is_deterministic_and_check_mode_reports_changes(tmp_path: Path) -> None:
    generator = _generator()
    tmp_path = tmp_path / "sounds"
    assert generator.main(["--out", str(tmp_path)]) == 0
    first = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert generator.main(["--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "tick.wav").write_bytes(b"not a sound")
    assert generator.main(["--out", str(tmp_path), "--check"]) == 1
    assert generator.main(["--out", str(tmp_path)]) == 0
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == first

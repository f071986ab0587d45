"""The user's settings file (config.yaml): read leniently, never rewritten behind their back.

A bad value is reported with the file and key, and its default is used instead:
one wrong line never costs the rest of the settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from stretchtui.reminder_settings import ReminderSettings, parse_reminders
from stretchtui.routines.problems import display_path
from stretchtui.safefiles import FileRefused, read_regular_file
from stretchtui.textsafe import excerpt

MAX_CONFIG_BYTES = 64 * 1024


class SoundMode(StrEnum):
    ON = "on"
    OFF = "off"
    BELL = "bell"  # the terminal bell only


class StreakMode(StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"  # weekends never break a streak


CUE_GROUPS: dict[str, str] = {
    "start": "a stretch starts",
    "countdown": "3-2-1 before a change",
    "halfway": "halfway through a hold",
    "switch": "switch sides",
    "breathing": "breathe in / breathe out tones",
    "reps": "a tick for each repetition",
    "rest": "a rest begins",
    "done": "the session is done",
}
# Breathing tones are off by default: in a shared office they are the noisiest part.
DEFAULT_CUES: frozenset[str] = frozenset(CUE_GROUPS) - {"breathing"}


@dataclass(frozen=True)
class Settings:
    sound: SoundMode = SoundMode.ON
    volume: int = 70
    cues: frozenset[str] = DEFAULT_CUES
    speak: bool = False
    streak: StreakMode = StreakMode.DAILY
    theme: str = "textual-dark"
    keymap: dict[str, str] = field(default_factory=dict)
    reminders: ReminderSettings = ReminderSettings()


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    warnings: tuple[str, ...] = ()


_KEYS = ("sound", "volume", "cues", "speak", "streak", "theme", "keymap", "reminders")


def load_settings(path: Path) -> LoadedSettings:
    """Settings from `path`; a missing file means the defaults, a broken one is reported."""
    label = display_path(path)
    try:
        # Never a plain read: a FIFO here would hang every command at start.
        raw = read_regular_file(path, MAX_CONFIG_BYTES, "a settings file")
    except FileRefused as refused:
        if refused.missing:
            return LoadedSettings(Settings())
        return LoadedSettings(Settings(), (f"{label}: {refused.reason}; using defaults",))
    # Only now: without a config.yaml (most people), the menu starts without the YAML parser.
    import yaml

    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        return LoadedSettings(
            Settings(), (f"{label}{where}: not valid YAML settings; using defaults",)
        )
    except ValueError:
        # PyYAML converts as it reads: a 5000-digit number or a 31 February ends here.
        return LoadedSettings(
            Settings(),
            (
                f"{label}: a value is not readable (a number too long, or no such date); "
                "using defaults",
            ),
        )
    if data is None:
        return LoadedSettings(Settings())
    if not isinstance(data, dict):
        return LoadedSettings(
            Settings(), (f"{label}: expected key: value settings; using defaults",)
        )
    return _apply(data, label)


def _apply(data: dict[Any, Any], label: str) -> LoadedSettings:
    settings = Settings()
    warnings: list[str] = []

    def warn(key: str, message: str) -> None:
        warnings.append(f"{label}: {excerpt(key)}: {message}")

    for key, value in data.items():
        if key not in _KEYS:
            warn(str(key), f"unknown setting (known: {', '.join(_KEYS)})")
            continue
        if key == "sound":
            # YAML 1.1 reads unquoted on/off as true/false; both mean what they say here.
            text = (
                {True: "on", False: "off"}.get(value, value) if isinstance(value, bool) else value
            )
            if isinstance(text, str) and text.lower() in {m.value for m in SoundMode}:
                settings = replace(settings, sound=SoundMode(text.lower()))
            else:
                warn(key, f"expected on, off or bell, got {shown(value)}")
        elif key == "volume":
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
                settings = replace(settings, volume=value)
            else:
                warn(key, f"expected a whole number from 0 to 100, got {shown(value)}")
        elif key == "cues":
            cues = _cues(value, warn)
            if cues is not None:
                settings = replace(settings, cues=cues)
        elif key == "speak":
            if isinstance(value, bool):
                settings = replace(settings, speak=value)
            else:
                warn(key, f"expected true or false, got {shown(value)}")
        elif key == "streak":
            if isinstance(value, str) and value.lower() in {m.value for m in StreakMode}:
                settings = replace(settings, streak=StreakMode(value.lower()))
            else:
                warn(key, f"expected daily or weekdays, got {shown(value)}")
        elif key == "theme":
            if isinstance(value, str) and value.strip():
                settings = replace(settings, theme=value.strip())
            else:
                warn(key, f"expected a theme name, got {shown(value)}")
        elif key == "keymap":
            if isinstance(value, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                settings = replace(settings, keymap=dict(value))
            else:
                warn(key, "expected binding-id: keys pairs, e.g. pause: p")
        elif key == "reminders":
            settings = replace(settings, reminders=parse_reminders(value, warn))
    return LoadedSettings(settings, tuple(warnings))


def shown(value: object) -> str:
    """A setting's value as a message quotes it: Python's repr, one short line at most."""
    return excerpt(repr(value))


def _cues(value: object, warn: Any) -> frozenset[str] | None:
    if not isinstance(value, dict):
        warn("cues", f"expected a mapping such as {{breathing: true}}, got {shown(value)}")
        return None
    chosen = set(DEFAULT_CUES)
    for name, enabled in value.items():
        if name not in CUE_GROUPS:
            warn(f"cues.{name}", f"unknown cue (known: {', '.join(CUE_GROUPS)})")
            continue
        if not isinstance(enabled, bool):
            warn(f"cues.{name}", f"expected true or false, got {shown(enabled)}")
            continue
        if enabled:
            chosen.add(name)
        else:
            chosen.discard(name)
    return frozenset(chosen)

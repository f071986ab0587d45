"""The reminders: section of config.yaml: good values, and one message per bad one."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchtui.config import load_settings
from stretchtui.reminder_settings import ReminderSettings, WorkPeriod


def load(tmp_path: Path, text: str) -> tuple[ReminderSettings, tuple[str, ...]]:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_settings(path)
    return loaded.settings.reminders, loaded.warnings


def test_defaults_without_a_reminders_section(tmp_path: Path) -> None:
    settings, warnings = load(tmp_path, "sound: off\n")
    assert warnings == ()
    assert settings == ReminderSettings()
    assert settings.every == 50 * 60 and settings.snooze == 10 * 60
    assert settings.max_snoozes == 2 and settings.idle_reset == 5 * 60
    assert settings.days == frozenset(range(5)) and settings.routine == "auto"


def test_every_setting_read(tmp_path: Path) -> None:
    settings, warnings = load(
        tmp_path,
        "reminders:\n"
        "  every: 25m\n"
        '  work_hours: "09:00-12:30, 13:30-17:30"\n'
        "  days: [mon, wed, fri]\n"
        "  snooze: 5m\n"
        "  max_snoozes: 0\n"
        "  idle_reset: 1m30s\n"
        "  routine: desk-midday\n"
        "  bell: true\n",
    )
    assert warnings == ()
    assert settings == ReminderSettings(
        every=25 * 60,
        work_hours=(WorkPeriod(9 * 60, 12 * 60 + 30), WorkPeriod(13 * 60 + 30, 17 * 60 + 30)),
        days=frozenset({0, 2, 4}),
        snooze=5 * 60,
        max_snoozes=0,
        idle_reset=90,
        routine="desk-midday",
        bell=True,
    )


def test_day_ranges_wrap_around_the_week(tmp_path: Path) -> None:
    settings, _ = load(tmp_path, "reminders:\n  days: sat-mon\n")
    assert settings.days == frozenset({5, 6, 0})


def test_unquoted_times_without_a_leading_zero_still_read(tmp_path: Path) -> None:
    settings, warnings = load(tmp_path, "reminders:\n  work_hours: 9:00-17:00\n")
    assert warnings == ()
    assert settings.work_hours == (WorkPeriod(9 * 60, 17 * 60),)


def test_bare_number_is_minutes(tmp_path: Path) -> None:
    settings, _ = load(tmp_path, "reminders:\n  every: 45\n")
    assert settings.every == 45 * 60


DURATION = "expected a duration from 1m to 24h such as 50m, got"
RANGES = 'expected ranges such as "09:00-12:30, 13:30-17:30"'
DAYS = "expected days such as mon-fri or [mon, wed, fri], got"
ROUTINE = "expected auto or a routine id such as desk-midday, got"
KNOWN = "every, work_hours, days, snooze, max_snoozes, idle_reset, routine, bell"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("every: 5s", f"reminders.every: {DURATION} '5s'"),
        ("every: soon", f"reminders.every: {DURATION} 'soon'"),
        ("snooze: -3", f"reminders.snooze: {DURATION} -3"),
        ("idle_reset: true", f"reminders.idle_reset: {DURATION} True"),
        ("work_hours: 9:00", f"reminders.work_hours: {RANGES} (in quotes), got 540"),
        ('work_hours: "25:00-26:00"', f"reminders.work_hours: {RANGES}, got '25:00-26:00'"),
        (
            'work_hours: "17:00-09:00"',
            "reminders.work_hours: '17:00-09:00' ends before it starts "
            "(ranges cannot cross midnight)",
        ),
        (
            'work_hours: "09:00-12:00, 11:00-13:00"',
            "reminders.work_hours: 09:00-12:00 and 11:00-13:00 overlap",
        ),
        ("days: weekdays", f"reminders.days: {DAYS} 'weekdays'"),
        ("days: 5", f"reminders.days: {DAYS} 5"),
        ("max_snoozes: 11", "reminders.max_snoozes: expected a whole number from 0 to 10, got 11"),
        (
            "max_snoozes: yes",
            "reminders.max_snoozes: expected a whole number from 0 to 10, got True",
        ),
        ("routine: ../../etc/x", f"reminders.routine: {ROUTINE} '../../etc/x'"),
        ("routine: 3", f"reminders.routine: {ROUTINE} 3"),
        ("bell: loud", "reminders.bell: expected true or false, got 'loud'"),
        ("pause: 3m", f"reminders.pause: unknown setting (known: {KNOWN})"),
    ],
)
def test_each_bad_value_is_one_message_and_keeps_its_default(
    tmp_path: Path, line: str, message: str
) -> None:
    settings, warnings = load(tmp_path, f"reminders:\n  every: 30m\n  {line}\n")
    assert [warning.split(": ", 1)[1] for warning in warnings] == [message]
    assert all(warning.startswith(str(tmp_path)) for warning in warnings), "names the file"
    key = line.split(":")[0]
    default = ReminderSettings()
    if key == "every":
        assert settings.every == default.every
    else:
        assert settings.every == 30 * 60, "the good values around a bad one still apply"
        if hasattr(default, key):
            assert getattr(settings, key) == getattr(default, key)


def test_reminders_that_is_not_a_mapping(tmp_path: Path) -> None:
    settings, warnings = load(tmp_path, "reminders: often\n")
    assert settings == ReminderSettings()
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "reminders: expected settings such as {every: 50m}, got 'often'"
    ]


def test_a_long_bad_value_is_quoted_short(tmp_path: Path) -> None:
    _, warnings = load(tmp_path, f"reminders:\n  days: {'x' * 300}\n")
    (warning,) = warnings
    assert "expected days such as mon-fri" in warning
    assert len(warning) < len(str(tmp_path)) + 200 and warning.endswith("…")

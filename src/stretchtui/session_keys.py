"""The session's keys by binding id: the defaults, and what a keymap makes of them.

One table for both front ends: the full-screen view builds its bindings from it
and plain mode reads keys through it, so config.yaml's `keymap` (binding id ->
keys, comma-separated, in Textual's key names) moves a key in both.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_KEYS: Mapping[str, str] = {
    "session.pause": "space",
    "session.resume": "space",
    "session.skip": "n,right",
    "session.back": "b,left",
    "session.restart": "r",
    "session.extend": "plus,equals_sign",
    "session.mute": "m",
    "session.unmute": "m",
    "session.end": "q,escape",
    "session.keys": "question_mark",
}
# Characters whose key names differ from themselves.
_NAMES = {
    " ": "space",
    "+": "plus",
    "=": "equals_sign",
    "?": "question_mark",
    "\x1b": "escape",
    "\t": "tab",
    "\r": "enter",
    "\n": "enter",
}
_SHOWN = {"space": "space", "plus": "+", "equals_sign": "=", "question_mark": "?", "right": "→"}


def key_name(key: str) -> str:
    """A typed character (or an already named key) by its key name; letters either case."""
    if len(key) != 1:
        return key
    return _NAMES.get(key, key.lower())


def session_keys(keymap: Mapping[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """Binding id -> its key names, with the keymap's moves for the session's ids."""
    keys = {**DEFAULT_KEYS, **{k: v for k, v in (keymap or {}).items() if k in DEFAULT_KEYS}}
    return {
        binding: tuple(name.strip() for name in value.split(",") if name.strip())
        for binding, value in keys.items()
    }


def shown_key(keys: Mapping[str, tuple[str, ...]], binding: str) -> str:
    """The first key of a binding as a person would write it (`+`, not `plus`)."""
    names = keys.get(binding, ())
    return _SHOWN.get(names[0], names[0]) if names else "(none)"

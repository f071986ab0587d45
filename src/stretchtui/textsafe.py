"""Text from files, settings and the history is data: it never acts as markup or terminal control.

The loader rejects control characters in routine files; this module is the
defence in depth for everything that is printed anyway (file names, config
values, old history rows): `visible()` spells out any character that could
move the cursor, change the title, reorder a line or hide itself.
"""

from __future__ import annotations

import unicodedata

# Bidirectional embeddings, overrides and isolates: they reorder what follows them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line breaks that are not "\n": NEL is C1, LS and PS are their own category.
FOREIGN_LINE_BREAKS = frozenset("\x85\u2028\u2029")


def is_control(char: str) -> bool:
    """True for a character no terminal should receive from our data.

    C0 and C1 controls (ESC, BEL, CSI 0x9b, NUL, ...), DEL, lone surrogates,
    bidi overrides/isolates and the NEL/LS/PS line breaks.
    """
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True
    if 0xD800 <= code <= 0xDFFF:
        return True
    return char in BIDI_CONTROLS or char in FOREIGN_LINE_BREAKS


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control character spelled out as `\\x1b`, `\\u202e`, ...

    With `keep_newlines`, "\\n" stays a line break (multi-line messages);
    otherwise it is shown as `\\x0a` too, so one value stays on one line.
    """
    # Printable ASCII (most text) has nothing to spell out; checked at C speed, for
    # `list` of a thousand routines.
    if (text.isascii() and text.isprintable()) or not any(is_control(char) for char in text):
        return text
    return "".join(
        char if not is_control(char) or (keep_newlines and char == "\n") else _escape(char)
        for char in text
    )


def is_invisible(char: str) -> bool:
    """True for zero-width and other format characters (Unicode category Cf) and spaces."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def is_blank(text: str) -> bool:
    """True when nothing would show: empty, spaces, or only zero-width/format characters."""
    return all(is_invisible(char) for char in text)


EXCERPT_CHARS = 80


def excerpt(value: str) -> str:
    """At most the first line of `value`, cut to EXCERPT_CHARS characters: what a message
    may quote back from a file, so that it never echoes the file itself."""
    text = value.strip()
    line = text.split("\n", 1)[0].rstrip()
    if len(line) > EXCERPT_CHARS:
        return line[: EXCERPT_CHARS - 1] + "…"
    return line + (" …" if "\n" in text else "")

"""Whether the terminal behind an output stream shows Unicode: the locale and the stream agree.

`glyphs` decides its set of drawn characters through here; the plain tables of the
quick commands (`list`, `show`, `stats`) ask here directly, since importing `glyphs`
(and typing with it) would cost a sixth of their start-up.
"""

from __future__ import annotations

import codecs

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

# The locale variables in the order the C library consults them for the character set.
LOCALE_VARIABLES = ("LC_ALL", "LC_CTYPE", "LANG")


def locale_is_unicode(environ: Mapping[str, str]) -> bool | None:
    """What the locale variables say about UTF-8: True, False, or None if none is set.

    The environment, not Python's own encoding: Python turns on UTF-8 mode under
    LC_ALL=C, so its stdout says utf-8 while the terminal behind it does not.
    """
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            # `en_US.UTF-8`, `C.utf8`, `de_DE.utf-8@euro`; `C`, `POSIX`, `en_US.ISO-8859-1` are not.
            codeset = (value.partition(".")[2] or value).partition("@")[0]
            return codeset.replace("-", "").lower() == "utf8"
    return None


def encoding_is_unicode(encoding: str | None) -> bool:
    """True if a stream with this encoding can carry any character."""
    if not encoding:
        return False
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf")


def shows_unicode(environ: Mapping[str, str], encoding: str | None) -> bool:
    """Unicode only when both agree: the locale names UTF-8 (no locale at all is the C
    locale) and the output stream can encode it."""
    return bool(locale_is_unicode(environ)) and encoding_is_unicode(encoding)

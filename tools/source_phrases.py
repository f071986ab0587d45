"""Write the fingerprints of every run of 7 words in the source material.

The source article is the project's requirements, but its sentences are not
ours to reuse. tests/test_own_words.py checks that no run of 7 words from it
appears in src/, routines/ or README.md; it compares fingerprints (short
SHA-256 digests of the normalised runs), so the repository never holds the
article's text.

    python tools/source_phrases.py ../shared/reference/back-stretches-article.md

Run it again whenever the source material changes, and commit
tests/data/source-phrases.txt.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

RUN = 7
OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "source-phrases.txt"


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes dropped (child's == childs), every other mark a break."""
    text = re.sub(r"[’'`]", "", text.lower())
    return re.findall(r"[^\W_]+", text)


def runs(text: str, size: int = RUN) -> Iterator[tuple[str, ...]]:
    found = words(text)
    for start in range(len(found) - size + 1):
        yield tuple(found[start : start + size])


def fingerprint(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the source article (Markdown)")
    args = parser.parse_args(argv)
    prints = sorted({fingerprint(run) for run in runs(args.source.read_text(encoding="utf-8"))})
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(prints) + "\n", encoding="utf-8")
    print(f"{len(prints)} fingerprints written to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

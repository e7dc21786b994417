"""Literal gates: skip a regex over a text that lacks every word the regex needs.

Most extraction patterns can only match text that contains some literal ("condemn", "envoy", "killed"…).
`required_literals` reads that set from the compiled pattern's parse tree, so every match of the pattern
contains at least one of the returned strings. A substring test on the folded text is far cheaper than a
regex scan with IGNORECASE, so an extractor with a hundred patterns runs only the few whose literals occur.
The gate is a necessary condition, never a sufficient one: gated and ungated scans find the same matches.
"""
from __future__ import annotations

import re
import re._parser as _sre_parse  # Python 3.11+, as pyproject requires
from functools import lru_cache
from re._constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
from typing import NamedTuple, Sequence

# Shorter literals ("at", "of") occur in nearly every article: gating on them saves nothing.
MIN_LITERAL = 3
# Characters that IGNORECASE matches to an ASCII letter although str.lower() does not map them to it
# (the extra cases of Python's regex engine, re._casefix): folded first, so the gate never hides a match.
_REGEX_ONLY_CASES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_HAS_REGEX_ONLY_CASES = re.compile("[\u0130\u0131\u017f\u212a]")


def fold(text: str) -> str:
    """The text as gates test it: lower-cased, with the regex engine's extra case matches folded to ASCII.

    The result has the length of `text` (the one character whose lower() is longer, U+0130, is folded first)."""
    if not text.isascii() and _HAS_REGEX_ONLY_CASES.search(text):
        text = text.translate(_REGEX_ONLY_CASES)
    return text.lower()


@lru_cache(maxsize=1024)
def parse_tree(source: str, flags: int = 0) -> tuple:
    """The top-level items of a pattern's parse tree, parsed once for every reader (gates, scans, spellings)."""
    return tuple(_sre_parse.parse(source, flags))


def _required(items) -> set[str] | None:
    """Literals one of which every match of this parsed sequence contains (None if there is no such set)."""
    best: set[str] | None = None
    run = ""

    def consider(candidates: set[str] | None) -> None:
        nonlocal best
        if candidates and all(len(c) >= MIN_LITERAL for c in candidates):
            if best is None or min(map(len, candidates)) > min(map(len, best)):
                best = candidates

    for op, av in items:
        if op == LITERAL:
            run += chr(av)
            continue
        if run:
            consider({run})
        run = ""
        if op == SUBPATTERN:
            consider(_required(av[-1]))
        elif op == BRANCH:
            alternatives = [_required(branch) for branch in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            consider(_required(av[2]))
        # Anything else (classes, anchors, lookarounds, back-references) ends the literal run; a negative
        # lookahead's words are never required, so it is not descended into.
    if run:
        consider({run})
    return best


class PatternSource(NamedTuple):
    """A regex kept as its source and flags, for `required_literals` only: never compiled, never matched."""

    pattern: str
    flags: int = re.UNICODE


def required_literals(pattern: re.Pattern | PatternSource) -> frozenset[str] | None:
    """Lower-cased ASCII literals one of which any match contains; None when the pattern needs none."""
    try:
        found = _required(parse_tree(pattern.pattern, pattern.flags))
    except Exception:  # an unusual construct: never gate rather than gate wrongly
        return None
    if not found or not all(word.isascii() for word in found):
        return None
    return frozenset(word.lower() for word in found)


class GatedPatterns:
    """A fixed list of patterns, each paired with the literals it needs."""

    def __init__(self, patterns: Sequence[re.Pattern]):
        self.patterns = list(patterns)
        self.gates = [required_literals(p) for p in self.patterns]

    def __len__(self) -> int:
        return len(self.patterns)

    def candidates(self, folded: str) -> list[int]:
        """Indices, in order, of the patterns that can match somewhere in a text folded by `fold`."""
        present: dict[str, bool] = {}
        out = []
        for i, gate in enumerate(self.gates):
            if gate is None:
                out.append(i)
                continue
            for word in gate:
                hit = present.get(word)
                if hit is None:
                    hit = present[word] = word in folded
                if hit:
                    out.append(i)
                    break
        return out

"""Prefix-anchored regex scans: try a pattern only where one of the literals that open its matches occurs.

Most diplomacy patterns open with a word alternation ("\\b(?:withdr(?:ew|aws?)|recall(?:ed|s)?) …"). A
regex search with IGNORECASE tries every position of the text; `opening_literals` reads from the
pattern's parse tree the strings one of which every match starts with, `ArticleScan` finds those
strings in the folded text (a plain substring search) and runs `pattern.match` only there. A match
attempt at a position sees the whole text (lookbehinds, `\\b`) exactly as a search reaching that
position does, so `ArticleScan.finditer` yields the very matches of `pattern.finditer`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterator, Optional

from briefing.extract.gate import fold, required_literals

try:  # Python 3.11+
    import re._parser as _sre_parse
    from re._constants import (ASSERT, ASSERT_NOT, AT, AT_BOUNDARY, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT,
                               SUBPATTERN)
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse as _sre_parse  # type: ignore
    from sre_constants import (ASSERT, ASSERT_NOT, AT, AT_BOUNDARY, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT,  # type: ignore
                               SUBPATTERN)

# Beyond this many alternative openings a pattern is scanned on the shorter openings found so far.
MAX_OPENINGS = 256
_ZERO_WIDTH = (AT, ASSERT, ASSERT_NOT)
WORD = re.compile(r"\w+")


def _exact(op, av) -> Optional[set[str]]:
    """The strings one item can match, when it can only match a few literal strings; else None."""
    if op == LITERAL:
        return {chr(av)}
    if op == IN:
        return {chr(v) for o, v in av} if all(o == LITERAL for o, v in av) else None
    if op == SUBPATTERN:
        return _exact_sequence(av[-1])
    if op == BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            alternatives = _exact_sequence(branch)
            if alternatives is None:
                return None
            found |= alternatives
        return found if len(found) <= MAX_OPENINGS else None
    if op in (MAX_REPEAT, MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        inner = _exact_sequence(av[2])
        return inner | {""} if inner is not None else None
    return None


def _exact_sequence(items) -> Optional[set[str]]:
    out = {""}
    for op, av in items:
        alternatives = _exact(op, av)
        if alternatives is None:
            return None
        out = {a + b for a in out for b in alternatives}
        if len(out) > MAX_OPENINGS:
            return None
    return out


def _openings(items) -> set[str]:
    """Strings one of which every match of the parsed sequence starts with ({""} when nothing is known)."""
    out = {""}
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        alternatives = _exact(op, av)
        if alternatives is None:
            # A consuming item that is no short literal set: its own openings still extend the known ones.
            if op == SUBPATTERN:
                partial = _openings(av[-1])
            elif op == BRANCH:
                partial = set().union(*(_openings(branch) for branch in av[1]))
            elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
                partial = _openings(av[2])
            elif op in (MAX_REPEAT, MIN_REPEAT) and av[1] >= 1:
                # "(?:closely\s+)?(?:monitor|follow)": the item's openings, or else those of what follows.
                partial = _openings(av[2]) | _openings(items[i + 1:])
            else:
                partial = {""}
            if "" in partial:
                return out
            longer = {a + b for a in out for b in partial}
            return longer if len(longer) <= MAX_OPENINGS else out
        longer = {a + b for a in out for b in alternatives}
        if len(longer) > MAX_OPENINGS:
            return out
        out = longer
    return out


def opening_literals(pattern: re.Pattern) -> Optional[frozenset[str]]:
    """Lower-cased ASCII strings one of which opens every match of `pattern`; None when none is known."""
    try:
        found = _openings(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # an unusual construct: scan the plain way rather than wrongly
        return None
    cut = set()
    for opening in found:
        ascii_head = re.match(r"[\x00-\x7f]*", opening).group(0).lower()
        if not ascii_head:
            return None
        cut.add(ascii_head)
    # "scrap" opens every match that "scrapped" opens: keep only the shortest openings.
    return frozenset(o for o in cut if not any(p != o and o.startswith(p) for p in cut))


def _opens_words(pattern: re.Pattern, openings) -> bool:
    """True when every match starts a word: the pattern opens with \\b and each opening with a word character."""
    try:
        items = list(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:
        return False
    # Under re.ASCII, \b would not see a non-ASCII letter before the match as part of the word.
    return not pattern.flags & re.ASCII and bool(items) and items[0] == (AT, AT_BOUNDARY) and all(WORD.match(o) for o in openings)


# Word-start openings of every Scanned pattern, by their leading word's first three letters (heads of three)
# or first four (longer heads): an article looks up each of its distinct words twice, not each opening.
_BY_PREFIX: dict[str, list[tuple[str, str]]] = {}
_REGISTERED: set[str] = set()
MIN_HEAD = 3  # a pattern opening with a shorter word ("in", "is") is gated on its required literals instead


def _register(openings) -> None:
    for opening in openings:
        if opening not in _REGISTERED:
            _REGISTERED.add(opening)
            head = WORD.match(opening).group(0)
            _BY_PREFIX.setdefault(head[:4], []).append((head, opening))


class Scanned:
    """A compiled pattern with its opening literals."""

    __slots__ = ("pattern", "openings", "word_start", "gate")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.openings = opening_literals(pattern)
        self.word_start = self.openings is not None and _opens_words(pattern, self.openings) and \
            all(len(WORD.match(o).group(0)) >= MIN_HEAD for o in self.openings)
        self.gate = None if self.word_start else required_literals(pattern)
        if self.word_start:
            _register(self.openings)


class ArticleScan:
    """One article's text with the positions of opening literals, found once and shared by every scan."""

    def __init__(self, text: str):
        self.text = text
        self.folded = fold(text)
        # fold keeps every character in place (and a word character a word character) today; a text
        # where it did not would be scanned the plain way.
        self.aligned = len(self.folded) == len(text)
        self._present: Optional[set[str]] = None
        self._registered = 0
        self._at: dict[str, list[int]] = {}
        self._starts: dict[Scanned, list[int]] = {}

    def _word_openings(self) -> set[str]:
        """The registered word-start openings that open some word of the text."""
        if self._present is None or self._registered != len(_REGISTERED):
            present, folded = set(), self.folded
            for word in set(WORD.findall(folded)):
                for key in (word[:3], word[:4]) if len(word) > 3 else (word,):
                    for head, opening in _BY_PREFIX.get(key, ()):
                        if word.startswith(head) and (head == opening or opening in folded):
                            present.add(opening)
            self._present, self._registered = present, len(_REGISTERED)
        return self._present

    def _positions(self, opening: str) -> list[int]:
        found = self._at.get(opening)
        if found is None:
            found, folded = [], self.folded
            at = folded.find(opening)
            while at >= 0:
                found.append(at)
                at = folded.find(opening, at + 1)
            self._at[opening] = found
        return found

    def starts(self, scanned: Scanned) -> list[int]:
        """Sorted positions where one of the pattern's openings begins in the folded text."""
        found = self._starts.get(scanned)
        if found is None:
            present = scanned.openings & self._word_openings() if scanned.word_start else scanned.openings
            positions: set[int] = set()
            for opening in present:
                positions.update(self._positions(opening))
            found = self._starts[scanned] = sorted(positions)
        return found
    def candidates(self, patterns: "ScannedList") -> list[int]:
        """Indices, in order, of the patterns of the list that can match somewhere in the text."""
        if not self.aligned:
            return list(range(len(patterns)))
        folded = self.folded
        found = {i for i in patterns.always if patterns.items[i].gate is None
                 or any(word in folded for word in patterns.items[i].gate)}
        present = self._word_openings()
        for opening in present & patterns.by_opening.keys():
            found.update(patterns.by_opening[opening])
        return sorted(found)

    def has(self, scanned: Scanned) -> bool:
        """False when `scanned` cannot match anywhere in the text."""
        return not self.aligned or scanned.openings is None or bool(self.starts(scanned))

    def finditer(self, scanned: Scanned, pos: int = 0, endpos: Optional[int] = None) -> Iterator[re.Match]:
        """The matches of `scanned.pattern.finditer(text, pos, endpos)`, trying only where an opening occurs."""
        text, pattern = self.text, scanned.pattern
        end = len(text) if endpos is None else endpos
        if not self.aligned or scanned.openings is None:
            yield from pattern.finditer(text, pos, end)
            return
        starts = self.starts(scanned)
        free = pos  # matches do not overlap: the next one starts where the last ended
        for i in range(bisect_left(starts, pos), bisect_left(starts, end)):
            at = starts[i]
            if at < free:
                continue
            m = pattern.match(text, at, end)
            if m:
                yield m
                free = m.end()

    def search(self, scanned: Scanned, pos: int = 0, endpos: Optional[int] = None) -> Optional[re.Match]:
        """`scanned.pattern.search(text, pos, endpos)`, trying only where an opening occurs."""
        return next(self.finditer(scanned, pos, endpos), None)


class ScannedList:
    """A fixed list of patterns, with the patterns each word-start opening can begin."""

    def __init__(self, patterns):
        self.items = [Scanned(p) for p in patterns]
        self.by_opening: dict[str, list[int]] = {}
        self.always = []  # patterns without word-start openings: always scanned (their own way)
        for i, item in enumerate(self.items):
            if not item.word_start:
                self.always.append(i)
                continue
            for opening in item.openings:
                self.by_opening.setdefault(opening, []).append(i)

    def __len__(self) -> int:
        return len(self.items)

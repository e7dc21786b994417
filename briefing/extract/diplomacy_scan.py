"""Prefix-anchored regex scans: try a pattern only where one of the literals that open its matches occurs.

Most diplomacy patterns open with a word alternation ("\\b(?:withdr(?:ew|aws?)|recall(?:ed|s)?) …"). A
regex search with IGNORECASE tries every position of the text; `opening_literals` reads from the
pattern's parse tree the strings one of which every match starts with. For a pattern opening with \\b
and a word, the leading words of those strings ("withdr", "recall") of every pattern are found at the
word starts of the folded text by one trie-shaped regex per article; other openings by substring
search. `ArticleScan` then runs `pattern.match` only there. A match attempt at a position sees the whole
text (lookbehinds, `\\b`, the end at `endpos`) exactly as a search reaching that position does, so
`ArticleScan.finditer` returns the very matches of `pattern.finditer`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from re._constants import (ASSERT, ASSERT_NOT, AT, AT_BOUNDARY, BRANCH, CATEGORY, CATEGORY_WORD, IN, LITERAL, MAX_REPEAT,
                           MIN_REPEAT, SUBPATTERN)
from typing import Optional

from briefing.extract.gate import parse_tree, required_literals
from briefing.extract.scans import is_word_char, occurrences, trie_pattern
from briefing.extract.words import lowered


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
        found = _openings(parse_tree(pattern.pattern, pattern.flags))
    except Exception:  # an unusual construct: scan the plain way rather than wrongly
        return None
    cut = set()
    for opening in found:
        ascii_head = re.match(r"[\x00-\x7f]*", opening).group(0).lower()
        if not ascii_head:
            return None
        cut.add(ascii_head)
    return _shortest(cut)


def contained_literals(pattern: re.Pattern) -> Optional[frozenset[str]]:
    """Lower-cased strings (of 3 characters or more) one of which every match of `pattern` holds; None when
    none is known. Unlike `gate.required_literals`, each branch of a top-level alternation gives its own
    ("not|never…" or "n['’]t": one of "not", "never", …, "n't", "n’t")."""
    try:
        found = _contained(parse_tree(pattern.pattern, pattern.flags))
    except Exception:  # an unusual construct: no gate rather than a wrong one
        return None
    return frozenset(w.lower() for w in found) if found else None


def _contained(items) -> Optional[set[str]]:
    best: Optional[set[str]] = None

    def consider(found: Optional[set[str]]) -> None:
        nonlocal best
        if found and min(map(len, found)) >= 3 and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    # A run of items each matching one of a few strings (zero-width items take no text, so the run goes on
    # across them): every match holds one of the run's concatenations. An alternation: one of each branch's.
    run = {""}
    for op, av in [*items, (None, None)]:
        if op in _ZERO_WIDTH:
            continue
        alternatives = _exact(op, av) if op is not None else None
        if alternatives is not None and len(run) * len(alternatives) <= MAX_OPENINGS:
            run = {a + b for a in run for b in alternatives}
            continue
        consider(run)
        run = {""}
        if op == BRANCH:
            found: Optional[set[str]] = set()
            for branch in av[1]:
                inner = _contained(branch)
                if not inner:
                    found = None
                    break
                found |= inner
            consider(found)
        elif op == SUBPATTERN:
            consider(_contained(av[-1]))
    return best


def _shortest(openings: set[str]) -> frozenset[str]:
    """"scrap" opens every match that "scrapped" opens: only the shortest openings are kept."""
    return frozenset(o for o in openings if not any(p != o and o.startswith(p) for p in openings))


def _opens_words(pattern: re.Pattern, openings) -> bool:
    """True when every match starts a word: the pattern opens with \\b (or a lookbehind ruling out a word
    character, "(?<![-\\w])") after any other lookarounds, and each opening with a word character."""
    try:
        items = parse_tree(pattern.pattern, pattern.flags)
    except Exception:
        return False
    # Lookarounds take no text: they leave the match's start where it is ("(?<!-)\\bback(?:ed|s)\\b").
    lead = 0
    while lead < len(items) and items[lead][0] in (ASSERT, ASSERT_NOT) and not _no_word_before(items[lead]):
        lead += 1
    at_word = lead < len(items) and (items[lead] == (AT, AT_BOUNDARY) or _no_word_before(items[lead]))
    # Under re.ASCII, \b would not see a non-ASCII letter before the match as part of the word.
    return not pattern.flags & re.ASCII and at_word and all(WORD.match(o) for o in openings)


def _no_word_before(item) -> bool:
    """True for a negative lookbehind of one character that excludes every word character ("(?<![-\\w])")."""
    op, av = item
    if op != ASSERT_NOT or av[0] != -1 or len(av[1]) != 1 or av[1][0][0] != IN:
        return False
    return any(o == CATEGORY and v == CATEGORY_WORD for o, v in av[1][0][1])


class _Heads:
    """The leading words of every registered word-start pattern, found in a text by one trie-shaped regex."""

    def __init__(self):
        self.heads: set[str] = set()
        self.regex: Optional[re.Pattern] = None
        self.at_start: Optional[re.Pattern] = None
        self.shorter: dict[str, tuple[str, ...]] = {}

    def add(self, heads) -> None:
        if not self.heads.issuperset(heads):
            self.heads.update(heads)
            self.regex = None

    def find(self, folded: str) -> dict[str, list[int]]:
        """Word starts of the folded text (in order) by registered head opening the word there."""
        if self.regex is None:
            # Every head is a run of word characters: it opens a word at offset 0 or after a non-word character
            # (found by a regex opening with \W, which the engine skips to faster than it tries a lookbehind
            # at every offset; the \W it takes is never part of a head, so no head is skipped).
            trie = trie_pattern(self.heads)
            self.regex, self.at_start = re.compile(r"\W(" + trie + ")"), re.compile(trie)
            # The regex finds the longest head opening a word; the shorter heads it begins with open it too.
            self.shorter = {head: shorter for head in self.heads
                            if (shorter := tuple(head[:n] for n in range(1, len(head)) if head[:n] in self.heads))}
        found: dict[str, list[int]] = {}
        first = self.at_start.match(folded)
        if first:
            found[first.group()] = [0]
        get = found.get
        for m in self.regex.finditer(folded):
            head = m[1]
            positions = get(head)
            if positions is None:
                found[head] = [m.start(1)]
            else:
                positions.append(m.start(1))
        # Each position has one longest head: a shorter head's list gets the positions of the longer ones.
        shorter_of = self.shorter
        longer = [head for head in found if head in shorter_of]
        if longer:
            merged = []  # heads given the positions of several words: to be put back in order
            for head in longer:
                positions = found[head]
                for shorter in shorter_of[head]:
                    got = found.get(shorter)
                    if got is None:
                        found[shorter] = list(positions)
                    else:
                        got.extend(positions)
                        merged.append(got)
            for positions in merged:
                positions.sort()
        return found


_HEADS = _Heads()
MIN_HEAD = 3  # a pattern opening with a shorter word ("in", "is") is gated on its required literals instead


class Scanned:
    """A compiled pattern with its opening literals."""

    __slots__ = ("pattern", "openings", "at_words", "word_start", "gate")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.openings = opening_literals(pattern)
        # Every match starts a word ("\\b(?:is|are|…)"): a match can only start after a non-word character.
        self.at_words = self.openings is not None and _opens_words(pattern, self.openings)
        self.word_start = self.at_words and all(len(WORD.match(o).group(0)) >= MIN_HEAD for o in self.openings)
        self.gate = None if self.word_start else required_literals(pattern)
        if self.word_start:
            # A match opens a word with one of these: its leading words suffice ("with" for "with grave concern").
            self.openings = _shortest({WORD.match(o).group(0) for o in self.openings})
            _HEADS.add(self.openings)


class ArticleScan:
    """One article's text with the positions of opening literals, found once and shared by every scan."""

    def __init__(self, text: str):
        self.text = text
        self.folded = lowered(text)  # gate.fold, skipping its translation when it has nothing to do
        # fold keeps every character in place (and a word character a word character) today; a text
        # where it did not would be scanned the plain way.
        self.aligned = len(self.folded) == len(text)
        self.ascii = text.isascii()  # then folded[a:b] is text[a:b].lower() for any a, b
        self._head_starts: Optional[dict[str, list[int]]] = None
        self._heads_regex: Optional[re.Pattern] = None  # the heads regex `_head_starts` was found with
        self._at: dict[str, list[int]] = {}
        self._at_words: dict[str, list[int]] = {}
        self._starts: dict[Scanned, list[int]] = {}
        self._by_sentence: dict[Scanned, tuple] = {}
        self._sentences: Optional[tuple] = None  # (sentences, by start, their starts, in order without overlap, ends)

    def _heads(self) -> dict[str, list[int]]:
        """Word starts by registered head opening the word there (every such head, not only the longest)."""
        if self._head_starts is None or self._heads_regex is not _HEADS.regex:
            self._head_starts = _HEADS.find(self.folded)
            self._heads_regex = _HEADS.regex
        return self._head_starts

    def _positions(self, opening: str) -> list[int]:
        """Every position where `opening` occurs in the folded text."""
        found = self._at.get(opening)
        if found is None:
            found = self._at[opening] = occurrences(self.folded, [opening])
        return found

    def _word_positions(self, opening: str) -> list[int]:
        """The positions of `opening` where a word starts in the text (0, or after a non-word character)."""
        found = self._at_words.get(opening)
        if found is None:
            text = self.text
            found = self._at_words[opening] = [at for at in self._positions(opening)
                                               if at == 0 or not is_word_char(text[at - 1])]
        return found

    def starts(self, scanned: Scanned) -> list[int]:
        """Sorted positions where one of the pattern's openings begins in the folded text."""
        found = self._starts.get(scanned)
        if found is None:
            if scanned.word_start:
                by_head, openings = self._heads(), scanned.openings
                present = [h for h in by_head if h in openings] if len(by_head) < len(openings) else \
                    [h for h in openings if h in by_head]
                if len(present) == 1:
                    found = self._starts[scanned] = by_head[present[0]]  # in order, each position once
                    return found
                positions = [at for head in present for at in by_head[head]]
            elif scanned.at_words:
                positions = [at for opening in scanned.openings for at in self._word_positions(opening)]
            else:
                positions = [at for opening in scanned.openings for at in self._positions(opening)]
            found = self._starts[scanned] = sorted(set(positions))
        return found

    def list_matches(self, patterns: "ScannedList") -> list[tuple[int, list[re.Match]]]:
        """(index, `pattern.finditer(text)` as a list) for every pattern of the list that matches, in list order."""
        if not self.aligned:
            found = [(i, list(item.pattern.finditer(self.text))) for i, item in enumerate(patterns.items)]
            return [(i, matches) for i, matches in found if matches]
        # Per word-start pattern the position lists of its openings present in the text (None: scan its own way).
        lists: dict[int, Optional[list]] = {}
        by_opening, get = patterns.by_opening, lists.get
        for head, positions in self._heads().items():
            indices = by_opening.get(head)
            if indices is not None:
                for i in indices:
                    got = get(i)
                    if got is None:
                        lists[i] = [positions]
                    else:
                        got.append(positions)
        folded = self.folded
        for i, gate in patterns.gates:
            if gate is None or any(word in folded for word in gate):
                lists[i] = None
        text, out, matchers = self.text, [], patterns.matchers
        for i in sorted(lists):
            found = lists[i]
            if found is None:
                matches = self.finditer(patterns.items[i])
            else:
                # No two openings of a pattern start at one word (neither opens the other): no position twice.
                starts = found[0] if len(found) == 1 else sorted([at for part in found for at in part])
                match, matches, free = matchers[i], [], 0
                for at in starts:
                    if at >= free:
                        m = match(text, at)
                        if m:
                            matches.append(m)
                            free = m.end()
            if matches:
                out.append((i, matches))
        return out

    def finditer(self, scanned: Scanned, pos: int = 0, endpos: Optional[int] = None) -> list[re.Match]:
        """The matches of `scanned.pattern.finditer(text, pos, endpos)`, trying only where an opening occurs."""
        text, pattern = self.text, scanned.pattern
        end = len(text) if endpos is None else endpos
        if not self.aligned or scanned.openings is None:
            return list(pattern.finditer(text, pos, end))
        starts = self.starts(scanned)
        low, high = bisect_left(starts, pos), bisect_left(starts, end)
        out: list[re.Match] = []
        free = pos  # matches do not overlap: the next one starts where the last ended
        for i in range(low, high):
            at = starts[i]
            if at >= free:
                m = pattern.match(text, at, end)
                if m:
                    out.append(m)
                    free = m.end()
        return out

    def by_sentence(self, scanned: Scanned, sentences) -> dict[int, list[re.Match]]:
        """Per start of a sentence of `sentences` with matches, `finditer(scanned, sent.start, sent.end)`.

        A sentence whose start is no key has no match."""
        cached = self._by_sentence.get(scanned)
        if cached is None or cached[0] is not sentences:
            cached = self._by_sentence[scanned] = (sentences, self._sentence_matches(scanned, sentences))
        return cached[1]

    def in_sentence(self, scanned: Scanned, sentences, sent) -> list[re.Match]:
        """`finditer(scanned, sent.start, sent.end)`, found at once for every sentence of `sentences`."""
        cached = self._by_sentence.get(scanned)
        found = (cached[1] if cached is not None and cached[0] is sentences
                 else self.by_sentence(scanned, sentences)).get(sent.start)
        if self._sentences[1].get(sent.start) is not sent:  # not one of `sentences`, or one of two with its start
            return self.finditer(scanned, sent.start, sent.end)
        return found or []

    def _sentence_matches(self, scanned: Scanned, sentences) -> dict[int, list[re.Match]]:
        if self._sentences is None or self._sentences[0] is not sentences:
            ordered = all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
            self._sentences = (sentences, {s.start: s for s in sentences}, [s.start for s in sentences], ordered,
                               [s.end for s in sentences])
        _, _, sentence_starts, ordered, sentence_ends = self._sentences
        out = {}
        if not ordered or not self.aligned or scanned.openings is None:
            for sent in sentences:
                found = self.finditer(scanned, sent.start, sent.end)
                if found:
                    out[sent.start] = found
            return out
        # One walk over the sorted starts and the ordered sentences: within a sentence, what `finditer` over it does.
        text, match = self.text, scanned.pattern.match
        i, count, free, end = 0, len(sentences), 0, -1
        for at in self.starts(scanned):
            if at >= end:  # past the current sentence: on to the one holding `at`
                while i < count and sentence_ends[i] <= at:
                    i += 1
                if i == count:
                    break
                end = sentence_ends[i]
                free = sentence_starts[i]
            if at >= free:  # (before the sentence's start, or inside the last match: not tried)
                m = match(text, at, end)
                if m:
                    found = out.get(sentence_starts[i])
                    if found is None:
                        out[sentence_starts[i]] = [m]
                    else:
                        found.append(m)
                    free = m.end()
        return out

    def search(self, scanned: Scanned, pos: int = 0, endpos: Optional[int] = None) -> Optional[re.Match]:
        """`scanned.pattern.search(text, pos, endpos)`, trying only where an opening occurs."""
        text, pattern = self.text, scanned.pattern
        end = len(text) if endpos is None else endpos
        if not self.aligned or scanned.openings is None:
            return pattern.search(text, pos, end)
        starts = self.starts(scanned)
        for i in range(bisect_left(starts, pos), bisect_left(starts, end)):
            m = pattern.match(text, starts[i], end)
            if m:
                return m
        return None


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
        self.gates = [(i, self.items[i].gate) for i in self.always]
        self.matchers = [item.pattern.match for item in self.items]

    def __len__(self) -> int:
        return len(self.items)

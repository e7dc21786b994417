"""Scans that find what a regex finds while trying it at few places: literal tries, anchored and whole-word scans.

A regex tried at every offset of a long text is slow when it can only match near some literal. These helpers
find the candidate offsets with `str.find` (or let the engine's own prefix search skip ahead) and give exactly
the matches the plain `finditer` would give.
"""
from __future__ import annotations

import re
from typing import Optional


def trie_pattern(words, after_first: str = "") -> str:
    """One regex for many literal words, as a character trie (much faster than a flat alternation).

    Longer words are tried first at each branching, so the longest listed word that fits wins.
    `after_first` goes right after each word's first character (e.g. a lookbehind: see actor_lexicon)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, first: bool = False) -> str:
        branches = [re.escape(ch) + (after_first if first else "") + build(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie, first=True)


def literal_finder(words) -> Optional[re.Pattern]:
    """A regex finding any of `words` (plain strings), so one search tells whether a span holds one; None for None."""
    if words is None:
        return None
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def alternation_finditer(text: str, patterns: tuple):
    """The matches `re.finditer("A|B|...", text)` would give for these patterns as branches, in that order.

    Leftmost match first, an earlier branch winning at the same position, the scan going on after it; scanning
    each branch on its own lets the engine skip ahead to where that branch can start (none may match empty).
    A branch is anything with a pattern's `search(text, pos)`."""
    pos = 0
    upcoming = [p.search(text) for p in patterns]
    while True:
        found = [m for m in upcoming if m]
        if not found:
            return
        m = min(found, key=lambda x: x.start())  # (the first branch among equals)
        yield m
        pos = m.end()
        # A branch with no match left has none further on either; one whose match overlaps this one looks again.
        upcoming = [x if x is None or x.start() >= pos else p.search(text, pos) for x, p in zip(upcoming, patterns)]


def anchored_finditer(pattern: re.Pattern, text: str, starts):
    """The matches `pattern.finditer(text)` gives, tried only at `starts`, which hold every place a match can start."""
    pos = 0
    for start in sorted(set(starts)):
        if start >= pos:
            m = pattern.match(text, start)
            if m:
                yield m
                pos = m.end()


def occurrences(text: str, words) -> list[int]:
    """Every offset where one of `words` occurs in `text` (overlapping occurrences included)."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
    return found


def _joins(ch: str) -> bool:
    """Whether a character continues a word or a hyphenated compound (regex [\\w-])."""
    return ch.isalnum() or ch in "_-"


def whole_word_starts(text: str, word: str) -> list[int]:
    """Where `word` stands alone in `text`, as `(?<![\\w-])word(?![\\w-])` finds it, without compiling a regex."""
    if not word:
        return [m.start() for m in re.finditer(r"(?<![\w-])(?![\w-])", text)]
    starts, n, i = [], len(word), text.find(word)
    while i >= 0:
        if (i == 0 or not _joins(text[i - 1])) and (i + n == len(text) or not _joins(text[i + n])):
            starts.append(i)
            i = text.find(word, i + n)
        else:
            i = text.find(word, i + 1)
    return starts


def is_word_char(ch: str) -> bool:
    """Whether a character continues a word: a letter, digit or underscore."""
    return ch.isalnum() or ch == "_"


def word_start_finditer(scan: re.Pattern, text: str):
    """The matches of `\\b` + `scan` (whose matches start with a word character), as finditer gives them; `scan`
    without the \\b lets the engine skip ahead to the letters a match can start with."""
    pos = 0
    while True:
        m = scan.search(text, pos)
        if not m:
            return
        if m.start() and is_word_char(text[m.start() - 1]):
            pos = m.start() + 1  # inside a word ("paper "): no \b there
            continue
        yield m
        pos = m.end()

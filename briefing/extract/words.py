"""Words of a text for cheap checks before (or instead of) a regex scan.

A case-insensitive regex over a list of whole words (`\\b(?:said|told|…)\\b`) matches a sentence exactly when
one of the sentence's words, lower-cased as the regex engine compares them (`gate.fold`), is one of its
spellings. A set lookup of the sentence's words is many times cheaper than the scan, so the extractors test
words first and run the full pattern only where it can match.
"""
from __future__ import annotations

import re
from re._constants import BRANCH, IN, LITERAL, MAX_REPEAT, SUBPATTERN

from briefing.extract.gate import fold, parse_tree, required_literals

WORD = re.compile(r"\w+")


_last_article: tuple[str, str] = ("", "")


def lowered(text: str) -> str:
    """`gate.fold(text)`; the last long text's result is kept, as the date and word scans of one article both ask."""
    global _last_article
    if text is _last_article[0]:
        return _last_article[1]
    folded = fold(text)
    if len(text) > 500:
        _last_article = (text, folded)
    return folded


def words_of(folded: str, start: int = 0, end: int | None = None) -> set[str]:
    """The words (runs of \\w) of folded[start:end]."""
    return set(WORD.findall(folded, start, len(folded) if end is None else end))


def sentence_words(ctx) -> list[set[str]]:
    """The words of each of the context's sentences (folded), computed once per article."""
    cached = getattr(ctx, "_sentence_words", None)
    if cached is None or cached[0] is not ctx.sentences:
        folded = lowered(ctx.article.text)
        cached = (ctx.sentences, folded, [words_of(folded, s.start, s.end) for s in ctx.sentences])
        ctx._sentence_words = cached
    return cached[2]


def folded_text(ctx) -> str:
    """The article text folded like `gate.fold`, shared with `sentence_words`."""
    sentence_words(ctx)
    return ctx._sentence_words[1]


def spellings(pattern: str) -> set[str]:
    """Every string a pattern of literals, alternations and optional parts matches, lower-cased
    ("attack(?:ed|s)?" → attack, attacked, attacks). ValueError for anything else (classes, repeats)."""
    return {s.lower() for s in _expand(parse_tree(pattern))}


def _expand(items) -> set[str]:
    out = {""}
    for op, av in items:
        if op == LITERAL:
            options = {chr(av)}
        elif op == SUBPATTERN:
            options = _expand(av[-1])
        elif op == BRANCH:
            options = set().union(*(_expand(branch) for branch in av[1]))
        elif op == MAX_REPEAT and av[0] == 0 and av[1] == 1:
            options = _expand(av[2]) | {""}
        elif op == IN and all(o == LITERAL for o, _ in av):
            options = {chr(c) for _, c in av}
        else:
            raise ValueError(f"not a finite word list: {op}")
        out = {a + b for a in out for b in options}
    return out


class Gated:
    """A pattern run only on text holding one of the literals its matches need (`gate.required_literals`)."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        literals = required_literals(pattern)
        # A literal holding another ("has long", "long") is found only where that one is: testing it adds nothing.
        self.literals = None if literals is None else \
            [w for w in literals if not any(other != w and other in w for other in literals)]

    def within(self, folded: str) -> "Gated":
        """The pattern gated for parts of the folded text `folded`: only the literals that occur in it are tested
        (one scan of the whole text per literal instead of one per part)."""
        narrowed = Gated.__new__(Gated)
        narrowed.pattern = self.pattern
        narrowed.literals = None if self.literals is None else [w for w in self.literals if w in folded]
        return narrowed

    def search(self, text: str, folded: str) -> re.Match | None:
        """`pattern.search(text)`; `folded` is `text` folded (`lowered`), for the literal test."""
        if self.literals is not None:
            for word in self.literals:
                if word in folded:
                    break
            else:
                return None
        return self.pattern.search(text)


_CHUNKS_BACK: dict[int, re.Pattern] = {}
_NON_SPACE = re.compile(r"\S")


def tail_search(pattern: re.Pattern, text: str, chunks: int) -> re.Match | None:
    """`pattern.search(text)` for a pattern whose matches end the text (`…\\s*$`) and start on a non-space within
    its last `chunks` space-separated chunks: only those are scanned (a `$` pattern otherwise tries every offset)."""
    back = _CHUNKS_BACK.get(chunks)
    if back is None:
        back = _CHUNKS_BACK[chunks] = re.compile(r"\s*\S*(?:\s+\S+){0,%d}" % (chunks - 1))
    window = 32 * chunks  # only the end of the text is reversed; widened until the chunks are all inside it
    while True:
        low = max(0, len(text) - window)
        reverse = text[low:][::-1]
        chunks_end = back.match(reverse).end()
        if low == 0 or _NON_SPACE.search(reverse, chunks_end):
            return pattern.search(text, len(text) - chunks_end)
        window *= 4


_NOTHING: frozenset[str] = frozenset()


class WordClass:
    """Words passing a test ("begins with a number word"), remembered across texts, so that asking whether a
    sentence's words hold one is a set operation instead of a test of every word. All classes share one
    record of the words already tested. Word sets passed in are never changed afterwards (they are not copied)."""

    MAX_REMEMBERED = 200_000  # a bound on memory for very long runs: words past it are tested, not remembered
    MAX_LEARNT_SETS = 4096  # word sets recognised as learnt (about one article's sentences, asked about many times)
    _classes: list["WordClass"] = []
    _seen: set[str] = set()
    # Word sets already learnt, by identity (the set is kept so that its id cannot be reused by another).
    _learnt: dict[int, set[str]] = {}

    def __init__(self, test):
        self.test = test
        self.members: set[str] = set()
        WordClass._classes.append(self)
        # The words seen so far were not tested for this class (classes are made at import, before any text).
        WordClass._seen, WordClass._learnt = set(), {}
        for word_class in WordClass._classes:
            word_class.members = set()

    @classmethod
    def _learn(cls, words: set[str]) -> set[str]:
        """Remember the classes of `words`; returns those it could not remember (the record is full)."""
        if cls._learnt.get(id(words)) is words:
            return _NOTHING
        new = words.difference(cls._seen)
        if new:
            if len(cls._seen) + len(new) > cls.MAX_REMEMBERED:
                return new
            for word_class in cls._classes:
                word_class.members.update(w for w in new if word_class.test(w))
            cls._seen.update(new)
        if len(cls._learnt) >= cls.MAX_LEARNT_SETS:
            cls._learnt.clear()
        cls._learnt[id(words)] = words
        return _NOTHING

    @classmethod
    def recorded(cls, words: set[str]) -> bool:
        """Learn `words`; True when each is now in the `members` record of every class (False: the record is full,
        so `members` cannot answer for them and `any_in`/`of` must be asked)."""
        return not cls._learn(words)

    def any_in(self, words: set[str]) -> bool:
        """Whether one of `words` passes the test."""
        unknown = self._learn(words)
        return not self.members.isdisjoint(words) or any(self.test(w) for w in unknown)

    def of(self, words: set[str]) -> set[str]:
        """The words among `words` that pass the test."""
        unknown = self._learn(words)
        return self.members.intersection(words) | {w for w in unknown if self.test(w)}

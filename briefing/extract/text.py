"""Sentences with character offsets, and citations that are exact spans of the article text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.model import Article, Citation

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "gov",
    "sen", "rep", "st", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no", "vs", "etc", "a.m", "p.m", "inc", "ltd", "co", "corp", "u.s", "u.k", "u.n", "e.g", "i.e",
}
# A run of letters or digits longer than this before a full stop is neither an abbreviation nor initials.
LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*")
REVERSED_LAST_WORD = re.compile(r"[\"'”’)\]]*[.!?]([\w.]+)")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its text and where it sits in the cleaned body."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split cleaned text into sentences, keeping offsets; paragraph breaks always end a sentence."""
    sentences: list[Sentence] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        stop = text[m.start()] in ".!?"  # (else a paragraph break)
        end = m.end() if stop else m.start()
        # A word of letters and digits longer than any abbreviation cannot be one (nor initials): no need to read it.
        past = m.start() - LONGEST_ABBREVIATION - 1
        if stop and not (past >= start and text[past:m.start()].isalnum()):
            word = last_word(text, start, m.end())
            if word and (word.lower() in ABBREVIATIONS or INITIALS.fullmatch(word)):
                continue
        _append(sentences, text, start, end)
        start = m.end()
    _append(sentences, text, start, len(text))
    return sentences


def last_word(text: str, start: int, end: int) -> str | None:
    """The word before the full stop at `end`; only a short tail is read (a huge token would be quadratic)."""
    low = max(start, end - 64)
    # `([\w.]+)[.!?]["'”’)\]]*$` on the tail, matched from its end: the tail reversed, the pattern too.
    tail = text[low:end][::-1]
    if tail.startswith("\n"):
        tail = tail[1:]  # ('$' matches before a final newline too)
    word = REVERSED_LAST_WORD.match(tail)
    if not word:
        return None
    if word.end() == len(tail) and low > start and (text[low - 1].isalnum() or text[low - 1] in "._"):
        return None  # the tail starts inside a word longer than any abbreviation
    return word[1][::-1]


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    start, stripped = stripped_span(text, start, end)
    if stripped:
        sentences.append(Sentence(start, start + len(stripped), stripped))


def stripped_span(text: str, start: int, end: int) -> tuple[int, str]:
    """Where `text[start:end]` starts once stripped of surrounding whitespace, and that stripped text
    (empty at `end` when it is all whitespace; str.strip removes exactly what str.isspace accepts)."""
    part = text[start:end]
    stripped = part.strip()
    return (start + len(part) - len(part.lstrip()) if stripped else end), stripped


def cite(article: Article, start: int, end: int) -> Citation:
    """A citation of `article.text[start:end]`, trimmed of surrounding whitespace."""
    start, quote = stripped_span(article.text, start, end)
    return Citation(source=article.key, quote=quote, start=start, end=start + len(quote))


def cite_sentence(article: Article, sentence: Sentence) -> Citation:
    """A citation of a whole sentence."""
    return cite(article, sentence.start, sentence.end)

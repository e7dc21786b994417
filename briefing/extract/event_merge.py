"""Chronology merge: the same happening from several sources becomes one entry, ordered by date."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from briefing.extract.date_patterns import WEEKDAYS
from briefing.model import ChronologyEntry


def weekday_of(phrase: str) -> Optional[int]:
    """The weekday (0 = Monday) a date phrase names, if any."""
    for name, i in WEEKDAYS.items():
        if name in phrase:
            return i
    return None


STOPWORDS = set("""a an the of in on at to for from by with and or but as is was were be been being has have
had that this these those it its their his her they he she we you i after before over into than then which
who whom what when where while also said says say according told about against during amid not no
would could should will can may might did do does there here up out more most some any all such one
two three four five six seven eight nine ten day days week weeks year years monday tuesday wednesday
thursday friday saturday sunday today yesterday night morning evening early late earlier later""".split())


def content_words(text: str) -> set[str]:
    """Lower-cased, crudely lemmatised content words of `text` (stop words, numbers, short words dropped)."""
    words = re.findall(r"[a-z]+", text.lower())
    return {_lemma(w) for w in words if w not in STOPWORDS and len(w) > 2}


@lru_cache(maxsize=1 << 16)
def _lemma(word: str) -> str:
    """Crude lemma: common inflection suffixes cut (memoised: a corpus repeats its words)."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _names(text: str) -> set[str]:
    """Capitalised words not opening the text: a cheap stand-in for shared actor names."""
    return {w.lower() for w in re.findall(r"(?<=\s)[A-Z][\w'’-]+", text)} - STOPWORDS


def _word_keys(text: str) -> set[str]:
    """Content words cut to five letters: absorbs inflection and spelling variants (Asad/Assad, strike/strikes)."""
    return {w[:5] for w in content_words(text)}


@dataclass
class _Features:
    """What the same-event test compares, computed once per entry."""

    keys: set[str]
    names: set[str]
    sources: set[str]

    @classmethod
    def of(cls, entry: ChronologyEntry, words: Optional[set[str]] = None) -> "_Features":
        """Word keys, capitalised names and citing sources of an entry (its content words if known)."""
        keys = _word_keys(entry.text) if words is None else {w[:5] for w in words}
        return cls(keys, _names(entry.text), {c.source for c in entry.citations})


def _same_event(a: _Features, b: _Features) -> bool:
    """Same-day entries sharing many word stems (and, for a looser match, two actor names)."""
    wa, wb = a.keys, b.keys
    if not wa or not wb:
        return False
    jaccard = len(wa & wb) / len(wa | wb)
    if a.sources & b.sources:
        # One source's sentences on one day are different statements, unless it repeats itself.
        return jaccard >= MERGE_SAME_SOURCE
    if jaccard >= MERGE_JACCARD:
        return True
    return jaccard >= MERGE_JACCARD_WITH_NAMES and len(a.names & b.names) >= 2


MERGE_JACCARD = 0.3
MERGE_JACCARD_WITH_NAMES = 0.2
MERGE_SAME_SOURCE = 0.4
MIN_JACCARD = min(MERGE_JACCARD, MERGE_JACCARD_WITH_NAMES, MERGE_SAME_SOURCE)  # below it nothing matches


def _place_undated(entries: list[ChronologyEntry], words: dict[int, set[str]]) -> None:
    """Date weekday-only entries of undated articles by the most similar dated entry on that weekday."""
    dated = [e for e in entries if e.date is not None and e.date_precision == "day"]
    by_weekday: dict[int, list[ChronologyEntry]] = {}
    for x in dated:
        by_weekday.setdefault(x.date.weekday(), []).append(x)
    # Per weekday: which entries (by position) hold each content word, and the latest entry as a fallback.
    index: dict[int, dict[str, list[int]]] = {}
    fallback: dict[int, int] = {}
    rank: dict[int, list[int]] = {}
    for wd, same_day in by_weekday.items():
        words_at = index[wd] = {}
        for pos, x in enumerate(same_day):
            for w in words[id(x)]:
                words_at.setdefault(w, []).append(pos)
        # Rank of each entry among equals: the latest date first, then the first listed.
        order = sorted(range(len(same_day)), key=lambda pos: (-same_day[pos].date.toordinal(), pos))
        rank[wd] = [0] * len(same_day)
        for place, pos in enumerate(order):
            rank[wd][pos] = place
        fallback[wd] = order[0]
    for e in entries:
        if e.date is not None or (wd := weekday_of(e.date_text)) is None or wd not in by_weekday:
            continue
        same_day = by_weekday[wd]
        shared: Counter[int] = Counter()
        for w in words[id(e)]:
            shared.update(index[wd].get(w, ()))
        # Most shared words, then the latest date, then the first listed (what max() over the list gives).
        if shared:
            most = max(shared.values())
            pos = min((p for p, n in shared.items() if n == most), key=rank[wd].__getitem__)
        else:
            pos = fallback[wd]
        e.date, e.date_precision = same_day[pos].date, "approximate"


def _rarest_keys(keys: set[str], frequency: Counter) -> list[str]:
    """The word keys another entry must share one of to reach MIN_JACCARD with this one (prefix filtering).

    A Jaccard of at least t means at least t·|keys| shared keys; two such sets always share one of their
    |keys| - ⌊t·|keys|⌋ + 1 rarest keys (rarity by block frequency, then the key: one order for all)."""
    needed = int(MIN_JACCARD * len(keys))
    return sorted(keys, key=lambda k: (frequency[k], k))[:len(keys) - needed + 1]


def _group_block(block: list[ChronologyEntry], words: Optional[dict[int, set[str]]] = None
                 ) -> list[list[ChronologyEntry]]:
    """Group one date's entries: each joins the earliest group holding an entry of the same event."""
    features = [_Features.of(e, words[id(e)] if words else None) for e in block]
    frequency = Counter(k for f in features for k in f.keys)
    probes = [_rarest_keys(f.keys, frequency) for f in features]
    group_of: list[int] = []
    groups: list[list[ChronologyEntry]] = []
    holders: dict[str, list[int]] = {}  # rare word key -> earlier entries holding it
    for i, e in enumerate(block):
        # Only entries sharing a rare key can match; a candidate in a later group than a match is moot.
        home = None
        for j in {j for k in probes[i] for j in holders.get(k, ())}:
            if (home is None or group_of[j] < home) and _same_event(features[i], features[j]):
                home = group_of[j]
        if home is not None:
            groups[home].append(e)
        else:
            home = len(groups)
            groups.append([e])
        group_of.append(home)
        for k in probes[i]:
            holders.setdefault(k, []).append(i)
    return groups


def merge_chronology(entries: list[ChronologyEntry]) -> list[ChronologyEntry]:
    """Merge the same event from several sources into one entry; order by date (undated last)."""
    # Placing undated entries sets their date fields only: a shallow copy leaves the caller's entries as they were.
    entries = [e.model_copy() for e in entries]
    words = {id(e): content_words(e.text) for e in entries}  # computed once: every comparison reuses them
    _place_undated(entries, words)
    blocks: dict[Optional[date], list[ChronologyEntry]] = {}
    for e in sorted(entries, key=_order_key):
        blocks.setdefault(e.date, []).append(e)
    merged: list[ChronologyEntry] = []
    for block in blocks.values():
        merged.extend(_combine(g, words) for g in _group_block(block, words))
    return sorted(merged, key=_order_key)


def _combine(group: list[ChronologyEntry], words: dict[int, set[str]]) -> ChronologyEntry:
    """One entry for a group: the fullest statement, the best precision, every citation once."""
    best = max(group, key=lambda e: (e.date_precision == "day", len(words[id(e)]), -len(e.text)))
    seen, citations = set(), []
    for e in group:
        for c in e.citations:
            key = (c.source, c.start, c.end)
            if key not in seen:
                seen.add(key)
                citations.append(c)
    return best.model_copy(update={"citations": citations})


def _order_key(e: ChronologyEntry):
    """Chronological order, undated last, then source and position: deterministic."""
    first = e.citations[0] if e.citations else None
    return (e.date is None, e.date or date.min, first.source if first else "", first.start if first else 0,
            e.text)

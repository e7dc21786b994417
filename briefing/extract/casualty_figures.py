"""Comparing casualty figures: victims' nations and classes, incident words, places and dates; same, compatible or rival."""
from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional

from briefing.extract.quantities import LEXICON, values_disagree
from briefing.model import Casualty

STATES = json.loads((Path(__file__).resolve().parents[1] / "data" / "actors_states.json").read_text(encoding="utf-8"))
NATION_OF: dict[str, str] = {}
for _state in STATES.get("states", []):
    for _name in [_state["name"], *_state.get("aliases", []), *_state.get("demonyms", [])]:
        NATION_OF.setdefault(_name.lower(), _state["name"])
    for _demonym in _state.get("demonyms", []):
        if not _demonym.endswith(("ese", "ish", "ch", "s")):
            NATION_OF.setdefault(_demonym.lower() + "s", _state["name"])
DEMONYM_PLURALS = {w for w in NATION_OF if w.endswith("s") and w[:-1] in NATION_OF}


VICTIM_CLASS = {w: cls for cls, words in LEXICON["victim_classes"].items() for w in words}
INCIDENT_CLASS = {w: cls for cls, words in LEXICON["incidents"].items() for w in words}
PLACE_TYPES = {"town", "district", "province", "region", "city", "village", "area", "camp", "base", "airport",
               "bridge", "border", "strip", "the"}
_NATION_RE: Optional[re.Pattern] = None


def nationalities(text: str) -> set[str]:
    """States named in a phrase by name, alias or demonym ("US or Iraqi troops" → United States, Iraq)."""
    return set(_nationalities(text))


@lru_cache(maxsize=1 << 14)
def _nationalities(text: str) -> frozenset[str]:
    """nationalities(), memoised: victims and reporters ("soldiers", "the health ministry") recur across a corpus."""
    global _NATION_RE
    if _NATION_RE is None:
        keys = sorted((k for k in NATION_OF if len(k) > 1), key=len, reverse=True)
        _NATION_RE = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w])", re.IGNORECASE)
    return frozenset(NATION_OF[m.group(0).lower()] for m in _NATION_RE.finditer(text)
                     if m.group(0).lower() in NATION_OF)


class Features:
    """What tells two figures apart: victims' nations and class, incident words, place, date."""

    def __init__(self, item: Casualty):
        quote = " ".join(c.quote for c in item.citations[:1])
        if item.reported_by:
            quote = quote.replace(item.reported_by, " ")
        words = set(re.findall(r"[a-z]+(?:\s(?:strike|strikes|raid|raids|bomb))?", quote.lower()))
        words |= set(re.findall(r"[a-z]+", quote.lower()))
        self.incidents = {INCIDENT_CLASS[w] for w in words if w in INCIDENT_CLASS}
        # A quoted label ("American terrorists") is someone's characterisation, not a class of victims.
        victim_words = re.findall(r"[a-z]+", re.sub(r"[\"“'‘][^\"”'’]*[\"”'’]", " ", item.victims.lower()))
        self.classes = {VICTIM_CLASS[w] for w in victim_words if w in VICTIM_CLASS}
        self.nations = nationalities(item.victims)
        if self.nations and not self.classes:
            self.classes = {"nationals"}
        self.places = set(re.findall(r"[a-z]{4,}", item.location.lower())) - PLACE_TYPES
        self.date: Optional[date] = item.date


def same_figure(a: Casualty, fa: Features, b: Casualty, fb: Features) -> bool:
    """Whether two items with the same value report the same figure. One article repeating a value
    ("at least 80 … had died", "its claim of 80 casualties") is one figure unless nations clash; "no …"
    figures also need the same nations named."""
    if a.count == 0 and fa.nations != fb.nations:
        return False
    one_article = {c.source for c in a.citations} == {c.source for c in b.citations}
    if one_article:
        return not (fa.nations and fb.nations and not fa.nations & fb.nations)
    return compatible(fa, fb)


def _classes_fit(a: set[str], b: set[str]) -> bool:
    """Victim classes fit when they share one, or one side is a nation's people ("Israelis") and the other
    is not militants. A plain toll ("28 killed") does not fit a group ("15 militants"): groups are often
    a part of the toll, not a rival figure for it."""
    if a & b or a == b:
        return True
    return "nationals" in a | b and "militants" not in a | b


def compatible(a: Features, b: Features, dates: bool = True) -> bool:
    """Whether two figures can be about the same people in the same incident (`dates=False`: leaving
    aside how far apart they were reported, for the non-adjacent members of a toll over time)."""
    if a.nations and b.nations and not a.nations & b.nations:
        return False
    if not _classes_fit(a.classes, b.classes):
        return False
    if a.classes != b.classes and not (a.classes & b.classes or a.places & b.places or a.incidents & b.incidents):
        return False  # "2 Israelis" vs a plain "28 killed": only with a shared place or incident word
    if a.incidents and b.incidents and not a.incidents & b.incidents:
        return False
    if a.places and b.places and not a.places & b.places and not a.incidents & b.incidents:
        return False  # different places and nothing else in common
    if dates and a.date and b.date:
        gap = abs((a.date - b.date).days)
        if gap > 7 or (gap > 1 and not (a.incidents & b.incidents or a.places & b.places)):
            return False
    return True


CORRECTION = re.compile(r"\b(?:clarif\w*|correct\w*|revis\w*|later|however|instead|only|walk\w* back|retract\w*|"
                        r"denied|disputed|contradict\w*|but)\b", re.IGNORECASE)


def disagree(a: Casualty, b: Casualty) -> bool:
    """True when two figures cannot both be right; a rising toll's earlier figure is not a disagreement.

    Two figures of one article are usually different incidents or groups; they disagree only when
    attributed to different claimants or when the later one reads as a correction ("in a later
    clarification, he said only one …")."""
    if a.supersedes == b.count or b.supersedes == a.count:
        return False
    sources_a, sources_b = {c.source for c in a.citations}, {c.source for c in b.citations}
    if sources_a == sources_b and len(sources_a) == 1 and a.reported_by == b.reported_by:
        later = max(a, b, key=lambda it: it.citations[0].start)
        if not CORRECTION.search(later.citations[0].quote):
            return False
    return values_disagree((a.count or 0, a.count_max, a.qualifier), (b.count or 0, b.count_max, b.qualifier))

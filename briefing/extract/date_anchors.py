"""Where date phrases can start: the patterns of dates.py are tried only near the words they need.

Scanning the whole text with every date pattern is slow; yet each match starts at a word and holds an anchor a
few words on: a month or weekday name, a year, or a word such as "ago", "day", "yesterday". The patterns are
tried only at the starts of the word holding each anchor and of the words just before it (at most `before` of
them: the longest lead-in any alternative of the pattern allows, e.g. "on the 4th of March" has four words
before its month), which finds exactly what each pattern's `finditer` finds, several times faster.
A pattern added to dates.py needs its anchors here (tests/test_dates.py checks both scans agree).
"""
from __future__ import annotations

import re

from briefing.extract.scans import is_word_char
from briefing.extract.words import lowered

# Years (1800-2099) are found from their first two digits, weekday names from the "day" the word scan below finds
# (plain substring searches are cheaper than a regex scan), month names by one scan: overlapping finds only add
# places to try.
YEAR_STARTS = ("18", "19", "20")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The weekday names before their "day", by their last three letters (which tell them apart).
WEEKDAY_BEGINNINGS = {name[-6:-3]: name[:-3] for name in WEEKDAY_NAMES}
MONTH_NAME = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
# Lower-case anchor words (whole words in any case) → {pattern kind: words before the anchor}.
WORD_ANCHORS: dict[str, dict[str, int]] = {
    "ago": {"ago": 3},
    **{unit: {"offset": 3} for unit in ("days", "weeks", "fortnight", "fortnights")},
    "day": {"offset": 3, "word": 3}, "week": {"offset": 3, "word": 2},
    "today": {"word": 1}, "tonight": {"word": 0}, "yesterday": {"word": 0}, "tomorrow": {"word": 0},
    "night": {"word": 2}, "morning": {"word": 2}, "afternoon": {"word": 2}, "evening": {"word": 2},
    "weekend": {"word": 2}, "eve": {"word": 2}, "month": {"word": 1}, "year": {"word": 1},
    "hours": {"word": 0}, "minutes": {"word": 0}, "moments": {"word": 0},
}
# Word stems whose occurrences are looked up (a stem finds its longer anchors too: "day" finds "days"), each with
# the beginnings of the anchor words it ends ("day" finds "today" and "yesterday": fewer scans of the text).
_STARTING = {w for w in WORD_ANCHORS if not any(w != v and w.startswith(v) for v in WORD_ANCHORS)}
ANCHOR_STEMS = {stem: tuple(sorted(w[:w.index(stem)] for w in _STARTING if w.find(stem) > 0))
                for stem in sorted(_STARTING) if not any(other != stem and other in stem[1:] for other in _STARTING)}
NAME_ANCHORS = {"year": {"iso": 0, "year": 1}, "weekday": {"weekday": 2},
                "month": {"mdy": 1, "dmy": 4, "my": 1, "m": 1}}
YEAR_KINDS, WEEKDAY_KINDS, MONTH_KINDS = NAME_ANCHORS["year"], NAME_ANCHORS["weekday"], NAME_ANCHORS["month"]
MAX_BEFORE = 4
# What a match needs next to its anchor word, tested before trying the pattern at each word before it:
# "offset" a direction word after its unit ("two days after"); "mdy" and "my" a number after the month;
# "dmy" a day number one or two words ("4th of") before it; "m" a lead word before it ("in March", "mid-May").
DIRECTION_AFTER = re.compile(r"\w+\s+(?:after|before|later|earlier)\b")  # (on folded text)
NUMBER_AFTER = re.compile(r"\w+\.?\s+\d")
MONTH_LEADS = {"in", "since", "by", "until", "from", "during", "early", "late", "mid", "throughout", "last", "next",
               "this"}
WORD_AT = re.compile(r"\w*")
# On the reversed text: the rest of the word holding a position, then up to `before` words before it.
WORDS_BEFORE = [re.compile(r"(\w*)" + "".join(r"(?:\W+(\w+)" for _ in range(before)) + ")?" * before)
                for before in range(MAX_BEFORE + 1)]


def _anchors(text: str) -> list[tuple[int, dict[str, int]]]:
    """Every anchor in `text`: its offset and, per pattern kind, how many words before it a match may start."""
    found = []
    for digits in YEAR_STARTS:  # YEAR = (?:1[89]|20)\d\d
        at = text.find(digits)
        while at >= 0:
            if text[at + 2:at + 4].isdecimal():
                found.append((at, YEAR_KINDS))
            at = text.find(digits, at + 1)
    found += [(m.start(), MONTH_KINDS) for m in MONTH_NAME.finditer(text)]
    folded = lowered(text)  # same length as `text`
    for stem, beginnings in ANCHOR_STEMS.items():
        at = folded.find(stem)
        while at >= 0:
            if at == 0 or not is_word_char(folded[at - 1]):
                _add_word_anchor(folded, at, found)
            else:
                for beginning in beginnings:
                    start = at - len(beginning)
                    if start >= 0 and folded.startswith(beginning, start) and \
                            (start == 0 or not is_word_char(folded[start - 1])):
                        _add_word_anchor(folded, start, found)
                if stem == "day":
                    name = WEEKDAY_BEGINNINGS.get(text[at - 3:at]) if at >= 3 else None
                    if name and text.startswith(name, at - len(name)) and at >= len(name):
                        found.append((at - len(name), WEEKDAY_KINDS))
            at = folded.find(stem, at + 1)
    return found


def _add_word_anchor(folded: str, at: int, found: list[tuple[int, dict[str, int]]]) -> None:
    """Record the word starting at `at` as an anchor when it is one of WORD_ANCHORS."""
    kinds = WORD_ANCHORS.get(WORD_AT.match(folded, at).group())
    if kinds and "offset" in kinds and not DIRECTION_AFTER.match(folded, at):
        kinds = {kind: before for kind, before in kinds.items() if kind != "offset"}
    if kinds:
        found.append((at, kinds))


def _match_starts(text: str) -> dict[str, set[int]]:
    """Per pattern kind, the offsets where one of its matches may start."""
    starts: dict[str, set[int]] = {}
    reverse, n = text[::-1], len(text)
    for at, kinds in _anchors(text):
        most = max(kinds.values())
        spans = WORDS_BEFORE[most].match(reverse, n - 1 - at).regs  # (group 0, then one group per word)
        words = [n - end for _, end in spans[1:] if end >= 0]
        if kinds is MONTH_KINDS:
            kinds = _month_kinds(text, at, words)
        for kind, before in kinds.items():
            kind_starts = starts.setdefault(kind, set())
            kind_starts.update(words[:before + 1])
            kind_starts.add(at)  # "…Monday's": the possessive weekday needs no word boundary before it
    return starts


def _month_kinds(text: str, at: int, words: list[int]) -> dict[str, int]:
    """The month patterns that can match around the month name at `at` (`words`: starts of its word and the
    words before it)."""
    number_after = NUMBER_AFTER.match(text, at) is not None
    day_before = any(text[w] in "0123456789" for w in words[1:3])
    lead_before = words[0] != at or (len(words) > 1 and WORD_AT.match(lowered(text), words[1]).group() in MONTH_LEADS)
    return _MONTH_KIND_SETS[number_after, day_before, lead_before]


_MONTH_KIND_SETS = {(after, before, lead): {kind: n for kind, n in MONTH_KINDS.items()
                                            if (kind in ("mdy", "my") and after) or (kind == "dmy" and before)
                                            or (kind == "m" and lead)}
                    for after in (False, True) for before in (False, True) for lead in (False, True)}


def anchored_matches(text: str, patterns: list[tuple[str, re.Pattern]]) -> list[tuple[str, re.Match]]:
    """(kind, match) for every match of the date patterns, pattern by pattern, as `finditer` would give them."""
    found = []
    starts = _match_starts(text)
    for kind, rx in patterns:
        pos = 0  # (scans.anchored_finditer, inlined: a few tries per article)
        for start in sorted(starts.get(kind, ())):
            if start >= pos:
                m = rx.match(text, start)
                if m:
                    found.append((kind, m))
                    pos = m.end()
    return found


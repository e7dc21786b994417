"""Figures in text: numbers in digits or words with hedges and ranges, and counts of missiles, drones, jets.

A *figure* is a number phrase that may count something: "at least 27", "Twenty", "20 to 30", "a dozen",
"approximately 35". Measures and labels are not figures: years ("in 2019"), days of a month ("Feb 27",
"20 September"), times ("13:00"), percentages, money, hyphenated compounds ("55-seater", "two-day",
"F-16", "Mirage-2000") and numbers followed by a unit ("350 kg", "nine months"). Vague plurals ("dozens",
"hundreds") are not figures: they give no number (the casualty extractor leaves them out).

`weapon_counts` finds quantities of munitions and aircraft ("more than a dozen missiles", "two fighter
jets"), which sources often disagree about; `weapon_discrepancies` lines those disagreements up.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple, Optional

from briefing.extract.gate import required_literals
from briefing.extract.scans import anchored_finditer, is_word_char, occurrences
from briefing.extract.words import WordClass, lowered, tail_search, words_of
from briefing.model import Claim, Discrepancy

LEXICON = json.loads((Path(__file__).resolve().parents[1] / "data" / "casualties_lexicon.json")
                     .read_text(encoding="utf-8"))
NUMBER_WORDS: dict[str, int] = LEXICON["number_words"]
UNITS = set(LEXICON["units"])
UPPER_HEDGES = set(LEXICON["upper_hedges"])
Q = r"[\"“”'‘’]?"

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "zero|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
WORD_NUMBER = (rf"(?:half a dozen|a dozen|a hundred|a thousand|a score(?= of)|"
               rf"(?:{_TENS})(?:[-\s](?:{_ONES})\b)?(?:\s+(?:hundred|thousand)\b)?|"
               rf"(?:{_TEENS}|{_ONES})(?:\s+(?:hundred|thousand)\b)?)")
DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d)"
NUMBER = rf"(?:{DIGIT_NUMBER}|{WORD_NUMBER})"
HEDGES = sorted(LEXICON["hedges"], key=len, reverse=True)
HEDGE = "|".join(re.escape(h) for h in HEDGES)
FIGURE = re.compile(
    rf"(?<![\w$£€¥./:-])(?:(?P<hedge>{HEDGE})\s+{Q})?(?:between\s+(?P<b1>{NUMBER})\s+and\s+(?P<b2>{NUMBER})|"
    rf"(?P<n1>{NUMBER})(?:\s*(?:-|–|to|or)\s*(?P<n2>{NUMBER}))?)"
    rf"(?![\w%]|[-–][A-Za-z]|:\d|\s*(?:%|per\s?cent|percent))", re.IGNORECASE)
MONTHS = ("jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|"
          "september|oct|october|nov|november|dec|december")
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b", re.IGNORECASE)
MONTH_AT = re.compile(MONTH_AFTER.pattern[1:], re.IGNORECASE)  # MONTH_AFTER for .match(text, pos, endpos)
LABELS = ("aged", "age", "ages", "number", "no.", "route", "flight", "highway", "page", "article", "resolution",
          "chapter", "section", "platform", "gate", "terminal", "unit", "battalion", "brigade", "division", "regiment",
          "squad", "room")
LABEL_BEFORE = re.compile(rf"\b(?:{'|'.join(map(re.escape, LABELS))}|(?:percent|per\s+cent|%)\s+of(?:\s+the)?)\s*$",
                          re.IGNORECASE)
# MONTH_BEFORE or LABEL_BEFORE: a month's match lies in the last chunk, a label's in the last four, so one
# tail_search over four chunks tells whether either matches.
MONTH_OR_LABEL_BEFORE = re.compile(f"{MONTH_BEFORE.pattern}|{LABEL_BEFORE.pattern}", re.IGNORECASE)
# A match of it ends in one of these words (or "%"), whole, as the text's words show it (see find_figures).
MONTH_OR_LABEL_WORDS = {*MONTHS.split("|"), *(label.rstrip(".") for label in LABELS), "percent", "cent"}
FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
OR_WORD = re.compile(r"\bor\b")
NOT_ONE_BEFORE = re.compile(r"\b(?:no|any|every|each|the|this|that|which|some|anyone|someone|no-)\s*$",
                            re.IGNORECASE)


class Figure(NamedTuple):
    """A number phrase: where it is, its value(s) and hedge (a named tuple: cheaper to build than a dataclass)."""

    start: int
    end: int
    text: str
    count: int
    count_max: Optional[int]
    qualifier: str


def parse_number(text: str) -> Optional[int]:
    """The value of a number written in digits or words ("1,200", "twenty-seven", "a dozen")."""
    if text.isascii() and text.isdigit():  # (the common case, and what the branch below does with it)
        return int(text) if len(text) <= 15 else None
    text = text.strip().lower()
    if DIGITS_AND_COMMAS.fullmatch(text):
        digits = text.replace(",", "")
        # No real count has 16+ digits; int() of 4,300+ digits raises ValueError.
        return int(digits) if len(digits) <= 15 else None
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    total, current = 0, 0
    for word in re.split(r"[-\s]+", text):
        if word in ("hundred", "thousand"):
            current = max(current, 1) * (100 if word == "hundred" else 1000)
            if word == "thousand":
                total, current = total + current, 0
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word not in ("and", "a"):
            return None
    return total + current


# Where a figure can start: at its number (digits, or a word beginning with a number word: "twenty-five", and
# FIGURE also takes "oneor two"), or at the words before it that belong to a hedge, "between" or "half a".
NUMBER_WORD_STARTS = tuple(re.split(r"\W+", f"{_ONES} {_TEENS} {_TENS} dozen hundred thousand score"))
NUMBER_WORDS_AT_START = WordClass(lambda word: word.startswith(NUMBER_WORD_STARTS))
LEAD_WORDS = {word for hedge in HEDGES for word in hedge.split()} | {"between", "half", "a"}
REVERSED_LEAD_WORDS = {word[::-1] for word in LEAD_WORDS}  # as WORD_BEFORE finds them
DIGITS = re.compile(r"\d\d*")  # (not \d+: a pattern opening with a repeat loses the engine's fast scan)
ASCII_DIGITS = re.compile(r"[0-9][0-9]*")  # DIGITS for ASCII text: the engine finds [0-9] several times faster
# Every digit is inside a word (\d is part of \w) and folding leaves digits alone: a text has a digit when one of
# its words does, which a set test tells without scanning the text.
DIGIT_WORDS = WordClass(DIGITS.search)
DIGITS_AND_COMMAS = re.compile(r"[\d,]+")
FOUR_DIGITS = re.compile(r"\d{4}")
NEXT_WORD = re.compile(r"\s*[\"“”']?\s*([A-Za-z]+(?:\s[a-z]+)?)")
WORD_BEFORE = re.compile(r"\W+(\w+)")  # on reversed text


def _figure_matches(text: str, folded: str, words: set[str]) -> list[re.Match]:
    """FIGURE.finditer(text), with FIGURE tried only where a figure can start (see NUMBER_WORD_STARTS)."""
    anchors = occurrences(folded, NUMBER_WORDS_AT_START.of(words))
    if DIGIT_WORDS.any_in(words):
        anchors += [m.start() for m in (ASCII_DIGITS if text.isascii() else DIGITS).finditer(text)]
    if not anchors:
        return []
    reverse, n = folded[::-1], len(folded)
    starts = set(anchors)
    for at in anchors:
        lead = WORD_BEFORE.match(reverse, n - at)
        while lead and lead.group(1) in REVERSED_LEAD_WORDS:
            starts.add(n - lead.end(1))
            lead = WORD_BEFORE.match(reverse, lead.end(1))
    return list(anchored_finditer(FIGURE, text, starts))


def _cut_inside_word(text: str, at: int, width: int) -> bool:
    """Whether text[at - width:at] starts inside a word: there a regex's \\b at the slice's start holds although
    the text has no word boundary."""
    return at > width and is_word_char(text[at - width - 1]) and is_word_char(text[at - width])


def find_figures(text: str, folded: Optional[str] = None, words: Optional[set[str]] = None) -> list[Figure]:
    """Every figure in `text` (a sentence), skipping years, dates, times, measures and compounds.
    `folded` and `words`: the text folded (words.lowered) and its words, when the caller has them."""
    figures = []
    if folded is None:
        folded = lowered(text)
    if words is None:
        words = words_of(folded)
    # MONTH_OR_LABEL_BEFORE matches a whole word of the sentence (FIGURE's lookbehind ends it) or "%": without
    # one, it is tried only where the context slice below starts inside a word (a \b there that the text lacks).
    labelled = "%" in text or not MONTH_OR_LABEL_WORDS.isdisjoint(words)
    for m in _figure_matches(text, folded, words):
        hedge, b1, b2, n1, n2 = m.groups()
        first, second = n1 or b1, n2 or b2
        count, upper = parse_number(first), parse_number(second) if second else None
        if count is None:
            continue
        # Bounded context (every test below looks a few words around) keeps long inputs linear: the text after
        # the figure is read as far as 80 characters (endpos), the text before as an 80-character slice.
        start, end = m.span()
        if MONTH_AT.match(text, end, end + 80):
            continue
        before = text[max(0, start - 80):start]
        if (labelled or _cut_inside_word(text, start, 80)) and tail_search(MONTH_OR_LABEL_BEFORE, before, 4):
            continue
        if not second and 1800 <= count <= 2099 and FOUR_DIGITS.fullmatch(first):
            continue
        next_word = NEXT_WORD.match(text, end, end + 80)
        if next_word:
            unit = next_word.group(1).lower()
            if unit in UNITS or unit.split()[0] in UNITS:
                continue
        if not hedge and first.lower() == "one" and tail_search(NOT_ONE_BEFORE, before, 1):
            continue
        if n2 and FROM_BEFORE.search(before):
            # "rose from seven to nine": two figures, not a range.
            for g in ("n1", "n2"):
                figures.append(Figure(m.start(g), m.end(g), m.group(g), parse_number(m.group(g)) or 0, None, ""))
            continue
        if upper is not None and upper <= count:
            # "one or two" is a range; "2-1" or "7 to 3" is not.
            if n2 and not OR_WORD.search(m.group(0)):
                continue
            upper = None
        hedge = (hedge or "").lower()
        if hedge in UPPER_HEDGES and upper is None:
            upper = count
        figures.append(Figure(m.start(), m.end(), m.group(0), count, upper, hedge))
    return figures


# --- weapon counts -------------------------------------------------------------------------------

WEAPON_CLASS = {w: cls for cls, words in LEXICON["weapons"].items() for w in words}
WEAPON = "|".join(sorted((re.escape(w) for w in WEAPON_CLASS), key=len, reverse=True))
WEAPON_AFTER = re.compile(rf"^\s+{Q}((?:[A-Za-z][\w'’-]*\s+){{0,3}}?)({WEAPON})\b", re.IGNORECASE)
DOWN_WORDS = re.compile(r"\b(?:down(?:ed)?|shot|intercepted|destroyed|lost|crashed|brought|captured|seized)\b",
                        re.IGNORECASE)


# Every weapon count holds one of these (folded) words, the shortest ones ("missile" also stands for "missiles"):
# sentences without one are not searched for counts.
_WEAPON_WORDS = required_literals(WEAPON_AFTER)
assert _WEAPON_WORDS, "WEAPON_AFTER must need a literal word"
WEAPON_LITERALS = sorted(word for word in _WEAPON_WORDS
                         if not any(other != word and other in word for other in _WEAPON_WORDS))

CUMULATIVE = re.compile(r"\b(?:since|so far|in total|a total of|to date|over the (?:past|last)|over \w+ (?:days|weeks)|"
                        r"altogether|cumulative)\b", re.IGNORECASE)


@dataclass(frozen=True)
class WeaponCount:
    """A count of munitions or aircraft in a sentence ("approximately 35 missiles")."""

    figure: Figure
    weapon: str
    kind: str
    action: str


def weapon_counts(text: str) -> list[WeaponCount]:
    """Counts of missiles, drones, aircraft, shells or bombs in a sentence; `action` is "fired" or "downed"."""
    found = []
    for fig in find_figures(text):
        m = WEAPON_AFTER.match(text[fig.end:])
        if not m or any(w.lower() in UNITS or w.lower() == "of" for w in m.group(1).split()):
            continue
        weapon = m.group(2).lower()
        action = "downed" if DOWN_WORDS.search(text) else "fired"
        if CUMULATIVE.search(text):
            action += " in total"  # running totals are compared only with running totals
        found.append(WeaponCount(fig, f"{m.group(1)}{m.group(2)}".strip(), WEAPON_CLASS[weapon], action))
    return found


APPROX = {"about", "around", "nearly", "almost", "roughly", "approximately", "some", "close to", "an estimated",
          "estimated", "just over", "just under", "reportedly"}
LOWER = {"at least", "more than", "over", "no fewer than", "no less than", "upwards of", "in excess of",
         "well over", "at minimum"}
Value = tuple[int, Optional[int], str]  # count, count_max, qualifier


def value_interval(value: Value) -> tuple[float, float]:
    """Range a figure allows: exact N, "at least N" → [N, ∞), "about N" → ±10%, "up to N" → [0, N], ranges."""
    n, upper, qualifier = value
    if upper is not None and upper != n:
        return n, upper
    if qualifier in LOWER:
        return n, float("inf")
    if qualifier in APPROX:
        return n * 0.9, n * 1.1
    if upper is not None:
        return 0, upper
    return n, n


def values_disagree(a: Value, b: Value) -> bool:
    """True when two figures cannot both be right. An exact value inside the other's range agrees with it
    ("64" and "more than 60"); two different hedged tallies ("at least 10", "at least 11") disagree."""
    if a[:2] == b[:2]:
        return False
    (alo, ahi), (blo, bhi) = value_interval(a), value_interval(b)
    for (elo, ehi), (lo, hi) in (((alo, ahi), (blo, bhi)), ((blo, bhi), (alo, ahi))):
        if elo == ehi and lo != hi and lo <= elo <= hi:
            return False
    return True


def weapon_discrepancies(findings) -> list[Discrepancy]:
    """Disagreeing counts of the same kind of weapon fired (or downed) within a day, across articles.

    Takes the per-article findings (their article texts are re-read; each count is attributed with
    `find_claimant`, else the outlet) and returns one Discrepancy per kind and action whose sources give
    values that cannot all be right ("more than a dozen missiles" vs "approximately 35 missiles").
    Citations carry article keys, like every extracted item.
    """
    from briefing.extract.attribution import find_claimant
    from briefing.extract.context import ArticleContext
    from briefing.extract.text import cite, split_sentences

    groups: dict[tuple[str, str], list[tuple[Value, Claim, Optional[date]]]] = {}
    for findings_item in findings:
        article = findings_item.article
        folded = lowered(article.text)
        present = [word for word in WEAPON_LITERALS if word in folded]
        if not present:
            continue
        ctx = ArticleContext(article=article, sentences=split_sentences(article.text))
        for sentence in ctx.sentences:
            in_sentence = folded[sentence.start:sentence.end]
            if not any(word in in_sentence for word in present):
                continue
            for wc in weapon_counts(sentence.text):
                fig = wc.figure
                who = find_claimant(ctx, sentence, sentence.start + fig.start) or article.outlet
                claim = Claim(value=f"{fig.text} {wc.weapon}", count=fig.count, reported_by=who,
                              citations=[cite(article, sentence.start, sentence.end)])
                groups.setdefault((wc.kind, wc.action), []).append(
                    ((fig.count, fig.count_max, fig.qualifier), claim, article.published))
    out = []
    for (kind, action), entries in sorted(groups.items()):
        for cluster in _day_clusters(entries):
            values: dict[tuple, tuple[Value, Claim]] = {}
            for value, claim, _ in cluster:
                if value[:2] in values:
                    kept = values[value[:2]][1]
                    kept.citations += [c for c in claim.citations if c not in kept.citations]
                    if claim.reported_by not in kept.reported_by.split("; "):
                        kept.reported_by += f"; {claim.reported_by}"
                else:
                    values[value[:2]] = (value, _own_copy(claim))
            ordered = sorted(values.values(), key=lambda vc: (vc[0][0], vc[0][1] or 0))
            if any(_claims_disagree(a, b) for n, a in enumerate(ordered) for b in ordered[n + 1:]):
                out.append(Discrepancy(about=f"Number of {kind} {action}", claims=[c for _, c in ordered]))
    return out


def _own_copy(claim: Claim) -> Claim:
    """A copy of a claim that one cluster may extend (an undated claim joins every cluster): its own citation
    list and citations; its other fields are strings and numbers. Several times cheaper than a deep copy."""
    return claim.model_copy(update={"citations": [c.model_copy() for c in claim.citations]})


def _claims_disagree(a: tuple[Value, Claim], b: tuple[Value, Claim]) -> bool:
    """Values that cannot both be right, from different articles or different claimants (one article
    giving two counts with no other attribution usually counts two different salvos)."""
    sources_a = {c.source for c in a[1].citations}
    sources_b = {c.source for c in b[1].citations}
    if sources_a == sources_b and len(sources_a) == 1 and a[1].reported_by == b[1].reported_by:
        return False
    return values_disagree(a[0], b[0])


def _day_clusters(entries):
    """Split entries into runs whose dates are at most a day apart (undated entries join every run)."""
    dated = sorted((e for e in entries if e[2]), key=lambda e: e[2])
    undated = [e for e in entries if not e[2]]
    runs: list[list] = []
    for entry in dated:
        if runs and (entry[2] - runs[-1][-1][2]).days <= 1:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return [run + undated for run in runs] or [undated]

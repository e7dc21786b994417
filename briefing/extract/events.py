"""Chronology: dated happenings per article, and their merge across sources.

What becomes an entry: a sentence that reports a happening (a past-tense or reporting verb) and carries a
date phrase resolving to a day in the current episode — from a month before the article's reference date
up to that date. Older dates are background (a war decades ago), later ones are plans; both stay out of
the chronology, and so do period bounds ("since Monday") and dates inside direct quotations (a speaker's
"today"). When a sentence holds several dates, the earliest is taken ("a readout issued on Saturday said
that on Friday night X" dates X); a date that only modifies a noun ("vowed revenge for Thursday's attack,
which …") dates that noun phrase, not the report around it; "N days after X" adds an entry for X.
A live-blog time stamp line ("19 Sep 2023, 13:52") dates the undated paragraphs that follow it.
A date in a trailing cause ("…, citing the attack on Sunday") does not date the main event; a date ending a
participle phrase after the clause's verb ("… honour the truce brokered by elders on March 2") dates that
noun phrase, which gets an entry of its own, while the main clause stays undated.
Undated sentences are dated approximately by inference (never by the publication date wholesale):
- an article's opening sentence reports the news of its reference date;
- narrative carry-forward: an undated sentence that narrates (a finite simple-past verb before any modal;
  not a present-state report — "says", "now", a present perfect main verb; not mainly a quotation) takes
  the date of the nearest preceding dated sentence in the same or the previous paragraph;
- a same-day report (its lead dated by the reference date) carries that date through its first
  WIRE_REACH paragraphs;
- a look back interrupts the carry: a sentence with an older/later date, "since", "last year",
  "earlier this month", "had … earlier", or a pluperfect outside reported speech;
- "for a second day", "on the third day of": day N counted from the earliest dated entry of the article
  that shares a content word with the sentence (the start), when that is not after the reference date.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from datetime import date, timedelta
from typing import Optional

from briefing.extract.dates import DateMention, find_dates, reference_date
from briefing.extract.event_merge import content_words, weekday_of
from briefing.extract.text import Sentence, cite
from briefing.extract.event_tense import (
    is_background, is_event, narrates, participle_match, participle_modifier_at, reports_news,
)
from briefing.extract.words import folded_text, lowered, sentence_words, words_of
from briefing.model import ChronologyEntry

EPISODE_DAYS = 31
EPISODE = timedelta(days=EPISODE_DAYS)
STAMP_REACH = 4  # paragraphs a live-blog time stamp dates
# A dateline or place label before the first words of a paragraph: "Srinagar:", "KYIV, Ukraine (AP) —".
# Possessive word tokens: a long run of letters cannot be split into 5 tokens every possible way (a hang).
LEAD_LABEL = re.compile(r"^(?:\(\w+\)\s*(?:--|—|–)\s*|(?:[A-Z][\w./'’&]*+(?:-[\w./'’&]++)*+,?\s*|\d{1,2},?\s*|\(\w+\)\s*){1,5}"
                        r"(?::\s+|(?:--|—|–)\s*|\s-\s+))")
PREPOSITION = re.compile(r"(?i)(?:on|in|at|since|until|by|from|early|late|earlier|later|last|next|this)\b")
TEMPORAL_PREP = re.compile(r"(?i)during|on|in|at|by|since|until|before|after|through|throughout|over|amid")
PERIOD_BOUND = re.compile(r"(?i)(?:since|until|by|from)\b")
TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b(?:GMT|UTC|local time)\b")
DIGIT = re.compile(r"\d")
STAMP_SEPARATORS = re.compile(r"[\s,.:;|–—-]+")
# The ASCII characters of clock times (TIME_OF_DAY) and separators; a stamp's other characters are its dates'.
STAMP_CHARS = " \t\n\r\f\v,.:;|–—-0123456789ampGMTUClocatie"
DIGIT_OR_SPACE = re.compile(r"[\d\s]")
PARAGRAPH_BREAK = re.compile(r"\n\s*")


def _usable(d: DateMention, ref: Optional[date]) -> bool:
    """A day-precision date inside the current episode (a month before the reference date up to it)."""
    if d.date is None or d.precision not in ("day", "approximate") or ref is None:
        return False
    if PERIOD_BOUND.match(d.text):
        return False  # "since Monday", "by Friday": the bound of a period, not when something happened
    return ref - EPISODE <= d.date <= ref


def _is_stamp(sentence: Sentence, dates: list[DateMention]) -> bool:
    """A live-blog time stamp: a date and a clock time, nothing else, on its own line."""
    if not dates or not (DIGIT.search(sentence.text) or "GMT" in sentence.text or "UTC" in sentence.text
                         or "local time" in sentence.text):
        return False  # no clock time can be there
    rest = sentence.text
    for d in dates:
        rest = rest.replace(d.text, " ")
    leftover = rest.strip(STAMP_CHARS)
    if leftover and not DIGIT_OR_SPACE.match(leftover):
        return False  # a character that is in no clock time or separator, so would be left over below
    # A bare date line without a time is more often a page date than a live-blog entry.
    return bool(dates) and bool(TIME_OF_DAY.search(rest)) and \
        not STAMP_SEPARATORS.sub("", TIME_OF_DAY.sub(" ", rest))


@lru_cache(maxsize=256)  # asked several times per dated sentence
def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading dateline/place label and trailing punctuation from text[start:end]."""
    while start < end and text[start].isspace():
        start += 1
    m = LEAD_LABEL.match(text[start:end])
    if m and end - start - m.end() > 40 and not re.search(r"\b(?:said|says|told)\b", m.group(0)):
        start += m.end()
    while end > start and text[end - 1] in " ,;:—–-":
        end -= 1
    return start, end


def _entry(article, sentence: Sentence, d: Optional[date], precision: str, date_text: str,
           start: int, end: int, keep_date: bool = False) -> ChronologyEntry:
    """An entry whose text is text[start:end] trimmed, citing the whole sentence; vague dates are dropped."""
    start, end = _trim(article.text, start, end)
    if precision == "approximate" and not keep_date:
        # "Last week", "a week after": no day can be given, so the entry stays undated (date_text keeps the hint).
        d = None
    return ChronologyEntry(date=d, date_precision=precision, date_text=date_text,
                           text=article.text[start:end], citations=[cite(article, sentence.start, sentence.end)])


def extract_events(ctx) -> list[ChronologyEntry]:
    """Dated events of one article, each citing its sentence."""
    article = ctx.article
    text = article.text
    dates = ctx.dates if ctx.dates else find_dates(text, article.published)
    ref = reference_date(text, article.published)
    entries: list[ChronologyEntry] = []
    stamp: Optional[DateMention] = None
    narrative = _Narrative(text)
    stamp_paragraphs, prev_end = 0, 0
    next_date = 0  # dates are sorted by position; sentences too, so one pass pairs them
    folded = folded_text(ctx)
    has_quotes = "“" in text or '"' in text  # else no sentence has a quotation
    first_sentence = ctx.sentences[0] if ctx.sentences else None
    for s, words in zip(ctx.sentences, sentence_words(ctx)):
        while next_date < len(dates) and dates[next_date].start < s.start:
            next_date += 1
        own = []
        if next_date < len(dates) and dates[next_date].start < s.end:
            for i in range(next_date, len(dates)):
                if dates[i].start >= s.end:
                    break
                if dates[i].end <= s.end:
                    own.append(dates[i])
        if own and _is_stamp(s, own):
            stamp = own[0] if own[0].date and own[0].precision == "day" else None
            stamp_paragraphs = 0
            continue
        if stamp and "\n" in text[prev_end:s.start]:
            stamp_paragraphs += 1
            if stamp_paragraphs > STAMP_REACH:
                stamp = None
        prev_end = s.end
        lead = s is first_sentence
        if narrative.carrying and is_background(s.text, words, folded, s.start):
            narrative.interrupt()  # what follows a look back may belong to the past it describes
        if not (own or stamp or lead):
            # An undated sentence can only continue the narrative's date (narrating implies is_event).
            if narrative.active and ref is not None:
                _continue_narrative(ctx, s, words, entries, narrative, ref, has_quotes)
            continue
        if not is_event(s.text, words):
            continue
        dated = bool(own)
        quoted = _quoted_spans(text, s) if dated and has_quotes else []  # (an undated sentence's: when asked below)
        # "… agreed to carry out the understanding reached by commanders on June 6": that date is the noun's.
        modifiers = [d for d in own if participle_modifier_at(text, s.start, d.start, words)] if dated else []
        if modifiers:
            own = [d for d in own if d not in modifiers]
            if ref is not None:
                entries.extend(_modifier_entry(article, s, d) for d in modifiers if d.precision == "day"
                               and _usable(d, ref) and not any(a <= d.start < b for a, b in quoted))
        usable = [d for d in own if _usable(d, ref) and not any(a <= d.start < b for a, b in quoted)] if own else []
        if ref is None:
            # No publication date: keep weekday phrases undated; merge may place them via other sources.
            weekday = next((d for d in own if weekday_of(d.text) is not None and not PERIOD_BOUND.match(d.text)
                            and not any(a <= d.start < b for a, b in quoted)), None)
            if weekday:
                entries.append(_entry(article, s, None, "unknown", weekday.text, s.start, s.end))
            continue
        if not usable:
            if own:
                if any(d.date is not None and not any(a <= d.start < b for a, b in quoted) for d in own):
                    narrative.interrupt()  # an older (or later) date: background or plans, not today's story
                continue
            if stamp and _usable(stamp, ref):
                entries.append(_entry(article, s, stamp.date, "day", stamp.text, s.start, s.end))
            elif stamp is None and lead and article.published and reports_news(s.text):
                # An undated lead reports the day's news: dated by the reference date, approximately.
                entries.append(_entry(article, s, ref, "approximate", "", s.start, s.end, keep_date=True))
                narrative.dated(s, ref, lead=True, same_day=True)
            elif stamp is None:
                _continue_narrative(ctx, s, words, entries, narrative, ref, has_quotes)
            continue
        made = _sentence_entries(article, s, usable, ref)
        entries.extend(made)
        if made[0].date and made[0].date_precision == "day":
            narrative.dated(s, made[0].date, lead=lead, same_day=made[0].date == ref)
    return entries


def _continue_narrative(ctx, s: Sentence, words: set[str], entries: list[ChronologyEntry], narrative: "_Narrative",
                        ref: date, has_quotes: bool) -> None:
    """An entry for an undated sentence that narrates: "On Monday a truck exploded on the bridge. The blast damaged
    the roadway." — same day, likely; or "for a second day": day N of an earlier entry's start."""
    inherited = narrative.date_for(s)
    if inherited is None and "day" not in words:
        return
    text = ctx.article.text
    if not narrates(s.text, _quoted_spans(text, s) if has_quotes else [], s.start, folded_text(ctx)[s.start:s.end],
                    words):
        return
    ordinal = _ordinal_day(s.text, entries, ref) if "day" in words else None
    day = ordinal or inherited
    if day is not None:
        entries.append(_entry(ctx.article, s, day, "approximate", "", s.start, s.end, keep_date=True))
    if ordinal:
        narrative.dated(s, ordinal, lead=False, same_day=False)


CAUSE_ADJUNCT = re.compile(r"(?i),\s+(?:citing|blaming|in (?:response|reaction|retaliation) (?:to|for)|"
                           r"in protest (?:at|against|over))\b[^,;]*$")
WIRE_REACH = 5  # paragraphs of a same-day report (lead dated by the reference date) that narrate that day
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10}
ORDINAL_DAY = re.compile(r"(?i)\b(?:for\s+(?:a|the)\s+|on\s+the\s+|into\s+(?:a|the)\s+)"
                         r"(?P<n>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
                         r"\s+(?:straight\s+|consecutive\s+|successive\s+|full\s+)?day\b")


class _Narrative:
    """The date a news narrative is at: the latest dated event sentence, and how far it may carry."""

    def __init__(self, text: str):
        self.text = text
        self._breaks: Optional[list[int]] = None  # found when first asked: most articles never ask
        self.date: Optional[date] = None
        self.para = 0
        self.wire: Optional[date] = None  # a same-day report's date, carried through its first paragraphs
        self.lead_para = 0

    def paragraph(self, pos: int) -> int:
        """Index of the paragraph holding `pos` (a paragraph per line)."""
        if self._breaks is None:
            self._breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(self.text)]
        return bisect.bisect_left(self._breaks, pos)

    @property
    def active(self) -> bool:
        """Whether an undated sentence here could inherit a date."""
        return self.date is not None

    def dated(self, s: Sentence, d: date, lead: bool, same_day: bool) -> None:
        """A sentence with a date of its own: the narrative moves to that date."""
        self.date, self.para = d, self.paragraph(s.start)
        if lead and same_day:
            self.wire, self.lead_para = d, self.para

    @property
    def carrying(self) -> bool:
        """Whether a date is being carried (else an interruption changes nothing)."""
        return self.date is not None or self.wire is not None

    def interrupt(self) -> None:
        """A look back (or ahead): undated sentences after it no longer continue the dated story."""
        self.date = self.wire = None

    def date_for(self, s: Sentence) -> Optional[date]:
        """The inherited date of an undated event sentence: same or next paragraph, or a same-day report's lead."""
        if self.date is None:
            return None
        para = self.paragraph(s.start)
        if para - self.para <= 1:
            return self.date
        if self.wire == self.date and para - self.lead_para < WIRE_REACH:
            return self.date
        return None


def _modifier_entry(article, s: Sentence, d: DateMention) -> ChronologyEntry:
    """An entry for the noun phrase a participle dates: "the understanding reached by commanders on June 6"."""
    before = article.text[s.start:d.start]
    m = participle_match(before)
    det = re.search(r"(?i)\b(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,3}$", before[:m.start()])
    start = s.start + (det.start() if det else m.start())
    return _entry(article, s, d.date, d.precision, d.text, start, d.end)


def _ordinal_day(sentence: str, entries: list[ChronologyEntry], ref: date) -> Optional[date]:
    """ "Fighting continued for a second day": day N of what an earlier entry of the article dated as its start."""
    m = ORDINAL_DAY.search(sentence)
    if not m:
        return None
    raw = m["n"].lower()
    n = ORDINALS.get(raw) or int(re.sub(r"\D", "", raw))
    words = content_words(sentence[:m.start()])
    starts = [e.date for e in entries if e.date and e.date_precision == "day" and words & content_words(e.text)]
    if not starts:
        return None
    day = min(starts) + timedelta(days=n - 1)
    return day if day <= ref else None


def _sentence_entries(article, s: Sentence, usable: list[DateMention], ref: date) -> list[ChronologyEntry]:
    """The entry of one dated sentence, plus one per "N days after X" anchor clause."""
    out: list[ChronologyEntry] = []
    main_end = s.end
    for d in usable:
        if d.anchor is not None and ref - EPISODE <= d.anchor <= ref:
            opening = d.start <= _trim(article.text, s.start, s.end)[0]
            clause_end = _clause_end(article.text, d.end, s.end, opening=opening)
            clause = Sentence(d.end, clause_end, article.text[d.end:clause_end])
            if not is_event(clause.text, words_of(lowered(clause.text))):
                continue  # "two days after the tremor": a bare noun is no statement of what happened
            out.append(_entry(article, s, d.anchor, "day" if d.precision == "day" else "approximate",
                              d.text, d.end, clause_end))
            # The main event is what precedes the phrase, when that is a clause of its own.
            if d.start - s.start > 40:
                main_end = min(main_end, d.start)
    day = [d for d in usable if d.precision == "day"] or usable
    body_start, _ = _trim(article.text, s.start, s.end)
    adverbial = [d for d in day if _nominal_start(article.text, d) is None]
    # "France on Tuesday began evacuating, citing the violence on Sunday": the later phrase dates the cause.
    main_dates = [d for d in adverbial if not CAUSE_ADJUNCT.search(article.text[s.start:d.start])]
    adverbial = main_dates or adverbial
    # Earliest date; among equals, a phrase in the statement rather than in a dateline label.
    first = min(adverbial or day, key=lambda d: (d.date, d.start < body_start, d.start))
    start = s.start
    if not adverbial and len(article.text[_nominal_start(article.text, first):main_end].split()) >= 5:
        # Only "Thursday's attack, which …": the entry is that noun phrase onwards, not the report around it.
        start = _nominal_start(article.text, first)
    out.insert(0, _entry(article, s, first.date, first.precision, first.text, start, main_end))
    return out


POSSESSIVE = re.compile(r"['’]s\b")
LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")
DETERMINER_BEFORE = re.compile(r"(?i)(\w+\s+)?\b(?:the|a|an|its|their|his|her|this|that)\s+$")


def _nominal_start(text: str, d: DateMention) -> Optional[int]:
    """Where the noun phrase starts when the date modifies a noun ("Tuesday's strike", "the Oct. 8 blast")."""
    if POSSESSIVE.match(text[d.end:d.end + 3]):
        return d.start
    if not d.text[:1].isupper() or PREPOSITION.match(d.text) or not LOWER_WORD_NEXT.match(text[d.end:d.end + 2]):
        return None
    det = DETERMINER_BEFORE.search(text[max(0, d.start - 30):d.start])
    if not det or (det.group(1) and TEMPORAL_PREP.fullmatch(det.group(1).strip())):
        return None  # "during the Oct. 10 rush hour" dates the clause after all
    return d.start - len(det.group(0)) + len(det.group(1) or "")


QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _quoted_spans(text: str, s: Sentence) -> list[tuple[int, int]]:
    """Direct quotations in the sentence: their "today" is the speaker's, not the article's."""
    if "“" not in s.text and '"' not in s.text:
        return []
    return [(m.start() + s.start, m.end() + s.start) for m in QUOTATION.finditer(s.text)]


def _clause_end(text: str, start: int, limit: int, opening: bool = False) -> int:
    """End of the clause that starts at `start`; an opening adverbial ("Two days after X, …") ends at a comma."""
    breaks = r"[;,—–]" if opening else r"[;—–]|,\s+(?:while|but|and|as|which|after|before|when)\b"
    m = re.search(breaks, text[start:limit])
    return start + m.start() if m else limit

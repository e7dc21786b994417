"""Dates: absolute, weekday and relative phrases found in text and resolved against the publication date.

Resolution rules (the reference date is the article's dateline date when it opens with one,
e.g. "Islamabad, Feb 27:", else the publication date):
- absolute "16 January 2024", "Jan. 16, 2024", "2024-01-16" → day; "January 2024", "in January" → month;
  "in 2019", "the 1971 war" → year. A day or month without a year takes the year that puts it
  closest to the reference date, counting future distance triple (news mostly looks back); a bare month
  later in the year than the reference month is last year's unless the clause speaks of the future.
- weekdays "on Tuesday", "Tuesday night", "late on Saturday", "Monday's" → the latest such weekday on or
  before the reference date; after a future marker ("will", "due to", "next") the next one after it.
- "today", "this morning" → reference; "yesterday", "last night" → reference − 1; "N days ago" → − N.
- "last week", "a week ago", "earlier this week" → approximate; "last month" → month; "last year" → year.
- "the previous day", "a day earlier", "three days later", "that morning", "hours earlier", "moments later"
  → relative to the latest date resolved before it in the text (unresolved when there is none).
- "N days after X" / "N days before X" (X a clause): the phrase dates the event it modifies. When the
  sentence gives that event a date of its own ("On Wednesday … accepted …, a day after X") that is the
  mention's date and X is that date ∓ N (`anchor`). Otherwise the modified event is taken to be the news
  of the reference date ("This operation comes two days after X"), so the mention is the reference date
  and X is reference ∓ N (day precision for a count of days, approximate for weeks).
"""
from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple, Optional

from briefing.extract.date_anchors import anchored_matches
from briefing.extract.date_patterns import (
    CLAUSE_FOLLOWS, COMMA_GAP, DATELINE, FUTURE_MARKER, MONTHS, NOT_A_DAY_AFTER, NOT_A_DAY_BEFORE, NUMBER_WORDS,
    PAST_VERB, PATTERNS, PRESENT_MAIN, SENTENCE_STOP, STOP_SPACE, UNIT_DAYS, WEEKDAYS,
)


class DateMention(NamedTuple):
    """A date phrase in the text and the date it resolves to (a named tuple: several are made per article, and a
    tuple is made several times faster than a frozen dataclass)."""

    start: int
    end: int
    text: str
    date: Optional[date]
    precision: str
    # For "N days after/before X": the date of the anchor event X (the clause after the phrase).
    anchor: Optional[date] = None


class _Candidate(NamedTuple):
    start: int
    end: int
    kind: str
    match: re.Match


def _month_num(name: str) -> int:
    """Month number of a month name or abbreviation ("Sept.", "March")."""
    return MONTHS[name.lower().rstrip(".")]


def _closest_year(month: int, day: int, ref: date) -> Optional[date]:
    """The date with this month/day nearest `ref`, future distance counted triple."""
    best, best_cost = None, None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        delta = (d - ref).days
        cost = 3 * delta if delta > 0 else -delta
        if best_cost is None or cost < best_cost:
            best, best_cost = d, cost
    return best


def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    """The date, or None when the day does not exist (31 April)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _absolute(kind: str, m: re.Match, ref: Optional[date], text: str = "") -> tuple[Optional[date], str]:
    """Date and precision of an absolute phrase (month/day/year forms)."""
    if kind == "iso":
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"])), "day"
    month = _month_num(m["m"])
    groups = m.re.groupindex
    year = int(m["y"]) if "y" in groups and m["y"] else None
    rel = (m["rel"] or "").lower() if "rel" in groups else ""
    if kind in ("mdy", "dmy"):
        day = int(m["d"])
        if year:
            return _safe_date(year, month, day), "day"
        if ref is None:
            return None, "unknown"
        if rel:
            return _safe_date(ref.year + {"last": -1, "next": 1, "this": 0}[rel], month, day), "day"
        return _closest_year(month, day, ref), "day"
    if year:
        return date(year, month, 1), "month"
    if ref is None:
        return None, "unknown"
    word = m.group(0).split()[0].lower().rstrip("-")
    if word == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif word == "next":
        year = ref.year if month > ref.month else ref.year + 1
    elif _is_future(text, m.start()):
        year = ref.year if month >= ref.month else ref.year + 1
    else:
        # A bare month later in the year than the reference month is last year's ("in March", said in January).
        year = ref.year if month <= ref.month else ref.year - 1
    return date(year, month, 1), "month"


def _number(word: str) -> Optional[int]:
    """A count written in digits or words; None for vague counts ("several")."""
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _is_future(text: str, start: int) -> bool:
    """Whether the clause leading up to `start` speaks of the future ("will meet on Friday")."""
    window = text[max(0, start - 80):start]
    # A match holds none of .!?;, so it starts after the last of them (where \b sees what the whole window shows).
    clause = 1 + max(window.rfind("."), window.rfind(","), window.rfind(";"), window.rfind("!"), window.rfind("?"))
    m = FUTURE_MARKER.search(window, clause)
    # "talks will resume after they broke down on Monday": a past verb after the marker dates the past.
    return bool(m) and not PAST_VERB.search(m.group(0), m.end(1) - m.start(0) if m.lastindex else 0)


def _weekday(m: re.Match, text: str, ref: Optional[date]) -> tuple[Optional[date], str]:
    """Resolve a weekday phrase: an explicit date in brackets, else the latest such day (next after a plan)."""
    paren = m["paren"] if "paren" in m.re.groupindex else None
    if paren and ref:
        inner = _scan(paren)
        for c in inner:
            if c.kind in ("mdy", "dmy", "iso"):
                d, p = _absolute(c.kind, c.match, ref)
                if d:
                    return d, p
    if ref is None:
        return None, "unknown"
    wd = WEEKDAYS[m["wd"] or m["wd2"]]
    if m["week"]:
        # "Tuesday last week": that weekday in the previous (next) calendar week.
        monday = ref - timedelta(days=ref.weekday()) + timedelta(days=7 if m["week"] == "next" else -7)
        return monday + timedelta(days=wd), "day"
    lead = m.group(0).split(None, 1)[0].lower()
    back = (ref.weekday() - wd) % 7
    if lead == "next" or (lead != "last" and _is_future(text, m.start())):
        ahead = (wd - ref.weekday()) % 7 or 7
        return ref + timedelta(days=ahead), "day"
    if lead == "last" and back == 0:
        back = 7
    return ref - timedelta(days=back), "day"


@lru_cache(maxsize=8)  # an undated article is scanned for its latest date, then for all its dates
def _scan(text: str) -> tuple[_Candidate, ...]:
    """All pattern matches, longest first where they overlap, in text order."""
    found = [_Candidate(m.start(), m.end(), kind, m) for kind, m in anchored_matches(text, PATTERNS)
             if kind != "weekday" or not _named_day(text, m)]
    found.sort(key=lambda c: c.start)
    if all(a.end <= b.start for a, b in zip(found, found[1:])):
        return tuple(found)  # no overlaps: all are kept
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    starts: list[int] = []  # kept spans, sorted by start (they never overlap, so ends are sorted too)
    kept: list[_Candidate] = []
    for c in found:
        i = bisect.bisect_left(starts, c.start)
        if (i < len(kept) and kept[i].start < c.end) or (i > 0 and kept[i - 1].end > c.start):
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return tuple(kept)


def _named_day(text: str, m: re.Match) -> bool:
    """A weekday name that is part of a name, not a date ("Bloody Sunday", "the Sunday Times")."""
    return bool(NOT_A_DAY_BEFORE.search(text[max(0, m.start() - 12):m.start()])
                or NOT_A_DAY_AFTER.match(text, m.end()))


def reference_date(text: str, published: Optional[date]) -> Optional[date]:
    """The date relative phrases count from: an opening dateline's date ("Paris, Jan 8 (AFP)"), else `published`,
    else (undated article) the latest full past date the text states."""
    return _reference(text, published)[0]


@lru_cache(maxsize=8)  # asked by find_dates and again by the event extractor, for the same article
def _reference(text: str, published: Optional[date]) -> tuple[Optional[date], bool]:
    """The reference date, and whether it was inferred from the text's own dates (then only approximate)."""
    dateline = _dateline(text, published)
    if dateline or published:
        return dateline or published, False
    latest = _latest_explicit_day(text)
    return latest, latest is not None


def _dateline(text: str, published: Optional[date]) -> Optional[date]:
    """The date of an opening dateline within a week of publication (any, when publication is unknown)."""
    offset = 0
    for paragraph in text.split("\n\n", 4)[:4]:  # (only the first four are read)
        # (a dateline's comma comes within its first 42 characters)
        m = DATELINE.match(paragraph) if paragraph.find(",", 1, 42) > 0 else None
        if m:
            year = int(m["y"]) if m["y"] else None
            if year:
                d = _safe_date(year, _month_num(m["m"]), int(m["d"]))
            elif published:
                d = _closest_year(_month_num(m["m"]), int(m["d"]), published)
            else:
                d = None
            # A dateline more than a week from publication is more likely a stale page date.
            if d and (published is None or abs((published - d).days) <= 7):
                return d
        offset += len(paragraph) + 2
        if offset > 800:
            break
    return None


def _latest_explicit_day(text: str) -> Optional[date]:
    """For an undated article: the latest full date it states in the past tense (it was written after it)."""
    days = [_safe_date(int(c.match["y"]), int(c.match["m"]) if c.kind == "iso" else _month_num(c.match["m"]),
                       int(c.match["d"]))
            for c in _scan(text) if c.kind in ("iso", "mdy", "dmy") and c.match["y"] and not _is_future(text, c.start)]
    return max((d for d in days if d), default=None)


def find_dates(text: str, published: Optional[date]) -> list[DateMention]:
    """Every date phrase in `text`, resolved against `published` where relative."""
    return list(_find_dates(text, published))


@lru_cache(maxsize=8)  # an extractor given no dates (none found) asks again for the same article
def _find_dates(text: str, published: Optional[date]) -> tuple[DateMention, ...]:
    # Counting from a date inferred from the text itself (no publication date, no dateline) is only approximate.
    ref, inferred = _reference(text, published)
    out: list[DateMention] = []
    last_day: Optional[date] = None  # latest day-precision date seen, for "the previous day" & co.
    kinds: list[str] = []
    pending: list[tuple[int, int]] = []  # anchored offsets whose main date may come later in the sentence
    for c in _scan(text):
        m, kind = c.match, c.kind
        anchor = None
        if kind in ("iso", "mdy", "dmy", "my", "m"):
            d, prec = _absolute(kind, m, ref, text)
        elif kind == "year":
            d, prec = date(int(m["y"]), 1, 1), "year"
        elif kind == "weekday":
            d, prec = _weekday(m, text, ref)
        elif kind == "ago":
            d, prec = _ago(m, ref)
        elif kind == "offset":
            d, prec, anchor = _offset(m, text, c, ref, last_day, out)
            if anchor is None and d is None and _shift(m) is not None:
                pending.append((len(out), _shift(m)))
        else:
            d, prec = _word(m.group(0), text, c, ref, last_day)
        if inferred and kind not in ("iso", "mdy", "dmy", "my", "year") and prec == "day":
            prec = "approximate"
        out.append(DateMention(c.start, c.end, text[c.start:c.end], d, prec, anchor))
        if d and prec == "day":
            last_day = d
        # "Sunday, Oct. 9": the weekday takes the explicit date that follows it.
        if kind in ("iso", "mdy", "dmy") and len(out) > 1 and d and kinds[-1] == "weekday" and \
                COMMA_GAP.fullmatch(text, out[-2].end, c.start):
            prev = out[-2]
            out[-2] = DateMention(prev.start, prev.end, prev.text, d, prec)
        kinds.append(kind)
    # "Two days after the bombing, India on Saturday recalled its envoy": the main date comes later.
    for i, shift in pending:
        o = out[i]
        stop = SENTENCE_STOP.search(text[o.end:])
        end = o.end + stop.start() if stop else len(text)
        main = next((x for x in out[i + 1:] if x.start < end and x.date and x.precision == "day"
                     and x.anchor is None), None)
        if main:
            out[i] = DateMention(o.start, o.end, o.text, main.date, "day", main.date + timedelta(days=shift))
    return tuple(out)


def _shift(m: re.Match) -> Optional[int]:
    """Signed day count from a main event back to the anchor of "N days after/before X" (None if vague)."""
    n = _number(m["n"])
    if n is None or m["unit"].lower() != "day" or m["dir"].lower() not in ("after", "before"):
        return None
    return -n if m["dir"].lower() == "after" else n


def _ago(m: re.Match, ref: Optional[date]) -> tuple[Optional[date], str]:
    """ "Three days ago", "a week ago", "two years ago" counted back from the reference date."""
    n, unit = _number(m["n"]), m["unit"].lower()
    if ref is None or n is None:
        return None, "approximate" if ref else "unknown"
    if unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
        return date(y, mo + 1, 1), "month"
    if unit == "year":
        return date(ref.year - n, 1, 1), "year"
    return ref - timedelta(days=n * UNIT_DAYS[unit]), "day" if unit == "day" else "approximate"


def _offset(m: re.Match, text: str, c: _Candidate, ref: Optional[date], last_day: Optional[date],
            out: list[DateMention]) -> tuple[Optional[date], str, Optional[date]]:
    """ "N days after/before X" (anchor clause follows) or "N days later/earlier" (counts from the last date)."""
    n = _number(m["n"])
    if n is None:
        return None, "approximate" if ref else "unknown", None
    days = n * UNIT_DAYS[m["unit"].lower()]
    direction = m["dir"].lower()
    exact = "day" if m["unit"].lower() == "day" else "approximate"
    follows = text[c.end:c.end + 2]
    clause = direction in ("after", "before") and CLAUSE_FOLLOWS.match(follows) is not None
    if not clause:
        sign = 1 if direction in ("after", "later") else -1
        return (last_day + timedelta(days=sign * days), exact, None) if last_day else (None, "unknown", None)
    # The phrase dates the modified event; X (after "after"/"before") is that date minus/plus N.
    sign = -1 if direction == "after" else 1
    sent_start = max(text.rfind(". ", 0, c.start), text.rfind("\n", 0, c.start)) + 1
    own = [d for d in out if d.start >= sent_start and d.date and not d.anchor]
    if own:
        main = own[-1]
        precision = "day" if main.precision == "day" and exact == "day" else \
            ("approximate" if main.precision == "day" else main.precision)
        return main.date, precision, main.date + timedelta(days=sign * days)
    # Undated main clause: only a present-tense one ("This operation comes …") is today's news.
    if ref is None or not PRESENT_MAIN.search(text[sent_start:c.start]):
        return None, "unknown", None
    return ref, exact, ref + timedelta(days=sign * days)


def _word(phrase: str, text: str, c: _Candidate, ref: Optional[date],
          last_day: Optional[date]) -> tuple[Optional[date], str]:
    """Relative words: today, yesterday, last week, the previous day, that morning …"""
    p = " ".join(phrase.lower().split())
    if p in ("the day before", "the day after") and CLAUSE_FOLLOWS.match(text[c.end:c.end + 2]):
        # "the day before the vote": only a date within the anchor phrase can place it.
        return _eve(text, c, ref, 1 if p.endswith("after") else -1)
    if p.startswith("the previous ") and p != "the previous day":
        # "the previous night": the evening before the last date given, else before the reference date.
        base = last_day or ref
        return (base - timedelta(days=1), "day") if base else (None, "unknown")
    if p.endswith("in the day"):
        return (last_day, "day") if last_day else ((ref, "day") if ref else (None, "unknown"))
    if p.endswith("weekend"):
        if ref is None:
            return None, "unknown"
        back = (ref.weekday() - 5) % 7  # the latest Saturday on or before the reference date
        return ref - timedelta(days=back), "approximate"
    if p in ("the previous day", "the day before"):
        return (last_day - timedelta(days=1), "day") if last_day else (None, "unknown")
    if p in ("the following day", "the next day", "the day after"):
        return (last_day + timedelta(days=1), "day") if last_day else (None, "unknown")
    if p == "the same day" or p.endswith(("that day", "that morning", "that afternoon", "that evening",
                                          "that night")):
        return (last_day, "day") if last_day else (None, "unknown")
    if p.split()[0] in ("hours", "minutes", "moments"):
        # "Hours earlier, …": the day of the date just given (a story told within one day).
        return (last_day, "day") if last_day else (None, "unknown")
    if p == "on the eve of":
        return _eve(text, c, ref)
    if ref is None:
        return None, "unknown"
    if p in ("today", "tonight", "earlier today", "later today") or p.startswith("this ") and \
            p.split()[1] in ("morning", "afternoon", "evening"):
        return ref, "day"
    if p.startswith("yesterday") or p == "last night":
        return ref - timedelta(days=1), "day"
    if p == "the day before yesterday":
        return ref - timedelta(days=2), "day"
    if p == "tomorrow":
        return ref + timedelta(days=1), "day"
    if p.endswith("this week"):
        return ref - timedelta(days=min(ref.weekday(), 3)), "approximate"
    if p == "last week":
        return ref - timedelta(days=7), "approximate"
    if p == "next week":
        return ref + timedelta(days=7), "approximate"
    if p.endswith("month"):
        shift = {"last": -1, "this": 0, "next": 1}[p.split()[0]]
        y, mo = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
        return date(y, mo + 1, 1), "month"
    if p.endswith("year"):
        return date(ref.year + {"last": -1, "this": 0, "next": 1}[p.split()[0]], 1, 1), "year"
    return None, "unknown"


def _eve(text: str, c: _Candidate, ref: Optional[date], shift: int = -1) -> tuple[Optional[date], str]:
    """ "On the eve of X" / "the day before X": the day before (after) X when X carries a date in the sentence."""
    rest = text[c.end:c.end + 120]
    stop = STOP_SPACE.search(rest)
    rest = rest[:stop.start()] if stop else rest
    for inner in find_dates(rest, ref):
        if inner.date and inner.precision == "day":
            return inner.date + timedelta(days=shift), "day"
    return None, "unknown"

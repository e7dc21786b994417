"""The date vocabulary and patterns that `dates` scans for: months, weekdays, number words, phrase shapes."""
from __future__ import annotations

import calendar
import re

# Month names and abbreviations, lower-cased, to their numbers.
MONTHS = {name: number for number, names in enumerate([
    (), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")]) for name in names}
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None,
                "a few": None, "few": None}
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}

# "May" and "March" are also ordinary words, so bare month names need a date-like neighbour.
MONTH = (r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:(?<=[a-z])\.)?")
DAY = r"(?P<{g}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?P<{g}>1[89]\d\d|20\d\d)"
REL_YEAR = r"(?:,?\s+(?P<rel>last|next|this)\s+year)?"
NUM = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)"


def _p(pattern: str, **groups: str) -> str:
    """Fill `{name}` slots of a pattern with named-group templates."""
    for g, tmpl in groups.items():
        pattern = pattern.replace("{" + g + "}", tmpl.replace("{g}", g))
    return pattern


# Each pattern opens with a lookahead on its possible first letters: it makes scanning several times faster.
WEEKDAY_RE = (r"\b(?=[EeLlOoSsBbUuFfTtNnMW])(?:(?i:early|late|earlier|later)\s+(?:(?i:on)\s+)?|"
              r"(?i:on|since|by|until|from|last|next|this past|this)\s+)?"
              r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
              r"(?!['’]s)(?:\s+(?P<part>morning|afternoon|evening|night))?(?:\s+(?P<week>last|next)\s+week)?"
              r"(?:\s*\((?P<paren>[^()]{3,24})\))?(?:,?\s+(?i:local time))?|"
              r"(?P<wd2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=['’]s)")

PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("mdy", re.compile(_p(r"\b(?=[OoSsBbUuFfJMASND])(?:(?i:on|since|by|until|from)\s+)?{m}\s+{d}\b"
                          r"(?:,?\s+{y}\b)?" + REL_YEAR, m=MONTH, d=DAY, y=YEAR))),
    ("dmy", re.compile(_p(r"\b(?=[OoSsBbUuFfTt\d])(?:(?i:on|since|by|until|from)\s+)?(?:the\s+)?{d}(?:\s+of)?"
                          r"\s+{m}(?:,?\s+{y}\b)?" + REL_YEAR, m=MONTH, d=DAY, y=YEAR))),
    ("my", re.compile(_p(r"\b(?:(?i:in|since|by|until|from|during|early|late|mid-?|throughout)\s+)?{m}\s+{y}\b",
                         m=MONTH, y=YEAR))),
    ("m", re.compile(_p(r"\b(?=[IiSsBbUuFfDdEeLlMmTtNn])(?i:in|since|by|until|from|during|early|late|mid-|"
                        r"throughout|last|next|this)\s*{m}\b(?!\s+\d)", m=MONTH))),
    ("weekday", re.compile(WEEKDAY_RE)),
    ("ago", re.compile(r"(?i)\b(?=[\daotfsen])" + NUM + r"\s+(?P<unit>day|week|fortnight|month|year)s?\s+ago\b")),
    ("offset", re.compile(r"(?i)\b(?=[\daotfsenj])(?:(?:just|nearly|almost|about|some|only)\s+)?" + NUM +
                          r"\s+(?P<unit>day|week|fortnight)s?\s+(?P<dir>after|before|later|earlier)\b")),
    ("word", re.compile(r"(?i)\b(?=[telynoahm])(?:the\s+day\s+before\s+yesterday|(?:earlier|later)\s+today|"
                        r"today|tonight|yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night|"
                        r"this\s+(?:morning|afternoon|evening)|tomorrow|(?:earlier\s+|later\s+)?this\s+week|"
                        r"last\s+week|next\s+week|"
                        r"last\s+month|this\s+month|next\s+month|last\s+year|this\s+year|next\s+year|"
                        r"the\s+(?:previous|following|next)\s+day|the\s+day\s+(?:before|after)|"
                        r"the\s+same\s+day|(?:earlier\s+|later\s+)?that\s+(?:day|morning|afternoon|evening|night)|"
                        r"the\s+previous\s+(?:night|evening|morning|afternoon)|(?:earlier|later)\s+in\s+the\s+day|"
                        r"(?:over|at)\s+the\s+weekend|(?:last|this\s+past)\s+weekend|"
                        r"on\s+the\s+eve\s+of|"
                        r"(?:hours|minutes|moments)\s+(?:earlier|later|afterwards|before(?![ \t]+[\w'\"“‘])))\b")),
    ("year", re.compile(r"\b(?i:in|since|by|until|from|of|during|before|after|the|early|late|mid-?|between|"
                        r"and|through|throughout|around)\s+(?P<y>1[89]\d\d|20\d\d)\b(?![\d,.%-]\d|\s*(?i:people|"
                        r"troops|soldiers|residents|refugees|civilians|men|women|children|km|kg|tons|tonnes|"
                        r"metres|meters|feet|miles|dollars|euros|pounds|homes|houses|families|members|"
                        r"rounds|missiles|rockets|bombs)\b)")),
]
# A future marker in the same clause (no comma between) before a weekday: "due to meet on Friday".
FUTURE_MARKER = re.compile(r"(?i)\b(will|would|shall|'ll|due\s+to|set\s+to|scheduled|expected\s+to|plans?\s+to|"
                           r"planning\s+to|to\s+be\s+held)\b[^.!?;,]*$")
PAST_VERB = re.compile(r"(?i)(?<!\bbe )(?<!\bbeen )(?<!\bhave )\b(?:\w{3,}ed|said|broke|began|took|held|met|came|"
                       r"went|fell|struck|hit|fought|left|sent|told|won|lost|shot|fled)\b")
# The present-tense main verb of "X comes two days after Y": X is the news of the reference date.
PRESENT_MAIN = re.compile(r"(?i)\b(?:comes|come|follows|follow|is|are|takes|take|marks|mark)\b")
# Named days that are not dates ("Bloody Sunday", "Sunday Times").
NOT_A_DAY_BEFORE = re.compile(r"(?:Black|Good|Bloody|Super|Easter|Holy|Ash|Palm|Cyber|Maundy|Shrove)\s+$")
NOT_A_DAY_AFTER = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Tribune|Mail|Observer|Sport|"
                             r"Night Football|Club)\b")
COMMA_GAP = re.compile(r",?\s*")
SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")
STOP_SPACE = re.compile(r"[.!?]\s")
CLAUSE_FOLLOWS = re.compile(r"\s+[\w'\"“‘]")  # "a day after the vote": a clause (not a bare "after")
DATELINE = re.compile(_p(r"^[A-Z][\w .'’/&-]{1,40}?,\s+{m}\s+{d}(?:,\s+{y})?\s*(?:[:(—–-]|\(|$)",
                         m=MONTH, d=DAY, y=YEAR))

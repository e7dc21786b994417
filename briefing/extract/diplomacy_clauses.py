"""The text side of who acts in a sentence: the role lexicon, its patterns, and per-article clause reading (cached, shared by forks)."""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter, lt
from pathlib import Path
from typing import Optional

from briefing.extract.text import split_sentences

DATA = Path(__file__).resolve().parents[1] / "data"
ACTING_KINDS = {"state", "organization", "armed_group", "person"}
WORD = re.compile(r"[\w'’-]+")


def load_data(name: str) -> dict:
    """A documented JSON lexicon from briefing/data."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


ROLES = load_data("diplomacy_roles.json")
ROLE_WORDS = set(ROLES["role_words"])
GAP_WORDS = set(ROLES["gap_words"])
LEAD_WORDS = set(ROLES["lead_words"])
SUBJECT_GAP_WORDS = GAP_WORDS | (ROLE_WORDS - {"and", "of", "for"})  # what may stand between a subject and its verb
REPORTING = re.compile(r"\b(?:%s)\b" % "|".join(ROLES["reporting_verbs"]))
PRONOUNS = ROLES["pronouns"]
TITLE_END = {"minister", "secretary-general", "secretary", "president", "spokesman", "spokeswoman", "spokesperson",
             "chief", "ambassador", "envoy", "head", "commander", "chairman", "chair", "leader", "premier",
             "chancellor", "counterpart", "coordinator", "representative"}
LOCATIVE = re.compile(r"\b(?:%s)\s+(?:the\s+)?$" % "|".join(ROLES["locative_preps"]), re.I)
PREPOSITION_WORDS = ("in", "at", "within", "of", "with", "from", "to", "for", "by", "on", "into", "near", "across",
                     "throughout", "against", "under", "over", "inside", "toward", "towards", "between", "among")
PREPOSITION_ARTICLES = ("the", "a", "an", "its", "their", "his", "her")
# A preposition (maybe with an article) ending right before a mention, within its 20 characters, makes it a place or
# an object: r"\b(?:in|at|…)\s+(?:(?:the|a|…)\s+)?$" searched in those characters. Read backwards it is one anchored
# match at the mention's start in the reversed text (the 20 characters its end bound).
PREPOSITION_BEFORE = re.compile(r"\s+(?:(?:%s)\s+)?(?:%s)\b" % ("|".join(w[::-1] for w in PREPOSITION_ARTICLES),
                                                               "|".join(w[::-1] for w in PREPOSITION_WORDS)), re.I)
CLAUSE_BREAK = re.compile(r",\s*(?:and|but|while|whereas|although|as)\b|;|\bwhile\b|\bbut\b")
DATELINE = re.compile(r"\s*[A-Z][\w.'’-]*(?:(?:,?\s|/)[A-Z][\w.'’-]*){0,4}(?:\s*\([A-Z][\w ]*\))?"
                      r"(?:,? [A-Z][a-z]{2} \d{1,2})?\s*(?:—|–|--|:|-)\s+")
# What a DATELINE match needs right at its start, read without backtracking: a capitalised first word (its whole
# run of [\w.'’-]) followed by a comma, "/", "(", a dash or colon, or by whitespace and then a capital, "(", a dash
# or colon; or a run ending in "-" (the separator) before whitespace. Most sentences ("The minister said") fail here.
DATELINE_OPENING = re.compile(r"\s*+[A-Z][\w.'’-]*+(?:[,/(—–:]|\s+[A-Z(—–:-]|(?<=-)\s)")
WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d+(?:st|nd|rd|th)?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                     r"Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")

# Compiled once (the re module's own cache is a lookup per call).
POSSESSIVE_START = re.compile(r"^['’]s\b")
GAP_PUNCTUATION = re.compile(r"[,.;:()\"“”]")
CAPITALISED_LEAD = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}$")
BODY_WORD = re.compile(r"(?:['’]s)?\s+([\w-]+)(['’]s)?")
TRAILING_COMMA = re.compile(r",\s*$")
APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?([^,.;]{2,70})[,.]")
SHOUTED = re.compile(r"\b[A-Z]{3,}\b|\(")
FIRST_WORD = re.compile(r"\s*([\w'’-]+)")
RELATIVE_TAIL = re.compile(r",\s*(?:which|who)\s+(?:[\w'’-]+\s+){0,3}$")  # starts at the span's last comma
QUOTE_OPEN = re.compile(r"[\"“]")
PARTICIPLE = re.compile(r"\w+ing\b")
APPOSITIVE_INSIDE = re.compile(r",[^,]{0,60},")
_group = re.Match.group


@lru_cache(maxsize=1 << 16)  # phrases repeat across a run's articles; the answer depends on the phrase alone
def _state_in(surface: str) -> Optional[str]:
    """The state or organisation named inside a phrase ("Iraqi Foreign Ministry" → Iraq)."""
    from briefing.extract.actors import find_actor_mentions
    words = surface.split()
    for n in range(len(words) - 1, 0, -1):
        for m in find_actor_mentions(" ".join(words[:n])):
            if m.kind in ("state", "organization"):
                return m.name
    return None


def _is_only(text: str, allowed: set[str]) -> bool:
    """True when every word of `text` is allowed, an adverb in -ly, a date word or a possessive."""
    return all(w.lower() in allowed or w.lower().endswith("ly") or WEEKDAY.fullmatch(w) or w.lower() in ("s", "which", "who")
               for w in WORD.findall(text) if not w.startswith(("'", "’")))


def _words(text: str) -> list[str]:
    """The lower-cased words of `text`."""
    return [w.lower() for w in WORD.findall(text)]


def _only_words(words: list[str], allowed: set[str]) -> bool:
    """`_is_only` over words already split (and without possessive tails): `_is_only(" ".join(words), allowed)`."""
    for w in words:
        low = w.lower()
        if not (low in allowed or low.endswith("ly") or WEEKDAY.fullmatch(w) or low in ("s", "which", "who")):
            return False
    return True


@lru_cache(maxsize=4096)
def _ends_with_role_word(name: str) -> bool:
    """True when the last word of a name is a title word ("… Secretary-General")."""
    words = WORD.findall(name)
    return bool(words) and words[-1].lower() in ROLE_WORDS


@lru_cache(maxsize=4096)
def _is_role_gap(text: str) -> bool:
    """True when `text` holds only title words ("'s Prime Minister", " Secretary of State ")."""
    text = POSSESSIVE_START.sub("", text.strip())
    if GAP_PUNCTUATION.search(text):
        return False
    return all(w.lower() in ROLE_WORDS or w[:1].isupper() for w in WORD.findall(text))


def _title_as_body(text: str, m):
    """A title misread as a name ("[United] Nations Secretary-General") becomes the body it belongs to."""
    if m.kind != "person":
        return m
    if not _ends_with_role_word(m.name):
        return m
    lead = CAPITALISED_LEAD.search(text[max(0, m.start - 40):m.start])
    start = m.start - len(lead.group(0)) if lead else m.start
    body = _state_in(text[start:m.end])
    if not body:
        return m
    return replace(m, start=start, surface=text[start:m.end], name=body, kind="organization", affiliation="")


class _SpanIndex:
    """Mentions sorted by start, and the ones inside a span found by bisection."""

    __slots__ = ("items", "starts", "ends", "ends_in_order")

    def __init__(self, items: list):
        self.items = items
        self.starts = [m.start for m in items]
        self.ends = [m.end for m in items]
        # Mentions do not nest, so their ends are in order too and the mentions inside a span are one slice.
        # (A mention starting at or after a span's end then ends after it, none being empty: the slice's end is
        # found among the ends alone.)
        self.ends_in_order = self.ends == sorted(self.ends) and all(map(lt, self.starts, self.ends))

    def within(self, start: int, end: int) -> list:
        """The mentions inside [start, end)."""
        i = bisect_left(self.starts, start)
        if self.ends_in_order:
            return self.items[i:bisect_right(self.ends, end, i)]
        j = bisect_left(self.starts, end, i)
        return [m for m in self.items[i:j] if m.end <= end]


class ClauseReader:
    """The text-only steps of reading an article's sentences; every answer is kept per article and shared by forks."""

    def __init__(self, text: str, mentions, sentences=None):
        self.text = text
        self._has_quotes = '"' in text or "“" in text  # a quotation opens with one of these
        self._has_quote_marks = self._has_quotes or "”" in text
        self.sentences = sentences if sentences is not None else split_sentences(text)
        self.every = sorted((_title_as_body(text, m) for m in mentions if m.kind in ACTING_KINDS),
                            key=attrgetter("start", "end"))
        self.mentions = [m for m in self.every if getattr(m, "actor_like", True)]
        self._mention_starts = [m.start for m in self.mentions]
        self._every = _SpanIndex(self.every)
        # Mentions right after a preposition are places or objects; the others may be a clause's subject.
        backwards, n, before = text[::-1], len(text), PREPOSITION_BEFORE.match
        self._subjects = _SpanIndex([m for m in self.every if not before(backwards, n - m.start, n - m.start + 20)])
        self._affiliations_named: dict[tuple, Optional[str]] = {}
        # Answers that depend on the text alone, kept per article and shared by every fork.
        self._clause_starts: dict[int, tuple[int, tuple, Optional[tuple]]] = {}
        self._adjacent: dict[tuple[int, int], tuple[str, object]] = {}
        self._pronoun_mentions: dict[tuple[str, int], object] = {}
        self._named_after: dict[int, tuple[str, object]] = {}
        self._body_starts: dict[int, int] = {}
        self._lead_commas: dict[int, int] = {}
        self._quote_opens: dict[int, int] = {}  # sentence start -> the first '"' or '“' from there (see inside_quote)
        self._quote_open_at: Optional[list[int]] = None  # where every '"' and '“' of the text is
        self._pair_states: list = []  # filled once by diplomacy_groups.pair_states
        self._groups: dict[tuple[int, int, bool], tuple] = {}  # diplomacy_groups.group_agents answers from the text

    def every_in(self, start: int, end: int) -> list:
        """All mentions inside [start, end), also those tagged as places."""
        return self._every.within(start, end)

    def subject_mentions(self, start: int, end: int) -> list:
        """The mentions inside [start, end) not right after a preposition (those are places and objects)."""
        return self._subjects.within(start, end)

    def _what_follows(self, end: int) -> tuple[str, object]:
        """After a state or organisation: ("person", the official its title names), ("body", end of the body
        named after it) or ("", None)."""
        person = [p for p in self.every_in(end, end + 46) if p.kind == "person"]
        if person and _is_role_gap(self.text[end:person[0].start]):
            return "person", person[0]
        phrase_end = self._body_tail(end)
        return ("body", phrase_end) if phrase_end else ("", None)

    def _body_tail(self, end: int) -> Optional[int]:
        """End of a body named after a state ("'s Defence Ministry", " foreign ministers"), unless a person follows."""
        first = BODY_WORD.search(self.text, end, end + 60)
        if first is None or first.group(0)[:1] not in "'’ " or first.group(1).lower() not in ROLE_WORDS:
            return None  # most often: no title word follows
        pos, last = end, None
        for i, w in enumerate(BODY_WORD.finditer(self.text, end, end + 60)):
            word = w.group(1).lower()
            if i == 0 and w.group(0)[:1] not in "'’ " or word not in ROLE_WORDS or i > 4:
                break
            pos = w.end()
            if word not in ("of", "the", "for", "and"):
                last = w.start(1) + len(w.group(1))
            if w.group(2):
                break
        if last is None:
            return None
        if any(p.kind == "person" and p.start - pos <= 2 for p in self.every_in(pos, pos + 40)):
            return None
        return last

    def _person_affiliation(self, m) -> Optional[str]:
        """The state or organisation a person's title or appositive names (text alone: kept per mention)."""
        key = (m.start, m.end, m.name)
        if key not in self._affiliations_named:
            self._affiliations_named[key] = self._affiliation_named(m)
        return self._affiliations_named[key]

    def _affiliation_named(self, m) -> Optional[str]:
        # The last state or organisation (in mention order) ending before the person; mentions starting
        # after the person end after it too.
        before = None
        for i in range(bisect_right(self._mention_starts, m.start) - 1, -1, -1):
            p = self.mentions[i]
            if p.end <= m.start and p.kind in ("state", "organization"):
                before = p
                break
        if before and m.start - before.end <= 45:
            gap = self.text[before.end:m.start]
            if _is_role_gap(gap):
                return before.name
            # "the UN Secretary-General, Antonio Guterres": a comma only after a title.
            plain = TRAILING_COMMA.sub("", gap)
            title = _words(before.surface + plain)[-1:]
            if plain != gap and _is_role_gap(plain) and title and title[0] in TITLE_END:
                return before.name
        appos = APPOSITIVE.match(self.text[m.end:m.end + 80])
        if appos:
            for p in self.every_in(m.end + appos.start(1), m.end + appos.end(1)):
                if p.kind in ("state", "organization"):
                    return p.name
        return None

    def _pronoun_mention(self, kind: str, pos: int):
        """The mention a person or body pronoun at `pos` stands for, or None."""
        if kind == "person":
            people = [m for m in self.every_in(0, pos) if m.kind == "person"]
            return people[-1] if people else None
        here = max((i for i, s in enumerate(self.sentences) if s.start <= pos), default=-1)
        # The subject of the current sentence before `pos`, then of earlier sentences.
        for i in range(here, max(-1, here - 4), -1):
            sent = self.sentences[i]
            start, _ = self.main_clause_start(sent.start, min(pos, sent.end))
            # Only the clause's subject (its first actor) can be "it"; a person there means look further back.
            first = self.subject_mentions(start, min(pos, sent.end))[:1]
            if first and first[0].kind != "person":
                return first[0]
        return None

    def body_start(self, s_start: int) -> int:
        """Sentence start after a dateline ("KYIV, Ukraine (AP) — ", "United Nations : ")."""
        found = self._body_starts.get(s_start)
        if found is None:
            found = self._body_starts[s_start] = self._body_start(s_start)
        return found

    def _body_start(self, s_start: int) -> int:
        if not DATELINE_OPENING.match(self.text, s_start):
            return s_start  # no dateline can start here
        m = DATELINE.match(self.text, s_start)
        # Datelines open an article (or its first paragraphs) or shout: "KYIV, Ukraine (AP) —".
        if m and (s_start <= self.sentences[min(1, len(self.sentences) - 1)].start
                  or SHOUTED.search(m.group(0))):
            return m.end()
        return s_start

    def leading_end(self, s_start: int, s_end: int) -> int:
        """End (the comma) of a leading phrase ("After a call with X," "Speaking to Y,"), or -1."""
        comma = self._lead_commas.get(s_start)
        if comma is None:
            # The first comma after a lead word ends the phrase; a span ending before it has none.
            start = self.body_start(s_start)
            lead = FIRST_WORD.match(self.text, start)
            comma = self.text.find(",", start) if lead and lead.group(1).lower() in LEAD_WORDS else -1
            self._lead_commas[s_start] = comma
        return comma if 0 < comma < s_end else -1

    def main_clause_start(self, s_start: int, pos: int) -> tuple[int, Optional[object]]:
        """Where the main clause begins (after "According to X," or a leading phrase) and the cited source."""
        found = self._clause_starts.get(s_start)
        if found is None:
            found = self._clause_starts[s_start] = self._main_clause_starts(s_start)
        comma, plain, after_lead = found
        return after_lead if 0 < comma < pos else plain

    def _main_clause_starts(self, s_start: int) -> tuple[int, tuple, Optional[tuple]]:
        """The leading phrase's comma (see `leading_end`), the clause start before it and the one after it."""
        start = self.body_start(s_start)
        self.leading_end(s_start, s_start)
        comma = self._lead_commas[s_start]
        if comma <= 0:
            return comma, (start, None), None
        source = None
        if self.text[start:comma].strip().lower().startswith("according"):
            inside = self.every_in(start, comma)
            source = inside[0] if inside else None
        return comma, (start, None), (comma + 1, source)

    def _adjacent_choice(self, start: int, pos: int) -> tuple[str, object]:
        """How `adjacent_subject` finds its agent: ("mention" | "antecedent", mention), ("pronoun", word) or ("", None)."""
        text = self.text
        # "… a Danish contingent, which is itself pulling out": the relative clause's antecedent acts.
        comma = text.rfind(",", start, pos)
        # (RELATIVE_TAIL needs a "which" or "who" after the comma: without a "wh" there it cannot match.)
        rel = RELATIVE_TAIL.match(text, comma, pos) if comma >= 0 and text.find("wh", comma, pos) >= 0 else None
        if rel:
            head = [m for m in self.every_in(start, pos) if m.end <= rel.start()]
            if head and _is_only(text[head[-1].end:rel.start()], ROLE_WORDS):
                return "antecedent", head[-1]
        # Mentions after a preposition are places or objects, not subjects.
        ms = self.subject_mentions(start, pos)
        gap_text = text[ms[-1].end:pos] if ms else text[start:pos]
        if not gap_text or gap_text.isspace():
            return ("mention", ms[-1]) if ms else ("", None)
        if self._has_quote_marks and ('"' in gap_text or "“" in gap_text or "”" in gap_text):  # a quote mark
            return "", None
        # "…, warning that": a participle after a comma belongs to the main clause's subject.
        if ms and "," in gap_text and PARTICIPLE.match(text, pos, pos + 20):
            return "", None
        # "…, the prime minister, urged": drop appositives before testing the gap.
        if "," in gap_text:
            gap_text = APPOSITIVE_INSIDE.sub(" ", gap_text)
        if not ms:
            # Only a pronoun opening the gap can still be the subject: its first word decides before the rest is read.
            first = next((w for w in map(_group, WORD.finditer(gap_text)) if not w.startswith(("'", "’"))), None)
            if first is None or PRONOUNS.get(first.lower()) not in ("person", "body"):
                return "", None
        words = [w for w in WORD.findall(gap_text) if not w.startswith(("'", "’"))]
        if ms and _only_words(words, SUBJECT_GAP_WORDS):
            return "mention", ms[-1]
        if words and PRONOUNS.get(words[0].lower()) in ("person", "body") and _only_words(words[1:], GAP_WORDS):
            return "pronoun", words[0]
        return "", None

    def inside_quote(self, sent, pos: int) -> bool:
        """True when `pos` lies inside a quotation opened earlier in the sentence."""
        if not self._has_quotes:
            return False
        start = sent.start
        opens = self._quote_opens.get(start)
        if opens is None:
            opens = self._quote_opens[start] = self._next_quote_open(start)
        if opens >= pos:
            return False  # no '"' nor '“' in text[start:pos]: no quotation opened there
        before = self.text[start:pos]
        return before.count('"') % 2 == 1 or before.count("“") > before.count("”")

    def _next_quote_open(self, start: int) -> int:
        """The first '"' or '“' at or after `start` (the text's length when none)."""
        if self._quote_open_at is None:
            self._quote_open_at = [m.start() for m in QUOTE_OPEN.finditer(self.text)]
        i = bisect_left(self._quote_open_at, start)
        return self._quote_open_at[i] if i < len(self._quote_open_at) else len(self.text)

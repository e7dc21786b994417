"""Actors: states (names, demonyms, capitals as metonyms), armed groups, organisations, officials, media."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter, itemgetter

from briefing.extract.actor_lexicon import (
    IRREGULAR_PAST, KIND_ORDER, PLACE_WORDS, Candidate, Lexicon, body_key, initials_fit, lexicon, lexicon_candidates,
    norm_text, surname, word_before,
)
from briefing.extract.actor_shapes import ACRONYM_DEF, ORG_HEADS
from briefing.extract.actor_patterns import pattern_candidates
from briefing.extract.actor_people import person_candidates
from briefing.extract.scans import whole_word_starts
from briefing.model import Actor

__all__ = ["Mention", "find_actor_mentions", "extract_actors"]


_set_dict = object.__setattr__  # (a frozen dataclass's own __setattr__ refuses every attribute)


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in an article's text."""

    start: int
    end: int
    surface: str
    name: str
    kind: str
    actor_like: bool = True  # False when a state's name is only used as a place ("in Iran").
    affiliation: str = ""    # state or body the mentioned official or unit belongs to
    role: str = ""           # title or apposition describing a person, as written

    def __init__(self, start: int, end: int, surface: str, name: str, kind: str, actor_like: bool = True,
                 affiliation: str = "", role: str = ""):
        # The fields are set at once, as the instance dict: the __init__ a frozen dataclass generates makes a
        # call per field, and every article has dozens of mentions. (dataclass keeps this __init__.)
        _set_dict(self, "__dict__", {"start": start, "end": end, "surface": surface, "name": name, "kind": kind,
                                     "actor_like": actor_like, "affiliation": affiliation, "role": role})


def _longest_first(c: Candidate) -> tuple[int, int, int]:
    return -(c.end - c.start), c.prio, c.start


_START = attrgetter("start")
_END = attrgetter("end")


ORG_HEAD_WORD = re.compile(rf"\b(?:{ORG_HEADS})\b")
COORDINATION = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?")
ACRONYM_BRACKET = re.compile(ACRONYM_DEF.pattern.removeprefix(r"\s*"))  # (ACRONYM_DEF from its bracket on)
NICKNAME = re.compile(r",?\s+(?:also\s+|widely\s+|better\s+|popularly\s+|commonly\s+)?(?:known as|[Aa]lias|dubbed|nicknamed)\s+([A-Z][\w-]+)\b")


def _resolve(cands: list[Candidate]) -> list[Candidate]:
    """Greedy non-overlapping choice: longest first, then by priority; in text order."""
    # The greedy choice in one run of overlapping candidates never depends on another run: each run is resolved
    # alone, and the many candidates that overlap nothing are simply kept.
    chosen: list[Candidate] = []
    run: list[Candidate] = []  # the run of overlapping candidates the last one kept belongs to
    reach = -1
    for c in sorted([c for c in cands if c.name or c.form == "bare"], key=_START):
        if c.start < reach:
            if not run:
                run.append(chosen.pop())
            run.append(c)
            if c.end > reach:
                reach = c.end
            continue
        if run:
            chosen += _resolve_into(run)
            run = []
        chosen.append(c)
        reach = c.end
    if run:
        chosen += _resolve_into(run)
    return chosen


def _resolve_into(cands: list[Candidate], fixed: list[Candidate] = ()) -> list[Candidate]:
    """Greedy non-overlapping choice among `cands`, longest first, then by priority, added to `fixed` (chosen
    already, in order and disjoint)."""
    chosen = list(fixed)
    starts = [c.start for c in chosen]
    for c in sorted([c for c in cands if c.name or c.form == "bare"], key=_longest_first):
        i = bisect_left(starts, c.start)
        # Chosen spans never overlap each other, so only the neighbours can overlap the candidate.
        if (i < len(chosen) and chosen[i].start < c.end) or (i > 0 and chosen[i - 1].end > c.start):
            continue
        chosen.insert(i, c)
        starts.insert(i, c.start)
    return chosen


def _second_pass(text: str, chosen: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Mentions that depend on the first pass: acronyms, surnames, bare 'state TV', coordinated states."""
    extra = []
    for acr, c in _defined_acronyms(text, chosen).items():
        for start in whole_word_starts(text, acr):
            extra.append(Candidate(start, start + len(acr), c.name, c.kind, 1, affiliation=c.affiliation))
    if extra:
        # An acronym defined in the text wins over a listed one spelled the same ("PTI" the party, not the agency).
        spans = {(x.start, x.end) for x in extra}
        chosen = [c for c in chosen if (c.start, c.end) not in spans or c.name == next(
            x.name for x in extra if (x.start, x.end) == (c.start, c.end))]
    # One pass sorts the mentions by kind for the steps below. (Only bare media and armed groups have no name, and
    # naming them touches no other kind: it may run in the same pass as the people's.)
    full: dict[str, set[str]] = {}
    single_names, states, bodies = [], [], []
    last = {"media": "", "armed_group": ""}
    for c in chosen:
        kind = c.kind
        if kind == "state":
            states.append(c)
        elif kind == "person":
            name = c.name
            if " " not in name:
                single_names.append(c)
                continue
            last_name = surname(name)
            full.setdefault(last_name, set()).add(name)
            nick = NICKNAME.match(text, c.end)
            if nick and nick[1] not in lex.surfaces:
                full.setdefault(nick[1], set()).add(name)
        else:
            if kind in last:
                name = c.name
                if name.endswith((" state media", " junta")):
                    last[kind] = name
                elif not name:
                    c.name = last[kind]  # "state TV", "the junta": the one named before
            if kind in ("organization", "armed_group"):
                bodies.append(c)
    for c in single_names:
        if len(full.get(c.name, ())) == 1:
            c.name = next(iter(full[c.name]))
    for last_name, names in full.items():
        if len(names) != 1:
            continue
        name = next(iter(names))
        for start in whole_word_starts(text, last_name):
            k = bisect_right(chosen, start, key=_START)
            if k and chosen[k - 1].end > start and last_name:
                continue  # inside a chosen mention (most often the full name itself): it could never be chosen
            extra.append(Candidate(start, start + len(last_name), name, "person", 1))
    _propagate_coordination(text, states)
    _link_bare_bodies(bodies, lex)
    return _resolve_into(extra, chosen) if extra else chosen  # (chosen is in order and disjoint already)


def _defined_acronyms(text: str, chosen: list[Candidate]) -> dict[str, Candidate]:
    """Acronyms the text defines right after a chosen mention ('Islamic State (IS)'), each with that mention.

    What ACRONYM_DEF matching at each mention's end finds, looked for only at the text's opening brackets."""
    hits = []
    bracket = text.find("(")
    while bracket >= 0:
        m = ACRONYM_BRACKET.match(text, bracket)
        if m:
            lo = bracket  # (ACRONYM_DEF matches from anywhere in the spaces before the bracket)
            while lo and text[lo - 1].isspace():
                lo -= 1
            k = bisect_left(chosen, lo, key=_END)  # (chosen mentions are disjoint and in order: so are their ends)
            while k < len(chosen) and chosen[k].end <= bracket:
                hits.append((k, m[1]))
                k += 1
        bracket = text.find("(", bracket + 1)
    acronyms = {}
    for k, acr in sorted(hits):
        c = chosen[k]
        if c.kind != "person" and (initials_fit(acr, text[c.start:c.end]) or ORG_HEAD_WORD.search(text[c.start:c.end])):
            acronyms[acr] = c
    return acronyms


def _link_bare_bodies(bodies: list[Candidate], lex: Lexicon) -> None:
    """'the Defence Ministry' / 'Ministry of Defense' after 'Azerbaijan's Defence Ministry' is that same body.

    `bodies`: the organisations and armed groups mentioned, in order."""
    affiliated = {}
    for c in bodies:
        if c.affiliation:
            prefix = lex.demonym_of.get(c.affiliation, c.affiliation)
            tail = c.name[len(prefix) + 1:] if c.name.startswith(prefix + " ") else c.name
            affiliated.setdefault(body_key(tail), set()).add((c.name, c.affiliation))
    for c in bodies if affiliated else ():
        if not c.affiliation:
            hit = affiliated.get(body_key(c.name))
            if hit and len(hit) == 1:
                c.name, c.affiliation = next(iter(hit))


def _propagate_coordination(text: str, states: list[Candidate]) -> None:
    """States joined by 'and'/commas share one role: 'India and Pakistan said' makes both actors.

    `states`: the states mentioned, in order."""
    # Whether each state is joined to the next: most are not, and a lone state is only looked at as a subject.
    joined = [COORDINATION.fullmatch(text, a.end, b.start) for a, b in zip(states, states[1:])]
    joined.append(None)
    i = 0
    count = len(states)
    while i < count:
        j = i
        while joined[j]:
            j += 1
        if j > i:
            group = states[i:j + 1]
            before = word_before(text, group[0].start)
            if group[-1].form == "demonym" and group[-1].actor_like:
                for c in group:  # "US, British and Jordanian forces": one noun for all
                    c.actor_like = True
            elif before in PLACE_WORDS and not (before in ("of", "from") and group[0].actor_like):
                # ("The leaders of A, B and C": the noun before 'of' already made the first one act.)
                for c in group:
                    c.actor_like = c.actor_like and text[c.end - 2:c.end] in ("'s", "’s")
            elif any(c.actor_like for c in group):
                for c in group:
                    c.actor_like = True
        first = states[i]  # (a lone state that acts already needs no subject test)
        if first.form == "name" and (j > i or not first.actor_like) and _subject_of_verb(text, first, states[j]):
            for c in states[i:j + 1]:  # "Britain, France and other countries also flew staff out"
                c.actor_like = True
        i = j + 1


SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’']?\s+|\n\s*|\)\s+[-–—]\s+)(?:The\s+)?$")  # (or after a dateline)
SUBJECT_TAIL = re.compile(r"(?:,?\s+and\s+(?:other|several|many|some|a\s+few|a\s+number\s+of)\s+(?:[a-z-]+\s+)?"
                          r"(?:countries|nations|states|governments|allies|partners|members))?"
                          r"(?:\s+(?:also|have|has|had|all|both|jointly|later|then|quickly|too|each|separately|"
                          r"swiftly|already|themselves|itself|yesterday|today|earlier|"
                          r"(?:late|early)?\s*on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                          r"(?:\s+(?:night|evening|morning|afternoon))?|(?:last|this)\s+(?:week|month)))*"
                          r"\s+([a-z]+)\b")


def _opens_sentence(before: str) -> bool:
    """Whether SENTENCE_START matches the text before a mention; looked for only where its end allows it."""
    if before and not before[-1].isspace():
        return False  # every way SENTENCE_START can match a non-empty text ends in a space
    tail = before.rstrip()
    if tail and tail[-1] not in ".!?\"”’'-–—" and not tail.endswith("The") and "\n" not in before[len(tail):]:
        return False
    return bool(SENTENCE_START.search(before))


def _subject_of_verb(text: str, first: Candidate, last: Candidate) -> bool:
    """Whether named states open a sentence and a verb follows them: the states act, whatever the verb."""
    start = first.start
    if first.form != "name":
        return False
    if start:  # (_opens_sentence's first tests, on the text itself: most mentions follow "in ", "of ", "and ")
        space = text[start - 1]
        if not space.isspace() or (space == " " and start >= 2 and text[start - 2].isalnum()
                                   and text[start - 2] != "e"):
            return False
    if not _opens_sentence(text[max(0, start - 12):start]):
        return False
    m = SUBJECT_TAIL.match(text, last.end)
    if not m:
        return False
    verb = m[1]
    if verb in ("is", "was", "were", "are", "be", "been"):
        return False  # "Kenya on Sunday was quiet" describes a place
    return verb in IRREGULAR_PAST or verb in lexicon().speech_verbs or (verb.endswith("ed") and len(verb) > 4)


def find_actor_mentions(text: str) -> list[Mention]:
    """Every actor mention in `text`, ordered by position, non-overlapping."""
    lex = lexicon()
    first = lexicon_candidates(text, lex) + pattern_candidates(text, lex)
    people = person_candidates(text, lex)
    chosen = _resolve(first + people)
    chosen = _second_pass(text, chosen, lex)
    # A capital as a place ("in Moscow") is no actor; it was kept until coordination ("Washington and London said").
    return [Mention(c.start, c.end, text[c.start:c.end], c.name, c.kind, c.actor_like, c.affiliation, c.role)
            for c in chosen if c.name and (c.actor_like or c.kind != "state" or c.form not in ("capital", "seat"))]


# ---------------------------------------------------------------- per-article actors

PRESS_JOB_AFTER = re.compile(r"\s+(?:reporter|correspondent|journalist|anchor|producer|editor|interview)s?\b")
ACCORDING_TO_BEFORE = re.compile(r"according to\s+(?:the\s+)?$", re.I)
RELAY_VERB = re.compile(r"\b(said|claimed|reported)\b")
RELAY = re.compile(r"^[\s,]*(?:news agency|agency)?[\s,]*(?:the\s+)?(?:[\w’'\"“”-]+\s+){0,6}?"
                   r"(?:said|says|claimed|claims|reported|reports|announced|stated|added)\b")
NON_PERSON_APPOSITION = re.compile(r",\s+((?:a|an|the)\s+[a-zA-Z][^,.;:()]{2,60}?)(?=[,.;]|\s+(?:which|that|said)\b)")
# "the Pakistan-based armed group X", "German media outlet X": a description written before the name.
DESCRIPTION_NOUNS = ("group", "outfit", "militia", "movement", "organisation", "organization", "agency", "channel",
                     "outlet", "newspaper", "broadcaster", "tabloid", "daily", "network", "alliance", "bloc", "faction")
PRE_DESCRIPTION = re.compile(rf"(?<![\w-])((?:[\w-]+\s+){{0,3}}(?:{'|'.join(DESCRIPTION_NOUNS)}))\s+$")
LEAD_ARTICLE = re.compile(r"^(a|an|the)\s+")
UP_TO_ARTICLE = re.compile(r"^.*\b(?:the|a|an)\s+")
LEAD_FUNCTION_WORDS = re.compile(
    r"^(?:(?:to|by|the|a|an|from|of|for|with|on|in|at|and|that|according|claimed|said)\s+)+", re.I)
GROUP_NOUNS = re.compile(r"\b(group|movement|organi[sz]ation|militia|alliance|bloc|agency|body|outlet|channel|"
                         r"broadcaster|newspaper|force|party|faction|network|wing|source|service|committee|council)\b")


def _is_own_outlet(name: str, aliases: set[str], outlet: str) -> bool:
    """The publishing outlet (or the wire it carries) is the source, not an actor of the story."""
    o = _padded_words(outlet)
    return any(len(words) >= 4 and words in o for words in map(_padded_words, {name, *aliases}))


@lru_cache(maxsize=1 << 12)  # (outlets and media names recur in article after article)
def _padded_words(s: str) -> str:
    """norm_text(s) between two spaces, to look for as whole words."""
    return f" {norm_text(s)} "


def _is_relay(text: str, m: Mention, others: list[Mention]) -> bool:
    """'According to Reuters, X said ...', a '(Reuters)' credit or 'a CBS reporter': the outlet only carries it."""
    if text[m.start - 1:m.start] == "(" and text[m.end:m.end + 1] == ")":
        return True
    if PRESS_JOB_AFTER.match(text, m.end):
        return True
    if not ACCORDING_TO_BEFORE.search(text[max(0, m.start - 20):m.start]):
        return False
    tail = text[m.end:m.end + 120]
    source_follows = any(o is not m and 0 < o.start - m.end < 80
                         and (o.kind != "media" or o.name.endswith("state media")) for o in others)
    return source_follows and bool(RELAY.search(tail) or RELAY_VERB.search(tail[:100]))


# Heads of a state's own bodies (a party, union or front of a country is not the state speaking).
STATE_BODY_HEAD = re.compile(r"\b(?:[Mm]inistry|Army|[Aa]ir [Ff]orce|Navy|Forces|[Cc]ommittee|[Cc]ouncil|[Ss]ervices?|"
                             r"[Gg]uard|Command|Staff|[Aa]gency|Office|Department|[Pp]olice|[Pp]rosecutors?|"
                             r"District|Fleet|[Rr]egiment|Division|Directorate|Bureau|[Cc]ourt|Parliament|"
                             r"Government|Administration|Presidency|[Ee]mbassy)\b")


def _states_acting_through_officials(affiliated: list[Mention]) -> dict[str, list[Mention]]:
    """States whose bodies or office-holders are mentioned ('Chinese Foreign Ministry spokeswoman X'): they act.

    `affiliated`: the mentions with an affiliation, in order."""
    lex = lexicon()
    acting: dict[str, list[Mention]] = {}
    for m in affiliated:
        hit = lex.surfaces.get(m.affiliation)
        if not (hit and hit[1] == "state" and hit[0] == m.affiliation):
            continue
        if (m.kind == "organization" and STATE_BODY_HEAD.search(m.name)) or (
                m.kind == "person" and lex.offices.search(m.role)):
            acting.setdefault(m.affiliation, []).append(m)
    return acting


# Actor(**fields) without the Python frame of BaseModel.__init__: the same validation, the same model (its
# citation given as fields is validated into the same Citation as text.cite makes).
_new_actor = Actor.__pydantic_validator__.validate_python
_FIRST = itemgetter(0)


def extract_actors(ctx) -> list[Actor]:
    """One Actor per entity mentioned in the article, each citing its most informative mention's sentence."""
    article = ctx.article
    text = article.text
    mentions = ctx.mentions or find_actor_mentions(text)
    groups: dict[tuple[str, str], list[Mention]] = {}
    affiliated = []
    other_affiliation: dict[tuple[str, str], str] = {}
    for m in mentions:
        key = (m.name, m.kind)
        group = groups.get(key)
        if group is None:
            groups[key] = [m]
        else:
            group.append(m)
        if m.affiliation:
            affiliated.append(m)
            if m.affiliation != m.name:
                other_affiliation.setdefault(key, m.affiliation)  # (an entity's first)
    acting = _states_acting_through_officials(affiliated) if affiliated else {}
    sentences = ctx.sentences
    sentence_starts = [s.start for s in sentences]  # (in order and disjoint, as split_sentences gives them)
    for state, ms in acting.items():
        groups.setdefault((state, "state"), ms)
    actors = []
    for key, ms in groups.items():
        name, kind = key
        # A group is either one entity's own mentions or, for a state implied by its officials, only theirs.
        if kind == "state" and name not in acting:
            for m in ms:
                if m.actor_like:
                    break
            else:
                continue  # a state only named as a place
        own = ms if ms[0].kind == kind else []
        if len(own) == 1:
            best = own[0]  # (the one mention is the best)
            surfaces = {_clean_surface(best.surface)}
        else:
            best = _best_mention(own) or ms[0]
            surfaces = {_clean_surface(s) for s in {m.surface for m in own}}
        if kind == "media" and (_is_own_outlet(name, surfaces, article.outlet)
                                or all(_is_relay(text, m, mentions) for m in ms)):
            continue
        at = bisect_right(sentence_starts, best.start) - 1
        sentence = sentences[at] if at >= 0 and best.start < sentences[at].end else None
        start, end = (sentence.start, sentence.end) if sentence else (best.start, best.end)
        role = best.role if best.kind == kind else ""
        if not role and kind in ("organization", "armed_group", "media"):
            role = _description(text, ms)
        # (A state implied by its officials has none: they all belong to it.)
        affiliation = other_affiliation.get(key, "")
        while start < end and text[start].isspace():  # (as text.cite trims a quote)
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        surfaces.discard(name)  # (the aliases)
        citation = {"source": article.key, "quote": text[start:end], "start": start, "end": end}
        actors.append(((-len(ms), KIND_ORDER.get(kind, 9), name), _new_actor({
            "name": name, "kind": kind, "aliases": sorted(surfaces), "role": role,
            "affiliation": affiliation, "mentions": len(ms), "citations": [citation]})))
    actors.sort(key=_FIRST)  # (most mentioned first, then by kind and name: no two actors share a key)
    return [actor for _, actor in actors]


def _best_mention(own: list[Mention]) -> Mention | None:
    """The most informative of an entity's own mentions: the first with a role, else the first acting one."""
    for m in own:
        if m.role:
            return m
    for m in own:
        if m.actor_like:
            return m
    return own[0] if own else None


def _description(text: str, ms: list[Mention]) -> str:
    """A body's description: the first apposition naming a kind of group ('X, a militant group,'), else the
    first description written before a mention ('the armed group X')."""
    # ("who chairs the regional bloc IGAD": the description starts at its determiner.)
    for m in ms:
        if text.startswith(",", m.end):  # (NON_PERSON_APPOSITION opens with it)
            appos = NON_PERSON_APPOSITION.match(text, m.end)
            if appos and GROUP_NOUNS.search(appos[1]):
                return LEAD_ARTICLE.sub("", appos[1])
    for m in ms:
        pre = _description_before(text, m.start)
        if pre:
            return LEAD_FUNCTION_WORDS.sub("", UP_TO_ARTICLE.sub("", pre[1]))
    return ""


def _description_before(text: str, start: int) -> re.Match | None:
    """PRE_DESCRIPTION in the 60 characters before `start`; searched only where they end in one of its nouns."""
    if not text[start - 1:start].isspace():
        return None  # (PRE_DESCRIPTION ends in a space)
    low = max(0, start - 60)
    end = start - 1
    while end > low and text[end - 1].isspace():
        end -= 1
    if not text.endswith(DESCRIPTION_NOUNS, low, end):  # (the window's words, without the spaces that end it)
        return None
    return PRE_DESCRIPTION.search(text, low, start)


@lru_cache(maxsize=1 << 14)  # (the same surfaces recur in article after article)
def _clean_surface(s: str) -> str:
    """A surface form as an alias: without a possessive ending."""
    s = s.strip()
    return s[:-2] if s.endswith(("'s", "’s")) else s

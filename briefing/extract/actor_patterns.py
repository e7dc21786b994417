"""Pattern recognisers for actors not (fully) listed: organisations, armed groups and media (people: actor_people)."""
from __future__ import annotations

import re

from briefing.extract.actor_lexicon import (
    ACRONYM_PHRASE, ARMED_LOWER, ARMED_WORDS, COMPANY_AFTER, COMPANY_BEFORE, COMPANY_NOUN_WORDS, GENERIC_FORCE_WORDS,
    GEO_HEADS, GROUP_RE, GUARD, JUNTA, LEAD_STOP, LED_BY, LOWER_INSTITUTION, LOWER_INSTITUTION_LEADS, MEDIA_RES,
    MILITARY_HEADS, NAMED_FORCES, NOT_NAME, NUMBERED_UNIT, ORG_HEADS, ORG_RES, PEACEKEEPERS, POSSESSIVE_NAMES,
    PROSECUTORS, REPUBLIC_RE, STATE_BODY_HEADS, STATE_BODY_LOWER, STATE_MEDIA, Candidate, Lexicon, initials_fit, state_modifier,
)
from briefing.extract.gate import GatedPatterns, fold
from briefing.extract.scans import alternation_finditer, anchored_finditer, occurrences


POSSESSIVE_END = re.compile(r"['’]s$")
LED_BY_RE = re.compile(LED_BY)
LEAD_OFFICE_OF = re.compile(r"(?:\S+ ){0,2}?\S+ of (?:the )?(?=[A-Z])")
BODY_OF_OWNER = re.compile(r"(.+) of (?:the )?(.+)")
PRESS_WORD = re.compile(r"\b(?:news|press|media)\b")
ADVERB_LY = re.compile(r"[A-Z][a-z]+ly")
COMPANY_DESC_LEAD = re.compile(r"^(?:the|a|an|its|[A-Z][\w’'-]*['’]s)\s+", re.I)
STATE_ITSELF = re.compile(r"\S+(?: \S+)? (?:Government|Administration)")
ARMED_GROUP_LEAD = re.compile(r"Jaish|Lashkar|Harkat|Ansar|Ahrar|Jund|Liwa|Saraya|Kata")
SELF_PROCLAIMED = re.compile(r"^(Self-[Pp]roclaimed|Breakaway) ")
PLACE_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w-]+)[ ]+$")
ACRONYM_HEADS = re.compile(rf"\b(?:{ORG_HEADS}|Liberation|Resistance|Movement)\b")
ARMY_OR_FORCES = re.compile(r"\b(?:Army|Forces)\b")
LEADING_THE = re.compile(r"^The ")


def _strip_lead_words(words: list[str], start: int, lex: Lexicon) -> tuple[list[str], int]:
    """Drop leading words that are no part of a body's name, moving its start offset past them."""
    while len(words) > 1 and (words[0] in LEAD_STOP or words[0] in ("the", "of", "for", "on", "de")
                              or LED_BY_RE.fullmatch(words[0])
                              or (POSSESSIVE_END.search(words[0]) and words[0][:-2] not in POSSESSIVE_NAMES
                                  and not lex.surfaces.get(words[0][:-2]))):
        start += len(words[0]) + 1
        words = words[1:]
    return words, start


def _org_name(text: str, start: int, surface: str, lex: Lexicon):
    """Canonical name, kind (None: from the head word), affiliated state and start of an organisation phrase."""
    words = surface.split()
    # Title-case runs ("Strikes Lead Iraq's Foreign Ministry"): the body starts at its last state modifier.
    for k in range(len(words) - 2, 0, -1):
        hit = lex.surfaces.get(POSSESSIVE_END.sub("", words[k]))
        if hit and hit[1] == "state" and hit[3] in ("name", "demonym") and words[k - 1] not in ("of", "the", "for"):
            start += len(" ".join(words[:k])) + 1
            words = words[k:]
            break
    # Leading stop words, function words and modifiers that are no part of the name: "Monday the ...",
    # "Moscow-led ...", "Bazoum's ..." (but "People's Liberation Army" keeps its possessive).
    if lex.titles.fullmatch(" ".join(words)):
        return "", None, "", start  # "Chief of the General Staff" is an office, not a body
    words, start = _strip_lead_words(words, start, lex)
    lead_title = LEAD_OFFICE_OF.match(" ".join(words))
    if lead_title and lex.titles.fullmatch(lead_title[0].split(" of ")[0]):
        start += lead_title.end()  # "Head of the Foreign Ministry": the body after the office
        words = " ".join(words)[lead_title.end():].split()
    rest = " ".join(words).replace("Air force", "Air Force")
    owner = BODY_OF_OWNER.fullmatch(rest)
    hit = owner and lex.surfaces.get(owner[2])
    if hit and hit[1] == "state" and hit[3] == "name" and not lex.surfaces.get(rest):
        # "Investigative Committee of Russia" is Russia's Investigative Committee.
        return f"{lex.demonym_of.get(hit[0], hit[0])} {owner[1]}", None, hit[0], start
    for n in (2, 1):
        if len(words) <= n:
            continue
        mod = " ".join(words[:n])
        bare = POSSESSIVE_END.sub("", mod)
        hit = lex.surfaces.get(bare)
        if not (hit and hit[1] == "state" and hit[3] in ("name", "demonym")):
            continue
        remainder = " ".join(words[n:])
        listed = lex.surfaces.get(remainder)
        if listed and listed[1] != "state":
            # "Iran's Islamic Revolutionary Guard Corps": the listed body, the modifier stays a state mention.
            return listed[0], listed[1], listed[2] or hit[0], start + len(mod) + 1
        if bare != mod:  # possessive: "Russia's Investigative Committee"
            return f"{lex.demonym_of.get(hit[0], hit[0])} {remainder}", None, hit[0], start + len(mod) + 1
        return rest, None, hit[0], start
    listed = lex.surfaces.get(rest)
    if listed:
        return (listed[0], listed[1], listed[2], start) if listed[1] != "state" else ("", None, "", start)
    mod = state_modifier(text, start, lex)
    if mod:
        return f"{lex.demonym_of.get(mod[0], mod[0])} {rest}", None, mod[0], start
    return rest, None, "", start


def lower_body_starts(text: str) -> list[int]:
    """Where a STATE_BODY_LOWER match can start: one of the three lower-case words before a head word."""
    starts = []
    for end in occurrences(text, STATE_BODY_HEADS):
        for _ in range(3):  # the words, each `[a-z][a-z-]*\s+`, walked back from the head
            gap = end
            while gap and text[gap - 1].isspace():
                gap -= 1
            word = gap
            while word and ("a" <= text[word - 1] <= "z" or text[word - 1] == "-"):
                word -= 1
            if gap == end or word == gap:
                break
            starts.append(word)
            end = word
    return starts


ACRONYM_CLOSE = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")


def _in_word(ch: str) -> bool:
    """Whether a character can be part of a word of a name (regex [\\w’'-])."""
    return ch.isalnum() or ch in "_’'-"


def acronym_phrase_starts(text: str) -> list[int]:
    """Where an ACRONYM_PHRASE match can start: a capital in the ten words before a bracketed acronym."""
    starts = []
    for close in ACRONYM_CLOSE.finditer(text):
        end = close.start()
        while end and text[end - 1].isspace():
            end -= 1
        for _ in range(10):  # the phrase's words, one space apart, walked back from the bracket
            word = end
            while word and _in_word(text[word - 1]):
                word -= 1
            if word == end:
                break
            starts += [i for i in range(word, end) if "A" <= text[i] <= "Z"]
            if not (word >= 2 and text[word - 1] == " " and _in_word(text[word - 2])):
                break
            end = word - 1
    return starts


# (ORG_RES need one of sixty head words and nearly every article has one: they are not gated.)
# (STATE_BODY_LOWER, LOWER_INSTITUTION and ACRONYM_PHRASE are scanned only from the words they need instead;
# COMPANY_BEFORE and COMPANY_AFTER only where a company noun is followed by the punctuation they need.)
SHAPE_GATES = GatedPatterns([REPUBLIC_RE, *MEDIA_RES, ARMED_LOWER,
                             JUNTA, NAMED_FORCES, STATE_MEDIA, PROSECUTORS, GUARD])


class _Shapes:
    """The shape patterns that can match a text; the others are skipped (a word each of them needs is absent)."""

    def __init__(self, text: str):
        self.text = text
        self.live = {id(SHAPE_GATES.patterns[i]) for i in SHAPE_GATES.candidates(fold(text))}

    def finditer(self, pattern: re.Pattern):
        """`pattern.finditer(text)`, or nothing when the gate rules every match out."""
        return pattern.finditer(self.text) if id(pattern) in self.live else ()

    def alternation(self, patterns: tuple[re.Pattern, ...]):
        """`alternation_finditer` over the patterns that can match (a branch that cannot changes nothing)."""
        return alternation_finditer(self.text, tuple(p for p in patterns if id(p) in self.live))


def pattern_candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """Bodies, armed groups and outlets found by their shape rather than by a list."""
    shapes = _Shapes(text)
    return (_body_candidates(text, lex, shapes) + _group_and_media_candidates(text, lex, shapes)
            + _unit_and_company_candidates(text, lex, shapes))


def _state_prefixed(text: str, start: int, words: str, lex: Lexicon):
    """Name and affiliation of a body written after a state modifier, or None without one."""
    mod = state_modifier(text, start, lex)
    return (f"{lex.demonym_of.get(mod[0], mod[0])} {words}", mod[0]) if mod else None


def _company_noun_closers(text: str) -> str:
    """The characters right after each company noun in `text`.

    Both company shapes end their description with the noun and a closing ',' (before the name) or ',', '.'
    or ';' (after it): without one of those, neither can match and its scan is skipped."""
    return "".join(text[at + len(noun):at + len(noun) + 1] for noun in COMPANY_NOUN_WORDS
                   for at in occurrences(text, (noun,)))


def _unit_and_company_candidates(text: str, lex: Lexicon, shapes: _Shapes) -> list[Candidate]:
    """State bodies and units written in lower case or with a number, and companies named by apposition."""
    out = []
    for m in anchored_finditer(STATE_BODY_LOWER, text, lower_body_starts(text)):
        named = _state_prefixed(text, m.start(1), m[1], lex)  # only with a state modifier: bare ones are generic
        if named and not PRESS_WORD.search(m[1]):  # outlets are found as media
            out.append(Candidate(m.start(1), m.end(1), named[0], "organization", 3, affiliation=named[1]))
    for m in shapes.finditer(PROSECUTORS):
        place = m[1].split()[-1] if m[1].split()[0] in LEAD_STOP else m[1]
        if place in NOT_NAME:
            continue
        hit = lex.surfaces.get(place)
        start = m.end(1) - len(place)
        if hit and hit[1] == "state" and hit[3] in ("name", "demonym"):
            out.append(Candidate(start, m.end(2), f"{lex.demonym_of.get(hit[0], hit[0])} {m[2]}", "organization", 2,
                                 affiliation=hit[0]))
        elif not hit or hit[3] == "capital":  # "Lima prosecutors": a city's, of the capital's state
            out.append(Candidate(start, m.end(2), f"{place} {m[2]}", "organization", 2,
                                 affiliation=hit[0] if hit else ""))
    for m in shapes.finditer(GUARD):
        named = _state_prefixed(text, m.start(1), m[1], lex)
        name, aff = named or (m[1][0].upper() + m[1][1:], "")
        out.append(Candidate(m.start(1), m.end(1), name, "organization" if aff else "armed_group", 3, affiliation=aff))
    for m in NUMBERED_UNIT.finditer(text):  # (fast enough ungated: it starts with a digit)
        mod = state_modifier(text, m.start(1), lex)
        out.append(Candidate(m.start(1), m.end(1), m[1], "organization", 2, affiliation=mod[0] if mod else ""))
    closers = _company_noun_closers(text)
    before = COMPANY_BEFORE.finditer(text) if "," in closers else ()
    after = COMPANY_AFTER.finditer(text) if "," in closers or "." in closers or ";" in closers else ()
    for m, g_name, g_desc in [(m, 2, 1) for m in before] + [(m, 1, 2) for m in after]:
        name = m[g_name]
        if name.split()[0] in LEAD_STOP or all(w in NOT_NAME for w in name.split()) or name in lex.surfaces \
                or ADVERB_LY.fullmatch(name) \
                or name in lex.places:
            continue
        desc = m[g_desc]
        states = [h for h in (lex.surfaces.get(POSSESSIVE_END.sub("", w)) for w in desc.split()[:-1])
                  if h and h[1] == "state" and h[3] in ("name", "demonym")]
        aff = states[0][0] if states else ""  # "Niger's power company", "a Portuguese utility"
        role = COMPANY_DESC_LEAD.sub("", desc)
        out.append(Candidate(m.start(g_name), m.end(g_name), name, "organization", 3, affiliation=aff, role=role))
    return out


def _body_candidates(text: str, lex: Lexicon, shapes: _Shapes) -> list[Candidate]:
    """Named bodies: '... Ministry/Council/Army', 'Ministry of ...', 'Republic of ...', 'Name (ACR)'."""
    out = []
    for m in alternation_finditer(text, ORG_RES):
        surface, s0 = m[1], m.start(1)
        name, kind, aff, s = _org_name(text, s0, surface, lex)
        if not name or (len(name.split()) < 2 and not aff and not kind) or name in lex.places:
            continue
        if aff and STATE_ITSELF.fullmatch(name) and not kind:
            continue  # "the Ukrainian Government" is the state itself
        if not kind:
            military = any(surface.endswith(h) for h in MILITARY_HEADS)
            kind = "armed_group" if ARMED_WORDS.search(surface) or (military and not aff) else "organization"
        out.append(Candidate(s, m.end(), name, kind, 2, affiliation=aff))
    for m in GROUP_RE.finditer(text):  # (fast enough ungated: it starts with a capital, see UPPER)
        armed = ARMED_GROUP_LEAD.match(m[1])
        out.append(Candidate(m.start(1), m.end(1), m[1], "armed_group" if armed else "organization", 2))
    for m in shapes.finditer(REPUBLIC_RE):
        name = SELF_PROCLAIMED.sub("", m[1])
        out.append(Candidate(m.start(1), m.end(1), name, "organization", 3))
    for m in anchored_finditer(LOWER_INSTITUTION, text, occurrences(text, LOWER_INSTITUTION_LEADS)):
        mod = state_modifier(text, m.start(1), lex)
        word = m[1].title() if "ministry" in m[1] or "office" in m[1] else m[1]
        word = "peacekeepers" if PEACEKEEPERS.match(word) else word
        if mod:
            out.append(Candidate(m.start(1), m.end(1), f"{lex.demonym_of.get(mod[0], mod[0])} {word}", "organization",
                             3, affiliation=mod[0]))
            continue
        place = PLACE_BEFORE.search(text[max(0, m.start(1) - 30):m.start(1)])
        if place and "ministry" in m[1] and place[1] not in NOT_NAME:
            # "the Gaza health ministry": a body of a place that is not a listed state
            out.append(Candidate(m.start(1) - len(place[0]), m.end(1), f"{place[1]} {word}", "organization", 3))
    for m in anchored_finditer(ACRONYM_PHRASE, text, acronym_phrase_starts(text)):
        words, start = _strip_lead_words(m[1].split(), m.start(1), lex)
        phrase = " ".join(words)
        if len(words) < 2 or phrase in lex.surfaces or GEO_HEADS & set(words):
            continue
        heads = ACRONYM_HEADS.search(phrase)
        if heads or initials_fit(m[2], phrase):
            military = ARMY_OR_FORCES.search(phrase) and not state_modifier(text, start, lex)
            kind = "armed_group" if ARMED_WORDS.search(phrase) or military else "organization"
            # "Kyrgyzstan's State Committee ... (GKNB)": the state's own body, named like other bodies.
            lead = lex.surfaces.get(POSSESSIVE_END.sub("", words[0]))
            name, listed_kind, aff = phrase, None, ""
            if lead and lead[1] == "state" and lead[3] in ("name", "demonym"):
                name, listed_kind, aff, start = _org_name(text, start, phrase, lex)
            if name:
                out.append(Candidate(start, m.end(1), name, listed_kind or kind, 2, affiliation=aff))
    return out


def _group_and_media_candidates(text: str, lex: Lexicon, shapes: _Shapes) -> list[Candidate]:
    """Described armed groups ('separatist X forces', 'the junta', 'Kurdish fighters') and news outlets."""
    out = []
    for m in shapes.alternation(MEDIA_RES):
        out.append(Candidate(m.start(1), m.end(1), LEADING_THE.sub("", m[1]), "media", 2))
    for m in shapes.finditer(ARMED_LOWER):
        out.append(Candidate(m.start(1), m.end(1), m[1][0].lower() + m[1][1:], "armed_group", 3))
    for m in shapes.finditer(JUNTA):
        mod = state_modifier(text, m.start(1), lex)
        if mod:
            out.append(Candidate(m.start(1), m.end(1), f"{lex.demonym_of.get(mod[0], mod[0])} {m[1]}", "armed_group", 3,
                             affiliation=mod[0]))
        else:
            out.append(Candidate(m.start(1), m.end(1), "", "armed_group", 3, form="bare"))
    for m in shapes.finditer(NAMED_FORCES):
        if m[2] not in lex.surfaces and m[2] not in NOT_NAME and m[2] not in GENERIC_FORCE_WORDS:
            out.append(Candidate(m.start(1), m.end(1), m[1], "armed_group", 3))
    for m in shapes.finditer(STATE_MEDIA):
        mod = state_modifier(text, m.start(1), lex)
        name = f"{lex.demonym_of.get(mod[0], mod[0])} state media" if mod else ""
        out.append(Candidate(m.start(1), m.end(1), name, "media", 2, affiliation=mod[0] if mod else "",
                             form="name" if mod else "bare"))
    return out

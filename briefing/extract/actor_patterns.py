"""Pattern recognisers for actors not (fully) listed: organisations, armed groups and media (people: actor_people)."""
from __future__ import annotations

import re
from bisect import bisect_left

from briefing.extract.actor_lexicon import (
    LEAD_STOP, NOT_NAME, THROUGH_SHARED, Candidate, Lexicon, initials_fit, shared_occurrences, state_modifier,
    words_occurrences,
)
from briefing.extract.actor_shapes import (
    OUTLET_NOUNS, PAPER_HEADS, ACRONYM_PHRASE, ARMED_LOWER, ARMED_WORDS, COMPANY_AFTER, COMPANY_BEFORE,
    COMPANY_NOUN_WORDS, GENERIC_FORCE_WORDS, GEO_HEADS, GROUP_RE, GUARD, JUNTA, LED_BY, LOWER_INSTITUTION,
    MEDIA_NAMED_AFTER, MEDIA_TITLE, MILITARY_HEADS, NAMED_FORCES, NUMBERED_UNIT, ORG_HEADS, ORG_NAMED, ORG_OF,
    PEACEKEEPERS, POSSESSIVE_NAMES, PROSECUTORS, REPUBLIC_RE, STATE_BODY_HEADS, STATE_BODY_LOWER, STATE_MEDIA,
)
from briefing.extract.scans import alternation_finditer, anchored_finditer, occurrences, trie_pattern


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
    for end in words_occurrences(text, STATE_BODY_HEADS):
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


def _word_start(text: str, end: int) -> int:
    """Where the run of [\\w’'-] characters ending at `end` starts (`end` when there is none)."""
    word = end
    while word and (text[word - 1].isalnum() or text[word - 1] in "_’'-"):  # (`_in_word`, inlined)
        word -= 1
    return word


def _capitals_in(text: str, start: int, end: int) -> list[int]:
    """Offsets of the capitals A-Z in text[start:end]."""
    if text[start:end].islower():  # (a word with no upper-case letter holds no capital A-Z)
        return []
    return [i for i in range(start, end) if "A" <= text[i] <= "Z"]


def acronym_phrase_starts(text: str) -> list[int]:
    """Where an ACRONYM_PHRASE match can start: a capital in the ten words before a bracketed acronym."""
    starts = []
    for close in ACRONYM_CLOSE.finditer(text):
        end = close.start()
        while end and text[end - 1].isspace():
            end -= 1
        for _ in range(10):  # the phrase's words, one space apart, walked back from the bracket
            word = _word_start(text, end)
            if word == end:
                break
            starts += _capitals_in(text, word, end)
            if not (word >= 2 and text[word - 1] == " " and _in_word(text[word - 2])):
                break
            end = word - 1
    return starts


# Shape patterns are scanned only from a literal each of their matches holds (`str.find` is far cheaper than a
# regex scan): every offset where a match can start is derived from where that literal occurs.
# (ORG_OF is scanned whole: its head words are many and its " of " is in every article.)
# (COMPANY_BEFORE and COMPANY_AFTER are scanned only where a company noun is followed by the punctuation they need.)


def _keyed_offsets(words, keys) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each key with the offsets at which it stands in the words that hold it (the first key a word holds)."""
    offsets: dict[str, set[int]] = {}
    for word in words:
        key = next(k for k in keys if k in word)
        offsets.setdefault(key, set()).add(word.index(key))
    return tuple((key, tuple(sorted(found))) for key, found in offsets.items())


def _starts_before(text: str, keyed) -> list[int]:
    """Where one of the words of `_keyed_offsets` can start: each key's occurrences less its offsets."""
    return [at - offset for key, offsets in keyed
            for at in (shared_occurrences(text, key) if key in THROUGH_SHARED else occurrences(text, (key,)))
            for offset in offsets
            if at >= offset]


# MEDIA_NAMED_AFTER starts with an outlet noun; seven keys find all eighteen of them.
OUTLET_KEYS = _keyed_offsets(OUTLET_NOUNS, ("channel", "outlet", "news", "tabloid", "broadcaster", "magazine",
                                             "daily"))
PAPER_HEADS = (*PAPER_HEADS.removeprefix("(?:").removesuffix(")").split("|"), "Post")  # MEDIA_TITLE's last words
# REPUBLIC_RE holds "Republic of " after at most two optional lead words.
REPUBLIC_KEYS = _keyed_offsets([f"{a}{b}Republic of " for a in ("", "Self-Proclaimed ", "Breakaway ")
                                for b in ("", "People's ", "Democratic ")], ("Republic of ",))
GUARD_KEYS = _keyed_offsets([f"{w} guard" for w in ("presidential", "republican", "royal", "national")], (" guard",))
JUNTA_KEYS = _keyed_offsets(["junta", "military junta"], ("junta",))
FORCE_NOUNS = ("forces", "fighters", "rebels", "militants", "militia")  # NAMED_FORCES' ("militias" holds one)
# ARMED_LOWER starts one letter before one of these, STATE_MEDIA one letter before "tate".
ARMED_LOWER_KEYS = _keyed_offsets(["Separatist", "Breakaway", "Ethnic"], ("eparatist", "reakaway", "thnic"))
STATE_MEDIA_KEYS = _keyed_offsets(["State"], ("tate",))
# LOWER_INSTITUTION's phrases ("emergency services?" begins with "emergency service"), from five keys.
LOWER_INSTITUTION_KEYS = _keyed_offsets(
    [f"{lead} {head}" for head in ("ministry", "office")
     for lead in ("foreign", "defence", "defense", "interior", "home", "information", "finance", "health")]
    + ["special services", "security services", "intelligence services", "peacekeep", "emergency service"],
    (" ministry", " office", " services", "peacekeep", "emergency service"))


# Read backwards from an offset: up to n runs of whitespace, each with the run of [\w’'-] before it (greedy runs
# are whole runs, as `_capitals_before_walk` takes them). The window read is long enough for nearly every walk.
_WORDS_BACK = {n: re.compile(rf"(?:\s+[\w’'-]+){{0,{n}}}") for n in (4, 6)}
_BACK_WINDOW = 240
CAPITAL = re.compile("[A-Z]")


def _capitals_before(text: str, end: int, words: int) -> list[int]:
    """Capitals in the last `words` runs of [\\w’'-] before `end`, whitespace after each: every offset where a
    match of "Word\\s+ … Word\\s+" ending at `end` can start (in increasing order)."""
    lo = end - _BACK_WINDOW if end > _BACK_WINDOW else 0
    reach = end - _WORDS_BACK[words].match(text[lo:end][::-1]).end()
    if reach == lo and lo:
        return sorted(_capitals_before_walk(text, end, words))  # (the walk may go on before the window)
    return [m.start() for m in CAPITAL.finditer(text, reach, end)]  # (the words and spaces walked hold no others)


def _capitals_before_walk(text: str, end: int, words: int) -> list[int]:
    """`_capitals_before`, walked back character by character (each word's capitals, from the last word back)."""
    starts = []
    for _ in range(words):
        gap = end
        while gap and text[gap - 1].isspace():
            gap -= 1
        if gap == end:
            break
        word = _word_start(text, gap)
        if word == gap:
            break
        starts += _capitals_in(text, word, gap)
        end = word
    return starts


# A paper's head word after whitespace (only there do words stand before it: see `_capitals_before`). One scan, the
# engine skipping to the heads' capitals, costs less than a str.find per head; heads hold no whitespace, so none is
# missed inside another.
PAPER_HEAD_AFTER_SPACE = re.compile(trie_pattern(PAPER_HEADS, after_first=r"(?<=\s.)"))


def paper_title_starts(text: str) -> list[int]:
    """Where a MEDIA_TITLE match can start: a capital in the four words before a paper's head word."""
    starts = []
    for head in PAPER_HEAD_AFTER_SPACE.finditer(text):
        starts += _capitals_before(text, head.start(), 4)
    return starts


def named_forces_starts(text: str) -> list[int]:
    """Where a NAMED_FORCES match can start: the capital of the one word "[A-Z][a-z]+ " before a force noun."""
    starts = []
    for at in occurrences(text, FORCE_NOUNS):
        if at < 3 or text[at - 1] != " ":
            continue
        word = at - 1
        while word and "a" <= text[word - 1] <= "z":
            word -= 1
        if word < at - 1 and word and "A" <= text[word - 1] <= "Z":
            starts.append(word - 1)
    return starts


# The offsets right after a space where one of ORG_NAMED's head words starts (all of them: the lookahead matches
# nothing, so the scan goes on at the next space).
_HEAD_WORDS = ORG_HEADS.split("|")
_HEAD_INITIALS = "".join(sorted({w[0] for w in _HEAD_WORDS}))
ORG_HEAD_AFTER_SPACE = re.compile(f" (?=[{_HEAD_INITIALS}])(?={trie_pattern(_HEAD_WORDS)})")


def org_named_starts(text: str) -> list[int]:
    """Where an ORG_NAMED match can start: a capital in the six words before one of its head words."""
    starts = []
    for head in ORG_HEAD_AFTER_SPACE.finditer(text):
        starts += _capitals_before(text, head.end(), 6)
    return starts


class _AnchoredSearch:
    """`pattern.search`, trying the pattern only at `starts`, which hold every offset where a match can start."""

    __slots__ = ("pattern", "starts")

    def __init__(self, pattern: re.Pattern, starts):
        self.pattern = pattern
        self.starts = sorted(set(starts))

    def search(self, text: str, pos: int = 0):
        """The first match at one of the starts from `pos` on, or None (as `pattern.search(text, pos)`)."""
        match = self.pattern.match
        for start in self.starts[bisect_left(self.starts, pos):]:
            m = match(text, start)
            if m:
                return m
        return None


def pattern_candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """Bodies, armed groups and outlets found by their shape rather than by a list."""
    return (_body_candidates(text, lex) + _group_and_media_candidates(text, lex)
            + _unit_and_company_candidates(text, lex))


def _state_prefixed(text: str, start: int, words: str, lex: Lexicon):
    """Name and affiliation of a body written after a state modifier, or None without one."""
    mod = state_modifier(text, start, lex)
    return (f"{lex.demonym_of.get(mod[0], mod[0])} {words}", mod[0]) if mod else None


def _company_noun_closers(text: str) -> str:
    """The marks ',', '.' and ';' that stand right after a company noun in `text` (as part of a word or not).

    Both company shapes end their description with the noun and a closing ',' (before the name) or ',', '.'
    or ';' (after it): without one of those, neither can match and its scan is skipped."""
    return "".join(m[0] for m in COMPANY_NOUN_CLOSER.finditer(text))


def _noun_closer_pattern(nouns) -> re.Pattern:
    # One of the marks with a noun right before it: the engine skips to the marks, far rarer than the nouns' letters
    # (one str.find per noun scanned the whole text thirteen times). A lookbehind has one width: one per length.
    by_length: dict[int, list[str]] = {}
    for noun in nouns:
        by_length.setdefault(len(noun), []).append(re.escape(noun))
    return re.compile("[,.;](?:" + "|".join(f"(?<=(?:{'|'.join(group)}).)" for group in by_length.values()) + ")")


COMPANY_NOUN_CLOSER = _noun_closer_pattern(COMPANY_NOUN_WORDS)


def _unit_and_company_candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """State bodies and units written in lower case or with a number, and companies named by apposition."""
    out = []
    for m in anchored_finditer(STATE_BODY_LOWER, text, lower_body_starts(text)):
        named = _state_prefixed(text, m.start(1), m[1], lex)  # only with a state modifier: bare ones are generic
        if named and not PRESS_WORD.search(m[1]):  # outlets are found as media
            out.append(Candidate(m.start(1), m.end(1), named[0], "organization", 3, affiliation=named[1]))
    for m in (PROSECUTORS.finditer(text) if shared_occurrences(text, "prosecutor") else ()):
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
    for m in anchored_finditer(GUARD, text, _starts_before(text, GUARD_KEYS)):
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


def _body_candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """Named bodies: '... Ministry/Council/Army', 'Ministry of ...', 'Republic of ...', 'Name (ACR)'."""
    out = []
    for m in alternation_finditer(text, (_AnchoredSearch(ORG_NAMED, org_named_starts(text)), ORG_OF)):
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
    for m in anchored_finditer(REPUBLIC_RE, text, _starts_before(text, REPUBLIC_KEYS)):
        name = SELF_PROCLAIMED.sub("", m[1])
        out.append(Candidate(m.start(1), m.end(1), name, "organization", 3))
    for m in anchored_finditer(LOWER_INSTITUTION, text, _starts_before(text, LOWER_INSTITUTION_KEYS)):
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


def _group_and_media_candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """Described armed groups ('separatist X forces', 'the junta', 'Kurdish fighters') and news outlets."""
    out = []
    for m in _media_matches(text):
        out.append(Candidate(m.start(1), m.end(1), LEADING_THE.sub("", m[1]), "media", 2))
    for m in anchored_finditer(ARMED_LOWER, text, _starts_before(text, ARMED_LOWER_KEYS)):
        out.append(Candidate(m.start(1), m.end(1), m[1][0].lower() + m[1][1:], "armed_group", 3))
    for m in anchored_finditer(JUNTA, text, _starts_before(text, JUNTA_KEYS)):
        mod = state_modifier(text, m.start(1), lex)
        if mod:
            out.append(Candidate(m.start(1), m.end(1), f"{lex.demonym_of.get(mod[0], mod[0])} {m[1]}", "armed_group", 3,
                             affiliation=mod[0]))
        else:
            out.append(Candidate(m.start(1), m.end(1), "", "armed_group", 3, form="bare"))
    for m in anchored_finditer(NAMED_FORCES, text, named_forces_starts(text)):
        if m[2] not in lex.surfaces and m[2] not in NOT_NAME and m[2] not in GENERIC_FORCE_WORDS:
            out.append(Candidate(m.start(1), m.end(1), m[1], "armed_group", 3))
    for m in anchored_finditer(STATE_MEDIA, text, _starts_before(text, STATE_MEDIA_KEYS)):
        mod = state_modifier(text, m.start(1), lex)
        name = f"{lex.demonym_of.get(mod[0], mod[0])} state media" if mod else ""
        out.append(Candidate(m.start(1), m.end(1), name, "media", 2, affiliation=mod[0] if mod else "",
                             form="name" if mod else "bare"))
    return out


def _media_matches(text: str):
    """The matches of MEDIA_RES as one alternation, each branch tried only where it can start."""
    named_after = _starts_before(text, OUTLET_KEYS)
    titles = paper_title_starts(text)
    if not (named_after or titles):
        return ()
    return alternation_finditer(text, (_AnchoredSearch(MEDIA_NAMED_AFTER, named_after),
                                      _AnchoredSearch(MEDIA_TITLE, titles)))

"""Recognisers for people: capitalised names with a title, a role, a speech verb or a repeated surname."""
from __future__ import annotations

import re
from functools import lru_cache

from briefing.extract.actor_lexicon import (
    LEAD_STOP, NAME_RE, NOT_NAME, Candidate, Lexicon, free_start, lexicon, lexicon_candidates, title_spans,
)
from briefing.extract.actor_name_spans import lone_word_rejected, name_span, office_of_before, rank_may_end_before
from briefing.extract.actor_shapes import NOT_DESCRIPTIVE
from briefing.extract.actor_patterns import pattern_candidates
from briefing.extract.gate import fold
from briefing.extract.scans import whole_word_starts

JOINED_TITLE = re.compile(r"[A-Z][\w.]*-$")
HYPHEN_WORD = re.compile(r"[\w-]+")


def _is_name(s: str, lex: Lexicon, single_ok: bool = False, titled: bool = False) -> bool:
    """Whether capitalised words can be a person's name (not a place, listed entity or common word)."""
    words = s.replace("-", " ").split()
    if not words or (len(words) < 2 and not single_ok) or words[0] in NOT_NAME or s in lex.places:
        return False
    if not NOT_NAME.isdisjoint(words):
        return False
    firsts = _place_first_words()
    surfaces = lex.surfaces
    for k, w in enumerate(words):
        if k and words[k - 1] in firsts and f"{words[k - 1]} {w}" in lex.places:
            return False  # two words naming a place
        if w in surfaces and not (titled and k == 0) or len(w) > 3 and w.upper() == w:
            return False
    return True


@lru_cache(maxsize=1)
def _place_first_words() -> frozenset[str]:
    """The first words of the listed places of several words (`_is_name` looks up a pair only after one)."""
    return frozenset(place.split(" ", 1)[0] for place in lexicon().places if " " in place)


@lru_cache(maxsize=16384)
def _is_name_cached(s: str, single_ok: bool, titled: bool) -> bool:
    """`_is_name` with the loaded lexicon, remembered: the same names recur."""
    return _is_name(s, lexicon(), single_ok, titled)


# Words that may stand before a title in one title phrase ("Pakistani military spokesperson Major General").
TITLE_CHAIN_WORD = re.compile(
    r"(?<![\w.’'-])((?:[A-Z][\w’'-]*|(?:[A-Z]\.){2,}|Maj\.|Gen\.|Lt\.|Col\.|Brig\.|military|army|foreign|policy|"
    r"top|senior|chief|deputy|former|spokesman|spokeswoman|spokesperson|minister|secretary|envoy|adviser|advisor|"
    r"commander|defence|defense|interior|acting|then)[ ]+)$")



def _title_before(text: str, start: int, lex: Lexicon) -> tuple[str, int]:
    """The title phrase right before a name ("US President", "army chief", "Maj. Gen."), with its start."""
    low = max(0, start - 90)
    # Only a title that ends right before the spaces before `start` counts: the word there must end like one.
    end = start
    while end > low and text[end - 1] == " ":
        end -= 1
    word = fold(text[max(low, text.rfind(" ", low, end) + 1):end]) if end < start else ""
    ends = lex.title_ends.get(word[-1:])
    if not (ends and word.endswith(ends)):
        return "", start
    if not low:
        return _title_phrase(text, start, low, end, lex)[:2]
    # The phrase is remembered by the 90 characters before `start` when it read none before them: the same
    # phrases recur ("Russian Foreign Minister", with the words before it).
    context = text[low:start]
    known = _TITLE_PHRASES.get(context)
    if known is None:
        title, s, floor = _title_phrase(text, start, low, end, lex)
        known = title, start - s
        if floor >= low:
            if len(_TITLE_PHRASES) >= TITLE_PHRASES_KEPT:
                _TITLE_PHRASES.clear()
            _TITLE_PHRASES[context] = known
    return known[0], start - known[1]


_TITLE_PHRASES: dict[str, tuple[str, int]] = {}
TITLE_PHRASES_KEPT = 16384


def _title_phrase(text: str, start: int, low: int, end: int, lex: Lexicon) -> tuple[str, int, int]:
    """`_title_before` past its first test: the phrase, its start, and the lowest offset it read (-1: maybe any)."""
    # (The titles of the window as its own text: at its start no character before counts.)
    window = text[low:start]
    found = [t for t, e in title_spans(window, free_start(window, 0, end - low, lex), start - low, lex)
             if e == end - low]
    if not found:
        return "", start, low
    # Chains of titles and modifiers: "Pakistani military spokesperson Major General".
    s = low + found[0]
    floor = low
    while True:
        # (Each step reads the 61 characters before `s` at most, and the word before a space before it.)
        floor = min(floor, s - 61)
        joined = text[s - 1:s] in ("-", "\n") and JOINED_TITLE.search(text[max(0, s - 30):s])
        if joined:  # "Colonel-Major"
            s -= len(joined[0])
            continue
        prev = _chain_word_before(text, s)
        if prev and prev[1].strip() not in LEAD_STOP:
            s -= len(prev[1])
            continue
        # A title with 'of' that the chain entered from its end: "Chief of Defence Staff Gen.".
        if text[s - 1:s] == " ":
            # A title goes on across `s` only if the word before the space is one a space follows in one.
            space = text.rfind(" ", 0, s - 1)
            floor = min(floor, space)
            may_span = fold(text[space + 1:s - 1]).endswith(lex.title_inner_words)
        else:
            may_span = True  # (left to the scan)
        spanning = may_span and [
            t for t, e in title_spans(text, free_start(text, max(0, s - 40), s, lex), start, lex) if t < s < e]
        if spanning:
            s = spanning[0]
            continue
        # A listed body or state before lower-case words of the office: "UN human rights chief".
        owner = _owner_before_office(text, s)
        if not (owner and owner[1] in lex.surfaces):
            break
        s -= len(owner[0])
    return text[s:start].strip(), s, floor


def _chain_word_before(text: str, s: int) -> re.Match | None:
    """TITLE_CHAIN_WORD's match in the 40 characters before `s`, tried only where it can start."""
    window = text[max(0, s - 40):s]
    if window.endswith(" "):
        # The word and the spaces after it end the window: the match starts after the space before them.
        return TITLE_CHAIN_WORD.search(window, window.rfind(" ", 0, len(window.rstrip(" "))) + 1)
    # (`$` also matches before a final newline.)
    return TITLE_CHAIN_WORD.search(window) if window.endswith("\n") else None


def _owner_before_office(text: str, s: int) -> re.Match | None:
    """OWNER_BEFORE_OFFICE's match in the 60 characters before `s`, looked for only where it can be."""
    window = text[max(0, s - 60):s]
    # It ends in spaces after a lower-case word that follows a space and is no word NOT_DESCRIPTIVE bars.
    last = window.rstrip()
    word = LOWER_RUN.match(last[::-1]) if len(last) < len(window) else None
    if not word or not last[-len(word[0]) - 1:-len(word[0])].isspace() or word[0][::-1] in NOT_DESCRIPTIVE_WORDS:
        return None
    return OWNER_BEFORE_OFFICE.search(window)


LOWER_RUN = re.compile(r"[a-z]+")
NOT_DESCRIPTIVE_WORDS = set(NOT_DESCRIPTIVE[6:-4].split("|"))


SPACES = re.compile(r"[ ]+")
OF_CAPITAL = re.compile(r" of [A-Z]")
OF_NAME = re.compile(r" of (?:the )?([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?![\w-])")
ALIAS_AFTER = re.compile(r"\s+[Aa]lias\s+[A-Z][\w-]+")
LOWER_ED = re.compile(r"[a-z]+ed")
LEADING_DETERMINER = re.compile(r"^(a|an|the|his|her|its|their)\s+")
LEADING_DETERMINER_I = re.compile(LEADING_DETERMINER.pattern, re.I)
OWNER_BEFORE_OFFICE = re.compile(rf"(?<![\w’'-])([A-Z][\w.’'-]*)\s+((?:{NOT_DESCRIPTIVE}[a-z]+\s+){{1,3}})$")
SPEAKER_AFTER = re.compile(r"(?:,\s+[^,.;]{2,60},)?(?:,\s+who\b|\s+who\b|,?\s+(?:said|says|told|wrote|added|warned|"
                           r"tweeted|stated|insisted|explained|noted|claimed|reported|denied|urged|confirmed|"
                           r"announced|described|remarked|cautioned|charged|argued)\b)")
APPOSITION = re.compile(r",\s+((?:a|an|the|his|her|its|their)?\s*[^,.;:()\"“”]{2,80}?(?:\s*\([A-Z][\w.-]{1,10}\))?)"
                        r"(?=,|\.|;|\s+(?:who|said|says)\b|$)")
# A description ending in the ', ' right before a name: "A spokesman for the army's Western Command, X".
PRE_APPOSITION = re.compile(r"(?<![\w’'-])((?:(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+"
                            r"|[A-Z][\w]*['’]s\s+)"
                            r"[^,.;]{2,60}),"
                            r"\s+$")
OWNER_WORDS = re.compile(r"(?<![\w’'-])(?:[A-Z][\w’'-]*\s+){1,3}$")
POSSESSIVE_START = re.compile(r"[A-Z]\w*['’]s\s")
RELATIVE_ROLE = re.compile(r",?\s+who\s+((?:heads|chairs|leads|runs|commands|directs|founded|represents|is the|was the)"
                           r"\s+[^,.;:()\"“”]{3,60}?)(?=[,.;]|\s+(?:and|said|says)\b)")
JOINER = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+")
PERSON_BEFORE = re.compile(r"(?:\baccording to|\b(?:said|says|added|wrote)|\b(?:killing|death|assassination|arrest|"
                           r"detention|release|funeral|murder|execution|kidnapping|abduction|resignation) of)\s+$",
                           re.I)
VERB_AFTER_SURNAME = re.compile(r"\s+(?:[a-z]+ed|said|says|sold|was|is|had|has|went|took|made|told|wrote|met|led|"
                                r"left|ran|will|would|could|added)\b")


@lru_cache(maxsize=8192)
def _has_role_noun(phrase: str) -> bool:
    """Whether a phrase names a role ('the army's spokesman'); remembered: the same descriptions recur."""
    lex = lexicon()
    # (Lower-casing ASCII text keeps its words as they are.)
    if phrase.isascii():
        words = HYPHEN_WORD.findall(phrase.lower())
    else:
        words = [w.lower() for w in HYPHEN_WORD.findall(phrase)]
    words += [w[:-1] for w in words if w.endswith("s")]  # "the two presidents, X and Y"
    if not lex.role_nouns.isdisjoint(words):
        return True
    # Two words make a noun only if the first starts one.
    firsts = _role_noun_firsts()
    return any(a in firsts and f"{a} {b}" in lex.role_nouns for a, b in zip(words, words[1:]))


@lru_cache(maxsize=1)
def _role_noun_firsts() -> frozenset[str]:
    """The first words of the role nouns of two words."""
    return frozenset(noun.split(" ")[0] for noun in lexicon().role_nouns if " " in noun)


def _pre_descriptions(window: str) -> list[re.Match]:
    """Every PRE_APPOSITION match in `window`, by start (none unless the window ends in a comma and spaces)."""
    stripped = window.rstrip()
    if len(stripped) == len(window) or not stripped.endswith(","):
        return []
    comma = len(stripped) - 1
    low = max(window.rfind(",", 0, comma), window.rfind(".", 0, comma), window.rfind(";", 0, comma)) + 1
    # A description holds no ',', '.' or ';': it starts after the last one before the final comma. (A search from
    # each match's next offset finds the matches at every start, as matching at each offset does, in C.)
    found = []
    m = PRE_APPOSITION.search(window, low)
    while m:
        found.append(m)
        m = PRE_APPOSITION.search(window, m.start() + 1)
    return found


def _pre_apposition_role(window: str, lex: Lexicon) -> str:
    """The role in a description right before a name ('A spokesman for the army's Western Command, X')."""
    found = _pre_descriptions(window)
    if not found:
        return ""
    # The shortest description first: the last one starting on the line of the first ('.*' does not cross lines).
    pre = [m for m in found if "\n" not in window[found[0].start():m.start()]][-1]
    if not _has_role_noun(pre[1]):
        # The shortest description may be a body ("the army's Western Command"); try the longest one.
        pre = found[0]
    if not _has_role_noun(pre[1]):
        return ""
    # "The European Union's foreign policy chief": the owner's name goes on before its possessive word.
    owner = OWNER_WORDS.search(window[:pre.start(1)])
    role = window[owner.start():pre.end(1)] if owner and POSSESSIVE_START.match(pre[1]) else pre[1]
    return LEADING_DETERMINER_I.sub("", role)


def _surname_acts(text: str, surname: str, own: int, seen: dict) -> bool:
    """Whether the surname alone acts elsewhere ('Yusubov sold the truck'), a sign of a person's name."""
    if surname not in seen:
        seen[surname] = [x for x in whole_word_starts(text, surname)
                         if VERB_AFTER_SURNAME.match(text, x + len(surname))]
    return any(start != own for start in seen[surname])


def person_candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """People: capitalised names with a title, a role apposition, a speech verb or a repeated surname."""
    out, seen, pending = [], {}, []
    for m in NAME_RE.finditer(text):
        run = m[0]
        # (One word is a name only after a rank or "President" (see `_is_name`): that is looked at first.)
        if " " in run:
            s, e = m.span()
            span = name_span(text, s, e, lex)
            if not span:
                continue
            s, e = span
            name = text[s:e]
            if " " not in name and "-" not in name and not rank_may_end_before(text, s):
                continue
        else:
            # `name_span` of a run without spaces: `actor_name_spans` reads only the run, so `lone_word_rejected` tells
            # whether it keeps the whole word; only an office ending in "of" can take it ("Chief of Staff X").
            if lone_word_rejected(run):
                continue
            s, e = m.span()
            if "-" not in run and not rank_may_end_before(text, s) or office_of_before(text, s, e, lex) > s:
                continue
            name = run
        title, title_start = _title_before(text, s, lex)
        single_ok, honorific = _title_kind(title) if title else (False, False)
        if not _is_name_cached(name, single_ok, bool(title)):
            continue
        after = text[e:e + 140]
        alias = "lias" in after and ALIAS_AFTER.match(after)
        after = after[alias.end():] if alias else after
        # A bare rank or honorific ("Maj. Gen.", "Mr") gives way to an apposition that says more.
        role = "" if honorific else title
        appo = not role and after.startswith(",") and APPOSITION.match(after)  # (read only without a role)
        if appo:
            role = _apposition_role(appo[1])
        # ("The head of the guard, General X": the description stands before the rank, and ends in ', '.)
        if not role and title_start > 1 and text[title_start - 1].isspace() and (
                text[title_start - 2] == "," or text[title_start - 2].isspace()):
            role = _pre_apposition_role(text[max(0, title_start - 120):title_start], lex)
        if not role and "who" in after:
            rel = RELATIVE_ROLE.match(after)
            role = rel[1] if rel else ""
        role = role or title
        # (Evaluated lazily: each sign is looked for only while none before it was found.)
        spaced = " " in name
        if not (role or SPEAKER_AFTER.match(after) or _person_before(text, s)
                or (spaced and _of_state(after, lex))) and not (
                spaced and _surname_acts(text, name.split()[-1], s + name.rindex(" ") + 1, seen)):
            if spaced:
                pending.append((s, e, name))
            continue
        aff = _scope_affiliation(role + (text[e:e + 30] if OF_CAPITAL.match(after) else ""))
        out.append(Candidate(s, e, name, "person", 2, True, aff, role))
    return out + _coordinated_people(text, out, pending)


@lru_cache(maxsize=4096)
def _title_kind(title: str) -> tuple[bool, bool]:
    """Whether a title lets one word be a name (it ends in a rank, "President", ...), and whether it is nothing but
    ranks and honorifics ("Maj. Gen.", "Mr")."""
    lex = lexicon()
    words = title.split()
    single_ok = words[-1] in lex.ranks or words[-1] in ("President", "Chancellor", "Comd")
    return single_ok, all(w in lex.ranks or w.rstrip(".") + "." in lex.ranks for w in words)


@lru_cache(maxsize=4096)
def _apposition_role(phrase: str) -> str:
    """The role an apposition after a name gives (', the foreign minister,' -> 'foreign minister'); '' if none."""
    lex = lexicon()
    first = phrase.split()[0]
    if first in lex.speech_verbs or first in ("and", "or", "but", "while") or LOWER_ED.fullmatch(first):
        return ""  # ", proclaimed himself leader", ", and the mines minister": not an apposition
    phrase = phrase.strip()
    if lex.titles.match(phrase) or (_has_role_noun(phrase) and not NAME_RE.fullmatch(phrase)):
        return LEADING_DETERMINER.sub("", phrase)
    return ""


@lru_cache(maxsize=4096)
def _scope_affiliation(scope: str) -> str:
    """The state or body a role names first ('Iranian Foreign Minister' -> Iran); '' if none."""
    lex = lexicon()
    found = sorted(lexicon_candidates(scope, lex) + pattern_candidates(scope, lex), key=lambda c: c.start)
    return (found[0].affiliation or found[0].name) if found else ""


def _person_before(text: str, s: int) -> bool:
    """Whether the words before offset `s` introduce a person ('according to', 'said', 'the killing of')."""
    window = text[max(0, s - 40):s]
    tail = window.rstrip()
    # PERSON_BEFORE ends in one of these words and spaces: look for it only where the text ends so.
    return len(tail) < len(window) and fold(tail[-5:]).endswith(("to", "of", "said", "says", "added", "wrote")) \
        and bool(PERSON_BEFORE.search(window))


def _of_state(after: str, lex: Lexicon) -> bool:
    """'Emomali Rahmon of Tajikistan': a full name followed by 'of' and a listed state's name is a person."""
    m = OF_NAME.match(after)
    if not m:
        return False
    hit = lex.surfaces.get(m[1]) or lex.surfaces.get(m[1].split()[0])
    return bool(hit) and hit[1] == "state" and hit[3] == "name"


def _coordinated_people(text: str, people: list[Candidate], pending: list[tuple]) -> list[Candidate]:
    """Full names joined to a known person by 'and' or commas ('Ilham Aliyev and Nikol Pashinyan') are people too."""
    if not people:
        return []  # (nothing to join to)
    ends = {c.end for c in people}
    starts = {c.start for c in people}
    added: list[Candidate] = []
    changed = True
    while changed:
        changed = False
        for s, e, name in pending:
            if s in starts:
                continue
            before = any(JOINER.fullmatch(text, k, s) for k in ends.intersection(range(max(0, s - 8), s)))
            after = any(JOINER.fullmatch(text, e, k) for k in starts.intersection(range(e + 1, e + 9)))
            if before or after:
                added.append(Candidate(s, e, name, "person", 2))
                starts.add(s)
                ends.add(e)
                changed = True
    return added

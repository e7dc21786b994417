"""Actor lexicons (states, organisations, media, titles, places) and the rules for state mentions."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from briefing.extract.scans import occurrences, trie_pattern

DATA = Path(__file__).resolve().parents[1] / "data"
KIND_ORDER = {"state": 0, "person": 1, "armed_group": 2, "organization": 3, "media": 4, "other": 5}

@dataclass
class Lexicon:
    """Every listed surface form with what it stands for, plus the matching regexes."""

    surfaces: dict          # surface -> (name, kind, affiliation, form) form: name|demonym|capital|seat
    demonym_of: dict        # state name -> first demonym
    titles: re.Pattern      # offices, ranks and occupations before a name
    offices: re.Pattern     # offices and ranks only
    ranks: set
    role_nouns: set
    actor_nouns: set
    speech_verbs: set
    places: set
    title_ends: dict = None  # last words of the titles, lower-cased, by last letter: a title match ends in one
    actor_nouns_or_plurals: set = None  # actor_nouns and the plurals _state_actor_like singularises
    # The listed names as one trie regex, split by first letter (see listed_matches and name_at): names from a
    # capital, the rest, and prefixes of the rest. (One regex of all would cost its compile time at every start.)
    upper_pattern: re.Pattern = None
    lower_pattern: re.Pattern = None
    lower_prefixes: tuple = ()
    office_heads: set = None  # the first two letters of the offices (lower case, all ASCII), or None
    titles_after_gap: re.Pattern = None  # `titles` after the character before it, group 1 (see title_spans)
    not_in_titles: re.Pattern = None  # a character that no title holds, in any case (see free_start)
    title_inner_words: tuple = ()  # the words of the titles that a space follows in them, lower-cased
    noun_heads: frozenset = frozenset()  # the first words of the actor nouns of two words
    office_heads3: set = None  # as `office_heads`, the first three characters (all of an office of two)


def _load(name: str) -> dict:
    return json.loads((DATA / f"actors_{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the actor lexicons (states, organisations, media, titles) once."""
    surfaces, demonym_of = {}, {}
    states, orgs, media, titles = _load("states"), _load("organizations"), _load("media"), _load("titles")
    for entry in orgs["entries"]:
        for s in [entry["name"], *entry["aliases"]]:
            surfaces.setdefault(s, (entry["name"], entry["kind"], entry.get("affiliation", ""), "name"))
    for entry in media["entries"]:
        for s in [entry["name"], *entry["aliases"]]:
            surfaces.setdefault(s, (entry["name"], entry.get("kind", "media"), "", "name"))
    for st in states["states"]:
        demonym_of[st["name"]] = st["demonyms"][0] if st["demonyms"] else st["name"]
        for s in [st["name"], *st["aliases"]]:
            surfaces.setdefault(s, (st["name"], "state", "", "name"))
        for s in st["demonyms"]:
            surfaces.setdefault(s, (st["name"], "state", "", "demonym"))
        for s in st["capitals"]:
            surfaces.setdefault(s, (st["name"], "state", "", "capital"))
    for seat, state in states["seats"].items():
        surfaces.setdefault(seat, (state, "state", "", "seat"))
    capitalised = [s for s in surfaces if s[0].isupper()]
    lowered = [s for s in surfaces if not s[0].isupper()]
    upper, lower = names_pattern(capitalised), names_pattern(lowered)
    # Every name not starting with a capital starts with one of these (a name that would not is its own prefix).
    prefixes = LOWER_NAME_PREFIXES + tuple(s for s in lowered if not s.startswith(LOWER_NAME_PREFIXES))
    # Case-insensitive tries of the lower-cased titles: at each position the longest title that fits wins,
    # as in a longest-first alternation, but without trying every title at every position. (Tries of case classes
    # instead of IGNORECASE were measured: 2% faster person scans, for 0.07 s more compiling in every process.)
    described = {t.lower() for t in titles["titles"] + titles["descriptors"]}
    titles_re = re.compile(r"(?<![\w.])(?:" + trie_pattern(described) + r")(?![\w-])", re.I)
    # A title after a character that is no letter, digit or '.' (the lookbehind of `titles_re`, matched instead).
    titles_after_gap = re.compile(r"[^\w.](" + trie_pattern(described) + r")(?![\w-])", re.I)
    offices_re = re.compile(r"(?<![\w.])(?:" + trie_pattern({t.lower() for t in titles["titles"]}) + r")(?![\w-])",
                            re.I)
    in_titles = {ch for title in described for ch in title}
    not_in_titles = re.compile("[^" + "".join(re.escape(c) for ch in in_titles for c in _cases(ch)) + "]") \
        if all(ch.isascii() for ch in in_titles) else None
    return Lexicon(surfaces, demonym_of, titles_re, offices_re, set(titles["ranks"]),
                   set(titles["role_nouns"]), set(titles["actor_nouns"]), set(titles["speech_verbs"]),
                   set(_load("places")["places"]),
                   _by_last_letter({t.split(" ")[-1].lower() for t in titles["titles"] + titles["descriptors"]}),
                   _with_plurals(set(titles["actor_nouns"])), upper, lower, prefixes, _heads(titles["titles"]),
                   titles_after_gap, not_in_titles,
                   tuple(sorted({word for title in described for word in title.split(" ")[:-1]})),
                   frozenset(noun.split(" ")[0] for noun in titles["actor_nouns"] if noun.count(" ") == 1),
                   _heads(titles["titles"], 3))


def free_start(text: str, lo: int, before: int, lex: Lexicon) -> int:
    """After the last character before `before` that no title holds (`lo` if none): no title crosses it, so the
    titles that `lex.titles.finditer(text, lo, ...)` finds after it are those a scan from there finds."""
    found = lex.not_in_titles.search(text[lo:before][::-1]) if lex.not_in_titles else None
    return before - found.start() if found else lo


def title_spans(text: str, lo: int, hi: int, lex: Lexicon) -> list[tuple[int, int]]:
    """The spans of the matches `lex.titles.finditer(text, lo, hi)` gives, found faster.

    A title starts only after a character that is no letter or '.': scanning for that character lets the engine
    skip the letters, where the case-insensitive trie would otherwise be tried."""
    spans = []
    pos = lo
    while True:
        m = lex.titles.match(text, pos, hi)  # (at `pos` the character before is not the scan's to match)
        if m:
            spans.append(m.span())
        else:
            m = lex.titles_after_gap.search(text, pos, hi)
            if not m:
                return spans
            spans.append(m.span(1))
        pos = m.end()


# Prefixes of the listed names that do not start with a capital ("al-Shabaab", "dpa"), rare in other words.
LOWER_NAME_PREFIXES = ("al-", "al Q", "al S", "dpa", "i24", "the Abode", "the State of", "weS")

# ---------------------------------------------------------------- literal scans shared by the actor scans

# Words several actor scans of one text look for, and the words found from them: every occurrence of the longer
# word holds the shorter one at that offset, so one str.find scan of the text serves both.
SHARED_WORDS = frozenset({"service", "guard", "prosecutor", "tate"})
FOUND_WITHIN = {" services": ("service", 1), "emergency service": ("service", 10), " guard": ("guard", 1),
                "prosecutor's office": ("prosecutor", 0), "prosecutors": ("prosecutor", 0),
                "the State of": ("tate", 5)}
_SHARED: list = [None, {}]  # the last text scanned, and the occurrences of the shared words found in it


def shared_occurrences(text: str, word: str) -> list[int]:
    """`occurrences(text, (word,))` (do not change the list): a shared word's kept for the last text scanned, a word
    of FOUND_WITHIN's found from its shorter word's."""
    within = FOUND_WITHIN.get(word)
    if within is not None:
        inner, offset = within
        return [at - offset for at in shared_occurrences(text, inner)
                if at >= offset and text.startswith(word, at - offset)]
    if word not in SHARED_WORDS:
        return occurrences(text, (word,))
    seen, found = _SHARED
    if seen is not text:  # (identity: the same string object, so the same text)
        found = {}
        _SHARED[0], _SHARED[1] = text, found
    at = found.get(word)
    if at is None:
        at = found[word] = occurrences(text, (word,))
    return at


THROUGH_SHARED = SHARED_WORDS | FOUND_WITHIN.keys()  # the words `shared_occurrences` does not simply look for


def words_occurrences(text: str, words: tuple) -> list[int]:
    """`occurrences(text, words)`, the words in THROUGH_SHARED looked for through `shared_occurrences`."""
    plain, shared = _split_words(words)
    found = occurrences(text, plain)
    for word in shared:
        found += shared_occurrences(text, word)
    return found


@lru_cache(maxsize=64)
def _split_words(words: tuple) -> tuple[tuple, tuple]:
    return tuple(w for w in words if w not in THROUGH_SHARED), tuple(w for w in words if w in THROUGH_SHARED)


def listed_matches(text: str, lex: Lexicon):
    """The matches `names_pattern(lex.surfaces).finditer(text)` would give, found faster.

    The names that start with a capital are scanned on their own: the engine then stops only at capitals. The
    few others are tried where one of their prefixes occurs; the two kinds never start with the same letter."""
    starts = words_occurrences(text, lex.lower_prefixes)
    lower = [m for m in map(lex.lower_pattern.match, repeat(text), sorted(set(starts))) if m] if starts else ()
    if not lower:
        return lex.upper_pattern.finditer(text)
    return _merged(text, lex.upper_pattern, lower)


def _merged(text: str, upper: re.Pattern, lower: list[re.Match]):
    """The leftmost-first, non-overlapping sequence of `upper`'s matches and the given `lower` matches."""
    pos, k, found = 0, 0, upper.search(text)
    while True:
        while k < len(lower) and lower[k].start() < pos:
            k += 1
        if found and found.start() < pos:
            found = upper.search(text, pos)
        if k < len(lower) and (not found or lower[k].start() < found.start()):
            m = lower[k]
        elif found:
            m = found
        else:
            return
        yield m
        pos = m.end()


@lru_cache(maxsize=256)
def _cases(ch: str) -> tuple[str, ...]:
    """What IGNORECASE matches to an ASCII character: its two cases, and for i, s and k one of these four (checked
    once against every code point: there are no others)."""
    return tuple(sorted({c for c in (ch, ch.upper(), ch.lower(), "\u0130", "\u0131", "\u017f", "\u212a")
                         if re.fullmatch(re.escape(ch), c, re.I)}))


def name_at(text: str, lex: Lexicon) -> re.Match | None:
    """`names_pattern(lex.surfaces).match(text)`: the listed name that `text` starts with, if any."""
    return (lex.upper_pattern if text[:1].isupper() else lex.lower_pattern).match(text)


def names_pattern(names) -> re.Pattern:
    """One trie regex of `names`: group 1 the listed name (the first letter taken first, the idiom at UPPER)."""
    return re.compile(r"(" + trie_pattern(names, after_first=r"(?<![\w-].)") + r")(?:['’]s\b)?(?![\w])")


def _heads(offices: list[str], letters: int = 2) -> set | None:
    # What `_office_after` compares with the next letters; None (no such test) if an office is not ASCII or short.
    # (Three letters: an office of two, "Dr", is its own head, compared with the next two letters.)
    heads = {office[:letters].lower() for office in offices}
    return heads if all(office.isascii() and len(office) >= 2 for office in offices) else None


def _with_plurals(nouns: set) -> set:
    # The nouns, and their plurals: a noun ending in three lower-case letters, and "s".
    return nouns | {noun + "s" for noun in nouns if re.search(r"[a-z]{3}\Z", noun)}


def _by_last_letter(words) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for word in sorted(words):
        grouped.setdefault(word[-1], []).append(word)
    return {last: tuple(group) for last, group in grouped.items()}


# ---------------------------------------------------------------- shared regex pieces

# Speed idiom: "[A-Z](?<![\w-].)" is "(?<![\w-])[A-Z]" (no word character before the capital) written so that the
# pattern starts with a character set, which lets the regex engine skip straight to the capitals.
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪİĶĹĽŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
# "O'Hara", "D’Souza": a one-letter prefix and an apostrophe start the name.
NAME_TOKEN = (rf"(?:(?:[{UPPER}]['’](?=[{UPPER}]))?"
              rf"[{UPPER}][^\W\d_]+(?:[-'’](?!s\b)[^\W\d_]+)*"
              rf"|[A-Z]{{2,3}}(?=\s[A-Z][a-z])|[A-Z]\.)")
NAME_PARTICLE = r"(?:al-|el-|bin |ibn |van |von |de |da |del |der |du |la |le )"
# The first NAME_TOKEN, its capital taken first (the idiom above), its alternatives tried in the same order.
# (A letter after a lower-case one may be a capital, "McDonald": `[^\W\d_]` takes every letter, capitals too.)
FIRST_NAME_TOKEN = (rf"[{UPPER}](?<![\w.’'-].)"
                    rf"(?:['’](?=[{UPPER}])[{UPPER}][^\W\d_]+(?:[-'’](?!s\b)[^\W\d_]+)*"
                    rf"|[^\W\d_]+(?:[-'’](?!s\b)[^\W\d_]+)*"
                    rf"|(?<=[A-Z])[A-Z]{{1,2}}(?=\s[A-Z][a-z])|(?<=[A-Z])\.)")
NAME = rf"{FIRST_NAME_TOKEN}(?:[ ]+{NAME_PARTICLE}?{NAME_TOKEN}|-{NAME_TOKEN}){{0,7}}"
NAME_RE = re.compile(NAME)
# Capitalised words that never start or make up a person's name.
LEAD_STOP = set("""The A An In On At After Before According Speaking Writing Addressing Asked While When Where
For To By With From Of Under Over Without Among Between Against Through Last Early Late Later Earlier Since During
Despite Following Meanwhile However But And Or If As Its His Her Their This That These Those It He She We They Both
All Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())
NOT_NAME = LEAD_STOP | set("""The A An In On At After Before According Speaking Writing Addressing Asked While When
Where
Last Early Late Later Earlier Since During Despite Following Meanwhile However But And Or If As Its His Her Their
This That These Those It He She We They I You Our Some Many Several Both All No None Once Hours Days Officials
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Here There Today Yesterday
Air Force Army Navy Base Bridge Province Region District City Street Corridor Center Centre Strait Sea River Valley
East West North South Middle Central Western Eastern Northern Southern International National United Republic
Islamic Democratic Party Front Movement News Times Post Agency Channel Observer Ministry Committee Council Office
Service Services Department Commission Organisation Organization Union Forces Corps Guard Command Police Government
State States Kingdom Supreme Foreign Defence Defense Interior Security Federal Special Joint Range Line Control
God Allah Prophet Twitter Facebook Telegram Instagram YouTube Metro Live Updates Sirens Accusations Leaders Leading
Responsibility Initial Reports Having Adopting Confronting Threatening Turning Citing Investigators Ethnic Missiles
Blasts Sets New Old Great Saint St Mount Lake Gulf Ocean Island Islands Peninsula Airport Camp Road Highway Square
Palace Hall House Parliament Assembly Senate Congress Court Treaty Agreement Operation War Crisis Attack Authority
Tribunal Directorate Bureau Mission Fund Alliance League Federation Observatory Group Institute Society Association
Foundation Network Brigade Brigades Militia Battalion Commission Agency Cabinet Administration Staff
Regiment Division Fleet""".split())
PLACE_WORDS = {"in", "at", "into", "inside", "across", "throughout", "near", "to", "from", "through", "via",
               "within", "toward", "towards", "around", "outside", "over", "on", "visiting", "visited", "entered",
               "reached", "left", "of", "across", "beyond", "under", "off", "entering", "leaving", "flee", "fled"}
ACTOR_PREV = {"by", "with", "between", "against", "urged", "accused", "condemned", "warned", "blamed", "told",
              "called", "asked", "pressed", "backed", "supported", "criticised", "criticized", "said", "and"}
# Common irregular past tenses: a state right before one is the subject acting ("Britain flew staff out").
IRREGULAR_PAST = {"flew", "sent", "took", "gave", "made", "met", "held", "kept", "led", "left", "began", "brought",
                  "built", "cut", "fought", "froze", "hit", "put", "set", "sought", "spoke", "stood", "threw",
                  "withdrew", "drew", "chose", "became", "went", "came", "ran", "saw", "won", "lost", "paid",
                  "sold", "shut", "told", "said", "struck", "shot", "rose", "bid", "beat", "sent"}
# People sent by a state: "officials from Qatar and Egypt" act for it.
SENT_FROM = {"officials", "official", "delegation", "delegations", "delegates", "representatives", "envoys",
             "mediators", "negotiators", "leaders", "ministers"}
# Capitalised words before "of <State>" that make it a place ("the Republic of", "the South of").
PLACE_NOUNS_CAP = {"Republic", "Kingdom", "State", "South", "North", "East", "West", "Centre", "Center", "Capital",
                   "City", "Province", "Region", "Gulf", "Sea", "Bay", "Coast", "Port", "Bank", "University", "Museum"}
GEO_NOUNS = {"territory", "soil", "border", "borders", "airspace", "southeast", "southwest", "northeast", "northwest",
             "south", "north", "east", "west", "region", "regions", "capital", "city", "cities", "province", "coast",
             "side", "people", "population", "citizens", "residents", "economy", "land", "waters", "skies",
             "constitution", "sovereignty", "interior", "heartland", "villages", "towns"}


@lru_cache(maxsize=8192)
def body_key(s: str) -> str:
    """Comparable key of a body's name: "Ministry of Defense" and "Defence Ministry" give the same."""
    s = LEADING_ARTICLE.sub("", s.strip().lower().replace("’", "'"))
    s = ETHNIC_WORD.sub("", s)
    s = s.replace("defense", "defence").replace("organization", "organisation").replace("center", "centre")
    s = s.replace("foreign affairs", "foreign")
    m = BODY_OF.match(s)
    return f"{m[1]}{m[3]} {m[2]}" if m else s


LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
ETHNIC_WORD = re.compile(r"\bethnic\s+")
BODY_OF = re.compile(r"(.*?)\b(ministry|department|office) of (?:the )?(.+)$")


@dataclass(slots=True)
class Candidate:
    """A possible mention before overlaps are resolved (lower `prio` wins ties)."""

    start: int
    end: int
    name: str
    kind: str
    prio: int
    actor_like: bool = True
    affiliation: str = ""
    role: str = ""
    form: str = "name"


def word_before(text: str, i: int) -> str:
    """The word just before offset `i`, lower-cased (quotes skipped)."""
    # What `([\w’'-]+)[\s"“]*$` finds in the 40 characters before `i`, read from the end instead.
    return REVERSED_WORD.match(text[max(0, i - 40):i][::-1])[1][::-1].lower()


def _word_before(text: str, i: int) -> str:
    """`word_before`, shorter where a space and letters stand before `i` (a word that no space or quote ends)."""
    lo = i - 40 if i > 40 else 0
    if i > 1 and text[i - 1] == " ":
        word = text[text.rfind(" ", lo, i - 1) + 1 or lo:i - 1]
        if word.isalpha():
            return word.lower()
    return REVERSED_WORD.match(text[lo:i][::-1])[1][::-1].lower()


# Reversed: the spaces and quotes after a word, then the word.
REVERSED_WORD = re.compile(r"[\s\"“]*([\w’'-]*)")
# The first word run ([\w’'-]+) of a text, and the first three.
FIRST_WORD = re.compile(r"[^\w’'-]*([\w’'-]+)")
THREE_WORDS = re.compile(r"[^\w’'-]*([\w’'-]+)(?:[^\w’'-]+([\w’'-]+)(?:[^\w’'-]+([\w’'-]+))?)?")


GOVERNMENT_IN = re.compile(r"\b(?:government|regime|leadership|junta|authorities)\s+in\s+$")
OWNER_OF = re.compile(r"([\w’'-]+)\s+of\s+(?:the\s+)?$")
SENT_FROM_RE = re.compile(r"([\w’'-]+)\s+from\s+(?:the\s+)?$")
# The same two read backwards, matched at the start of the reversed window (its end): group 1 is the word reversed.
# (A search for the leftmost match ending at `$` tries every start; its word is the longest run before "of"/"from",
# which the greedy group takes backwards. `$` before a final "\n" changes nothing: `\s+` takes the "\n" too.)
REVERSED_OWNER = re.compile(r"\s+(?:eht\s+)?fo\s+([\w’'-]+)")
REVERSED_SENT_FROM = re.compile(r"\s+(?:eht\s+)?morf\s+([\w’'-]+)")
BROUGHT_OUT = re.compile(r"\b(?:evacuat|airlift|rescu|expel|return|brought|bring|flew|fly|pull|withdr)\w*\b[^.;]*$",
                         re.I)
ASIDE = re.compile(r",\s+(?:which|who|a|an|the|whose|itself)\b[^,;.]{0,80},\s+(\w+)(?:\s+(\w+))?")
PAST_ED = re.compile(r"[a-z]{3,}ed")
REGION_BEFORE = re.compile(r"(?:Latin|North|South|East|West|Central|Northern|Southern|Eastern|Western|Anglo)[ -]$")
REGION_LAST_LETTERS = "nhtlo"  # the last letters of REGION_BEFORE's words


def state_modifier(text: str, start: int, lex: Lexicon):
    """The state named by a demonym/country (+ possessive) right before `start`, with its start offset."""
    m = re.search(r"([A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)(['’]s)?\s+$", text[max(0, start - 40):start])
    if not m:
        return None
    for cut in (m[1], m[1].split()[-1]):
        hit = lex.surfaces.get(cut)
        if hit and hit[1] == "state" and hit[3] in ("name", "demonym"):
            return hit[0], start - len(m[0]) + m[0].index(cut), bool(m[2]), hit[3]
    return None


def _office_after(text: str, end: int, lex: Lexicon) -> bool:
    """Whether an office starts after the space at `end` and any more (within 40 characters of it): "US President"."""
    start = end + 1
    head = text[start:start + 2]
    if head[:1].isspace():
        while start < end + 40 and text[start:start + 1].isspace():
            start += 1
        head = text[start:start + 2]
    if lex.office_heads and head.isascii() and head.lower() not in lex.office_heads:
        return False  # (ASCII letters match the ASCII titles case-insensitively only as their lower case does)
    head = text[start:start + 3]
    if lex.office_heads3 and head.isascii() and head.lower() not in lex.office_heads3 \
            and head[:2].lower() not in lex.office_heads3:
        return False  # (the same with the first three letters of the offices, or a whole office of two: "military")
    return lex.offices.match(text, start, end + 40) is not None


def _state_actor_like(text: str, start: int, end: int, form: str, lex: Lexicon, possessive: bool) -> bool:
    """Whether a state mention is the state acting or speaking, not a place or a plain modifier."""
    # Each piece of context is read only once a test needs it; the tests run in their original order.
    if possessive:
        first = FIRST_WORD.match(text, end, end + 60)
        return not (first and first[1].lower() in GEO_NOUNS)
    if form in ("name", "demonym") and text.startswith(" ", end):
        head = text[end + 1:end + 3]  # (`_office_after`'s first test, made before calling it)
        if (head[:1].isspace() or not (lex.office_heads and head.isascii()) or head.lower() in lex.office_heads) \
                and _office_after(text, end, lex):
            return True  # "US Secretary of State ...", "Iranian President ..."
    if form == "demonym":
        # "the Kenyan and Ugandan presidents": a plural noun counts too.
        # (The noun or plural among the next two words, or the noun of two among the next three.)
        nouns, plurals = lex.actor_nouns, lex.actor_nouns_or_plurals
        words = THREE_WORDS.match(text, end, end + 60)
        if not words:
            return False
        first = words[1].lower()
        if first in plurals:
            return True
        if not words[2]:
            return "" in nouns
        second = words[2].lower()
        # (A noun of two words is looked up only after its first word: `noun_heads`.)
        heads = lex.noun_heads
        if second in plurals or first in heads and f"{first} {second}" in nouns:
            return True
        return second in heads and f"{second} {words[3].lower()}" in nouns if words[3] else second in nouns
    # The patterns below end in a word ("in", "of", "the", "from") and spaces at `$`: they only run where the
    # text before ends in a space, after one of those words' last two letters or another space.
    # (The capital's test needs "in" before it, the name's "of", "the" or "from": the others read nothing here.)
    if start > 1 and text[start - 1].isspace() and (
            form == "name" and text[start - 3:start - 1] in ("of", "he", "om")
            or form == "capital" and text[start - 3:start - 1] == "in" or text[start - 2].isspace()):
        window = text[max(0, start - 60):start]
        tail = window.rstrip()
        if form == "capital" and tail.endswith("in") and GOVERNMENT_IN.search(text[max(0, start - 30):start]):
            return True  # "the government in Khartoum"
        # (OWNER_OF and SENT_FROM_RE, searched in the windows, matched instead on them read backwards: see REVERSED_OWNER.)
        if form == "name" and tail.endswith(("of", "the", "from")):
            backwards = window[::-1]
            owner = tail.endswith(("of", "the")) and REVERSED_OWNER.match(backwards, 0, 40)
            if owner:
                word = owner[1][::-1]
                low = word.lower()
                if (low[:-1] if low.endswith("s") else low) in lex.actor_nouns or low == "head" or low == "heads" \
                        or low in lex.actor_nouns or (word[0].isupper() and word not in LEAD_STOP
                                                      and word not in PLACE_NOUNS_CAP and low not in GEO_NOUNS):
                    return True  # "the Government of Ukraine", "Foreign Minister X of Iran"
            sent = tail.endswith(("from", "the")) and REVERSED_SENT_FROM.match(backwards)
            if sent and sent[1][::-1].lower() in SENT_FROM and not BROUGHT_OUT.search(window):
                return True  # "officials from Qatar", but not "evacuated officials from Sudan"
    # (`_word_before`'s own first case, inlined: a space and letters before the mention; or a space after a mark
    # that is neither a word's character nor one it skips: no word then.)
    lo = start - 40 if start > 40 else 0
    spaced = start > 1 and text[start - 1] == " "
    word = text[text.rfind(" ", lo, start - 1) + 1 or lo:start - 1] if spaced else ""
    prev = word.lower() if word.isalpha() else "" if spaced and text[start - 2] in ".,;:!?()—–" \
        else _word_before(text, start)
    if prev in PLACE_WORDS:
        return False
    if prev in ACTOR_PREV and form != "capital":
        return True  # (what every test below gives then: none reads the words after)
    aside = text.startswith(",", end) and ASIDE.match(text, end, end + 140)
    if aside and (aside[1] in lex.speech_verbs or aside[2] in lex.speech_verbs) and form != "capital":
        return True  # "Saudi Arabia, which hosts the talks, called for ..."
    words = THREE_WORDS.match(text, end, end + 60)
    if words:
        first = words[1].lower()
        if form == "name" and text.startswith(" ", end) and (
                first in IRREGULAR_PAST or first.endswith("ed") and PAST_ED.fullmatch(first)):
            return True  # "after Nigeria halted supplies": the subject of a verb in the past
        if first in lex.speech_verbs or first in lex.actor_nouns or (
                first in lex.noun_heads and words[2] and f"{first} {words[2].lower()}" in lex.actor_nouns):
            return form != "capital" or first in lex.speech_verbs or first in ("regime", "government")
    return prev in ACTOR_PREV and form != "capital" or prev in ("by", "between", "with", "against")


def lexicon_candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """Listed names in `text`; capitals and seats only where they act, states flagged when used as places."""
    out = []
    surfaces = lex.surfaces
    for m in listed_matches(text, lex):
        surface = m[1]
        start, end = m.span()
        name, kind, aff, form = surfaces[surface]
        if kind != "state":
            out.append(Candidate(start, end, name, kind, 1, True, aff, "", form))
            continue
        if form != "name" and text.startswith("-", end):
            continue  # "Moscow-based", "Iranian-backed": a modifier, not the state acting
        if form == "demonym":
            before = text[start - 1:start]
            # (After a space and a letter other than "c" the word before is not "ethnic": no call needed.)
            if (before != " " or text[start - 2:start - 1] in "cC" or not text[start - 2].isalpha()) \
                    and word_before(text, start) == "ethnic":
                continue  # "ethnic Armenians": people, not the state  # (REGION_BEFORE ends in [ -] at '$', which may precede a final "\n")
            if (before == "\n" or before in (" ", "-") and text[start - 2:start - 1] in REGION_LAST_LETTERS) \
                    and REGION_BEFORE.search(text[max(0, start - 10):start]):
                continue  # "Latin American": a region, not the state
        out.append(Candidate(start, end, name, kind, 1,
                             _state_actor_like(text, start, end, form, lex, end > start + len(surface)), aff, "", form))
    return out


def norm_text(s: str) -> str:
    """Lower-cased words and digits only, for comparing names."""
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


ARABIC_ARTICLE = re.compile(r"^(?:al|el| al|ad|as|ash|at|ar|az)-")


@lru_cache(maxsize=1 << 16)  # asked for the same names again and again, in extraction and in merge
def surname(name: str) -> str:
    """Last word of a name without an Arabic article: 'Abdel Fattah al-Burhan' -> 'Burhan'."""
    return ARABIC_ARTICLE.sub("", name.split()[-1])


def initials_fit(acr: str, phrase: str) -> bool:
    """Whether an acronym can abbreviate the phrase (first letter and all letters among the initials)."""
    words = [w for w in re.split(r"[\s-]+", phrase) if w and w.lower() not in ("of", "the", "and", "for")]
    initials = "".join(w[0] for w in words).lower()
    return acr[0].lower() == initials[:1] and all(ch in initials for ch in acr.lower())

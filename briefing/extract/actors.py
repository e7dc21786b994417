"""Actors: states (names, demonyms, capitals as metonyms), armed groups, organisations, officials, media."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from briefing.model import Actor, Citation

DATA = Path(__file__).resolve().parents[1] / "data"
KIND_ORDER = {"state": 0, "person": 1, "armed_group": 2, "organization": 3, "media": 4, "other": 5}


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


# ---------------------------------------------------------------- lexicons

@dataclass
class Lexicon:
    """Every listed surface form with what it stands for, plus the matching regexes."""

    surfaces: dict          # surface -> (name, kind, affiliation, form) form: name|demonym|capital|seat
    demonym_of: dict        # state name -> first demonym
    pattern: re.Pattern
    titles: re.Pattern
    ranks: set
    role_nouns: set
    actor_nouns: set
    speech_verbs: set
    places: set


def _load(name: str) -> dict:
    return json.loads((DATA / f"actors_{name}.json").read_text(encoding="utf-8"))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


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
    pattern = re.compile(r"(?<![\w-])(" + _alternation(surfaces) + r")(?:['’]s\b)?(?![\w])")
    titles_re = re.compile(r"(?<![\w.])(?:" + _alternation(titles["titles"]) + r")(?![\w-])", re.I)
    return Lexicon(surfaces, demonym_of, pattern, titles_re, set(titles["ranks"]), set(titles["role_nouns"]),
                   set(titles["actor_nouns"]), set(titles["speech_verbs"]), set(_load("places")["places"]))


# ---------------------------------------------------------------- shared regex pieces

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪİĶĹĽŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
NAME_TOKEN = (rf"(?:[{UPPER}](?:[^\W\d_]|(?<=[a-z])[{UPPER}])+(?:[-'’](?!s\b)[^\W\d_]+)*"
              rf"|[A-Z]{{2,3}}(?=\s[A-Z][a-z])|[A-Z]\.)")
NAME_PARTICLE = r"(?:al-|el-|bin |ibn |van |von |de |da |del |der |du |la |le )"
NAME = rf"(?<![\w.’'-]){NAME_TOKEN}(?:[ ]+{NAME_PARTICLE}?{NAME_TOKEN}|-{NAME_TOKEN}){{0,7}}"
NAME_RE = re.compile(NAME)
# Capitalised words that never start or make up a person's name.
LEAD_STOP = set("""The A An In On At After Before According Speaking Writing Addressing Asked While When Where
For To By With From Of Under Over Without Among Between Against Through Last Early Late Later Earlier Since During
Despite Following Meanwhile However But And Or If As Its His Her Their This That These Those It He She We They Both
All Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())
NOT_NAME = LEAD_STOP | set("""The A An In On At After Before According Speaking Writing Addressing Asked While When Where
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
Palace Hall House Parliament Assembly Senate Congress Court Treaty Agreement Operation War Crisis Attack""".split())
ORG_HEADS = (r"Ministry|Committee|Council|Commission|Agency|Service|Services|Organisation|Organization|Center|Centre|"
             r"Department|Authority|Court|Tribunal|Party|Assembly|Parliament|Army|Navy|Air Force|Air force|"
             r"Armed Forces|Guard|Guards|Corps|Command|Directorate|Bureau|Office|Front|Brigade|Brigades|Militia|"
             r"Battalion|Forces|Force|Mission|Movement|Fund|Alliance|League|Federation|Union|Observatory")
ARMED_HEADS = {"Front", "Brigade", "Brigades", "Militia", "Battalion", "Movement"}
MILITARY_HEADS = {"Army", "Navy", "Air Force", "Air force", "Armed Forces", "Forces", "Force", "Guard", "Guards", "Corps"}
ORG_WORD = r"(?:[A-Z][\w’'-]*|of|for|the|on|de)"
ORG_RE = re.compile(rf"(?<![\w-])((?:[A-Z][\w’'-]*[ ]+)(?:{ORG_WORD}[ ]+){{0,5}}(?:{ORG_HEADS}))(?![\w-])"
                    rf"|(?<![\w-])((?:Ministry|Department|Office) of (?:the )?[A-Z][\w-]+(?: (?:and )?[A-Z][\w-]+)*)")
GROUP_RE = re.compile(r"(?<![\w-])((?:Jaish|Lashkar|Harkat|Tehreek|Tehrik|Hizb|Jamaat|Ansar|Ahrar|Jund|Liwa|Saraya|"
                      r"Kataib|Kata'ib|Ittehad|Majlis)(?:[- ](?:e|ul|al|ut|i|e-)[- ]?|[- ])[A-Z][\w-]+"
                      r"(?:[- ][A-Z][\w-]+){0,2})")
LOWER_INSTITUTION = re.compile(r"(?<![\w-])((?:foreign|defence|defense|interior|home|information|finance|health) "
                               r"(?:ministry|office)|special services|security services|intelligence services|"
                               r"peacekeeping contingent|peacekeepers|peacekeeping forces|peacekeeping mission|"
                               r"emergency services?)(?![\w-])")
PEACEKEEPERS = re.compile(r"peacekeep\w*(?: (?:contingent|forces?|mission|troops))?$")
MEDIA_RE = re.compile(
    r"(?<![\w-])(?:(?:Telegram|YouTube|Facebook|Instagram|TikTok|TV|television|radio) channel|media outlet|"
    r"news outlet|newspaper|news agency|news site|news website|tabloid|broadcaster|magazine|daily)"
    r"\s+((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,3})"
    r"|(?<![\w-])((?:The\s+)?(?:[A-Z][\w’'-]+\s+){1,3}(?:Times|Post|Herald|Gazette|Tribune|Journal|Observer|"
    r"Telegraph|Chronicle|Monitor|Dispatch|Courier))(?![\w-])")
ACRONYM_PHRASE = re.compile(r"(?<![\w-])([A-Z][\w’'-]*(?:[ ](?:[A-Z][\w’'-]*|of|for|the|and|on|de|du|la|des|et|in)){1,9})"
                            r"\s*\(([A-Z][A-Za-z]{1,7})\)")
ARMED_LOWER = re.compile(r"(?<![\w-])((?:separatist|breakaway|ethnic)\s+(?:(?:separatist|rebel|ethnic)\s+)*"
                         r"(?:[A-Z][\w-]+\s+)?(?:forces|fighters|rebels|militants|separatists|militias?))(?![\w-])")
JUNTA = re.compile(r"(?<![\w-])(junta|military junta)(?![\w-])")
NAMED_FORCES = re.compile(r"(?<![\w.-])(([A-Z][a-z]+) (?:forces|fighters|rebels|militants|militias?))(?![\w-])")
GENERIC_FORCE_WORDS = {"Coalition", "Government", "Special", "Allied", "Armed", "Ground", "Naval", "Enemy", "Foreign",
                       "Regime", "Rebel", "Pro", "Local", "Regional", "Western", "Elite", "Proxy", "Federal",
                       "Militia", "Some", "Other", "Opposing", "Friendly", "Hostile", "Rival", "Our", "Their"}
STATE_MEDIA = re.compile(r"(?<![\w-])([Ss]tate(?:-run|-owned)? (?:media|television|TV|broadcaster|news agency))(?![\w-])")
REPUBLIC_RE = re.compile(r"(?<![\w-])((?:Self-[Pp]roclaimed |Breakaway )?(?:People's |Democratic )?Republic of "
                         r"[A-Z][\w-]+(?: [A-Z][\w-]+)?)")
ACRONYM_DEF = re.compile(r"\s*\((?:the\s+)?([A-Z][A-Za-z]{1,7})(?:\s+group)?\)")
PLACE_WORDS = {"in", "at", "into", "inside", "across", "throughout", "near", "to", "from", "through", "via",
               "within", "toward", "towards", "around", "outside", "over", "on", "visiting", "visited", "entered",
               "reached", "left", "of", "across", "beyond", "under", "off", "entering", "leaving", "flee", "fled"}
ACTOR_PREV = {"by", "with", "between", "against", "urged", "accused", "condemned", "warned", "blamed", "told",
              "called", "asked", "pressed", "backed", "supported", "criticised", "criticized", "said", "and"}
GEO_NOUNS = {"territory", "soil", "border", "borders", "airspace", "southeast", "southwest", "northeast", "northwest",
             "south", "north", "east", "west", "region", "regions", "capital", "city", "cities", "province", "coast",
             "side", "people", "population", "citizens", "residents", "economy", "land", "waters", "skies",
             "constitution", "sovereignty", "interior", "heartland", "villages", "towns"}


def _norm_key(s: str) -> str:
    s = re.sub(r"^(the|a|an)\s+", "", s.strip().lower().replace("’", "'"))
    s = re.sub(r"\bethnic\s+", "", s)
    s = s.replace("defense", "defence").replace("organization", "organisation").replace("center", "centre")
    s = s.replace("foreign affairs", "foreign")
    m = re.match(r"(ministry|department|office) of (?:the )?(.+)$", s)
    return f"{m[2]} {m[1]}" if m else s


# ---------------------------------------------------------------- finding mentions

@dataclass
class _Cand:
    start: int
    end: int
    name: str
    kind: str
    prio: int
    actor_like: bool = True
    affiliation: str = ""
    role: str = ""
    form: str = "name"


def _word_before(text: str, i: int) -> str:
    m = re.search(r"([\w’'-]+)[\s\"“]*$", text[max(0, i - 40):i])
    return m[1].lower() if m else ""


def _words_after(text: str, i: int, n: int = 3) -> list[str]:
    return re.findall(r"[\w’'-]+", text[i:i + 60])[:n]


def _state_mod(text: str, start: int, lex: Lexicon):
    """The state named by a demonym/country (+ possessive) right before `start`, with its start offset."""
    m = re.search(r"([A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)(['’]s)?\s+$", text[max(0, start - 40):start])
    if not m:
        return None
    for cut in (m[1], m[1].split()[-1]):
        hit = lex.surfaces.get(cut)
        if hit and hit[1] == "state" and hit[3] in ("name", "demonym"):
            return hit[0], start - len(m[0]) + m[0].index(cut), bool(m[2]), hit[3]
    return None


def _state_actor_like(text: str, c: _Cand, lex: Lexicon, possessive: bool) -> bool:
    after = [w.lower() for w in _words_after(text, c.end)]
    prev = _word_before(text, c.start)
    if possessive:
        return not (after and after[0] in GEO_NOUNS)
    two = " ".join(after[:2])
    if c.form in ("name", "demonym") and lex.titles.match(text[c.end:c.end + 40].lstrip()) \
            and text[c.end:c.end + 1] == " ":
        return True  # "US Secretary of State ...", "Iranian President ..."
    if c.form == "demonym":
        nouns = lex.actor_nouns
        return bool(after) and (after[0] in nouns or two in nouns or " ".join(after[1:3]) in nouns
                                or (len(after) > 1 and after[1] in nouns))
    if prev in PLACE_WORDS:
        return False
    if after and (after[0] in lex.speech_verbs or two in lex.actor_nouns or after[0] in lex.actor_nouns):
        return c.form != "capital" or after[0] in lex.speech_verbs or after[0] in ("regime", "government")
    return prev in ACTOR_PREV and c.form != "capital" or prev in ("by", "between", "with", "against")


def _lexicon_cands(text: str, lex: Lexicon) -> list[_Cand]:
    out = []
    for m in lex.pattern.finditer(text):
        name, kind, aff, form = lex.surfaces[m[1]]
        if kind == "state" and text[m.end():m.end() + 1] == "-" and form != "name":
            continue  # "Moscow-based", "Iranian-backed": a modifier, not the state acting
        if form == "demonym" and _word_before(text, m.start()) in ("ethnic",):
            continue
        c = _Cand(m.start(), m.end(), name, kind, 1, affiliation=aff, form=form)
        if kind == "state":
            c.actor_like = _state_actor_like(text, c, lex, m.end() > m.start() + len(m[1]))
            if form in ("capital", "seat") and not c.actor_like:
                continue  # a capital as a place ("in Moscow") is no actor
        out.append(c)
    return out


def _org_name(text: str, start: int, surface: str, lex: Lexicon):
    """Canonical name, kind (None: from the head word), affiliated state and start of an organisation phrase."""
    words = surface.split()
    while words and words[0] in LEAD_STOP:
        start += len(words[0]) + 1
        words = words[1:]
    rest = " ".join(words).replace("Air force", "Air Force")
    for n in (2, 1):
        if len(words) <= n:
            continue
        mod = " ".join(words[:n])
        bare = re.sub(r"['’]s$", "", mod)
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
    mod = _state_mod(text, start, lex)
    if mod:
        return f"{lex.demonym_of.get(mod[0], mod[0])} {rest}", None, mod[0], start
    return rest, None, "", start


def _pattern_cands(text: str, lex: Lexicon) -> list[_Cand]:
    out = []
    for m in ORG_RE.finditer(text):
        surface = m[1] or m[2]
        s0 = m.start(1) if m[1] else m.start(2)
        name, kind, aff, s = _org_name(text, s0, surface, lex)
        if not name or (len(name.split()) < 2 and not aff and not kind):
            continue
        if not kind:
            head = next((h for h in ARMED_HEADS | MILITARY_HEADS if surface.endswith(h)), "")
            kind = "armed_group" if head in ARMED_HEADS or (head in MILITARY_HEADS and not aff) else "organization"
        out.append(_Cand(s, m.end(), name, kind, 2, affiliation=aff))
    for m in GROUP_RE.finditer(text):
        out.append(_Cand(m.start(1), m.end(1), m[1], "armed_group", 2))
    for m in REPUBLIC_RE.finditer(text):
        out.append(_Cand(m.start(1), m.end(1), re.sub(r"^(Self-[Pp]roclaimed|Breakaway) ", "", m[1]), "organization", 3))
    for m in MEDIA_RE.finditer(text):
        g = 1 if m[1] else 2
        out.append(_Cand(m.start(g), m.end(g), re.sub(r"^The ", "", m[g]), "media", 2))
    for m in LOWER_INSTITUTION.finditer(text):
        mod = _state_mod(text, m.start(1), lex)
        word = m[1].title() if "ministry" in m[1] or "office" in m[1] else m[1]
        word = "peacekeepers" if PEACEKEEPERS.match(word) else word
        if mod:
            out.append(_Cand(m.start(1), m.end(1), f"{lex.demonym_of.get(mod[0], mod[0])} {word}", "organization",
                             3, affiliation=mod[0]))
            continue
        place = re.search(r"(?<![\w-])([A-Z][\w-]+)[ ]+$", text[max(0, m.start(1) - 30):m.start(1)])
        if place and "ministry" in m[1] and place[1] not in NOT_NAME:
            # "the Gaza health ministry": a body of a place that is not a listed state
            out.append(_Cand(m.start(1) - len(place[0]), m.end(1), f"{place[1]} {word}", "organization", 3))
    for m in ACRONYM_PHRASE.finditer(text):
        words = m[1].split()
        start = m.start(1)
        while words and words[0] in LEAD_STOP:
            start += len(words[0]) + 1
            words = words[1:]
        phrase = " ".join(words)
        if len(words) < 2 or phrase in lex.surfaces:
            continue
        heads = re.search(rf"\b(?:{ORG_HEADS}|Liberation|Resistance|Movement)\b", phrase)
        if heads or _initials_fit(m[2], phrase):
            armed = re.search(r"\b(Front|Brigades?|Militia|Battalion|Liberation|Resistance|Army|Forces|Movement)\b",
                              phrase)
            out.append(_Cand(start, m.end(1), phrase, "armed_group" if armed else "organization", 2))
    for m in ARMED_LOWER.finditer(text):
        out.append(_Cand(m.start(1), m.end(1), m[1], "armed_group", 3))
    for m in JUNTA.finditer(text):
        mod = _state_mod(text, m.start(1), lex)
        if mod:
            out.append(_Cand(m.start(1), m.end(1), f"{lex.demonym_of.get(mod[0], mod[0])} {m[1]}", "armed_group", 3,
                             affiliation=mod[0]))
        else:
            out.append(_Cand(m.start(1), m.end(1), "", "armed_group", 3, form="bare"))
    for m in NAMED_FORCES.finditer(text):
        if m[2] not in lex.surfaces and m[2] not in NOT_NAME and m[2] not in GENERIC_FORCE_WORDS:
            out.append(_Cand(m.start(1), m.end(1), m[1], "armed_group", 3))
    for m in STATE_MEDIA.finditer(text):
        mod = _state_mod(text, m.start(1), lex)
        name = f"{lex.demonym_of.get(mod[0], mod[0])} state media" if mod else ""
        out.append(_Cand(m.start(1), m.end(1), name, "media", 2, affiliation=mod[0] if mod else ""))
    return out


def _is_name(s: str, lex: Lexicon, single_ok: bool = False) -> bool:
    words = s.replace("-", " ").split()
    if not words or (len(words) < 2 and not single_ok) or words[0] in NOT_NAME or s in lex.places:
        return False
    if any(f"{a} {b}" in lex.places for a, b in zip(words, words[1:])):
        return False
    return not any(w in NOT_NAME or w in lex.surfaces or w.upper() == w and len(w) > 3 for w in words)


def _title_before(text: str, start: int, lex: Lexicon) -> tuple[str, int]:
    """The title phrase right before a name ("US President", "army chief", "Maj. Gen."), with its start."""
    window = text[max(0, start - 90):start]
    best = ("", start)
    for m in lex.titles.finditer(window):
        if re.fullmatch(r"[ ]+", window[m.end():]):
            best = (m[0], start - len(window) + m.start())
    if not best[0]:
        return best
    # Chains of titles and modifiers: "Pakistani military spokesperson Major General".
    s = best[1]
    while True:
        prev = re.search(r"(?<![\w.’'-])((?:[A-Z][\w’'-]*|(?:[A-Z]\.){2,}|Maj\.|Gen\.|Lt\.|Col\.|Brig\.|military|army|foreign|"
                         r"policy|top|senior|chief|deputy|former)[ ]+)$", text[max(0, s - 40):s])
        if not prev or prev[1].strip() in NOT_NAME - {"Foreign", "Defence", "Defense", "Security", "Supreme", "Army", "Navy",
                                                   "Police", "Air", "Force", "Interior", "State", "Ministry", "Union",
                                                   "Nations", "Council", "Department", "Office", "Committee",
                                                   "Commission", "Agency", "Kingdom", "States", "United"}:
            break
        s -= len(prev[1])
    return text[s:start].strip(), s


SPEAKER_AFTER = re.compile(r"(?:,\s+[^,.;]{2,60},)?(?:,\s+who\b|\s+who\b|\s+(?:said|says|told|wrote|added|warned|"
                           r"tweeted|stated|insisted|explained|noted|claimed|reported|denied|urged|confirmed|"
                           r"announced|described|remarked|cautioned|charged|argued)\b)")
APPOSITION = re.compile(r",\s+((?:a|an|the|his|her|its|their)?\s*[^,.;:()\"“”]{2,80}?)(?=,|\.|;|\s+(?:who|said|says)\b|$)")
PRE_APPOSITION = re.compile(r".*(?<![\w’'-])((?:(?:a|an|the|his|her|its|their)\s+|[A-Z][\w]*['’]s\s+)[^,.;]{2,60}),\s+$")
VERB_AFTER_SURNAME = re.compile(r"\s+(?:[a-z]+ed|said|says|sold|was|is|had|has|went|took|made|told|wrote|met|led|"
                                r"left|ran|will|would|could|added)\b")


def _has_role_noun(phrase: str, lex: Lexicon) -> bool:
    words = [w.lower() for w in re.findall(r"[\w-]+", phrase)]
    return any(w in lex.role_nouns for w in words) or any(
        f"{a} {b}" in lex.role_nouns for a, b in zip(words, words[1:]))


def _surname_acts(text: str, surname: str, own: int, seen: dict) -> bool:
    """Whether the surname alone acts elsewhere ('Yusubov sold the truck'), a sign of a person's name."""
    if surname not in seen:
        seen[surname] = [x.start() for x in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text)
                         if VERB_AFTER_SURNAME.match(text, x.end())]
    return any(start != own for start in seen[surname])


def _person_cands(text: str, lex: Lexicon) -> list[_Cand]:
    out, seen = [], {}
    for m in NAME_RE.finditer(text):
        s, e = _strip_leading(text, m.start(), m.end(), lex), m.end()
        name = text[s:e]
        if not name or len(name.split()) > 4 or lex.titles.fullmatch(name + ".") or name in lex.surfaces:
            continue
        title, _ = _title_before(text, s, lex)
        last_title = title.split()[-1] if title else ""
        single_ok = bool(title) and (last_title in lex.ranks or last_title in ("President", "Chancellor", "Comd"))
        if not _is_name(name, lex, single_ok):
            continue
        after = text[e:e + 100]
        role = title
        appo = APPOSITION.match(after)
        if not role and appo and (_has_role_noun(appo[1], lex) or lex.titles.match(appo[1].strip())) \
                and not NAME_RE.fullmatch(appo[1].strip()):
            role = re.sub(r"^(a|an|the|his|her|its|their)\s+", "", appo[1].strip())
        if not role:
            pre = PRE_APPOSITION.search(text[max(0, s - 80):s])
            if pre and _has_role_noun(pre[1], lex):
                role = re.sub(r"^(a|an|the|his|her|its)\s+", "", pre[1])
        speaker = SPEAKER_AFTER.match(after)
        according = re.search(r"(?:\baccording to|\b(?:said|says|added|wrote))\s+$", text[max(0, s - 20):s], re.I)
        surname_again = " " in name and _surname_acts(text, name.split()[-1], s + name.rindex(" ") + 1, seen)
        if not (role or speaker or according or surname_again):
            continue
        aff = ""
        scope = role + (text[e:e + 30] if re.match(r" of [A-Z]", after) else "")
        found = sorted(_lexicon_cands(scope, lex) + _pattern_cands(scope, lex), key=lambda c: c.start)
        if found:
            aff = found[0].affiliation or found[0].name
        out.append(_Cand(s, e, name, "person", 2, affiliation=aff, role=role))
    return out


def _resolve(cands: list[_Cand], fixed: list[_Cand] = ()) -> list[_Cand]:
    """Greedy non-overlapping choice: longest first, then by priority."""
    chosen = list(fixed)
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.prio, c.start)):
        if c.name and all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _strip_leading(text: str, s: int, e: int, lex: Lexicon) -> int:
    """Move the start of a capitalised run past titles, stop words and known entities."""
    while s < e:
        rest = text[s:e]
        t = lex.titles.match(rest)
        if t and (len(rest) == t.end() or rest[t.end()] == " "):
            s += t.end() + 1
            continue
        word = rest.split(" ", 1)[0]
        if word in NOT_NAME or re.sub(r"['’]s$", "", word) in lex.surfaces:
            s += len(word) + 1
            continue
        break
    return s


def _second_pass(text: str, chosen: list[_Cand], lex: Lexicon) -> list[_Cand]:
    """Mentions that depend on the first pass: acronyms, surnames, bare 'state TV', coordinated states."""
    extra = []
    acronyms = {}
    for c in chosen:
        m = ACRONYM_DEF.match(text, c.end)
        if m and c.kind != "person" and (_initials_fit(m[1], text[c.start:c.end])
                                         or re.search(rf"\b(?:{ORG_HEADS})\b", text[c.start:c.end])):
            acronyms[m[1]] = c
    for acr, c in acronyms.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", text):
            extra.append(_Cand(m.start(), m.end(), c.name, c.kind, 1, affiliation=c.affiliation))
    full = {}
    for c in chosen:
        if c.kind == "person" and " " in c.name:
            full.setdefault(_surname(c.name), set()).add(c.name)
            nick = re.match(r",?\s+(?:also\s+)?(?:known as|alias|dubbed|nicknamed)\s+([A-Z][\w-]+)\b", text[c.end:])
            if nick and nick[1] not in lex.surfaces:
                full.setdefault(nick[1], set()).add(c.name)
    for c in chosen:
        if c.kind == "person" and " " not in c.name and len(full.get(c.name, ())) == 1:
            c.name = next(iter(full[c.name]))
    for surname, names in full.items():
        if len(names) != 1:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            extra.append(_Cand(m.start(), m.end(), next(iter(names)), "person", 1))
    last = {"media": "", "armed_group": ""}
    for c in chosen:
        if c.name.endswith(" state media") or c.name.endswith(" junta"):
            last[c.kind] = c.name
        elif not c.name and c.kind in last:
            c.name = last[c.kind]  # "state TV", "the junta": the one named before
    _propagate_coordination(text, chosen)
    _link_bare_bodies(chosen, lex)
    return _resolve(extra, chosen)


def _surname(name: str) -> str:
    """Last word of a name without an Arabic article: 'Abdel Fattah al-Burhan' -> 'Burhan'."""
    return re.sub(r"^(?:al|el| al|ad|as|ash|at|ar|az)-", "", name.split()[-1])


def _link_bare_bodies(chosen: list[_Cand], lex: Lexicon) -> None:
    """'the Defence Ministry' / 'Ministry of Defense' after 'Azerbaijan's Defence Ministry' is that same body."""
    affiliated = {}
    for c in chosen:
        if c.kind in ("organization", "armed_group") and c.affiliation:
            prefix = lex.demonym_of.get(c.affiliation, c.affiliation)
            tail = c.name[len(prefix) + 1:] if c.name.startswith(prefix + " ") else c.name
            affiliated.setdefault(_norm_key(tail), set()).add((c.name, c.affiliation))
    for c in chosen:
        if c.kind in ("organization", "armed_group") and not c.affiliation:
            hit = affiliated.get(_norm_key(c.name))
            if hit and len(hit) == 1:
                c.name, c.affiliation = next(iter(hit))


def _initials_fit(acr: str, phrase: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", phrase) if w and w.lower() not in ("of", "the", "and", "for")]
    initials = "".join(w[0] for w in words).lower()
    return acr[0].lower() == initials[:1] and all(ch in initials for ch in acr.lower())


def _propagate_coordination(text: str, chosen: list[_Cand]) -> None:
    """States joined by 'and'/commas share one role: 'India and Pakistan said' makes both actors."""
    states = [c for c in chosen if c.kind == "state"]
    i = 0
    while i < len(states):
        j = i
        while j + 1 < len(states) and re.fullmatch(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?",
                                                    text[states[j].end:states[j + 1].start]):
            j += 1
        if j > i:
            group = states[i:j + 1]
            before = _word_before(text, group[0].start)
            if before in PLACE_WORDS:
                for c in group:
                    c.actor_like = c.actor_like and text[c.end - 2:c.end] in ("'s", "’s")
            elif any(c.actor_like for c in group):
                for c in group:
                    c.actor_like = True
        i = j + 1


def find_actor_mentions(text: str) -> list[Mention]:
    """Every actor mention in `text`, ordered by position, non-overlapping."""
    lex = lexicon()
    first = _lexicon_cands(text, lex) + _pattern_cands(text, lex)
    people = _person_cands(text, lex)
    chosen = _resolve(first + people)
    chosen = _second_pass(text, chosen, lex)
    return [Mention(c.start, c.end, text[c.start:c.end], c.name, c.kind, c.actor_like, c.affiliation, c.role)
            for c in chosen if c.name]


# ---------------------------------------------------------------- per-article actors

RELAY = re.compile(r"^[\s,]*(?:news agency|agency)?[\s,]*(?:the\s+)?(?:[\w’'\"“”-]+\s+){0,6}?"
                   r"(?:said|says|claimed|claims|reported|reports|announced|stated|added)\b")
NON_PERSON_APPOSITION = re.compile(r",\s+((?:a|an|the)\s+[a-zA-Z][^,.;:()]{2,60}?)(?=[,.;]|\s+(?:which|that|said)\b)")
GROUP_NOUNS = re.compile(r"\b(group|movement|organi[sz]ation|militia|alliance|bloc|agency|body|outlet|channel|"
                         r"broadcaster|newspaper|force|party|faction|network|wing|source|service|committee|council)\b")


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def _is_own_outlet(name: str, aliases: set[str], outlet: str) -> bool:
    """The publishing outlet (or the wire it carries) is the source, not an actor of the story."""
    o = f" {_norm(outlet)} "
    return any(len(_norm(a)) >= 2 and f" {_norm(a)} " in o for a in {name, *aliases})


def _is_relay(text: str, m: Mention, others: list[Mention]) -> bool:
    """'According to Reuters, X said ...', a '(Reuters)' credit or 'a CBS reporter': the outlet only carries it."""
    if text[m.start - 1:m.start] == "(" and text[m.end:m.end + 1] == ")":
        return True
    if re.match(r"\s+(?:reporter|correspondent|journalist|anchor|producer|editor|interview)s?\b", text[m.end:]):
        return True
    if not re.search(r"according to\s+(?:the\s+)?$", text[max(0, m.start - 20):m.start], re.I):
        return False
    tail = text[m.end:m.end + 120]
    return any(0 < o.start - m.end < 80 and o.kind != "media" or o.name.endswith("state media") and o is not m
               for o in others) and bool(RELAY.search(tail) or re.search(r"\b(said|claimed|reported)\b", tail[:100]))


def extract_actors(ctx) -> list[Actor]:
    """One Actor per entity mentioned in the article, each citing its most informative mention's sentence."""
    article = ctx.article
    text = article.text
    mentions = ctx.mentions or []
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        groups.setdefault((m.name, m.kind), []).append(m)
    actors = []
    for (name, kind), ms in groups.items():
        surfaces = {_clean_surface(m.surface) for m in ms}
        if kind == "state" and not any(m.actor_like for m in ms):
            continue
        if kind == "media" and (_is_own_outlet(name, surfaces, article.outlet)
                                or all(_is_relay(text, m, mentions) for m in ms)):
            continue
        best = next((m for m in ms if m.role), None) or next((m for m in ms if m.actor_like), ms[0])
        sentence = next((s for s in ctx.sentences if s.start <= best.start < s.end), None)
        start, end = (sentence.start, sentence.end) if sentence else (best.start, best.end)
        role = best.role
        if not role and kind in ("organization", "armed_group", "media"):
            appos = [a for a in (NON_PERSON_APPOSITION.match(text, m.end) for m in ms) if a and GROUP_NOUNS.search(a[1])]
            role = re.sub(r"^(a|an|the)\s+", "", appos[0][1]) if appos else ""
        affiliation = next((m.affiliation for m in ms if m.affiliation and m.affiliation != name), "")
        actors.append(Actor(name=name, kind=kind, aliases=sorted(surfaces - {name}), role=role,
                            affiliation=affiliation, mentions=len(ms),
                            citations=[_cite(article, start, end)]))
    return sorted(actors, key=lambda a: (-a.mentions, KIND_ORDER.get(a.kind, 9), a.name))


def _clean_surface(s: str) -> str:
    return re.sub(r"['’]s$", "", s.strip())


def _cite(article, start: int, end: int) -> Citation:
    while start < end and article.text[start].isspace():
        start += 1
    while end > start and article.text[end - 1].isspace():
        end -= 1
    return Citation(source=article.key, quote=article.text[start:end], start=start, end=end)


# ---------------------------------------------------------------- merging across articles

def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "the", "and", "for", "e", "al")]
    return "".join(w[0] for w in words).upper()


def _similar(a: str, b: str, ratio: float) -> bool:
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= ratio


def _same_person(a: Actor, b: Actor) -> bool:
    na, nb = a.name.split(), b.name.split()
    if na == nb:
        return True
    if len(na) == 1 or len(nb) == 1:
        return False  # single names are joined to a unique full name separately
    first_a, last_a, first_b, last_b = na[-2], _surname(a.name), nb[-2], _surname(b.name)
    if last_a.lower() == last_b.lower():
        return _similar(first_a, first_b, 0.8) or first_a in nb or first_b in na
    return first_a.lower() == first_b.lower() and _similar(last_a, last_b, 0.85)


def _key(name: str) -> str:
    return _norm(_norm_key(name))


def _compatible(a: Actor, b: Actor) -> bool:
    """Bodies of different states never merge ('Indian Foreign Ministry' vs 'Pakistani Foreign Ministry')."""
    return not (a.kind != "person" and a.affiliation and b.affiliation and a.affiliation != b.affiliation)


class _Clusters:
    """Union-find over actor indices."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def merge_actors(actors: list[Actor]) -> list[Actor]:
    """Merge actors across articles: one per entity, aliases and citations united, most mentioned first."""
    uf = _Clusters(len(actors))
    people = [i for i, a in enumerate(actors) if a.kind == "person"]
    bodies = [i for i, a in enumerate(actors) if a.kind != "person"]
    buckets: dict[tuple, list[int]] = {}
    for i in people:
        words = actors[i].name.lower().split()
        if len(words) > 1:
            buckets.setdefault(("last", _surname(actors[i].name).lower()), []).append(i)
            buckets.setdefault(("first", words[0]), []).append(i)
    by_key: dict[str, list[int]] = {}
    for i in bodies:
        a = actors[i]
        for n in {_key(x) for x in [a.name, *a.aliases]} - {""}:
            by_key.setdefault(n, []).append(i)
        buckets.setdefault(("fuzzy", a.kind, a.name.lower()[:4]), []).append(i)
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                a, b = actors[i], actors[j]
                same = _same_person(a, b) if a.kind == "person" else (
                    a.kind == b.kind and len(a.name) > 8 and _similar(a.name, b.name, 0.9))
                if same and _compatible(a, b):
                    uf.union(i, j)
    # Shared names or aliases: bodies with the same affiliation (or none on both sides) are one.
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if actors[i].affiliation == actors[j].affiliation:
                    uf.union(i, j)
    # Acronyms: "IRGC" joins "Islamic Revolutionary Guard Corps".
    by_initials: dict[str, set[int]] = {}
    for i in bodies:
        if len(actors[i].name.split()) >= 2:
            by_initials.setdefault(_initials(actors[i].name), set()).add(i)
    for i in bodies:
        for n in [actors[i].name, *actors[i].aliases]:
            if n.isupper() and 2 <= len(n) <= 6:
                for j in sorted(by_initials.get(n, ())):
                    if _compatible(actors[i], actors[j]):
                        uf.union(i, j)
    # Weak links: an unaffiliated body, or a single name ("Trump"), joins the one cluster it fits.
    for i in bodies:
        if not actors[i].affiliation:
            roots = {uf.find(j) for j in by_key.get(_key(actors[i].name), ())}
            if len(roots - {uf.find(i)}) == 1:
                uf.union(i, (roots - {uf.find(i)}).pop())
    for i in people:
        if " " not in actors[i].name:
            roots = {uf.find(j) for j in buckets.get(("last", actors[i].name.lower()), ())}
            if len(roots) == 1:
                uf.union(i, roots.pop())
    clusters: dict[int, list[Actor]] = {}
    for i, a in enumerate(actors):
        clusters.setdefault(uf.find(i), []).append(a)
    merged = [_merge_cluster(c) for c in clusters.values()]
    return sorted(merged, key=lambda a: (-a.mentions, KIND_ORDER.get(a.kind, 9), a.name))


def _merge_cluster(cluster: list[Actor]) -> Actor:
    weight: dict[str, int] = {}
    for a in cluster:
        weight[a.name] = weight.get(a.name, 0) + a.mentions
    kinds = sorted({a.kind for a in cluster}, key=lambda k: KIND_ORDER.get(k, 9))
    name = max(weight, key=lambda n: (len(n.split()) > 1 if kinds[0] == "person" else 0, weight[n], len(n), n))
    aliases = sorted({x for a in cluster for x in [a.name, *a.aliases]} - {name})
    citations, seen = [], set()
    for a in cluster:
        for c in a.citations:
            if (c.source, c.start, c.end) not in seen:
                seen.add((c.source, c.start, c.end))
                citations.append(c)
    ranked = sorted(cluster, key=lambda a: -a.mentions)
    return Actor(name=name, kind=kinds[0], aliases=aliases, citations=citations,
                 role=next((a.role for a in ranked if a.role), ""),
                 affiliation=next((a.affiliation for a in ranked if a.affiliation), ""),
                 mentions=sum(a.mentions for a in cluster))

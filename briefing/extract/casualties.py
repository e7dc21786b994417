"""Casualty figures: numbers, hedges, outcomes, victims, place and who reported them.

One `Casualty` per reported figure in a sentence. A figure counts people when it is tied to an outcome:
  "Twenty jawans lost their lives", "40 others were wounded", "80 casualties"      (number … outcome)
  "killed at least 68 refugees", "left 44 Indian paramilitary police dead"        (verb … number)
  "the death toll rose to nine, up from seven"                                    (toll; `supersedes` 7)
  "three women and four children were killed", "a captain and three soldiers died" (parts [3, 4], [1, 3])
  "four more soldiers … had died of their wounds, taking the total to 11"        (4, qualifier "more"; 11)
  "nine are being treated at a hospital in the capital and four elsewhere"       (injured; gapped predicate)
  "the rebels freed six soldiers"                                                 (captured: a release)
  "no casualties", "no one was hurt", "there were no reports of deaths"           (count 0)
The noun after the number must name people ("soldiers", "Palestinians", "others"), so "five missiles"
or "eight regions" never count. Vague plurals ("dozens", "hundreds", "scores") give no number and are
left out: null counts cannot be compared or checked, and a briefing reader is better served by the
numbered figures next to them. "casualties" counts as killed (the usual sense of a casualty tally).
Numbers inside "including …" / ", nine of them children," asides are parts of the main figure, not
figures of their own. "N more" / "another N" is an increment (qualifier kept; merge never sets it against
a total) unless the figure before it has another outcome ("30 killed … Another 90 were wounded"). In a
relative clause ("soldiers who had been injured … died") the main clause's outcome wins. "A soldier was
killed" is not counted: "a" names one person far more often than it reports a tally; it counts as 1 only
inside a breakdown and in "a member of <group>" (like "one of its diplomats": one of a named group is a tally
of that group). Hypothetical figures ("ready to die", "could kill", "would be killed", "threatened to kill")
are left out and "feared dead" counts as missing (casualty_mood.py). Groups joined by "and" are summed into one figure with `parts` only when they are of
one side; "two soldiers and three civilians" stays two figures, since no total is stated.

`merge_casualties` (briefing/extract/casualty_merge.py, re-exported here) joins the same figure from
several sources and lines up differing figures for the same incident as a `Discrepancy`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from briefing.extract.attribution import CONTINUATION, find_claimant
from briefing.extract.casualty_figures import DEMONYM_PLURALS, nationalities
from briefing.extract.casualty_mood import hypothetical, presumed_dead
from briefing.extract.casualty_patterns import (
    BARE_OBJECT_END, CHAIN_GAP, FORCES, FROM_TO, HOLD_VERB, HOSTAGES_AFTER, LEFT_FAST, LEFT_ADJECTIVES,
    LIVES_AFTER, LIVES_VERB, MEMBER_WORDS, NEGATION, NEGATION_WORDS, NP_AFTER, NP_STOP, OBJECT_VERBS, OF_NUMBER,
    OUTCOME_FAST, OUTCOMES, PARTITIVE, PERSON_NOUNS, RIGHT_FAST, RIGHT_GATED, RISE, RISE_WORDS, TOLL_END, TOLL_LEFT,
    TOTAL_LEFT, UP_FROM, ZERO_NOUN, ZERO_SUBJECT_FAST, figure_sentences,
)
from briefing.extract.casualty_place import figure_location, places_in
from briefing.extract.quantities import LEXICON, Figure, find_figures
from briefing.extract.text import cite
from briefing.extract.words import folded_text, lowered, sentence_words, tail_search, words_of
from briefing.model import Casualty

SPACES = re.compile(r"\s+")
DIED_OF_PHRASE = re.compile(r"(?:died|succumbed) (?:of|from|to)\b")
INJURED_PHRASE = re.compile(r"(?:being )?treated\b|(?:admitted|rushed|airlifted) to\b|receiving\b|"
                            r"in\b.*\b(?:hospitals?|clinics?|facilit(?:y|ies))$")
OF_SPLIT = re.compile(r"(?<=\S)\s+of\s+(?=\S)")
ANY_DIGIT = re.compile(r"\d")
MORE_OR_OTHERS = re.compile(r"(?:more|others?)")
FILLER_START = re.compile(r"^(?:more|other|others|of\s+(?:the|them|those|these|its|their|his|her|our))\b\s*",
                          re.IGNORECASE)
CLAUSE_PUNCT = re.compile(r"[,;.:]")
OUTCOME_WORD = re.compile(rf"(?<![\w-])(?:{OUTCOME_FAST})\b", re.IGNORECASE)
OUTCOME_IN = re.compile(rf"\b(?:{OUTCOME_FAST})\b", re.IGNORECASE)
BY_AFTER = re.compile(r"\s+by\b")
OR_AND_START = re.compile(r"^\s+(?:or|and)\s+")
OR_START = re.compile(r"^\s+or\s+")
COMMA_WHO = re.compile(r",\s*who\b")
WHICH_WHO_ASIDE = re.compile(r",\s*(?:which|who)\b[^,]*,")
PROJECTION_BEFORE = re.compile(r"\b(?:could|may|might|will|would|expected|likely)\b[^.;]{0,30}$")
BODIES = re.compile(r"\b(?:bodies|remains)\b", re.IGNORECASE)
AUXILIARY = re.compile(r"\b(?:were|was|are|is|have|has|had|been|being)\b")
ASIDE_BEFORE = re.compile(r"(?:\(|,)\s*(?:including|among them|among whom|of whom)\s[^,()]*$", re.IGNORECASE)
ASIDE_WORDS = {"including", "among", "whom"}  # an ASIDE_BEFORE match holds one, whole
JOIN_END = re.compile(r"(?:,\s*and|,|and)\s*$")
GROUP_STOP = NP_STOP - {"the", "a", "an"}
RELEASE_VERBS = {"freed", "released", "set free", "freeing", "frees", "releasing", "releases"}


@lru_cache(maxsize=4096)  # outcome phrases repeat: the labels are looked up once per phrase
def _outcome(phrase: str) -> Optional[str]:
    """Outcome label of an outcome phrase ("lost their lives" → killed, "under army custody" → captured)."""
    phrase = SPACES.sub(" ", phrase.lower().strip())
    if phrase.endswith("custody"):
        return "captured"
    if DIED_OF_PHRASE.match(phrase):
        return "killed"
    if INJURED_PHRASE.match(phrase):
        return "injured"
    return OUTCOMES.get(phrase) or ("killed" if phrase == "lost" else None)


@lru_cache(maxsize=4096)
def _is_person_np(np: str) -> bool:
    """True when a victim phrase names people (or is empty: "20 killed")."""
    # "employees of the World Food Programme (WFP)": the head is before "of"; the rest names their group.
    split = OF_SPLIT.search(np)
    head, group = (np[:split.start()], np[split.end():]) if split else (np, "")
    group_words = {w.strip(".,()").lower() for w in group.split()}
    if group_words & GROUP_STOP or ANY_DIGIT.search(group):
        return False  # "a member of the council when 12 people …": a clause, not a group name
    words = [w.strip("\"“”'‘’.,()").lower() for w in head.split()]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    if not words:
        return True
    if any(w in NP_STOP for w in words):
        return False
    return any(w in PERSON_NOUNS or w + "s" in PERSON_NOUNS or w in DEMONYM_PLURALS for w in words) or bool(
        MORE_OR_OTHERS.fullmatch(words[0]))


@lru_cache(maxsize=4096)
def _victims(np: str) -> str:
    """Victim phrase without quotes and "more/others" fillers."""
    text = np.strip().strip(",").strip()
    if len(text) > 2 and text[0] in "\"“'‘" and text[-1] in "\"”'’":
        return text  # a quoted label stays quoted: it is someone's wording
    text = FILLER_START.sub("", text)
    return text.strip("\"“”'‘’ .,;:")


RELEASE_WORDS = {"freed", "released", "set free"}
NOT_HELD_AFTER = re.compile(r"\s+from\s+(?:the\s+)?(?:\w+\s+)?(?:hospitals?|rubble|debris|ruins|wreckage)\b",
                            re.IGNORECASE)
RELATIVE = re.compile(r"\s(?:who|whom)\s", re.IGNORECASE)
OF_THEM = re.compile(r"\s+of\s+(?:them|whom)\b")
COMMA_END = re.compile(r",\s*$")
MORE = re.compile(r"\s+more\b")


def _main_outcome(after: str, m: re.Match) -> Optional[re.Match]:
    """For "four soldiers who had been injured … had died of their wounds": the main clause's outcome (the last
    one before the clause ends), not the one inside the relative clause; None when there is no later one."""
    clause_end = CLAUSE_PUNCT.search(after[m.end("out"):])
    rest = after[m.end("out"):m.end("out") + clause_end.start() if clause_end else len(after)]
    later = [o for o in OUTCOME_WORD.finditer(rest)
             if not (o.group(0).lower() in RELEASE_WORDS and NOT_HELD_AFTER.match(rest, o.end()))]
    if not later or find_figures(rest[:later[-1].start()]):
        return None
    return later[-1]


def _classify(text: str, fig: Figure,
              folded: Optional[str] = None) -> Optional[tuple[Optional[str], str, int, list[str]]]:
    """(outcome, victims, end offset, extra outcomes) when `fig` in `text` counts people, else None.
    The outcome is None for a running total ("taking the total to 20"): the caller gives it the outcome of
    the figure before it. `folded`: the text folded (words.lowered), when the caller has it."""
    # Bounded context keeps a sentence with very many numbers linear; every cue fits well inside it.
    after, before = text[fig.end:fig.end + 400], text[max(0, fig.start - 200):fig.start]
    if OF_THEM.match(after) and tail_search(COMMA_END, before, 1):
        return None  # ", nine of them children,": a part of the figure before it
    if OF_NUMBER.match(after):
        return None  # "one of 14 people killed", "three of the four men": the later number is the figure
    m = RIGHT_GATED.search(after, (lowered(text) if folded is None else folded)[fig.end:fig.end + 400])
    if m and PARTITIVE.fullmatch(m.group("np")) and not m.group("aux"):
        return None  # "two of the injured are …": a part of a group counted elsewhere
    np = m.group("np") if m else ""
    relative = RELATIVE.search(np + " ")
    if relative:
        np = np[:relative.start()]
    if m and (_is_person_np(np) or PARTITIVE.match(np)):
        out_text, out_end = m.group("out"), m.end()
        main = _main_outcome(after, m) if relative else None
        if main:
            out_text, out_end = main.group(0), m.end("out") + main.end()
        outcome = _outcome(out_text)
        if hypothetical(after[:out_end]):
            return None  # "25,000 of his men were ready to die", "200 would be killed if …"
        if outcome == "killed" and presumed_dead(after[:out_end]):
            outcome = "missing"  # "feared dead": unaccounted for, not a confirmed death
        if outcome and m.group("alt") and fig.count and not main:
            return None  # "20 killed or injured": a combined tally of two outcomes
        if outcome and out_text.lower() in RELEASE_WORDS and (
                NOT_HELD_AFTER.match(after, out_end) or not (m.group("aux") or BY_AFTER.match(after, out_end))):
            outcome = None  # "released from hospital"; "five soldiers released a video" (active)
        if outcome:
            extra = [o for o in [_outcome(OR_AND_START.sub("", m.group("alt") or ""))] if o and not main]
            aside = m.group("aside") or ""
            victims = _victims(np + ("" if relative or COMMA_WHO.match(aside) else aside))
            return outcome, victims, fig.end + out_end, extra
    lives = LIVES_AFTER.match(after)
    if lives and LIVES_VERB.search(before):
        return "killed", "", fig.end + lives.end(), []  # "the blast claimed 12 lives"
    hostages = HOSTAGES_AFTER.match(after)
    if hostages and HOLD_VERB.search(before):
        return "captured", hostages.group(1), fig.end + hostages.end(), []  # "took 20 hostages"
    left = tail_search(LEFT_FAST, before, 8)
    # A toll, rise or total ends in one of TOLL_END's words right before the number.
    ends_like_toll = tail_search(TOLL_END, before, 1)
    toll = (TOLL_LEFT.search(before) or RISE.search(before)) if ends_like_toll else None
    total = TOTAL_LEFT.search(before) if ends_like_toll else None
    if left or toll or total:
        n = NP_AFTER.match(after)
        np = n.group("np") if n else ""
        if not _is_person_np(np):
            return None
        end = fig.end + (n.end() if n else 0)
        if toll or total:
            lead = WHICH_WHO_ASIDE.sub(" ", before[max(0, (toll or total).start() - 40):])
            if hypothetical(lead) or PROJECTION_BEFORE.search(before[:(toll or total).start()]):
                return None  # "the toll is expected to rise to 50", "could climb to 200": a projection
            outcome = _outcome(m.group("out")) if m else None
            named = OUTCOME_IN.search(total.group(0)) if total else None
            outcome = outcome or (_outcome(named.group(0)) if named else None)  # "the total number of deaths to"
            return outcome or ("killed" if toll else None), _victims(np), end, []
        if hypothetical("", before[:left.start()]):
            return None  # "could kill thousands", "threatened to kill 12 hostages"
        verb = SPACES.sub(" ", left.group("verb").lower())
        outcome = OBJECT_VERBS.get(verb)
        if outcome is None:  # "left 44 … dead"
            if not (n and n.group("adj")):
                return None
            outcome = LEFT_ADJECTIVES[n.group("adj").lower()]
        if not np.strip() and verb not in ("deaths of", "death of") and not BARE_OBJECT_END.match(after):
            return None  # "killed 12 and wounded 30" counts; "killed 12 …" followed by anything else needs a noun
        if verb in RELEASE_VERBS and BODIES.search(np):
            return None  # "released 12 bodies": the dead, not people held
        return outcome, _victims(np), end, []
    return None


def _chains(text: str, figures: list[Figure]) -> list[list[Figure]]:
    """Group figures joined into a breakdown ("three women and four children")."""
    groups: list[list[Figure]] = []
    for fig in figures:
        if groups:
            between = text[groups[-1][-1].end:fig.start]
            joined = between.rstrip()  # CHAIN_GAP needs a gap ending in "," or "and": most gaps are tested cheaply
            gap = CHAIN_GAP.match(between) if joined.endswith(",") or joined[-3:].lower() == "and" else None
            np = gap.group("np") if gap else ""
            if gap and not OF_THEM.match(text, fig.end) and _is_person_np(np) and not _outcome_in(np) \
                    and not AUXILIARY.search(np):
                groups[-1].append(fig)
                continue
        groups.append([fig])
    return groups


def _gapped(text: str, fig: Figure, found: list[dict], figures: list[Figure]):
    """The previous figure's outcome for a figure whose predicate is gapped ("… and four in other hospitals")."""
    if not found or "end" not in found[-1] or fig.start < found[-1]["end"]:
        return None
    prev_end = found[-1]["end"]
    if any(prev_end <= f.start < fig.start for f in figures) or not GAPPED_JOIN.match(text[prev_end:fig.start]):
        return None
    if not GAPPED_AFTER.match(text[fig.end:]):
        return None
    return found[-1]["outcome"], "", fig.end, []


def _outcome_in(text: str) -> bool:
    return bool(OUTCOME_IN.search(text))


def _inside_aside(text: str, fig: Figure, words: Optional[set[str]] = None) -> bool:
    """True for a number inside "(including …)" or ", including …," — a part, not a figure. `words`: the
    sentence's (folded) words, when the caller has them."""
    if words is not None and ASIDE_WORDS.isdisjoint(words):
        return False
    return bool(ASIDE_BEFORE.search(text[max(0, fig.start - 200):fig.start]))


def _date(ctx, sentence, dated: Optional[list] = None):
    """Resolved date of the sentence, else the article's publication date. `dated`: the article's date mentions
    that have a date, when the caller has them."""
    for d in ctx.dates if dated is None else dated:
        if d.date and d.start >= sentence.start and d.end <= sentence.end:
            return d.date
    return ctx.article.published


def _supersedes(text: str, fig: Figure, figures: list[Figure], rising: bool = True) -> Optional[int]:
    """Earlier figure in a rising toll: "rose to nine, up from seven" / "rose from seven to nine". `rising`: False
    when the sentence has none of RISE_WORDS (then RISE cannot match)."""
    if not rising or not tail_search(RISE, text[:fig.start], 5):
        return None
    up = UP_FROM.match(text[fig.end:])
    if up:
        later = [f for f in figures if f.start == fig.end + up.end()]
        if later:
            return later[0].count
    earlier = [f for f in figures if f.end <= fig.start and tail_search(FROM_TO, text[:f.start], 1)]
    return earlier[-1].count if earlier else None


def _breakdown(text: str, group: list[Figure], outcome: str, articles: set[int]) -> list[dict]:
    """Figures joined by "and": one summed figure with `parts` for groups of one side ("three women and
    four children", "a captain and three soldiers"); separate figures for groups of different sides or forces
    ("two soldiers and three civilians", "200 Palestinians and 21 Israeli police"), since no total is stated
    for those. An article-counted part ("a civilian") is not a figure of its own once the groups are split."""
    head, last = group[0], group[-1]
    right = RIGHT_FAST.match(text[last.end:])
    tail = (right.group("np") if right else (NP_AFTER.match(text[last.end:]) or [""])[0]).rstrip(".,;:")
    victims = [_victims(JOIN_END.sub("", text[a.end:b.start])) for a, b in zip(group, group[1:])]
    victims.append(_victims(tail))
    nations = [nationalities(v) for v in victims]
    forces = [bool(set(v.lower().split()) & FORCES) for v in victims]
    if len(set(forces)) > 1 or any(a and b and not a & b for a in nations for b in nations):
        return [dict(fig=f, count=f.count, count_max=f.count_max, outcome=outcome, victims=v, figure=f.text, parts=[])
                for f, v in zip(group, victims) if f.start not in articles]
    wording = text[head.start:last.end + len(tail)]
    return [dict(fig=head, count=sum(f.count for f in group), count_max=None, outcome=outcome,
                 victims=_victims(wording), figure=wording, parts=[f.count for f in group])]


# "a member of its embassy staff was shot dead": one person of a named group is a count of 1, like "one of its
# diplomats"; a bare "a soldier" is not (see the module docstring).
MEMBER_ONE = re.compile(r"(?<![\w-])[Aa]n?(?=\s+(?:member|staff\s+member|staffer|employee)\s+of\s)")
# (?<![\w-])[Aa]n?(?=\s+\w), with the lookbehind after the letter: the engine skips ahead to an "a" or "A".
ARTICLE_ONE = re.compile(r"[Aa](?<![\w-][Aa])n?(?=\s+\w)")
INCREMENTAL = set(LEXICON["incremental"])
CLAUSE_START = re.compile(r"(?:^|[,;:—–(]\s*|\b(?:that|and|while|when|as|but|after|said|says)\s+)$", re.IGNORECASE)
# "nine are being treated at a hospital in the capital and four in other hospitals": the second figure's predicate is
# left out (gapping) and is the first one's.
GAPPED_JOIN = re.compile(r"^[^,;:()]{0,60}?(?:,\s*)?\b(?:and|while|whereas)\s+$", re.IGNORECASE)
GAPPED_AFTER = re.compile(r"^\s+(?:(?:more|others)\s+)?(?:in|at|on|near|across|inside|outside)\s+"
                          r"(?!(?:an?\s+)?(?:critical|serious|stable|good|poor|satisfactory)\b)"
                          r"(?:[\w'’-]+\s+){0,2}?[\w'’-]+\s*(?:[,;.:)]|$|\s+(?:and|while|whereas|but)\b)", re.IGNORECASE)


def _article_figures(text: str, figures: list[Figure]) -> list[Figure]:
    """"a"/"an" as a count of one, for breakdowns only ("a captain and three soldiers")."""
    taken = [(f.start, f.end) for f in figures]
    found = []
    for m in ARTICLE_ONE.finditer(text):
        at = m.start()
        for start, end in taken:
            if start <= at < end:
                break  # the "a" of "a dozen"
        else:
            found.append(Figure(at, m.end(), m.group(0), 1, None, ""))
    return found


def _sentence_figures(text: str, previous_outcome: Optional[str] = None, folded: Optional[str] = None,
                      words: Optional[set[str]] = None) -> list[dict]:
    """Casualty figures of one sentence as dicts with sentence-relative offsets. `previous_outcome` is the
    outcome of the article's last figure before this sentence (tells "another 90 wounded" after a death
    toll — a figure of its own — from "four more died", an increment). `folded`, `words`: the sentence folded
    (words.lowered) and its words, when the caller has them."""
    folded = lowered(text) if folded is None else folded
    words = words_of(folded) if words is None else words
    figures = find_figures(text, folded, words)
    if not MEMBER_WORDS.isdisjoint(words):
        figures += [Figure(m.start(), m.end(), m.group(0), 1, None, "") for m in MEMBER_ONE.finditer(text)]
    articles = _article_figures(text, figures) if figures else []
    article_starts = {f.start for f in articles}
    found: list[dict] = []
    memo: dict[Figure, Optional[tuple]] = {}

    def classify(fig: Figure) -> Optional[tuple]:
        if fig not in memo:
            memo[fig] = _classify(text, fig, folded)
        return memo[fig]

    rising = not RISE_WORDS.isdisjoint(words)
    for group in _chains(text, sorted(figures + articles, key=lambda f: f.start)):
        if group[-1].start in article_starts and (len(group) == 1 or all(f.start in article_starts for f in group)):
            continue  # "a"/"an" only counts inside a breakdown with a number (skipped below as well)
        if group[0].start in article_starts and not tail_search(CLAUSE_START, text[:group[0].start], 1):
            head, tail = classify(group[0]), classify(group[-1])
            if not head or (tail and tail[0] != head[0]):
                group = group[1:]  # "police arrested a suspect and two others were hurt": not a part
        if not group:
            continue
        last = group[-1]
        if _inside_aside(text, group[0], words) or (
                last.start in article_starts and all(f.start in article_starts for f in group)):
            continue
        result = (classify(last) or classify(group[0])) if len(group) > 1 else None
        if result and result[0]:
            found += _breakdown(text, group, result[0], article_starts)
            continue
        for fig in group:
            if fig.start in article_starts:
                continue
            result = classify(fig) or _gapped(text, fig, found, figures)
            if not result:
                continue
            outcome, victims, end, extra = result
            before = found[-1]["outcome"] if found else previous_outcome
            if outcome is None:  # a running total takes the outcome of the figure before it
                if not found:
                    continue
                outcome = found[-1]["outcome"]
            if not victims and found:
                victims = found[-1]["victims"]
            more = MORE.match(text, fig.end)
            qualifier = "more" if more else fig.qualifier
            if qualifier in INCREMENTAL and before and before != outcome:
                qualifier = ""  # "30 killed … Another 90 were wounded": in addition
            wording = fig.text + (more.group(0) if more else "")
            for out in [outcome, *extra]:
                found.append(dict(fig=fig, count=fig.count, count_max=fig.count_max, outcome=out, victims=victims,
                                  figure=wording, parts=[], supersedes=_supersedes(text, fig, figures, rising), end=end,
                                  qualifier=qualifier))
    superseded = {f["supersedes"] for f in found if f.get("supersedes") is not None}
    found = [f for f in found if not (f["count"] in superseded and tail_search(FROM_TO, text[:f["fig"].start], 1))]
    negated = not NEGATION_WORDS.isdisjoint(words) and NEGATION.search(text)
    zeros = list(ZERO_NOUN.finditer(text)) + list(ZERO_SUBJECT_FAST.finditer(text)) if negated else []
    for m in zeros:
        outcomes = [_outcome(m.group("out")) or "killed"]
        alt = m.groupdict().get("alt")
        if alt:
            outcomes.append(_outcome(OR_START.sub("", alt)) or "killed")
        victims = (m.groupdict().get("victims") or "").strip()
        if m.groupdict().get("noun") and m.group("noun").lower() != "lives":
            victims = f"{victims} {m.group('noun')}".strip()
        victims = victims or (m.groupdict().get("of") or "").strip()
        zero = Figure(m.start(), m.end(), m.group(0), 0, None, "")
        for out in dict.fromkeys(outcomes):
            found.append(dict(fig=zero, count=0, count_max=None, outcome=out, victims=victims,
                              figure=m.group(0), parts=[]))
    return found


# Sentences recur verbatim across the articles of one situation (wire copy, updated versions of a story): the figures
# of each (a pure function of the sentence, its folded form and the outcome before it) are worked out once.
_FIGURES_MEMO: dict[tuple[str, str, Optional[str]], list[dict]] = {}
FIGURES_MEMO_SIZE = 4096


def _recalled_figures(text: str, previous_outcome: Optional[str], folded: str, words: set[str]) -> list[dict]:
    """`_sentence_figures(text, previous_outcome, folded, words)`, remembered for the last FIGURES_MEMO_SIZE
    sentences; each call gets its own dicts (the caller fills in victims) and parts lists."""
    key = (text, folded, previous_outcome)
    found = _FIGURES_MEMO.pop(key, None)
    if found is None:
        found = _sentence_figures(text, previous_outcome, folded, words)
        if len(_FIGURES_MEMO) >= FIGURES_MEMO_SIZE:
            del _FIGURES_MEMO[next(iter(_FIGURES_MEMO))]  # the least recently used
    _FIGURES_MEMO[key] = found
    return [dict(f, parts=list(f["parts"])) for f in found]


def extract_casualties(ctx) -> list[Casualty]:
    """Every casualty figure of one article, each citing its sentence."""
    items: list[Casualty] = []
    outlet = ctx.article.outlet
    previous_outcome: Optional[str] = None
    folded = folded_text(ctx)
    dated = None
    sentences, word_sets = ctx.sentences, sentence_words(ctx)
    for index in figure_sentences(sentences, word_sets):
        sentence, words = sentences[index], word_sets[index]
        text = sentence.text
        found = _recalled_figures(text, previous_outcome, folded[sentence.start:sentence.end], words)
        if not found:
            continue
        if dated is None:
            dated = [d for d in ctx.dates if d.date]
        day = _date(ctx, sentence, dated)
        places = places_in(text)
        seen = set()
        for f in found:
            key = (f["count"], f["outcome"], f["fig"].start)
            if key in seen:
                continue
            seen.add(key)
            if f["count"]:
                previous_outcome = f["outcome"]
            at = sentence.start + f["fig"].start
            claimant = find_claimant(ctx, sentence, at)
            if not f["victims"] and items and CONTINUATION.match(text):
                f["victims"] = items[-1].victims  # "Of these, 18 are in hospital": the same victims
            items.append(Casualty(
                count=f["count"], count_max=f["count_max"], qualifier=f.get("qualifier", f["fig"].qualifier),
                outcome=f["outcome"],
                victims=f["victims"], location=figure_location(text, claimant, f["fig"].start, places),
                reported_by=claimant or outlet,
                date=day, figure=f["figure"].strip(), parts=f["parts"],
                supersedes=f.get("supersedes"), citations=[cite(ctx.article, sentence.start, sentence.end)]))
    return items

"""Attribution: who a sentence's claim comes from ("according to X", "X said", "citing X", "a claim by X").

`find_claimant(ctx, sentence, at)` is shared by the casualty, diplomacy and event extractors. It returns
the claimant's noun phrase as written, without a leading "the" ("Ukraine's Emergency Service",
"a NATO official", "Iranian state television"), or "" when the sentence attributes nothing — callers then
fall back on the article's outlet (`ctx.article.outlet`). When `at` (an offset into the article text) is
given, the cue nearest before it wins, so in "According to Reuters, state media claimed that 80 died"
the claimant of the figure is "state media". Pronouns ("he said") are resolved to the last named claimant
(or actor mention) in the preceding sentences; a sentence that only breaks the previous one down ("Of
these, 18 …") keeps the previous sentence's claimant.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from briefing.extract.scans import trie_pattern, word_start_finditer
from briefing.extract.words import tail_search

SPEECH_VERBS = (
    "said|says|say|told|tells|reported|reports|claimed|claims|confirmed|confirms|announced|announces|"
    "stated|states|added|adds|wrote|writes|insisted|insists|maintained|maintains|alleged|alleges|"
    "suggested|suggests|estimated|estimates|declared|declares|asserted|asserts|acknowledged|acknowledges|"
    "noted|notes|tweeted|posted|counted|recorded|quoted|cited|disclosed|revealed|admitted|admits|"
    "charged|argued|contended|put the toll at|put the death toll at"
)
# As a trie: the same matches (the final \b lets at most one verb match at a place), found twice as fast.
SPEECH = re.compile(rf"\b(?:{trie_pattern(SPEECH_VERBS.split('|'))})\b")
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+\s+)?$")
# "according to", "citing", "quoting", "per" (capitalised or not) and the space after, scanned without the leading \b
# (see scans.word_start_finditer) and spelled so that the engine skips to the few letters a match can start with.
ACCORDING_SCAN = re.compile(r"(?:According to|according to|Citing|citing|Quoting|quoting|Per|per)\s+")
BY_CUE = re.compile(
    r"\b(?:(?:claim|claims|statement|statements|report|reports|figures?|estimates?|tally|count|toll|"
    r"announcement)\s+(?:\w+\s+)?by|(?:reported|claimed|confirmed|announced|stated|given|released)\s+by)\s+")
NP_AFTER_END = re.compile(r"[,.;:!?()\[\]\"“”—–]|\s(?:that|who|which|on|in a|as|after|when|while)\s|$")
CLAUSE_STOP_WORDS = {"that", "but", "while", "as", "when", "after", "before", "because", "since", "if",
                     "although", "though", "whereas", "so", "where", "whom", "than", "and", "or", "what", "who",
                     "how", "why", "whether", "until", "unless", "which"}
# Before a speech word these make it a noun or adjective ("India's claims were false", "an alleged camp").
NOUN_BEFORE = re.compile(r"(?:['’]s|\b(?:the|a|an|its|their|his|her|these|those|such|our|initial|first|"
                         r"earlier|later|new|false|unconfirmed|conflicting)|[‘“\"])\s+$", re.IGNORECASE)
LEADING_TIME = re.compile(r"^(?i:(?:late|early|earlier|later)\s+)?(?i:on|in|at|by|from|during)\s+(?:the\s+)?"
                          r"(?:[A-Z][a-z]+\.?(?:\s+\d{1,2})?|\d{1,2}\s+[A-Z][a-z]+|\w+\s+(?:morning|night|evening))"
                          r"(?:\s*\(\w+\.?\s*\d*\))?,?\s+(?=\S)")
# An all-lowercase claimant must name a speaker ("officials", "state media"), not be a stray phrase.
CLAIMANT_NOUNS = re.compile(
    r"\b(?:officials?|police|authorit(?:y|ies)|ministry|ministries|media|sources?|witness(?:es)?|residents?|"
    r"spokes(?:man|woman|person)|committee|army|military|government|reports?|statement|agency|television|tv|"
    r"radio|doctors?|medics?|rescuers|hospitals?|investigators?|prosecutors?|observers?|monitors?|activists?|"
    r"experts?|analysts?|officers?|commanders?|council|office|service|forces|group|organi[sz]ation|outlet|"
    r"newspaper|channel|reporters?|correspondents?|journalists?|diplomats?|leaders?|minister|president|"
    r"relatives?|survivors?|people|he|she|they|it|we|i|presidency|administration|readout|message|post|"
    r"relief workers|aid workers|workers|staff|spokespeople|embassy|mission|board|command|headquarters|"
    r"department|agency|bureau|institute|center|centre|foundation|union|alliance|coalition|movement|party)\b",
    re.IGNORECASE)
LEADING_FILLER = {"however", "also", "then", "later", "meanwhile", "moreover", "separately", "instead",
                  "earlier", "now", "still", "further", "and", "but", "so", "yet"}
TRAILING_ADVERBS = {"also", "further", "later", "today", "yesterday", "earlier", "again", "previously",
                    "separately", "now", "had", "has", "have", "initially", "first", "then", "reportedly",
                    "publicly", "officially", "repeatedly", "tonight", "late", "however", "had", "would",
                    "will", "has", "did", "not", "could", "may", "might"}
CAPITAL = re.compile(r"[A-Z]")
CLAUSE_VERB = re.compile(r"\b(?:was|were|is|are|had|has|have|been|that|there)\b")
AND_END = re.compile(r"\band$")
CITING_AFTER = re.compile(r",?\s+citing\s+")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "his", "her", "its", "their", "this", "that", "one"}
MAX_CLAIMANT_WORDS = 12


def _clean(phrase: str) -> str:
    """Trim punctuation, quotes, fillers and a leading "the" from a claimant phrase."""
    words = phrase.strip(" \t\n,;:\"'“”‘’()—–-").split()
    while words and words[0].lower().strip(",") in LEADING_FILLER:
        words.pop(0)
    while words and words[-1].lower().strip(",") in TRAILING_ADVERBS:
        words.pop()
    if words and words[0].lower() == "the":
        words.pop(0)
    text = LEADING_TIME.sub("", " ".join(words)).strip(" ,;:\"'“”‘’")
    if text.lower().startswith("the "):
        text = text[4:]
    if not 0 < len(text.split()) <= MAX_CLAIMANT_WORDS:
        return ""
    if not CAPITAL.search(text) and not CLAIMANT_NOUNS.search(text):
        return ""
    return text


def _np_after(text: str, pos: int) -> str:
    """The noun phrase starting at `pos`, up to punctuation or a clause word."""
    end = NP_AFTER_END.search(text, pos)
    return _clean(text[pos:end.start() if end else len(text)])


def _np_before(text: str, pos: int) -> str:
    """The subject noun phrase that ends just before `pos` (walks back to a clause boundary)."""
    words = text[:pos].split()
    taken: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        bare = word.lower().strip("\"'“”‘’")
        if word.endswith((",", ";", ":", ")", "—", "–", "\"", "”")):
            # "…, X said": a comma right before the verb closes an appositive or a quote.
            break
        if bare in CLAUSE_STOP_WORDS:
            # "Putin and Bastrykin said": keep "and" between two names.
            if bare == "and" and taken and taken[0][:1].isupper() and i > 0 and words[i - 1][:1].isupper():
                taken.insert(0, word)
                continue
            break
        if word[:1] in "\"“(" and taken:
            break
        taken.insert(0, word)
        if len(taken) > MAX_CLAIMANT_WORDS:
            return ""
    # Adverbs between subject and verb ("state media further claimed") are not part of the subject.
    while taken and taken[-1].lower() in TRAILING_ADVERBS:
        taken.pop()
    return _clean(" ".join(taken))


def _sentence_subject(text: str) -> str:
    """The sentence-initial noun phrase, up to its main verb (used for "…, and said …")."""
    words = text.split()
    taken: list[str] = []
    for word in words:
        bare = word.lower().strip(",\"'“”")
        if taken and (bare in {"is", "was", "were", "has", "have", "had", "will", "would", "used", "did"}
                      or SPEECH.fullmatch(bare) or (bare.endswith("ed") and word[:1].islower())):
            break
        taken.append(word)
        if word.endswith(",") or len(taken) > MAX_CLAIMANT_WORDS:
            return ""
    return _clean(" ".join(taken))


ADVERBIAL_START = re.compile(
    r"^(?:by|however|in|on|at|for|meanwhile|though|too|also|this|last|late|early|earlier|later|then|"
    r"speaking|writing|addressing|asked|according|separately|instead|now|again|today|yesterday|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
INVERTED = re.compile(r"\s+([^,.;:!?\"“”]{2,80}?)\s*(?:[.!?\"”’]*\s*$|,\s+(?:citing|adding|according|who)\b)")


def _appositive_subject(text: str, before: str) -> str:
    """Subject before "…, <appositive or adverbial>, said": "Faisal, the spokesman, said", "X, however, said"."""
    inner = before[:-1]
    comma = inner.rfind(",")
    if comma < 0:
        return ""
    segment = inner[comma + 1:].strip()
    if not segment or len(segment.split()) > 8:
        return ""
    head = _np_before(text, comma)
    if ADVERBIAL_START.match(segment):
        return head
    segment = _clean(segment)
    return f"{head}, {segment}" if head and segment and head[:1].isupper() else segment


def _inverted_subject(text: str, verb_end: int) -> str:
    """Claimant after the verb at the end of a sentence: "…, said the ministry." / "…, added Smith"."""
    m = INVERTED.match(text, verb_end)
    if not m or CLAUSE_VERB.search(m.group(1)):
        return ""
    return _clean(m.group(1))


# A background clause after reported speech is the outlet's narration, not the speaker's claim.
NARRATION_BREAK = re.compile(r",\s+as\s+(?:the|a|an|both|two)\b")
CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas|as)\b|;|\s[—–]\s")
CLOSING_REST = re.compile(r"[\s.!?\"”’')]*$|\s+(?:on|in|late|earlier|later|at|during|after|via|to)\b[^,;]{0,60}$")


COMMA_THEN_WORDS = re.compile(r",\s*(?:\S+\s+){0,8}$")  # a comma at most eight words before the end


def _closing(text: str, cue_start: int, cue_end: int) -> bool:
    """True for a cue that closes its sentence after a comma ("…, officials said.", "…, according to X.")."""
    return bool(tail_search(COMMA_THEN_WORDS, text[:cue_start], 9)) and bool(CLOSING_REST.match(text, cue_end)) \
        and "," not in text[cue_start:cue_end]


@lru_cache(maxsize=256)  # a sentence with several figures asks once per figure
def _cues(text: str) -> tuple[tuple[int, str, bool], ...]:
    """Every attribution cue in a sentence: (offset, claimant phrase or "", whether it closes the sentence)."""
    found: list[tuple[int, str, bool]] = []
    for m in word_start_finditer(ACCORDING_SCAN, text):
        who = _np_after(text, m.end())
        end = text.find(who, m.end()) + len(who) if who else m.end()
        found.append((m.start(), who, bool(who) and _closing(text, m.start(), end)))
    for m in (BY_CUE.finditer(text) if "by" in text else ()):  # every BY_CUE match holds "by"
        found.append((m.start(), _np_after(text, m.end()), False))
    for m in SPEECH.finditer(text):
        if tail_search(PASSIVE_BEFORE, text[:m.start()], 2) or tail_search(NOUN_BEFORE, text[:m.start()], 1):
            continue
        if SPEECH.match(text, m.end() + 1) and text[m.end():m.end() + 1] == " ":
            continue  # "Initial reports said": the first is a noun
        subject = _np_before(text, m.start())
        start, end = (text.rfind(subject, 0, m.start()) if subject else m.start()), m.end()
        if not subject:
            before = text[:m.start()].rstrip()
            if before.endswith(","):
                subject = _appositive_subject(text, before)
                if not subject:
                    subject = _inverted_subject(text, m.end())
                    end = text.find(subject, m.end()) + len(subject) if subject else m.end()
            elif AND_END.search(before):
                subject = _sentence_subject(text)
        citing = CITING_AFTER.match(text, m.end())
        if citing:
            subject = _np_after(text, citing.end()) or subject
            end = len(text)
        found.append((m.start(), subject, bool(subject) and _closing(text, max(start, 0), end)))
    return tuple(sorted(found))


def claimant_in(text: str, at: Optional[int] = None) -> str:
    """The claimant a sentence names for the claim at offset `at` (sentence-relative), "" when none.

    The nearest cue before the claim wins when no clause break (", and", ";") separates them; otherwise a
    cue closing the sentence ("…, officials said.") does; else the first cue after the claim."""
    cues = [(pos, who, closing) for pos, who, closing in _cues(text) if who]
    if not cues:
        return ""
    if at is not None:
        before = [(pos, who) for pos, who, _ in cues if pos <= at]
        closing = [who for pos, who, is_closing in cues if is_closing and pos > at]
        if closing and not (before and not CLAUSE_BREAK.search(text, before[-1][0], at)):
            return closing[-1]
        if before:
            if NARRATION_BREAK.search(text, before[-1][0], at):
                return ""  # "X told Y that …, as the two governments traded blame over 20 deaths": narration
            return before[-1][1]
    return cues[0][1]


def _is_pronoun(phrase: str) -> bool:
    return phrase.lower() in PRONOUNS


def _resolve_pronoun(ctx, sentence, pronoun: str) -> str:
    """The last named claimant (or fitting actor mention) before `sentence`."""
    sentences = getattr(ctx, "sentences", []) or []
    earlier = [s for s in sentences if s.end <= sentence.start][-4:]
    for prev in reversed(earlier):
        for _, who, _ in reversed(_cues(prev.text)):
            if who and not _is_pronoun(who):
                return who
    want_person = pronoun.lower() in {"he", "she", "his", "her"}
    for mention in reversed(getattr(ctx, "mentions", []) or []):
        if mention.end <= sentence.start and (mention.kind == "person") == want_person:
            return mention.surface
    return ""


# "Of these, 18 are in hospital": a breakdown of the previous sentence's figure, told by the same claimant.
CONTINUATION = re.compile(r"^(?:[Oo]f|[Aa]mong)\s+(?:these|them|those|whom|the\s+(?:dead|injured|wounded|killed|"
                          r"victims|casualties))\b")


def find_claimant(ctx, sentence, at: Optional[int] = None) -> str:
    """Who the claim in `sentence` (at article offset `at`, if given) is attributed to; "" when unattributed.
    An unattributed sentence that breaks down the previous one ("Of these, …") keeps that one's claimant."""
    relative = None if at is None else max(0, at - sentence.start)
    who = claimant_in(sentence.text, relative)
    if not who and CONTINUATION.match(sentence.text):
        earlier = [s for s in getattr(ctx, "sentences", []) or [] if s.end <= sentence.start]
        if earlier:
            return find_claimant(ctx, earlier[-1])
    if who and _is_pronoun(who):
        who = _resolve_pronoun(ctx, sentence, who)
    return who

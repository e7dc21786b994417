"""The tense and narration tests of chronology sentences: does a sentence report a happening, narrate the day's
story, look back beyond it, or end a participle phrase that a date modifies (see events.py)."""
from __future__ import annotations

import re
from typing import Optional

from briefing.extract.scans import is_word_char
from briefing.extract.words import WordClass, lowered, spellings, tail_search

# Verbs that report a happening or a statement; matched as whole words, any of the listed forms.
EVENT_VERB_WORDS = (
    r"attack(?:ed|s)?|struck|strikes?|hit|launch(?:ed|es)?|kill(?:ed|s)?|died|dead|explod(?:ed|es)|blew|"
    r"blast|fired?|shot|downed|brought down|captur(?:ed|es)|seiz(?:ed|es)|surrender(?:ed|s)?|"
    r"agreed|accept(?:ed|s)?|reject(?:ed|s)?|signed|said|says|told|announc(?:ed|es)|claim(?:ed|s)?|"
    r"confirm(?:ed|s)?|condemn(?:ed|s)?|denounc(?:ed|es)|recall(?:ed|s)?|summon(?:ed|s)?|expell?(?:ed|s)?|"
    r"met|meets?|meeting|call(?:ed|s)?|urg(?:ed|es)|warn(?:ed|s)?|vow(?:ed|s)?|pledg(?:ed|es)|promis(?:ed|es)|"
    r"ordered|opened|began|started|ended|halted|suspend(?:ed|s)|clos(?:ed|es)|shut|reopen(?:ed|s)|"
    r"arrest(?:ed|s)?|detain(?:ed|s)?|wounded|injured|damaged|destroyed|targeted|bomb(?:ed|ing)|"
    r"crash(?:ed|es)|collapsed|erupted|broke out|invaded|entered|withdr(?:ew|awn)|retreated|deployed|"
    r"evacuated|fled|protest(?:ed|s)?|visit(?:ed|ing|s)?|spoke|speaking|spoken|wrote|posted|tweeted|"
    r"issued|released|published|reports?|reported|lost|stated|declared|imposed|lifted|approved|passed|voted|"
    r"elected|resigned|sacked|dismissed|appointed|sentenced|charged|accused|blamed|denied|responded|retaliated|"
    r"managed|delivered|reached|stripped|recovered|identified|exploded|came under|targeted|proclaimed|"
    r"restated|repeated|renewed|insisted|described|signal(?:ed|led)|unveiled|backed|canceled|cancelled|"
    r"postponed|held|led|moved|sent|returned|rescued|happened|occurred|took place")
EVENT_VERBS = re.compile(rf"(?i)\b(?:{EVENT_VERB_WORDS})\b")
FUTURE_MARKERS = r"due to|set to|scheduled to|expected to|plans? to|is to|are to"
FUTURE = re.compile(rf"(?i)\b(?:will|shall|{FUTURE_MARKERS})\b")
# Any simple past or perfect verb form: dated sentences with one report something that happened.
IRREGULAR_PAST = (r"went|came|took|gave|made|rose|fell|left|won|lost|broke|ran|drove|flew|"
                  r"stood|spoke|wrote|saw|heard|fought|sought|brought|caught|threw|drew|swore|hid|struck|"
                  r"spread|cut|put|set|quit|shut|hurt|burst|led|fled|met|sent|spent|built|felt|kept|meant|"
                  r"held|told|sold|paid|laid|said|became|began|sank|got|shot|beat|overran|undertook|"
                  r"withdrew|forbade|froze|stole|woke|bore|tore|slew|dealt|lit|hit")
PAST_TENSE = re.compile(rf"(?i)\b(?:\w{{3,}}ed|{IRREGULAR_PAST})\b")
# The word lists above as sets of folded words (words.py): a set lookup stands in for a scan of the sentence.
EVENT_WORDS = {w for w in spellings(EVENT_VERB_WORDS) if " " not in w} | spellings(IRREGULAR_PAST)
EVENT_PHRASE_HEADS = {w.split()[0] for w in spellings(EVENT_VERB_WORDS) if " " in w}  # "broke out" needs "broke"
PAST_WORDS = spellings(IRREGULAR_PAST)


# Words of five letters or more ending in "ed" (PAST_TENSE's \w{3,}ed), of four or more (a participle's).
LONG_ED_WORDS = WordClass(lambda word: len(word) > 4 and word.endswith("ed"))
ED_WORDS = WordClass(lambda word: len(word) > 3 and word.endswith("ed"))


def _has_past_form(words: set[str]) -> bool:
    """Whether a sentence (its folded words given) has a PAST_TENSE form: an irregular past, or a word of five
    letters or more ending in "ed"."""
    return not PAST_WORDS.isdisjoint(words) or LONG_ED_WORDS.any_in(words)


def _past_forms(folded: str, end: int, words: set[str]) -> list[tuple[int, int]]:
    """Spans of the PAST_TENSE matches in folded[:end] (a word boundary), in order."""
    spans = []
    candidates = PAST_WORDS.intersection(words)
    candidates.update(LONG_ED_WORDS.of(words))
    for word in candidates:
        at = folded.find(word, 0, end)
        while at >= 0:
            after = at + len(word)
            if (at == 0 or not is_word_char(folded[at - 1])) and (after == len(folded) or not is_word_char(folded[after])):
                spans.append((at, after))
            at = folded.find(word, after, end)
    if len(spans) > 1:
        spans.sort()
    return spans


def is_event(sentence: str, words: set[str]) -> bool:
    """Whether the sentence (its folded `words` given) reports something that happened (EVENT_VERBS or
    PAST_TENSE matches); plans fall out later, their dates being ahead."""
    if not EVENT_WORDS.isdisjoint(words) or _has_past_form(words):
        return True
    return not EVENT_PHRASE_HEADS.isdisjoint(words) and bool(EVENT_VERBS.search(sentence))


# Simple past or present perfect of a happening, and no sign that it is background or opinion.
NEWS_TENSE = re.compile(r"(?i)\b(?:has|have)\s+(?:been\s+)?\w+(?:ed|en|t|wn|ung|ck|ne)\b|\b\w+ed\b|"
                        r"\b(?:struck|hit|shot|blew|began|fled|met|said|says|reports?|told|sent|led|held|fought)\b")
BACKGROUND = re.compile(r"(?i)\b(?:since|previously|formerly|used to|for (?:years|decades|months)|"
                        r"has long|have long|historically|would|could|might|may|should)\b")


def reports_news(sentence: str) -> bool:
    """A sentence in the simple past or perfect, without signs of background, opinion or plans."""
    return bool(NEWS_TENSE.search(sentence)) and not BACKGROUND.search(sentence) and not FUTURE.search(sentence)


# Signs that a sentence looks back beyond the day's news: what follows it may belong to that past. Each part with
# the word sets a match of it holds a word of each of (folded whole words; the rarest first): "for years" needs a
# period and "for".
PERIODS = {"weeks", "months", "years", "decades"}
LOOK_BACK_PARTS = (
    ("since|previously|formerly", {"since", "previously", "formerly"}),
    ("used to", {"used"}, {"to"}),
    ("for (?:years|decades|months|weeks)", PERIODS, {"for"}),
    ("has long|have long", {"long"}, {"has", "have"}),
    ("historically", {"historically"}),
    ("in the past", {"past"}, {"in"}, {"the"}),
    ("earlier this (?:month|year)", {"earlier"}, {"this"}, {"month", "year"}),
    ("last (?:month|year)", {"month", "year"}, {"last"}),
    (r"had\s+(?:\w+\s+)?(?:earlier|previously|already|before|long)",
     {"earlier", "previously", "already", "before", "long"}, {"had"}),
    ("(?:weeks|months|years|decades) (?:ago|earlier|before)", PERIODS, {"ago", "earlier", "before"}),
)
LOOK_BACK = re.compile(rf"(?i)\b(?:{'|'.join(part for part, *_ in LOOK_BACK_PARTS)})\b")
PLUPERFECT = re.compile(r"(?i)\bhad\s+(?:not\s+|been\s+|\w+ly\s+)*(?!to\b)[a-z]+(?:ed|en|wn|ght|ung|ck|ne|lt|pt)\b")
REPORTING_WORDS = ("said|says|told|announced|reported|stated|added|claimed|confirmed|insisted|denied|warned|accused|"
                   "alleged|according to")
REPORTING = re.compile(rf"(?i)\b(?:{REPORTING_WORDS})\b")
MODAL_WORDS = f"will|shall|would|could|might|may|should|{FUTURE_MARKERS}"
MODAL_OR_FUTURE = re.compile(rf"(?i)\b(?:{MODAL_WORDS})\b")
AUXILIARY_OR_DETERMINER = re.compile(r"(?i)(?:\b(?:is|are|be|been|being|has|have|to|will|would|the|a|an|its|"
                                     r"their|his|her|our|this|that|these|those)\s+(?:(?:\w+ly|not|still|yet|never|"
                                     r"already|also|just)\s+){0,2}|-)$")
# Present-tense reporting or "now": the sentence states how things stand, not what happened that day.
PRESENT_STATE_WORDS = "says|insists|maintains|argues|believes|claims|denies|accuses|blames|remains|now|reports that"
PRESENT_STATE = re.compile(rf"(?i)\b(?:{PRESENT_STATE_WORDS})\b")
# A present perfect main verb ("has still not said", "have reported"): how things stand at writing time.
PERFECT = re.compile(r"(?i)\b(?:has|have)\s+(?:(?:\w+ly|not|still|yet|never|already|also|just)\s+){0,2}"
                     r"(?:been\s+)?[a-z]+(?:ed|en|wn|id|ld|ne|ght|t)\b")
# A past participle after a noun, once the clause has its verb: "… the understanding reached by commanders ".
IRREGULAR_PARTICIPLES = ("held|made|taken|given|sent|brought|built|"
                         "struck|fought|seen|begun|written|spoken|drawn|shown|laid|paid|won|lost")
PARTICIPLE_MODIFIER = re.compile(r"(?i)\b(?!(?:is|are|was|were|be|been|being|has|have|had|it|they|he|she|we|"
                                 r"who|which|that|not|the|a|an|its|their|his|her|this|these|those)\b)"
                                 rf"[a-z][\w-]*(?<!ly)\s+(?:[a-z]{{2,}}ed|{IRREGULAR_PARTICIPLES})\s+"
                                 r"(?:(?:by|between|with)\s+[^,;]{1,60}?\s+)?$")
PARTICIPLE_WORDS = spellings(IRREGULAR_PARTICIPLES)


class WordGate:
    """A pattern `\\b(?:…)\\b` over a list of words and phrases (`word_list`): a sentence whose folded words hold
    none of its words, nor all the words of one of its phrases, is not scanned (set tests instead of a scan)."""

    def __init__(self, pattern: re.Pattern, word_list: str):
        spelled = spellings(word_list)
        self.pattern = pattern
        self.words = frozenset(w for w in spelled if " " not in w)
        self.phrases = tuple(frozenset(w.split()) for w in spelled if " " in w)
        self.heads = frozenset(w.split()[0] for w in spelled if " " in w)

    def search(self, sentence: str, words: set[str]) -> Optional[re.Match]:
        """`pattern.search(sentence)`; `words`: the sentence's folded words (or a superset of them)."""
        if self.words.isdisjoint(words) and \
                (self.heads.isdisjoint(words) or not any(phrase <= words for phrase in self.phrases)):
            return None
        return self.pattern.search(sentence)


class PartsGate:
    """Whether `\\b(?:part|part|…)\\b` (case-insensitive) matches a sentence, asked part by part: a part is tried
    only when the sentence's folded words hold a word of each of its word sets, and a part that is a plain word
    list (its one word set: its spellings) is decided by those words alone. `parts`: (pattern, word set, …), the
    part filed under the words of its first set (the rarest, best)."""

    def __init__(self, parts: tuple):
        self.by_word: dict[str, list[tuple[tuple[frozenset, ...], Optional[re.Pattern]]]] = {}
        for part, *needs in parts:
            needs = [frozenset(need) for need in needs]
            pattern = None if len(needs) == 1 and _word_list(part) == needs[0] else \
                re.compile(rf"(?i)\b(?:{part})\b")
            for word in needs[0]:
                self.by_word.setdefault(word, []).append((tuple(needs[1:]), pattern))
        self.keys = frozenset(self.by_word)

    def matches(self, sentence: str, words: set[str]) -> bool:
        """Whether a part matches `sentence`, whose folded words are `words`."""
        if self.keys.isdisjoint(words):
            return False
        for word in self.keys.intersection(words):
            for rest, pattern in self.by_word[word]:
                if all(not need.isdisjoint(words) for need in rest) and (pattern is None or pattern.search(sentence)):
                    return True
        return False


def _word_list(pattern: str) -> Optional[set[str]]:
    """The spellings of a pattern that is a list of single words, else None."""
    try:
        words = spellings(pattern)
    except ValueError:
        return None
    return words if all(" " not in word for word in words) else None


LOOK_BACK_TEST = PartsGate(LOOK_BACK_PARTS)
PRESENT_STATE_GATED = WordGate(PRESENT_STATE, PRESENT_STATE_WORDS)
MODAL_GATED = WordGate(MODAL_OR_FUTURE, MODAL_WORDS)
REPORTING_GATED = WordGate(REPORTING, REPORTING_WORDS)


def is_background(sentence: str, words: set[str], folded: str, offset: int) -> bool:
    """A look back: "since", "last year", "had earlier …", or a pluperfect not inside reported speech.
    `words`: the sentence's folded words; `folded`: a folded text (words.lowered) holding it at `offset`."""
    if LOOK_BACK_TEST.matches(sentence, words):
        return True
    if "had" not in words:
        return False  # no pluperfect
    m = _pluperfect(sentence, folded, offset)
    # (the sentence's words stand in for those of the part before the pluperfect: a superset)
    return bool(m) and not REPORTING_GATED.search(sentence[:m.start()], words)


def _pluperfect(sentence: str, folded: str, offset: int) -> Optional[re.Match]:
    """PLUPERFECT.search(sentence), tried only where the whole word "had" starts (in `folded` at `offset`)."""
    end = offset + len(sentence)
    at = folded.find("had", offset, end)
    while at >= 0:
        if at == offset or not is_word_char(folded[at - 1]):
            m = PLUPERFECT.match(sentence, at - offset)
            if m:
                return m
        at = folded.find("had", at + 3, end)
    return None


def narrates(sentence: str, quoted: list[tuple[int, int]], offset: int, folded: str, words: set[str]) -> bool:
    """A statement of what someone did or said: a finite simple-past verb before any modal, not mainly a quote.
    `folded` and `words`: the sentence folded (words.lowered) and its words."""
    if sentence[:1] in "\"“‘'" or (quoted and sum(b - a for a, b in quoted) * 2 > len(sentence)) or \
            sentence.rstrip().endswith("?"):
        return False
    if not _has_past_form(words) or PRESENT_STATE_GATED.search(sentence, words):
        return False
    modal = MODAL_GATED.search(sentence, words)
    head = sentence[:modal.start()] if modal else sentence
    for start, end in _past_forms(folded, len(head), words):  # PAST_TENSE.finditer(head)
        word = head[start:end]
        if not word[0].islower() or (word.endswith("eed") and word != "agreed") or word == "hundred":
            continue
        if _after_auxiliary(head[max(0, start - 40):start]):
            continue  # "has fled", "to be killed", "the disputed region": no finite past
        if any(a <= offset + start < b for a, b in quoted):
            continue
        perfect = PERFECT.search(head) if "has" in words or "have" in words else None
        return not (perfect and perfect.start() < start)
    return False


# The words AUXILIARY_OR_DETERMINER can end with before its trailing spaces (or an adverb ending in "ly").
AUXILIARY_WORDS = frozenset(spellings("is|are|be|been|being|has|have|to|will|would|the|a|an|its|their|his|her|our|"
                                      "this|that|these|those|not|still|yet|never|already|also|just"))
TRAILING_WORD = re.compile(r"\w+\Z")


def _after_auxiliary(before: str) -> bool:
    """`tail_search(AUXILIARY_OR_DETERMINER, before, 3)`: `before` ends in a hyphen, or in an auxiliary or a
    determiner and up to two adverbs, each followed by spaces. The last word is tested first."""
    if not before.endswith(("-", "-\n")):  # ($ also matches before a final newline)
        if not before[-1:].isspace():
            return False
        chunks = before.rsplit(None, 1)
        last = TRAILING_WORD.search(chunks[-1]) if chunks else None
        if not last:
            return False
        word = lowered(last.group())
        if word not in AUXILIARY_WORDS and not word.endswith("ly"):
            return False
    return bool(tail_search(AUXILIARY_OR_DETERMINER, before, 3))


def may_be_participle(words: set[str]) -> bool:
    """Whether one of a sentence's folded words could be the participle PARTICIPLE_MODIFIER needs."""
    return not PARTICIPLE_WORDS.isdisjoint(words) or ED_WORDS.any_in(words)


# Chunks of non-space text: the first one starting at or after a position, and (on reversed text) three before.
CHUNK_START = re.compile(r"(?<!\S)\S")
THREE_CHUNKS_BACK = re.compile(r"(?:\s+\S+){0,3}")
LAST_CHUNK = re.compile(r"\s*\S+")
CHUNK = re.compile(r"\S+")
PHRASE_AFTER_PARTICIPLE = frozenset(("by", "between", "with"))  # what may follow a participle in a match
PHRASE_AFTER = re.compile(r"(?i)\s(?:by|between|with)\s")  # one of them as a chunk of its own


def participle_match(before: str) -> Optional[re.Match]:
    """PARTICIPLE_MODIFIER.search(before), scanning only the end of `before`, where every match lies: a match
    ends the text, and after its first word come only the participle, an optional "by …" of at most 60
    characters and spaces, so it starts at most three space-separated chunks before the first chunk that
    starts within the last 60 characters. The participle is a whole chunk after the last comma or semicolon
    (a match holds neither), either the last chunk or the one before "by", "between" or "with"."""
    end = len(before.rstrip())
    if end == len(before) or end == 0:
        return None  # a match ends in spaces after a word
    separator = max(before.rfind(",", 0, end), before.rfind(";", 0, end))
    if not PHRASE_AFTER.search(before, separator + 1) and \
            not _participle_like(_folded(before[:end].rsplit(None, 1)[-1])):
        return None  # the last chunk is no participle, and no chunk before "by", "between" or "with" can be one
    reverse = before[::-1]
    first = CHUNK_START.search(before, max(0, end - 60))
    first_start = first.start() if first else len(before) - LAST_CHUNK.match(reverse).end()
    back = THREE_CHUNKS_BACK.match(reverse, len(before) - first_start)
    window = first_start - (back.end() - back.start())
    chunks = [(chunk.start(), chunk.group()) for chunk in CHUNK.finditer(before, window)]
    # The first word ends the chunk before the participle: search from the first chunk that can be a participle.
    for i in range(1, len(chunks)):
        at, word = chunks[i]
        if at <= separator:
            continue
        if i + 1 < len(chunks) and _folded(chunks[i + 1][1]) not in PHRASE_AFTER_PARTICIPLE:
            continue
        if _participle_like(_folded(word)):
            return PARTICIPLE_MODIFIER.search(before, chunks[i - 1][0])
    return None


def _folded(chunk: str) -> str:
    """A chunk folded as the regex engine compares it (`words.lowered`; plain `lower` for ASCII)."""
    return chunk.lower() if chunk.isascii() else lowered(chunk)


def _participle_like(word: str) -> bool:
    """Whether a folded chunk could be PARTICIPLE_MODIFIER's participle."""
    return word in PARTICIPLE_WORDS or (len(word) > 3 and word.endswith("ed"))


def participle_modifier(before: str) -> bool:
    """Whether a date after `before` ends a participle phrase modifying a noun, after the clause's own verb."""
    m = participle_match(before)
    return bool(m) and bool(PAST_TENSE.search(before[:m.start()]) or EVENT_VERBS.search(before[:m.start()]))


def participle_modifier_at(text: str, start: int, end: int, words: set[str]) -> bool:
    """`participle_modifier(text[start:end])` for a sentence prefix whose sentence has the folded `words`.
    Without "by", "between" or "with" in the sentence, the participle can only be the last chunk before the
    trailing spaces, so that chunk is tested first; else the sentence must hold a participle-like word."""
    if end <= start or not text[end - 1].isspace():
        return False  # a match ends in spaces after a word
    before = text[start:end]
    if PHRASE_AFTER_PARTICIPLE.isdisjoint(words):
        chunks = before.rsplit(None, 1)
        if len(chunks) < 2:
            return False  # no word before the participle
        last = chunks[1]
        if not _participle_like(_folded(last)):
            return False
    elif not may_be_participle(words):
        return False
    return participle_modifier(before)

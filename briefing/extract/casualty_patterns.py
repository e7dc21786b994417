"""The phrase patterns of casualty figures (outcomes, victims, tolls, zeros) and the cheap sentence filters
derived from them: a sentence without a possible figure, or without a piece of some cue literal, yields nothing."""
from __future__ import annotations

import re
from typing import Optional

from briefing.extract.casualty_figures import VICTIM_CLASS
from briefing.extract.gate import PatternSource, required_literals
from briefing.extract.quantities import DIGIT_WORDS, LEXICON, NUMBER_WORD_STARTS, Q
from briefing.extract.scans import literal_finder, trie_pattern
from briefing.extract.words import Gated, WordClass

OUTCOMES: dict[str, str] = LEXICON["outcomes"]
OBJECT_VERBS: dict[str, Optional[str]] = LEXICON["object_verbs"]
LEFT_ADJECTIVES: dict[str, str] = LEXICON["left_adjectives"]
PERSON_NOUNS = set(LEXICON["person_nouns"])
FORCES = {w for w, cls in VICTIM_CLASS.items() if cls in ("security", "militants")}


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _trie_alternation(words) -> str:
    """`_alternation(words)` as a character trie: the words that fit at a place are tried in the same order (the
    longer first: they are prefixes of one another), so a pattern finds the same matches with either, faster."""
    return f"(?:{trie_pattern(words)})".replace(r"\ ", r"\s+")


HOSPITAL = r"(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?(?:hospitals?|clinics?|medical\s+facilit(?:y|ies))\b"
# "died of their wounds" is a death, "treated at a hospital in the capital" an injury (the figure's predicate).
DIED_OF = r"(?:died|succumbed)\s+(?:of|from|to)\s+(?:(?:their|his|her|the)\s+)?(?:[\w-]+\s+)?(?:injuries|wounds)"
TREATED = (rf"(?:(?:being\s+)?treated\s+(?:for\s+(?:[\w-]+\s+){{0,2}}?(?:injuries|wounds|burns|inhalation)|"
           rf"(?:at|in)\s+{HOSPITAL}|at\s+the\s+scene)|(?:admitted|rushed|airlifted)\s+to\s+{HOSPITAL}|"
           rf"receiving\s+(?:medical\s+)?treatment|"
           # "six remain in hospital" (after a verb only: "12 doctors in a hospital … were killed" is a place)
           rf"(?:(?<=are\s)|(?<=were\s)|(?<=is\s)|(?<=was\s)|(?<=remain\s)|(?<=remained\s)|(?<=remains\s)|"
           rf"(?<=still\s))in\s+{HOSPITAL})")
OUTCOME = (rf"(?:{DIED_OF}|{TREATED}|{_alternation(OUTCOMES)}|"
           r"(?:in|under)\s+(?:[\w'’-]+\s+){0,3}?custody)")
# OUTCOME and AUX with their word lists as tries: the patterns built on them (…_FAST) match what the originals match.
# The originals stay the source of the literal gates (gate.required_literals reads flat word lists best).
OUTCOME_FAST = (rf"(?:{DIED_OF}|{TREATED}|{_trie_alternation(OUTCOMES)}|"
                r"(?:in|under)\s+(?:[\w'’-]+\s+){0,3}?custody)")
AUX = (r"(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|later|still|now|all|feared|believed|"
       r"reported|said|thought|to|already|so|far|subsequently|allegedly|apparently|confirmed|either|both|"
       r"officially|initially|eventually|may|might|could|would|presumed|likely|remain|remained|remains)")
AUX_FAST = _trie_alternation(AUX[3:-1].split("|"))  # (each AUX word is followed by a space: one fits at a place)
NP_WORD = rf"(?:{Q}\w[\w'’.-]*{Q}|\([A-Z][\w.&-]{{1,11}}\))"  # a word, or an acronym in brackets
ASIDE = (r"(?:\s*\((?:including|among them)[^)]{1,80}\)|,\s*(?:including|among them|among whom|of whom|mostly|"
         r"most of them)\s[^,]{1,80},|,\s*[\w-]+\s+of\s+(?:them|whom)\s[^,]{1,40},|,\s*who\s[^,]{1,80},)")
# number … [victims] [aside] [auxiliaries] outcome: "40 others were wounded"
# RIGHT, LEFT and ZERO_SUBJECT are the word-list forms, kept as sources for the literal gates; the *_FAST
# forms (the same patterns with their word lists as tries) are the ones compiled and run.
RIGHT = PatternSource(
    rf"^(?P<np>(?:\s+{NP_WORD}){{0,7}}?)(?P<aside>{ASIDE})?\s*,?\s*(?P<aux>(?:{AUX}\s+){{0,4}})"
    rf"(?<![\w'’-])(?P<out>{OUTCOME})(?P<alt>\s+(?:or|and)\s+(?:{OUTCOME}))?\b", re.IGNORECASE | re.UNICODE)
RIGHT_FAST = re.compile(
    rf"^(?P<np>(?:\s+{NP_WORD}){{0,7}}?)(?P<aside>{ASIDE})?\s*,?\s*(?P<aux>(?:{AUX_FAST}\s+){{0,4}})"
    rf"(?<![\w'’-])(?P<out>{OUTCOME_FAST})(?P<alt>\s+(?:or|and)\s+(?:{OUTCOME_FAST}))?\b", re.IGNORECASE)
# verb … number: "killed at least 68", "left 44 … dead"
LEFT = PatternSource(rf"\b(?P<verb>{_alternation(OBJECT_VERBS)})\s+"
                     rf"(?:(?:a\s+total\s+of|the\s+lives\s+of|all)\s+)?{Q}\s*$", re.IGNORECASE | re.UNICODE)
LEFT_FAST = re.compile(LEFT.pattern.replace(_alternation(OBJECT_VERBS), _trie_alternation(OBJECT_VERBS)),
                       re.IGNORECASE)
TOLL_LEFT = re.compile(
    r"\b(?:death\s+toll|toll|tally|number\s+of\s+(?:dead|deaths|people\s+killed|fatalities))\b[^.;]{0,40}?"
    r"\b(?:to|at|of|is|was|reached|hit|stands\s+at|stood\s+at)\s+$", re.IGNORECASE)
# "taking the total to 11": a running total of the figure before it in the sentence (its outcome).
TOTAL_LEFT = re.compile(r"\b(?:total|overall\s+(?:figure|number))\s+(?:\w+\s+){0,3}?(?:to|at|reached|hit|of)\s+$",
                        re.IGNORECASE)
RISE_VERBS = r"rose|risen|rising|climbed|climbing|increased|jumped|grew|went\s+up|mounted"
RISE = re.compile(rf"\b(?:{RISE_VERBS})\s+(?:from\s+\S+\s+)?to\s+$", re.IGNORECASE)
RISE_WORDS = {verb.split("\\s+")[0] for verb in RISE_VERBS.split("|")}  # a RISE match starts with one, whole
UP_FROM = re.compile(r"^[^.;]{0,40}?\b(?:(?:up|rising|risen)\s+)?from\s+(?:an?\s+(?:earlier|previous|initial)\s+)?"
                     r"(?:(?:toll|figure)\s+of\s+)?", re.IGNORECASE)
LIVES_VERB = re.compile(r"\b(?:claimed|claiming|claims|cost|costing|costs|took|taking|takes)\s+(?:the\s+)?$",
                        re.IGNORECASE)
LIVES_AFTER = re.compile(r"\s+(?:\w+\s+)?lives\b", re.IGNORECASE)
HOLD_VERB = re.compile(r"\b(?:took|taken|taking|takes|held|holding|holds|seized|seizing|abducted|captured)\s+$",
                       re.IGNORECASE)
HOSTAGES_AFTER = re.compile(r"\s+((?:\w+\s+){0,2}?(?:hostages|prisoners|captives))\b", re.IGNORECASE)
FROM_TO = re.compile(r"\bfrom\s+$", re.IGNORECASE)
TOLL_END = re.compile(r"\b(?:to|at|of|is|was|reached|hit)\s+$", re.IGNORECASE)
# Victims after a number, up to punctuation, a clause word or a "left … dead" adjective.
NP_AFTER = re.compile(
    rf"^(?P<np>(?:\s+{NP_WORD}){{0,6}}?)(?=\s*(?:[,.;:)—–-]|$|\s+(?:in|on|at|near|during|after|when|as|and|while|"
    rf"across|since|from|with|who|including)\b|\s+(?P<adj>dead|injured|wounded|hurt|missing)\b))", re.IGNORECASE)
CHAIN_GAP = re.compile(rf"^(?P<np>(?:\s+{NP_WORD}){{1,4}}?)\s*(?:,\s*and|,|and)\s*$", re.IGNORECASE)
BARE_OBJECT_END = re.compile(r"\s*(?:[,.;]|(?:and|in|on|at|near|during|across|when|as)\b|$)", re.IGNORECASE)
NP_STOP = {"that", "which", "when", "where", "while", "after", "before", "as", "and", "or", "but", "because",
           "than", "since", "if", "whose", "lost", "said", "says", "the", "a", "an", "this", "those"}
OF_NUMBER = re.compile(r"\s+of\s+(?:the\s+|these\s+|those\s+)?(?:\d|(?:" + "|".join(
    w for w in LEXICON["number_words"] if " " not in w) + r")\b)", re.IGNORECASE)
PARTITIVE = re.compile(r"^\s+of\s+(?:the|them|whom|those|these|its|their|his|her)\b\s*", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:no|none|nobody|without)\b", re.IGNORECASE)
ZERO_NOUN = re.compile(
    r"\b(?:[Nn]o|[Ww]ithout(?:\s+any)?)\s+(?:(?:immediate\s+|official\s+|initial\s+)?(?:reports?|word|signs?|"
    r"indications?|news)\s+of\s+(?:any\s+)?)?(?P<victims>(?:(?:[A-Z][\w'’.-]*|civilian|military|serious|major|"
    r"immediate|further|human|other|new|known|reported)\s+(?:or\s+|and\s+)?){0,4})(?P<out>casualties|deaths|"
    r"fatalities|injuries|loss(?:es)?\s+of\s+life)\b(?![^.;]{0,60}\bconfirmed\b)")
ZERO_SUBJECT = PatternSource(
    rf"\b(?P<who>[Nn]o(?:\s+one|body)|[Nn]one(?:\s+of\s+(?:the|its|their|our|his|her)\s+(?P<of>[\w\s'’-]{{1,40}}?))?|"
    rf"[Nn]o\s+(?P<victims>(?:[\w'’.-]+\s+){{0,5}}?)(?P<noun>{_alternation(PERSON_NOUNS | {'lives'})}))"
    rf"\s+(?:(?:was|were|had|has|have|been|is|are|reportedly|seriously|badly|either)\s+){{1,3}}"
    rf"(?P<out>{OUTCOME}|lost)(?P<alt>\s+or\s+(?:{OUTCOME}))?\b")
ZERO_SUBJECT_FAST = re.compile(ZERO_SUBJECT.pattern.replace(OUTCOME, OUTCOME_FAST))
RIGHT_GATED = Gated(RIGHT)  # RIGHT is anchored at the start: its search is its match
RIGHT_GATED.pattern = RIGHT_FAST  # (the gate's literals are RIGHT's)


MAY_HAVE_FIGURE = re.compile(r"\d|\b(?:no|none|without|dozen|hundred|thousand|member\s+of|" + "|".join(
    w for w in LEXICON["number_words"] if " " not in w) + r")", re.IGNORECASE)
# MAY_HAVE_FIGURE lets "not", "now", "north" … through (a number word or "no" may begin a longer word); a figure
# needs a digit, a word beginning with a number word (FIGURE), "member"/"staffer"/"employee" (MEMBER_ONE) or a
# negation (ZERO_NOUN, ZERO_SUBJECT), which the sentence's words show far more cheaply.
NEGATION_WORDS = {"no", "none", "nobody", "without"}  # NEGATION's words
MEMBER_WORDS = {"member", "staffer", "employee"}  # one of which MEMBER_ONE needs
FIGURE_WORDS = NEGATION_WORDS | MEMBER_WORDS
DIGIT = re.compile(r"\d")


MAY_HAVE_FIGURE_STARTS = ("no", "none", "without", "dozen", "hundred", "thousand",
                          *(w for w in LEXICON["number_words"] if " " not in w))
MEMBER_OF = re.compile(r"\bmember\s+of", re.IGNORECASE)
MAY_HAVE_FIGURE_WORDS = WordClass(lambda word: word.startswith(MAY_HAVE_FIGURE_STARTS))
# A word with a digit, one of FIGURE_WORDS or a word starting with a number word: a sentence without one cannot hold
# a figure (one set test rejects most sentences).
FIGURE_CUE_WORDS = WordClass(lambda word: bool(DIGIT.search(word)) or word in FIGURE_WORDS
                             or word.startswith(NUMBER_WORD_STARTS))


def may_have_figure(text: str, words: set[str]) -> bool:
    """Whether the sentence (its folded `words` given) can hold a figure: MAY_HAVE_FIGURE matches it (a digit,
    or a word starting with one of MAY_HAVE_FIGURE_STARTS, or "member of") and it has one of the words a figure
    needs (FIGURE_WORDS or a word starting with a number word)."""
    if not FIGURE_CUE_WORDS.any_in(words):
        return False  # no digit, no FIGURE_WORDS and no word starting with a number word
    if DIGIT_WORDS.any_in(words):
        return True
    return MAY_HAVE_FIGURE_WORDS.any_in(words) or bool("member" in words and MEMBER_OF.search(text))


def cue_pieces(patterns: list[re.Pattern]) -> Optional[re.Pattern]:
    """A pattern finding, inside one word, a piece of some literal that a match of one of `patterns` holds
    (gate.required_literals; a literal's longest run of word characters, the last of equals); None when one
    of the patterns needs no literal."""
    pieces = set()
    for pattern in patterns:
        literals = required_literals(pattern)
        if literals is None:
            return None
        for literal in literals:
            runs = re.findall(r"\w+", literal)
            if not runs:
                return None
            pieces.add(max(reversed(runs), key=len))
    return literal_finder(pieces)


# A figure yields a casualty only through an outcome, a toll, a rise or total, a release or a zero: each of
# those patterns needs a literal, so a sentence with figures but none of their pieces yields nothing.
CUE_PIECES = cue_pieces([RIGHT, LIVES_AFTER, HOSTAGES_AFTER, LEFT, TOLL_LEFT, RISE, TOTAL_LEFT, ZERO_NOUN,
                          ZERO_SUBJECT])
CUE_WORDS = WordClass(CUE_PIECES.search) if CUE_PIECES else None


def one_word_each(phrases, known=frozenset()) -> set[str]:
    """A word of each phrase: of a one-word phrase the phrase, of a longer one a word that is itself one of the
    one-word phrases or `known` ("dead" for "among the dead"), else its longest word (the last of equals)."""
    singles = {phrase for phrase in phrases if " " not in phrase}
    return singles | {next((word for word in phrase.split() if word in singles or word in known), None)
                      or max(reversed(phrase.split()), key=len) for phrase in phrases if " " in phrase}


# Stronger than CUE_WORDS: every match of those patterns holds one of these words *whole* (the patterns bound each
# of their words by \s, \b or a lookbehind for \w): an outcome (RIGHT, ZERO_SUBJECT), "lives", a hostage noun, an
# object verb (LEFT), a toll, rise or total word, or a zero noun (ZERO_NOUN). A sentence of at most
# CUE_TOKEN_MAX_LENGTH characters lacking all of them yields nothing. In a longer one a figure's context slice (see
# casualties._classify) may cut a word and leave its start (at the slice's end) or its end (at the slice's start)
# whole in the slice: there a word beginning or ending with one of them (CUE_AFFIX_WORDS) is needed.
OUTCOME_TOKENS = one_word_each(OUTCOMES) | {
    "died", "succumbed", "treated", "admitted", "rushed", "airlifted", "receiving", "custody",  # DIED_OF, TREATED
    "hospital", "hospitals", "clinic", "clinics", "facility", "facilities"}  # HOSPITAL
CUE_TOKENS = frozenset(OUTCOME_TOKENS | one_word_each(OBJECT_VERBS, OUTCOME_TOKENS | {"lives"}) | RISE_WORDS | {
    "lives", "hostages", "prisoners", "captives", "toll", "tally", "number", "total", "overall",
    "casualties", "deaths", "fatalities", "injuries", "loss", "losses", "lost"})
CUE_TOKEN_MAX_LENGTH = 200  # casualties._classify reads 200 characters before a figure and 400 after it
_CUE_TOKEN_TUPLE = tuple(sorted(CUE_TOKENS))
CUE_AFFIX_WORDS = WordClass(lambda word: word.startswith(_CUE_TOKEN_TUPLE) or word.endswith(_CUE_TOKEN_TUPLE))


def figure_sentences(sentences, word_sets: list[set[str]]) -> list[int]:
    """The indices of the sentences (with their folded words `word_sets`) that pass `may_have_figure` and hold a
    CUE_WORDS word and a CUE_TOKENS (or, if long, CUE_AFFIX_WORDS) word, tested as set operations on the classes'
    members (no method call per class and sentence)."""
    recorded = WordClass.recorded
    figure_cues, digits, starts = FIGURE_CUE_WORDS.members, DIGIT_WORDS.members, MAY_HAVE_FIGURE_WORDS.members
    cues = CUE_WORDS.members if CUE_WORDS else None
    affixes = CUE_AFFIX_WORDS.members
    found = []
    for index, words in enumerate(word_sets):
        if not recorded(words):  # the record is full: the slow path
            if may_have_figure(sentences[index].text, words) and (cues is None or CUE_WORDS.any_in(words)):
                found.append(index)
        elif (not figure_cues.isdisjoint(words) and (cues is None or not cues.isdisjoint(words))
              and (not digits.isdisjoint(words) or not starts.isdisjoint(words)
                   or ("member" in words and MEMBER_OF.search(sentences[index].text)))
              and (not CUE_TOKENS.isdisjoint(words) if len(sentences[index].text) <= CUE_TOKEN_MAX_LENGTH
                   else not affixes.isdisjoint(words))):
            found.append(index)
    return found

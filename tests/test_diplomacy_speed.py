"""The shortcuts of the diplomacy extractors hold: each gate rules out only what the full test would rule out."""
import sys

from briefing.extract.diplomacy_fallback import NOT_DIPLOMATIC, _non_diplomatic_subject
from briefing.extract.diplomacy_groups import LEADING_THE, PAIR_SUBJECT, PAIR_WORDS, WORD
from briefing.extract.diplomacy_scan import ArticleScan
from briefing.extract.gate import fold


def test_every_character_lower_casing_to_ascii_folds_to_it():
    # _non_diplomatic_subject searches the folded text for its (ASCII) words: sound only if this holds.
    assert all(w.isascii() and w == w.lower() for w in NOT_DIPLOMATIC)
    for code in range(0x80, sys.maxunicode + 1):
        c = chr(code)
        if c.lower().isascii():
            assert fold(c) == c.lower(), hex(code)


class _Clause:
    """A resolver whose main clause starts at the sentence start."""

    def __init__(self, text):
        self.text = text

    def main_clause_start(self, start, pos):
        return start, None


class _Sentence:
    start = 0


def test_a_non_ascii_subject_naming_an_army_is_still_found():
    text = "Niger’s ARMY, in a statement, said"
    scan = ArticleScan(text)
    assert not scan.ascii and scan.aligned
    assert _non_diplomatic_subject(_Clause(text), _Sentence(), text.index("said"), scan)
    other = "Niger’s government, in a statement, said"
    assert not _non_diplomatic_subject(_Clause(other), _Sentence(), other.index("said"), ArticleScan(other))


def test_a_pair_subject_opens_with_a_pair_word():
    # _group_agents tries PAIR_SUBJECT only when the first word after LEADING_THE is one of PAIR_WORDS.
    for text in ("the two ministers said", "  The  two sides agreed", "Both countries said", "both foreign ministers met",
                 "the two  sides' leaders met"):
        if PAIR_SUBJECT.match(text, 0, len(text)):
            g0 = LEADING_THE.match(text, 0, len(text)).end()
            assert WORD.search(text, g0, len(text)).group(0).lower() in PAIR_WORDS, text

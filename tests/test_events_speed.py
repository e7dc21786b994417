"""The shortcuts of the chronology tests give what the full patterns give."""
import pytest

from briefing.extract.event_tense import LOOK_BACK, LOOK_BACK_TEST, PARTICIPLE_MODIFIER, participle_match
from briefing.extract.words import lowered, words_of

SENTENCES = [
    "The town has long been contested.", "Troops had earlier withdrawn.", "He HAD Already left.", "It rose last year.",
    "Prices rose LAST MONTH.", "For years the road was closed.", "Talks began weeks ago.", "In the past, it flooded.",
    "Earlier this month the army left.", "She used to live there.", "Since Monday, shelling went on.",
    "The for years-long feud.", "Used, to be sure.", "He had, before that, left.", "The past in the city.",
    "Months earlier the dam broke.", "Historically the port was free.", "They had   long since gone.", "",
    "Nothing here.", "The earlier this-month report.", "Last\nyear was calm.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_look_back_parts_agree_with_the_whole_pattern(sentence):
    words = words_of(lowered(sentence))
    assert LOOK_BACK_TEST.matches(sentence, words) == bool(LOOK_BACK.search(sentence))


@pytest.mark.parametrize("before", [
    "The deal, reached by the two sides ", "The deal reached, by the two sides ", "the truce reached by  ",
    "the truce reached by   ", "the truce reached with\n", "Officials said the accord signed BY the chiefs ",
    "The pact signed; with ", "rebels seized the town captured by troops in a raid ", "the ceasefire agreed ",
    "the ceasefire agreed between rivals, then broken by ", "a deal struck with x ", "ſigned ſigned ",
])
def test_participle_gates_agree_with_a_full_scan(before):
    full, tail = PARTICIPLE_MODIFIER.search(before), participle_match(before)
    assert (full and full.span()) == (tail and tail.span())

"""The fast forms in actor_lexicon and actor_patterns give what the plain regexes and scans they replace give."""
import random

import pytest

from briefing.extract import actor_lexicon as al

PIECES = ["of", "the", "from", "fo", "Government", "officials", "heads", "X-ray", "’s", "O'Neil", " ", "  ", "\n",
          "\t", ",", "(", "Iran", "of the", "the the", "from the", "é", "Δ", "-", "'"]


def _windows(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))


@pytest.mark.parametrize("original, reversed_", [(al.OWNER_OF, al.REVERSED_OWNER),
                                                  (al.SENT_FROM_RE, al.REVERSED_SENT_FROM)])
def test_reversed_patterns_find_the_word_the_search_finds(original, reversed_):
    for window in _windows(1, 20000):
        found = original.search(window)
        backwards = reversed_.match(window[::-1])
        assert (found[1] if found else None) == (backwards[1][::-1] if backwards else None), repr(window)


def test_owner_match_bounded_to_forty_characters_is_the_search_of_the_last_forty():
    for window in _windows(2, 5000):
        window = window * 3
        found = al.OWNER_OF.search(window[-40:])
        backwards = al.REVERSED_OWNER.match(window[::-1], 0, 40)
        assert (found[1] if found else None) == (backwards[1][::-1] if backwards else None), repr(window)


def test_ethnic_before_a_demonym_is_still_seen():
    lex = al.lexicon()
    for text in ["Ethnic Armenian men fled.", "the ethnic  Armenian men", "ETHNIC Armenian men", "eThNiC \"Armenian men",
                 "the Armenian army said"]:
        found = [c for c in al.lexicon_candidates(text, lex) if c.form == "demonym"]
        assert bool(found) == (text == "the Armenian army said"), text


def test_company_noun_closers_are_the_marks_after_the_nouns():
    from briefing.extract.actor_patterns import _company_noun_closers
    from briefing.extract.actor_shapes import COMPANY_NOUN_WORDS
    from briefing.extract.scans import occurrences
    rng = random.Random(3)
    pieces = [*COMPANY_NOUN_WORDS, ",", ".", ";", " ", "s", "confirm", "firm", "Company", "x"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        after = {text[at + len(noun):at + len(noun) + 1] for noun in COMPANY_NOUN_WORDS
                 for at in occurrences(text, (noun,))}
        assert set(_company_noun_closers(text)) == after & {",", ".", ";"}, repr(text)


def test_capitals_before_reads_back_what_the_walk_finds():
    from briefing.extract.actor_patterns import _capitals_before, _capitals_before_walk
    rng = random.Random(4)
    pieces = ["Army", "of", "the", "Foreign", "’s", "O'Neil", "x-Ray", " ", "  ", "\n", "\t", "\u00a0", ",", "(", "é",
              "É", "Δ", "-", "'", "_", "9", "Long" * 30]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        for end in {len(text), rng.randint(0, len(text))}:
            for words in (4, 6):
                assert _capitals_before(text, end, words) == sorted(_capitals_before_walk(text, end, words)), \
                    (text, end, words)


def test_paper_title_starts_are_those_from_every_head():
    from briefing.extract.actor_patterns import PAPER_HEADS, _capitals_before, paper_title_starts
    from briefing.extract.scans import occurrences
    rng = random.Random(5)
    pieces = [*PAPER_HEADS, "The", "New", "York", "x", " ", "\n", "-", "’s", "TimesPost", "Sunday"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = {s for at in occurrences(text, PAPER_HEADS) for s in _capitals_before(text, at, 4)}
        assert set(paper_title_starts(text)) == expected, repr(text)


def test_shared_occurrences_are_the_occurrences_of_each_word():
    from briefing.extract.scans import occurrences
    rng = random.Random(6)
    words = [*al.FOUND_WITHIN, *al.SHARED_WORDS, "news", "al-"]
    pieces = [*words, "s", "’s", "State", "of", " ", "x", "prosecutor’s", "emergency"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for word in rng.sample(words, len(words)):  # (any order: a shared word may be found first or last)
            assert al.shared_occurrences(text, word) == occurrences(text, (word,)), (text, word)
        assert sorted(al.words_occurrences(text, tuple(words))) == sorted(occurrences(text, words)), text


def test_office_after_is_the_office_match():
    lex = al.lexicon()
    rng = random.Random(7)
    pieces = ["President", "Dr", "Dr.", "Mr", "IG", "ig", "military", "Military", "Lt.", "Gen.", "minister", "kin",
              "\u212aing", " ", "  ", "\n", "-", "’s", "x", "s", "Secretary-General", "co-mediator", ","]
    for _ in range(20000):
        text = "Iran " + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert al._office_after(text, 4, lex) == (lex.offices.match(text, 5 + len(text[5:]) - len(text[5:].lstrip()),
                                                                     44) is not None), repr(text)


def test_no_word_before_a_space_after_a_mark():
    # (_state_actor_like reads no word there without asking word_before.)
    for mark in ".,;:!?()—–":
        assert al.word_before(f"they said{mark} Iran", len(f"they said{mark} ")) == ""

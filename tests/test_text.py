"""Sentence splitting: exact offsets, abbreviations and initials kept inside, paragraph breaks always ending one."""
from __future__ import annotations

import random

import pytest

from briefing.extract.text import ABBREVIATIONS, split_sentences


def texts_of(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("abbreviation", sorted(ABBREVIATIONS))
def test_an_abbreviation_before_a_capital_does_not_end_the_sentence(abbreviation):
    text = f"They met the {abbreviation}. Khan delegation on Monday. Talks went on."
    assert texts_of(text) == [f"They met the {abbreviation}. Khan delegation on Monday.", "Talks went on."]


@pytest.mark.parametrize("word", ["U.S.", "J.", "A.B.C."])
def test_initials_do_not_end_the_sentence(word):
    assert len(split_sentences(f"Officials of the {word} Navy said so. Others did not.")) == 2


@pytest.mark.parametrize("word", ["attacks", "Corps", "decade", "2024", "Kabul"])
def test_an_ordinary_word_before_a_full_stop_ends_the_sentence(word):
    assert texts_of(f"It was {word}. Then came more! Why? “Never.” Done") == \
        [f"It was {word}.", "Then came more!", "Why?", "“Never.”", "Done"]


def test_a_paragraph_break_ends_a_sentence_without_a_full_stop():
    assert texts_of("Headline without stop\n\n  Body starts here. And goes on  ") == \
        ["Headline without stop", "Body starts here.", "And goes on"]


def test_sentences_are_exact_ordered_spans_covering_every_word():
    rnd = random.Random(7)
    pieces = ["Mr.", "U.S.", "said", "Kabul.", "strike!", "why?", "“No.”", "\n\n", " ", "  ", "\t", "etc..", "x", "Z"]
    for _ in range(500):
        text = " ".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        sentences = split_sentences(text)
        for s in sentences:
            assert text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
        assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
        assert "".join("".join(s.text.split()) for s in sentences) == "".join(text.split())  # nothing lost

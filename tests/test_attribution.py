"""Attribution: who a sentence's claim is attributed to."""
from __future__ import annotations

from datetime import date

import pytest

from briefing.extract.attribution import claimant_in, find_claimant
from briefing.extract.context import ArticleContext
from briefing.extract.text import split_sentences
from briefing.model import Article


@pytest.mark.parametrize("sentence, claimant", [
    ("According to Ukraine's Emergency Service, the attacks left 64 people wounded.", "Ukraine's Emergency Service"),
    ("Twelve people were killed, according to the health ministry.", "health ministry"),
    ("Ukrainian officials said at least 10 people had died.", "Ukrainian officials"),
    ("Iranian state television claimed today that 80 soldiers had died.", "Iranian state television"),
    ("India's foreign ministry said two soldiers were killed.", "India's foreign ministry"),
    ("State media reported that five people were hurt.", "State media"),
    ("At least 12 people were killed, officials said.", "officials"),
    ("At least 12 people were killed, said the interior ministry.", "interior ministry"),
    ("Five people died, state media reported, citing local police.", "local police"),
    ("Pakistani officials, by contrast, maintained there had been no casualties.", "Pakistani officials"),
    ("Writing on Twitter, the Danish armed forces said no soldiers were hurt.", "Danish armed forces"),
    ("The Investigative Committee reports that three people lost their lives.", "Investigative Committee"),
    ("It came as a former official claimed that close to 100 people had died.", "a former official"),
    ("This coincided with a claim by a former official that 100 people had died.", "a former official"),
    ("Mohammad Faisal, the Foreign Office spokesman, wrote on Twitter that the envoy left.",
     "Mohammad Faisal, Foreign Office spokesman"),
    ("The police told reporters that two men were arrested.", "police"),
    ("No American casualties have been confirmed by the White House.", "White House"),
    ("Twenty jawans lost their lives in the attack.", ""),
    ("Initial reports said gunfire followed the blast.", "Initial reports"),
    ("On Tuesday India announced that it had struck camps.", "India"),
    ("The army rejected India's claims that it had hit an alleged camp.", ""),
    ("Refugees, who until last week asserted independence, are fleeing.", ""),
])
def test_attribution_forms(sentence, claimant):
    assert claimant_in(sentence) == claimant


def test_nearest_cue_before_the_claim_wins():
    text = "According to Reuters, Iranian state media further claimed that 80 soldiers died."
    assert claimant_in(text, at=text.index("80")) == "Iranian state media"
    assert claimant_in(text, at=0) == "Reuters"


def test_closing_cue_attributes_the_whole_sentence():
    text = "Putin said the strikes were revenge, and at least 10 people were killed, officials said."
    assert claimant_in(text, at=text.index("10")) == "officials"
    assert claimant_in(text, at=text.index("strikes")) == "Putin"


def _ctx(text: str) -> ArticleContext:
    art = Article(key="k", stem="k", text=text, outlet="Example Wire", published=date(2024, 1, 2))
    return ArticleContext(article=art, sentences=split_sentences(text))


def test_pronoun_resolves_to_the_last_named_claimant():
    text = ("Major General Asif Ghafoor said two pilots had been arrested. "
            "In a later clarification, however, he said only one pilot was in custody.")
    ctx = _ctx(text)
    assert find_claimant(ctx, ctx.sentences[1]) == "Major General Asif Ghafoor"


def test_unattributed_sentence_gives_empty_string():
    ctx = _ctx("A truck exploded on the bridge earlier today.")
    assert find_claimant(ctx, ctx.sentences[0]) == ""


def test_elided_subject_after_and_said():
    text = "Officials who represent the region used a statement to confirm the toll, and said 105 people were missing."
    assert claimant_in(text, at=text.index("105")) == "Officials who represent the region"


def test_breakdown_sentence_keeps_the_previous_claimant():
    text = "Police sources said 40 people were injured. Of these, 9 are in hospital. Among them, 3 died."
    ctx = _ctx(text)
    assert find_claimant(ctx, ctx.sentences[1]) == "Police sources"
    assert find_claimant(ctx, ctx.sentences[2]) == "Police sources"


def test_ordinary_unattributed_sentence_does_not_inherit():
    ctx = _ctx("Police sources said 40 people were injured. Eleven people died in a separate crash.")
    assert find_claimant(ctx, ctx.sentences[1]) == ""


def test_background_as_clause_after_reported_speech_is_not_the_speakers_claim():
    text = "The minister told parliament that the raid was planned, as the two sides traded blame over 12 deaths."
    assert claimant_in(text, at=text.index("12")) == ""
    assert claimant_in(text, at=text.index("raid")) == "minister"


def test_according_scanned_from_word_starts_equals_the_bounded_pattern():
    """ACCORDING_SCAN through scans.word_start_finditer must find what the \\b-led case-pair pattern finds."""
    import random
    import re

    from briefing.extract.attribution import ACCORDING_SCAN
    from briefing.extract.scans import word_start_finditer

    bounded = re.compile(r"\b(?:[Aa]ccording to|[Cc]iting|[Qq]uoting|[Pp]er)\s+")
    words = ["according", "According", "to", "citing", "Citing", "exciting", "quoting", "Quoting", "per", "Per",
             "paper", "super", "officials", "Reuters", "cent", "\n"]
    rng = random.Random(37)
    found = 0
    for _ in range(4000):
        text = rng.choice([" ", "", "  "]).join(rng.choice(words) for _ in range(rng.randint(1, 10)))
        expected = [m.span() for m in bounded.finditer(text)]
        found += len(expected)
        assert [m.span() for m in word_start_finditer(ACCORDING_SCAN, text)] == expected, text
    assert found > 1000

"""The shortcuts of the casualty extractor find what the full scans find."""
import random
import re


def test_every_cue_match_holds_a_cue_token_whole():
    """figure_sentences drops a short sentence without CUE_TOKENS: every match of a pattern that can make a finding
    must hold one of them as a whole word."""
    from briefing.extract.casualty_patterns import (
        CUE_TOKENS, HOSTAGES_AFTER, LEFT_FAST, LIVES_AFTER, OBJECT_VERBS, OUTCOMES, RIGHT_FAST, RISE, TOLL_LEFT,
        TOTAL_LEFT, ZERO_NOUN, ZERO_SUBJECT_FAST)
    from briefing.extract.words import lowered, words_of

    assert all(re.fullmatch(r"[a-z]+", word) for phrase in [*OUTCOMES, *OBJECT_VERBS] for word in phrase.split())
    cues = (sorted(OUTCOMES) + sorted(OBJECT_VERBS)
            + ["in hospital", "in a local clinic", "in two hospitals", "in a medical facility", "treated at the scene",
               "being treated for burns", "admitted to the hospital", "rushed to hospital", "receiving treatment",
               "died of their wounds", "succumbed to injuries", "in police custody", "under army custody",
               "the death toll", "toll", "tally", "number of dead", "the total", "overall figure", "rose", "risen",
               "went up", "climbed from 3", "lives", "hostages", "prisoners", "captives", "claimed", "took",
               "no reports of", "deaths", "loss of life", "casualties", "nobody was", "None of the", "No", "No loss of life"])
    fillers = ["12", "at least 40", "people", "civilians", "soldiers", "or", "and", ",", "(including two children)",
               "were", "are", "remain", "a total of", "others", "to", "at", "of", "reached", "Killed", "WOUNDED"]
    rng = random.Random(7)
    hits = 0
    for _ in range(4000):
        text = " " + " ".join(rng.choice(cues if rng.random() < 0.4 else fillers)
                              for _ in range(rng.randint(1, 9))) + " "
        for pattern in (RIGHT_FAST, LIVES_AFTER, HOSTAGES_AFTER):
            for start in range(len(text)):
                m = pattern.match(text, start)
                if m:
                    hits += 1
                    assert not CUE_TOKENS.isdisjoint(words_of(lowered(m.group(0)))), (pattern.pattern[:30], m.group(0))
        for pattern in (LEFT_FAST, TOLL_LEFT, RISE, TOTAL_LEFT):  # (they end where a figure starts)
            for before in (text, text + "to "):
                m = pattern.search(before)
                if m:
                    hits += 1
                    assert not CUE_TOKENS.isdisjoint(words_of(lowered(m.group(0)))), m.group(0)
        for pattern in (ZERO_NOUN, ZERO_SUBJECT_FAST):
            for m in pattern.finditer(text):
                hits += 1
                assert not CUE_TOKENS.isdisjoint(words_of(lowered(m.group(0)))), m.group(0)
    assert hits > 2000


def test_short_sentences_without_cue_tokens_are_skipped_and_yield_nothing():
    from briefing.extract.casualties import _sentence_figures
    from briefing.extract.casualty_patterns import CUE_TOKENS, figure_sentences
    from briefing.extract.text import split_sentences
    from briefing.extract.words import lowered, words_of

    text = ("The Pentagon has confirmed that two bases were targeted with 11 missiles. "
            "Twelve soldiers were killed. Three soldiers died and their bodies were returned on 3 May.")
    sentences = split_sentences(text)
    word_sets = [words_of(lowered(s.text)) for s in sentences]
    assert CUE_TOKENS.isdisjoint(word_sets[0]) and _sentence_figures(sentences[0].text) == []
    assert figure_sentences(sentences, word_sets) == [1, 2]


def test_long_sentences_keep_words_cut_by_a_context_slice():
    """_classify reads 400 characters after a figure and 200 before it: a word cut there ("diet", "skilled") leaves
    a cue ("die", "killed") whole in the slice, which a long sentence must not be skipped for lacking."""
    from briefing.extract.casualties import _sentence_figures
    from briefing.extract.casualty_patterns import CUE_TOKENS, figure_sentences
    from briefing.extract.text import split_sentences
    from briefing.extract.words import lowered, words_of

    head = "Yesterday 12 soldiers"  # the slice after "12" ends 400 characters on, right after the "die" of "diet"
    after_cut = head + "." * (head.index("12") + 2 + 400 - len(head) - len(" die")) + " diet plans changed"
    before_cut = "The skilled" + " " * 194 + "12 soldiers."  # the slice before "12" starts at "killed"
    for text in (after_cut, before_cut):
        words = words_of(lowered(text))
        assert CUE_TOKENS.isdisjoint(words)
        assert [(f["count"], f["outcome"]) for f in _sentence_figures(text)] == [(12, "killed")]
        assert figure_sentences(split_sentences(text), [words]) == [0]


def test_recalled_figures_equal_fresh_ones_and_are_copies():
    from briefing.extract.casualties import _recalled_figures, _sentence_figures
    from briefing.extract.words import lowered, words_of

    text = "Twelve soldiers and three civilians were killed."
    folded = lowered(text)
    first = _recalled_figures(text, None, folded, words_of(folded))
    first[0]["victims"] = "changed"
    first[0]["parts"].append(99)
    assert _recalled_figures(text, None, folded, words_of(folded)) == _sentence_figures(text) != first

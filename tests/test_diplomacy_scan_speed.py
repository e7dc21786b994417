"""The shortcuts of the diplomacy scan and clause reader answer exactly what the plain computations answer."""
import random
import re

from briefing.extract.diplomacy_clauses import DATELINE, DATELINE_OPENING, ClauseReader, _SpanIndex
from briefing.extract.diplomacy_scan import _Heads

PIECES = ["A", "B", "Z", "a", "b", "1", " ", "  ", "\n", "\t", ",", ".", "'", "’", "-", "--", "/", "(", ")", "—", "–",
          ":", ";", "Jan", "Sep", " 12", "é", "É", "_", '"', "“", "”"]


def _random_texts(count: int, longest: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, longest)))


def test_dateline_opening_admits_every_dateline():
    samples = ["KYIV, Ukraine (AP) — The", "Kyiv-- the war", "KYIV - the", "A. B: x", "X/Y — z", "Foo Bar, Jan 12 - x",
               "Foo\u2014 x", "  Foo -- x", "United Nations : The", *_random_texts(60_000, 14, seed=7)]
    matched = 0
    for text in samples:
        if DATELINE.match(text):
            matched += 1
            assert DATELINE_OPENING.match(text), text
    assert matched > 100
    assert not DATELINE_OPENING.match("The minister said on Monday - x")


def test_heads_find_lists_every_head_at_every_word_start():
    heads = _Heads()
    heads.add({"with", "withdr", "withdraw", "had", "hadn", "said", "sa"})
    text = "withdrew, with; hadn't said.  sa withdrawal had-withdrawn xwith"
    found = heads.find(text)
    expected = {}
    for m in re.finditer(r"\w+", text):
        for head in heads.heads:
            if m.group().startswith(head):
                expected.setdefault(head, []).append(m.start())
    assert found == expected
    assert all(positions == sorted(positions) for positions in found.values())


class _Mention:
    def __init__(self, start, end):
        self.start, self.end = start, end


def test_span_index_within_matches_the_plain_filter():
    rng = random.Random(3)
    for _ in range(200):
        cuts = sorted(rng.sample(range(200), 20))
        items = [_Mention(a, b) for a, b in zip(cuts[::2], cuts[1::2])]
        index = _SpanIndex(items)
        for _ in range(30):
            start, end = rng.randrange(-5, 205), rng.randrange(-5, 205)
            assert index.within(start, end) == [m for m in items if m.start >= start and m.end <= end]


class _Sentence:
    def __init__(self, start, end):
        self.start, self.end = start, end


def test_inside_quote_counts_the_quote_marks_before_pos():
    for text in _random_texts(3_000, 30, seed=11):
        reader = ClauseReader(text, [])
        for start in range(0, len(text), 3):
            sent = _Sentence(start, len(text))
            for pos in range(start, len(text) + 1):
                before = text[start:pos]
                plain = before.count('"') % 2 == 1 or before.count("“") > before.count("”")
                assert reader.inside_quote(sent, pos) == plain

"""Literal gates must never hide a match: gated and ungated scans find the same things."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.extract.diplomacy import MOVE_PATTERNS, STANCE_PATTERNS
from briefing.extract.gate import GatedPatterns, fold, required_literals

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize("pattern, literals", [
    (r"\bcondemn(?:s|ed|ing)?\b", {"condemn"}),
    # Of several required sets, the one whose shortest word is longest (the rarest to occur by chance).
    (r"\b(?:recall|summon)(?:ed|s)? (?:its|the) (?:envoy|ambassador)", {"recall", "summon"}),
    (r"\d+ (?:people|civilians) (?:were )?killed", {"people", "civilians"}),
    (r"\d+", None),
    (r"(?:ab|cd)\w+", None),                      # literals too short to be worth a check
    (r"(?!condemn)\w+ed\b", None),                # a negative lookahead's words are not required
])
def test_required_literals_are_what_every_match_contains(pattern, literals):
    found = required_literals(re.compile(pattern, re.I))
    if literals is None:
        assert found is None
    else:
        assert found == literals


def test_regex_only_case_matches_are_folded():
    # IGNORECASE lets "s" match "ſ", "i" match "ı" and "k" match the Kelvin sign; str.lower() does not.
    gated = GatedPatterns([re.compile(r"\bmissiles\b", re.I), re.compile(r"\bstrike\b", re.I)])
    for text in ("Three miſſiles hit.", "A \u212aILLED ... STRıKE", "STRİKE"):
        expected = [i for i, p in enumerate(gated.patterns) if p.search(text)]
        assert expected, text
        assert set(expected) <= set(gated.candidates(fold(text)))


def _sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_sentences()), min_size=1, max_size=6), st.text(max_size=40),
       st.sampled_from(["upper", "lower", "title", "same"]))
def test_gated_scan_finds_every_match_of_the_lexicon_patterns(sentences, noise, case):
    text = " ".join(sentences) + noise
    text = getattr(text, case)() if case != "same" else text
    for gated in (MOVE_PATTERNS, STANCE_PATTERNS):
        allowed = set(gated.candidates(fold(text)))
        for i, pattern in enumerate(gated.patterns):
            if pattern.search(text):
                assert i in allowed, (pattern.pattern, text)


def test_gate_skips_most_patterns_on_an_unrelated_text():
    text = fold("The weather in the valley was mild and the harvest began early this year.")
    assert len(STANCE_PATTERNS.candidates(text)) < len(STANCE_PATTERNS) // 4

"""The shortcuts in actors.py give what the plain definitions they replace give."""
import random

from briefing.extract.actor_lexicon import Candidate
from briefing.extract.actor_shapes import ACRONYM_DEF
from briefing.extract.actors import _defined_acronyms, _resolve, _resolve_into, find_actor_mentions


def _plain_resolve(cands: list[Candidate]) -> list[Candidate]:
    """The greedy choice over all candidates at once (no runs): longest first, then by priority."""
    return _resolve_into(cands)


def test_resolving_runs_of_overlaps_alone_is_the_global_greedy_choice():
    rng = random.Random(7)
    for _ in range(2000):
        cands = []
        for k in range(rng.randint(0, 14)):
            start = rng.randint(0, 60)
            cands.append(Candidate(start, start + rng.randint(1, 12), rng.choice(["A", "B", ""]), "state",
                                   rng.randint(0, 3), form=rng.choice(["name", "bare"])))
        assert [id(c) for c in _resolve(cands)] == [id(c) for c in _plain_resolve(cands)]


def _plain_acronyms(text: str, chosen: list[Candidate]) -> dict[str, Candidate]:
    """ACRONYM_DEF tried at the end of every chosen mention."""
    from briefing.extract.actors import ORG_HEAD_WORD
    from briefing.extract.actor_lexicon import initials_fit
    acronyms = {}
    for c in chosen:
        m = ACRONYM_DEF.match(text, c.end)
        if m and c.kind != "person" and (initials_fit(m[1], text[c.start:c.end])
                                         or ORG_HEAD_WORD.search(text[c.start:c.end])):
            acronyms[m[1]] = c
    return acronyms


def test_acronyms_found_at_brackets_are_those_defined_after_mentions():
    text = ("The Islamic State  (IS) and the Kurdistan Workers' Party\n(PKK) met the Popular Mobilization Forces "
            "( PMF) and (the SDF group) after Syrian Democratic Forces (the SDF group), then Kataib Hezbollah(KH) "
            "and Kataib Hezbollah (KH). Joe Biden (JB) spoke; (IS) again.")
    words = ["Islamic State", "Kurdistan Workers' Party", "Popular Mobilization Forces", "Syrian Democratic Forces",
             "Kataib Hezbollah", "Joe Biden"]
    chosen, seen = [], 0
    for w in words:
        while (at := text.find(w, seen)) >= 0:
            chosen.append(Candidate(at, at + len(w), w, "person" if w == "Joe Biden" else "armed_group", 0))
            seen = at + len(w)
        seen = 0
    chosen.sort(key=lambda c: c.start)
    found = _defined_acronyms(text, chosen)
    assert found == _plain_acronyms(text, chosen)
    assert list(found) == list(_plain_acronyms(text, chosen))
    assert {"IS", "PKK", "SDF", "KH"} <= set(found) and "JB" not in found


def test_surnames_inside_the_full_name_are_not_second_mentions():
    text = "Joe Biden met Rishi Sunak. Biden said Sunak agreed, Biden's aides said."
    names = [(m.surface, m.name) for m in find_actor_mentions(text) if m.kind == "person"]
    assert names == [("Joe Biden", "Joe Biden"), ("Rishi Sunak", "Rishi Sunak"), ("Biden", "Joe Biden"),
                     ("Sunak", "Rishi Sunak"), ("Biden", "Joe Biden")]

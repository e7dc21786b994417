"""Actor roles described from the actor's own cited moves and reactions, never invented."""
from __future__ import annotations

import random
import re

from briefing.model import Actor, Casualty, Citation, DiplomaticMove, InternationalReaction, SituationModel
from briefing.roles import NameIndex, add_capital_aliases, describe_roles


def c(source: str, start: int, quote: str) -> Citation:
    return Citation(source=source, quote=quote, start=start, end=start + len(quote))


def test_roles_come_from_cited_items_and_bring_their_citations():
    model = SituationModel(
        title="t", generated_at="2026-01-01T00:00:00",
        actors=[Actor(name="Northland", kind="state", aliases=["Northern"]),
                Actor(name="Eastland", kind="state"),
                Actor(name="Southland", kind="state", role="host of the bases"),
                Actor(name="Westland", kind="state")],
        diplomatic_moves=[DiplomaticMove(actor="Northern foreign ministry (Northland)", action="recalled ambassador",
                                         target="Southland", citations=[c("S1", 0, "Northland recalled")])],
        international_reactions=[InternationalReaction(actor="Eastland", stance="condemn",
                                                       citations=[c("S2", 5, "Eastland condemned")])],
    )
    describe_roles(model, parties={"Northland"})
    roles = {a.name: a for a in model.actors}
    assert roles["Northland"].role == "party to the conflict; recalled ambassador (Southland)"
    assert roles["Northland"].citations[0].quote == "Northland recalled"
    assert roles["Eastland"].role == "condemned"
    assert roles["Southland"].role == "host of the bases"
    assert roles["Westland"].role == "" and not roles["Westland"].citations


def _pattern_finds(actor: Actor, label: str) -> bool:
    """The straightforward test the name index stands in for: any name or alias as whole words."""
    names = sorted({actor.name, *actor.aliases}, key=len, reverse=True)
    return bool(re.search(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names if n) + r")(?!\w)", label))


def test_name_index_finds_what_a_pattern_per_actor_finds():
    actors = [Actor(name="Iran", kind="state", aliases=["Tehran"]), Actor(name="Abbas Araghchi", kind="person"),
              Actor(name="Araghchi", kind="person"), Actor(name="U.S.", kind="state", aliases=["United States"]),
              Actor(name="Sana'a", kind="other"), Actor(name="al-Burhan", kind="person")]
    labels = ["Foreign Minister Abbas Araghchi (Iran)", "Iranian officials", "Tehran's envoy", "the U.S.",
              "U.S.-led coalition", "United Statesmen", "Sana'a", "Sana", "General al-Burhan", "Burhan",
              "(Iran)", "Iran_x", "", "Iran-Iraq talks"]
    index = NameIndex(actors)
    for label in labels:
        assert index.named_in(label) == {i for i, a in enumerate(actors) if _pattern_finds(a, label)}, label
    assert index.exactly("Tehran") == [0] and index.exactly("Iran officials") == []


def test_name_index_matches_the_pattern_on_random_labels():
    rng = random.Random(5)
    alphabet = ["a", "b", "I", " ", "-", "(", ")", "é", "_", "1", ".", "'"]

    def text(longest: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))

    for _ in range(300):
        actors = [Actor(name=text(4), kind="state", aliases=[text(4) for _ in range(rng.randint(0, 2))])
                  for _ in range(rng.randint(1, 4))]
        index = NameIndex(actors)
        for label in (text(12) for _ in range(10)):
            assert index.named_in(label) == {i for i, a in enumerate(actors) if _pattern_finds(a, label)}


def test_a_move_towards_the_actor_itself_names_no_target():
    model = SituationModel(
        title="t", generated_at="2026-01-01T00:00:00",
        actors=[Actor(name="Northland", kind="state", aliases=["Nordia"])],
        diplomatic_moves=[DiplomaticMove(actor="Northland", action="summoned envoy", target="Nordia embassy",
                                         citations=[c("S1", 0, "Northland summoned")])],
        casualties=[Casualty(count=3, outcome="killed", reported_by="Nordia", citations=[c("S2", 0, "three")])],
    )
    describe_roles(model, parties=set())
    assert model.actors[0].role == "summoned envoy; reported casualty figures"
    assert [x.source for x in model.actors[0].citations] == ["S1", "S2"]


def test_capitals_named_in_any_text_become_aliases():
    model = SituationModel(title="t", generated_at="2026-01-01T00:00:00",
                           actors=[Actor(name="Iran", kind="state"), Actor(name="Pakistan", kind="state")])
    add_capital_aliases(model, ["Talks in Tehran resumed.", "Nothing about the other capital-Islamabad."])
    assert "Tehran" in model.actors[0].aliases
    assert "Islamabad" not in model.actors[1].aliases  # joined by a hyphen: not the city as a word

"""Actor roles described from the actor's own cited moves and reactions, never invented."""
from __future__ import annotations

from briefing.model import Actor, Citation, DiplomaticMove, InternationalReaction, SituationModel
from briefing.roles import describe_roles


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

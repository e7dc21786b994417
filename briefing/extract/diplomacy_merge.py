"""Diplomacy across articles: one move per actor and action, one reaction per third party and stance, and
the sides of the conflict (whose statements are not international reactions)."""
from __future__ import annotations

import re

from briefing.extract.diplomacy_clauses import load_data
from briefing.extract.diplomacy_fallback import named_after
from briefing.model import Citation, DiplomaticMove, InternationalReaction

STANCE_ORDER = load_data("diplomacy_stances.json")["order"]
BRACKETED_END = re.compile(r"\(([^()]*)\)$")


def merge_moves(items: list[DiplomaticMove]) -> list[DiplomaticMove]:
    """Same move from several sources becomes one item citing all of them."""
    merged: dict[tuple, DiplomaticMove] = {}
    cited = _CitationSets()
    for item in items:
        key = (entity_of(item.actor), item.action)
        if key not in merged:
            merged[key] = _own_copy(item)
            continue
        kept = merged[key]
        cited.add(kept, item)
        kept.date = kept.date or item.date
        kept.target = kept.target or item.target
        # A person's name says more than the bare state: keep the more specific label.
        if "(" in item.actor and "(" not in kept.actor:
            kept.actor = item.actor
    cited.sort()
    return sorted(merged.values(), key=lambda m: (m.date is None, m.date or "", m.actor, m.action, m.target))


def merge_reactions(items: list[InternationalReaction], parties: set[str], actors=None) -> list[InternationalReaction]:
    """One reaction per third-party actor and stance; parties to the conflict are left out.

    With the merged `actors`, an official whose state or body another article names speaks for it
    (so a party's minister is left out, and a UN chief's words count as the United Nations')."""
    lowered = {p.lower() for p in parties}
    speaks_for = _affiliations(actors or [])
    merged: dict[tuple, InternationalReaction] = {}
    cited = _CitationSets()
    for item in items:
        if item.actor in speaks_for:
            item = item.model_copy(update={"actor": speaks_for[item.actor]})
        if item.actor.lower() in lowered or named_after(item.actor, parties):
            continue
        key = (item.actor, item.stance)
        if key in merged:
            cited.add(merged[key], item)
        else:
            merged[key] = _own_copy(item)
    cited.sort()
    # "other" says only that an actor spoke or acted: it adds nothing next to a stated position.
    positioned = {actor for actor, stance in merged if stance != "other"}
    kept = [r for (actor, stance), r in merged.items() if stance != "other" or actor not in positioned]
    return sorted(kept, key=lambda r: (r.actor, STANCE_ORDER.index(r.stance)))


def conflict_parties(actors, findings) -> set[str]:
    """Names (and aliases) of the sides of the conflict, whose statements are not international reactions."""
    agents: dict[str, int] = {}
    targets: dict[str, int] = {}
    for f in findings:
        for name, (as_agent, as_target) in f.side_evidence.items():
            agents[name] = agents.get(name, 0) + as_agent
            targets[name] = targets.get(name, 0) + as_target
    # A side attacks at least once; being attacked as well, or attacking again, makes it a party.
    sides = {e for e, n in agents.items() if n >= 1 and n + targets.get(e, 0) >= 2}
    names = set(sides)
    for actor in actors:
        if actor.name in sides or actor.affiliation in sides:
            names.add(actor.name)
            names.update(actor.aliases)
    return names


def entity_of(label: str) -> str:
    """The entity a move's actor label stands for: "Ahmed Khan (Pakistan)" → "Pakistan"."""
    m = BRACKETED_END.search(label)
    return m.group(1) if m else label


def _own_copy(item):
    """A copy whose fields and citation list the merge may change; citations themselves are never changed."""
    return item.model_copy(update={"citations": list(item.citations)})


def _affiliations(actors) -> dict[str, str]:
    """Person name or alias → the state or body the merged actors say it belongs to."""
    out = {}
    for actor in actors:
        if actor.kind == "person" and actor.affiliation and actor.affiliation != actor.name:
            for name in (actor.name, *actor.aliases):
                out.setdefault(name, actor.affiliation)
    return out


class _CitationSets:
    """Citations added to kept items without duplicates; each item that gained some is sorted once at the end
    (a stable sort after all additions orders them exactly as sorting after each addition would)."""

    def __init__(self):
        self.seen: dict[int, tuple[object, set[tuple]]] = {}

    def add(self, kept, item) -> None:
        """Add the item's citations that the kept item does not have yet."""
        entry = self.seen.get(id(kept))
        if entry is None:
            entry = self.seen[id(kept)] = (kept, {_where(c) for c in kept.citations})
        have = entry[1]
        for c in item.citations:
            if _where(c) not in have:
                kept.citations.append(c)
                have.add(_where(c))

    def sort(self) -> None:
        """Sources in id order (S2 before S10), then by position."""
        for kept, _ in self.seen.values():
            kept.citations.sort(key=lambda c: (len(c.source), c.source, c.start))


def _where(c: Citation) -> tuple:
    return (c.source, c.start, c.end)

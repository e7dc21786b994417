"""Actor roles: when the texts give no role phrase, describe what the model itself shows the actor doing."""
from __future__ import annotations

import re

from briefing.model import Actor, Citation, SituationModel

STANCE_ROLES = {
    "condemn": "condemned", "concern": "expressed concern", "call_for_restraint": "called for restraint",
    "mediate": "offered mediation", "support": "voiced support", "other": "reacted",
}
MAX_ROLE_PARTS = 3
_WORD = re.compile(r"\w")


def _names(actor: Actor) -> set[str]:
    """An actor's name and aliases; an actor without any is named by the empty string."""
    return {n for n in (actor.name, *actor.aliases) if n} or {""}


class NameIndex:
    """Which actors a label names: each name or alias standing as whole words, as `(?<!\\w)name(?!\\w)` finds it.

    One pass over a label's word boundaries replaces a pattern per actor searched in every label."""

    def __init__(self, actors: list[Actor]):
        self.owners: dict[str, list[int]] = {}
        for i, actor in enumerate(actors):
            for name in _names(actor):
                self.owners.setdefault(name, []).append(i)
        self.longest = max(map(len, self.owners), default=0)
        self._cache: dict[str, frozenset[int]] = {}

    def exactly(self, label: str) -> list[int]:
        """Actors one of whose names is the whole label."""
        return self.owners.get(label, [])

    def named_in(self, label: str) -> frozenset[int]:
        """Actors one of whose names occurs in `label`, not preceded or followed by a word character."""
        if label not in self._cache:
            self._cache[label] = frozenset(self._scan(label))
        return self._cache[label]

    def _scan(self, label: str) -> set[int]:
        word = [bool(_WORD.match(ch)) for ch in label]
        # Every span that starts and ends at a word boundary (empty ones too, for the empty name).
        starts = [p for p in range(len(label) + 1) if p == 0 or not word[p - 1]]
        ends = [e for e in range(len(label) + 1) if e == len(label) or not word[e]]
        found: set[int] = set()
        for p in starts:
            for e in ends:
                if e - p > self.longest:
                    break
                if e >= p and (owners := self.owners.get(label[p:e])):
                    found.update(owners)
        return found


def _add(parts: list[str], cites: list[Citation], label: str, item) -> None:
    if label not in parts:
        parts.append(label)
        cites.extend(item.citations[:1])


def describe_roles(model: SituationModel, parties: set[str]) -> None:
    """Fill empty actor roles from the actor's own moves, reactions and reported figures, citing them."""
    roleless = [a for a in model.actors if not a.role]
    index = NameIndex(roleless)
    moves: dict[int, list] = {}
    for move in model.diplomatic_moves:
        for i in index.named_in(move.actor):
            moves.setdefault(i, []).append(move)
    reactions: dict[int, list] = {}
    for reaction in model.international_reactions:
        for i in index.named_in(reaction.actor):
            reactions.setdefault(i, []).append(reaction)
    figures: dict[int, list] = {}
    for figure in model.casualties:
        for i in index.exactly(figure.reported_by) if figure.reported_by else ():
            figures.setdefault(i, []).append(figure)
    for i, actor in enumerate(roleless):
        parts: list[str] = []
        cites: list[Citation] = []
        if actor.name in parties and actor.kind in ("state", "armed_group"):
            parts.append("party to the conflict")
        for move in moves.get(i, ()):
            target = f" ({move.target})" if move.target and i not in index.named_in(move.target) else ""
            _add(parts, cites, move.action + target, move)
        for reaction in reactions.get(i, ()):
            _add(parts, cites, STANCE_ROLES[reaction.stance], reaction)
        for figure in figures.get(i, ()):
            _add(parts, cites, "reported casualty figures", figure)
        if parts:
            actor.role = "; ".join(parts[:MAX_ROLE_PARTS])
            known = {(c.source, c.start, c.end) for c in actor.citations}
            actor.citations += [c for c in cites if (c.source, c.start, c.end) not in known]


def add_capital_aliases(model: SituationModel, texts: list[str]) -> None:
    """List a state's capital among its aliases when the texts name it (as actor or as place)."""
    from briefing.extract.actor_lexicon import lexicon

    capitals: dict[str, list[str]] = {}
    for surface, (state, _kind, _affiliation, form) in lexicon().surfaces.items():
        if form == "capital":
            capitals.setdefault(state, []).append(surface)
    # One text to search: a newline is no word character, so names match exactly as in each text alone.
    joined = "\n".join(texts)
    for actor in model.actors:
        if actor.kind != "state":
            continue
        for capital in capitals.get(actor.name, []):
            # The plain substring test is fast and rules out most capitals before the regular expression.
            if capital not in actor.aliases and capital in joined and re.search(
                    rf"(?<![\w-]){re.escape(capital)}(?![\w-])", joined):
                actor.aliases.append(capital)

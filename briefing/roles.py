"""Actor roles: when the texts give no role phrase, describe what the model itself shows the actor doing."""
from __future__ import annotations

import re

from briefing.model import Actor, Citation, SituationModel

STANCE_ROLES = {
    "condemn": "condemned", "concern": "expressed concern", "call_for_restraint": "called for restraint",
    "mediate": "offered mediation", "support": "voiced support", "other": "reacted",
}
MAX_ROLE_PARTS = 3


def _names_pattern(actor: Actor) -> re.Pattern:
    names = sorted({actor.name, *actor.aliases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names if n) + r")(?!\w)")


def _add(parts: list[str], cites: list[Citation], label: str, item) -> None:
    if label not in parts:
        parts.append(label)
        cites.extend(item.citations[:1])


def describe_roles(model: SituationModel, parties: set[str]) -> None:
    """Fill empty actor roles from the actor's own moves, reactions and reported figures, citing them."""
    for actor in model.actors:
        if actor.role:
            continue
        named = _names_pattern(actor)
        parts: list[str] = []
        cites: list[Citation] = []
        if actor.name in parties and actor.kind in ("state", "armed_group"):
            parts.append("party to the conflict")
        for move in model.diplomatic_moves:
            if named.search(move.actor):
                target = f" ({move.target})" if move.target and not named.search(move.target) else ""
                _add(parts, cites, move.action + target, move)
        for reaction in model.international_reactions:
            if named.search(reaction.actor):
                _add(parts, cites, STANCE_ROLES[reaction.stance], reaction)
        for figure in model.casualties:
            if figure.reported_by and named.fullmatch(figure.reported_by):
                _add(parts, cites, "reported casualty figures", figure)
        if not parts:
            continue
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
    for actor in model.actors:
        if actor.kind != "state":
            continue
        for capital in capitals.get(actor.name, []):
            if capital not in actor.aliases and any(re.search(rf"(?<![\w-]){re.escape(capital)}(?![\w-])", t)
                                                    for t in texts):
                actor.aliases.append(capital)

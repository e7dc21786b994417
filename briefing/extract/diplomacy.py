"""Diplomatic moves (actor → action → target) and third-party reactions with a stance."""
from __future__ import annotations

from briefing.model import DiplomaticMove, InternationalReaction


def extract_moves(ctx) -> list[DiplomaticMove]:
    """Diplomatic moves reported in one article."""
    return []


def extract_reactions(ctx) -> list[InternationalReaction]:
    """Reactions of any actor with a stance; the merge drops parties to the conflict."""
    return []


def merge_moves(items: list[DiplomaticMove]) -> list[DiplomaticMove]:
    """Same move from several sources becomes one item citing all of them."""
    return items


def merge_reactions(items: list[InternationalReaction], parties: set[str]) -> list[InternationalReaction]:
    """One reaction per third-party actor and stance; parties to the conflict are left out."""
    return [r for r in items if r.actor not in parties]


def conflict_parties(actors, findings) -> set[str]:
    """Names (and aliases) of the sides of the conflict, whose statements are not international reactions."""
    return set()

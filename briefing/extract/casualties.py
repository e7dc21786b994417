"""Casualty figures: numbers, hedges, outcomes, victims, place and who reported them."""
from __future__ import annotations

from briefing.model import Casualty, Discrepancy


def extract_casualties(ctx) -> list[Casualty]:
    """Every casualty figure of one article, each citing its sentence."""
    return []


def merge_casualties(items: list[Casualty]) -> tuple[list[Casualty], list[Discrepancy]]:
    """One item per distinct figure (corroborated across sources) and discrepancies between figures."""
    return items, []

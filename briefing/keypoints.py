"""Key points: 3–5 cited statements that sum the situation up."""
from __future__ import annotations

from briefing.model import KeyPoint, SituationModel


def select_key_points(model: SituationModel) -> list[KeyPoint]:
    """Pick the most corroborated events, the casualty picture and the diplomatic fallout."""
    return []

"""Chronology: dated happenings per article, and their merge across sources."""
from __future__ import annotations

from briefing.model import ChronologyEntry


def extract_events(ctx) -> list[ChronologyEntry]:
    """Dated events of one article, each citing its sentence."""
    return []


def merge_chronology(entries: list[ChronologyEntry]) -> list[ChronologyEntry]:
    """Merge the same event from several sources into one entry; order by date."""
    return sorted(entries, key=lambda e: (e.date is None, e.date or "", e.text))

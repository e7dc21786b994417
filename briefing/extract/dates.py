"""Dates: absolute, weekday and relative phrases found in text and resolved against the publication date."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional


@dataclass(frozen=True)
class DateMention:
    """A date phrase in the text and the date it resolves to."""

    start: int
    end: int
    text: str
    date: Optional[date]
    precision: str


def find_dates(text: str, published: Optional[date]) -> list[DateMention]:
    """Every date phrase in `text`, resolved against `published` where relative."""
    return []

"""Actors: states (names, demonyms, capitals as metonyms), armed groups, organisations, officials, media."""
from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Actor


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in an article's text."""

    start: int
    end: int
    surface: str
    name: str
    kind: str


def find_actor_mentions(text: str) -> list[Mention]:
    """Every actor mention in `text`, ordered by position, non-overlapping."""
    return []


def extract_actors(ctx) -> list[Actor]:
    """One Actor per entity mentioned in the article, each citing its first mention's sentence."""
    return []


def merge_actors(actors: list[Actor]) -> list[Actor]:
    """Merge actors across articles: one per entity, aliases and citations united."""
    return actors

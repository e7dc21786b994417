"""Merge: one situation model from many articles' findings."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Iterable

from briefing.extract.actor_merge import merge_actors
from briefing.extract.casualty_merge import merge_casualties
from briefing.extract.diplomacy_merge import conflict_parties, merge_moves, merge_reactions
from briefing.extract.event_merge import merge_chronology
from briefing.extract.quantities import weapon_discrepancies
from briefing.findings_io import gc_paused
from briefing.keypoints import select_key_points
from briefing.roles import add_capital_aliases, describe_roles
from briefing.model import ArticleFindings, Skipped, SituationModel, Source


def order_findings(findings: Iterable[ArticleFindings]) -> list[ArticleFindings]:
    """Sources in a stable order that does not depend on input order: date, then stem, then key."""
    return sorted(findings, key=lambda f: (f.article.published is None, f.article.published or "",
                                           f.article.stem, f.article.key))


def assign_sources(findings: list[ArticleFindings]) -> tuple[list[Source], dict[str, str]]:
    """Number the sources S1… and map each article key to its source id."""
    sources, ids = [], {}
    for i, f in enumerate(findings, 1):
        a = f.article
        ids[a.key] = f"S{i}"
        sources.append(Source(id=f"S{i}", stem=a.stem, title=a.title, outlet=a.outlet, url=a.url,
                              published=a.published, origins=a.origins))
    return sources, ids


def relabel(items, ids: dict[str, str]):
    """Point every citation (also those inside discrepancy claims) at source ids instead of article keys."""
    for item in items:
        for c in getattr(item, "citations", []):
            c.source = ids.get(c.source, c.source)
        for claim in getattr(item, "claims", []):
            relabel([claim], ids)
    return items


def merge_copy(item, ids: dict[str, str]):
    """A copy of one finding that the merge may change, citing source ids; the findings stay untouched.

    Findings hold strings, numbers, dates, lists of those and citations: fresh lists and citations make a
    full copy, several times cheaper than a generic deep copy."""
    fresh = {name: list(value) for name, value in item.__dict__.items() if isinstance(value, list)}
    fresh["citations"] = [c.model_copy(update={"source": ids.get(c.source, c.source)}) for c in item.citations]
    return item.model_copy(update=fresh)


def default_title(sources: list[Source], actors: list) -> str:
    """A title when the user gives none: the earliest headline, else the leading states or groups."""
    for s in sources:
        if s.title:
            return s.title
    leading = [a.name for a in actors if a.kind in ("state", "armed_group")][:2]
    return f"{' and '.join(leading)}: situation briefing" if leading else "Situation briefing"


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so rebuilds can be byte-identical (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def merge_findings(findings: Iterable[ArticleFindings], title: str | None = None,
                   skipped: list[Skipped] | None = None, now: datetime | None = None) -> SituationModel:
    """Build the situation model: number sources, merge each facet, pick key points."""
    with gc_paused():
        return _merge_findings(findings, title, skipped, now)


def _merge_findings(findings: Iterable[ArticleFindings], title: str | None, skipped: list[Skipped] | None,
                    now: datetime | None) -> SituationModel:
    # Stable source order, so shuffled inputs give the same model.
    ordered = order_findings(findings)
    sources, ids = assign_sources(ordered)
    def collect(attr):
        return [merge_copy(x, ids) for f in ordered for x in getattr(f, attr)]
    # Merging actors builds new ones and never changes its input: only the merged citations need source ids.
    actors = merge_actors([x for f in ordered for x in f.actors])
    for actor in actors:
        actor.citations = [c.model_copy(update={"source": ids.get(c.source, c.source)}) for c in actor.citations]
    chronology = merge_chronology(collect("chronology"))
    casualties, discrepancies = merge_casualties(collect("casualties"))
    # Disagreeing counts of missiles, aircraft and the like are discrepancies too.
    discrepancies += relabel(weapon_discrepancies(ordered), ids)
    moves = merge_moves(collect("diplomatic_moves"))
    # Third parties only: the sides of the conflict are not "international reactions".
    parties = conflict_parties(actors, ordered)
    reactions = merge_reactions(collect("international_reactions"), parties, actors)
    dated = [e.date for e in chronology if e.date]
    model = SituationModel(
        title=title or default_title(sources, actors),
        generated_at=(now or build_time()).replace(microsecond=0).isoformat(),
        period_start=min(dated, default=None), period_end=max(dated, default=None),
        sources=sources, chronology=chronology, actors=actors, casualties=casualties,
        diplomatic_moves=moves, international_reactions=reactions, discrepancies=discrepancies,
        skipped=list(skipped or []),
    )
    # Roles the texts do not spell out, described from the actor's own cited moves and reactions.
    describe_roles(model, parties)
    add_capital_aliases(model, [f.article.text for f in ordered])
    model.key_points = select_key_points(model)
    return model

"""Digest: group a mixed pile of articles into situations and sum each one up in a short section."""
from __future__ import annotations

import math
import os
import re
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Optional

from pydantic import BaseModel, Field

from briefing.grouping import actor_names_from, article_vectors, date_factor, group_articles
from briefing.model import Article, ArticleFindings, SituationModel, Skipped
from briefing.state import (SIGNATURE_SIZE, Changes, SituationState, diff_models, load_state,
                            match_previous, new_situation_id, source_order, summarise_figures)

# The state forgets situations no run has seen for this many days.
FORGET_AFTER_DAYS = 30


# ---------------------------------------------------------------------------------------------
# The digest model: one short section per situation.

class DigestPoint(BaseModel):
    """A key point of a situation, with the ids of the sources that back it."""

    text: str
    sources: list[str] = Field(default_factory=list)


class DigestSection(BaseModel):
    """One situation in the digest: headline, period, key points, casualty summary and a link."""

    id: str = Field(description="Stable situation id (kept across runs by the state).")
    slug: str = Field(description="Folder of the full briefing, relative to the digest.")
    headline: str
    period: str = Field("", description="Readable period of events (or of publication).")
    period_start: Optional[date] = None
    period_end: Optional[date] = None
    source_count: int = 0
    outlets: list[str] = Field(default_factory=list)
    key_points: list[DigestPoint] = Field(default_factory=list)
    casualties: list[str] = Field(default_factory=list, description="One line per outcome, figures side by side.")
    link: str = Field("", description="Relative path of the full briefing (HTML when rendered).")
    importance: float = 0.0
    article_keys: list[str] = Field(default_factory=list)
    changes: Optional[Changes] = Field(None, description="What is new since the last run (None without state).")
    new_source_lines: list[str] = Field(default_factory=list, description="`S5 Outlet: headline` per new source.")


class Digest(BaseModel):
    """The whole digest: sections ordered by importance."""

    title: str
    generated_at: str
    generated_label: str = Field("", description="`generated_at` for people: `6 May 2031, 09:30 UTC`.")
    article_count: int = 0
    sections: list[DigestSection] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    has_previous: bool = Field(False, description="A previous run was remembered, so \"new\" marks mean something.")


def model_source_keys(findings: list[ArticleFindings]) -> dict[str, str]:
    """Source id → article key, numbered exactly as merge_findings numbers sources."""
    from briefing.merge import order_findings
    return {f"S{i}": f.article.key for i, f in enumerate(order_findings(findings), 1)}


def casualty_lines(model: SituationModel) -> list[str]:
    """`Killed: 20 (S1); at least 40 (S2, S3)`: every distinct figure with its sources, never averaged."""
    lines = []
    for outcome in ("killed", "injured", "missing", "captured"):
        figures = summarise_figures(model).get(outcome)
        if figures:
            parts = [f"{value} ({', '.join(srcs)})" if srcs else value for value, srcs in figures.items()]
            lines.append(f"{outcome.capitalize()}: " + "; ".join(parts))
    return lines


def key_points_for(model: SituationModel, limit: int = 4) -> list[DigestPoint]:
    """The model's key points; else its best-corroborated events; else the sources' headlines."""
    def ids(item) -> list[str]:
        return sorted({c.source for c in item.citations}, key=source_order)
    if model.key_points:
        return [DigestPoint(text=k.text, sources=ids(k)) for k in model.key_points[:limit]]
    events = sorted(model.chronology, key=lambda e: (-len(ids(e)), e.date or date.max, e.text))
    if events:
        return [DigestPoint(text=e.text, sources=ids(e)) for e in events[:limit]]
    return [DigestPoint(text=s.title, sources=[s.id]) for s in model.sources if s.title][:limit]


def source_line(source) -> str:
    """`S5 Outlet: headline` (whichever parts are known)."""
    label = ": ".join(filter(None, [source.outlet, source.title])) or source.stem
    return f"{source.id} {label}"


def publication_period(model: SituationModel) -> tuple[Optional[date], Optional[date]]:
    """Event period, or the span of publication dates when no event is dated."""
    if model.period_start or model.period_end:
        return model.period_start, model.period_end
    dates = [s.published for s in model.sources if s.published]
    return (min(dates), max(dates)) if dates else (None, None)


def importance(model: SituationModel, newest: Optional[date]) -> float:
    """More sources, more casualties and more recent news rank higher (each term grows slowly)."""
    killed = max((c.count or 0 for c in model.casualties if c.outcome == "killed"), default=0)
    hurt = max((c.count or 0 for c in model.casualties if c.outcome != "killed"), default=0)
    _, end = publication_period(model)
    recency = 1.0 / (1 + (newest - end).days / 7) if newest and end else 0.5
    return round(2 * math.log2(1 + len(model.sources)) + math.log10(1 + killed + hurt / 4) + 2 * recency, 6)


def format_period_text(start: Optional[date], end: Optional[date]) -> str:
    """The renderer's period format when available, else ISO dates."""
    try:
        from briefing.render.view import format_period
        return format_period(start, end)
    except ImportError:
        return " – ".join(dict.fromkeys(d.isoformat() for d in (start, end) if d))


# ---------------------------------------------------------------------------------------------
# Building: pile → groups → one model per group → digest sections (+ what changed since last run).

def situation_title(group: list[Article], vectors: dict[str, dict[str, float]]) -> str:
    """The headline of the group's most central article (closest on average to the others; earliest on
    ties); for groups without headlines, that article's first sentence, shortened at a word."""
    total: dict[str, float] = {}
    for a in group:
        for t, w in vectors[a.key].items():
            total[t] = total.get(t, 0.0) + w

    def centrality(a: Article) -> float:  # summed cosine with the others: one dot product with the group's sum
        vec = vectors[a.key]
        return round(sum(w * total[t] for t, w in vec.items()) - sum(w * w for w in vec.values()), 9)
    titled = [a for a in group if a.title] or group
    best = min(titled, key=lambda a: (-centrality(a), a.published or date.max, a.key))
    if best.title:
        return best.title
    sentence = re.split(r"(?<=[.!?])\s", best.text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= 110 else sentence[:110].rsplit(" ", 1)[0] + "…"


def group_signature(vectors: list[dict[str, float]], size: int = SIGNATURE_SIZE) -> dict[str, float]:
    """The group's most telling names (capitalised words and actors), summed over its articles, unit length."""
    total: Counter = Counter()
    for vec in vectors:
        total.update({t: v for t, v in vec.items() if t[0] in "NA"})
    top = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:size]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {t: round(v / norm, 6) for t, v in top}


def remove_stale_briefings(folder: Path, keep: list[Path]) -> None:
    """Drop briefing files an earlier run wrote under another headline, so the folder holds one briefing."""
    kept = {p.resolve() for p in keep}
    for old in folder.iterdir():
        if old.is_file() and old.suffix in {".html", ".md", ".json", ".pdf"} and old.resolve() not in kept:
            old.unlink()


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… when another situation already uses it."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def recently_seen(state: SituationState, now: datetime, days: int = FORGET_AFTER_DAYS) -> bool:
    """Whether a remembered situation was seen within `days` of `now` (kept when its time is unknown)."""
    try:
        seen = datetime.fromisoformat(state.last_seen)
    except ValueError:
        return True
    return (now - seen).days <= days


def reproducible_now() -> datetime:
    """The current time, or SOURCE_DATE_EPOCH when set (for byte-identical rebuilds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)


def build_digest(inputs: Iterable[str], out_dir: Path, state_dir: Optional[Path] = None,
                 title: Optional[str] = None, formats: Iterable[str] = ("html", "md", "json"),
                 templates: Optional[Path] = None, now: Optional[datetime] = None, jobs: int = 1
                 ) -> tuple[Digest, dict[str, SituationState], list[Path]]:
    """Group the pile, write each situation's full briefing, and return the digest and the next state."""
    from briefing.pipeline import analyze_inputs

    now = (now or reproducible_now()).astimezone(timezone.utc).replace(microsecond=0)
    # Extraction first (in `jobs` processes): its canonical actor names also tell which articles share a story.
    extracted, skipped = analyze_inputs(list(inputs), jobs=jobs)
    articles = [f.article for f in extracted]
    ordered = sorted(articles, key=lambda a: a.key)
    findings = {f.article.key: f for f in extracted}
    vectors = dict(zip((a.key for a in ordered),
                       article_vectors(ordered, lambda a: actor_names_from(findings[a.key]))))
    groups = group_articles(articles, vectors=vectors)
    signatures = [group_signature([vectors[a.key] for a in g]) for g in groups]
    previous = load_state(state_dir)

    def closeness(gi: int, st: SituationState) -> float:
        first = min((a.published for a in groups[gi] if a.published), default=None)
        last = max((s.published for s in st.model.sources if s.published), default=None)
        return date_factor(first, last)  # a same-named story years later is another story
    matches = match_previous([([a.key for a in g], sig) for g, sig in zip(groups, signatures)], previous, closeness)

    # Situations absent today stay remembered for a while, so a story that pauses is still recognised.
    states = {sid: st for sid, st in previous.items() if recently_seen(st, now)}
    context = dict(out_dir=Path(out_dir), formats=list(formats), templates=templates, now=now,
                   newest=max((a.published for a in articles if a.published), default=None),
                   with_changes=state_dir is not None, vectors=vectors,
                   taken={st.slug for sid, st in previous.items() if sid not in matches},
                   seen=frozenset(k for st in previous.values() for k in st.article_keys))
    sections, written = [], []
    for group, signature, prev_id in zip(groups, signatures, matches):
        section, state, paths = build_situation([findings[a.key] for a in group], signature,
                                                previous.get(prev_id) if prev_id else None, **context)
        sections.append(section)
        states[section.id] = state
        written += paths
    sections.sort(key=lambda s: (-s.importance, s.headline, s.id))
    day = format_period_text(now.date(), now.date())
    digest = Digest(title=title or f"News digest – {day}", generated_at=now.isoformat(),
                    generated_label=f"{day}, {now:%H:%M} UTC", article_count=len(articles), sections=sections,
                    skipped=skipped, has_previous=bool(previous))
    return digest, states, written


def build_situation(findings: list[ArticleFindings], signature: dict[str, float], prev: Optional[SituationState],
                    out_dir: Path, formats: list[str], templates: Optional[Path], now: datetime,
                    newest: Optional[date], with_changes: bool, vectors: dict[str, dict[str, float]],
                    taken: set[str], seen: frozenset[str]) -> tuple[DigestSection, SituationState, list[Path]]:
    """One group → its merged model, full briefing files, digest section and remembered state."""
    from briefing.merge import merge_findings
    from briefing.render import slugify, write_briefing

    group = [f.article for f in findings]
    model = merge_findings(findings, title=situation_title(group, vectors), now=now)
    keys = model_source_keys(findings)
    sid = prev.id if prev else new_situation_id([a.key for a in group])
    slug = unique_slug(prev.slug if prev else slugify(model.title, 50), taken)
    paths = write_briefing(model, out_dir / slug, formats, templates=templates)
    remove_stale_briefings(out_dir / slug, paths)
    link = next((p for ext in (".html", ".md", ".json") for p in paths if p.suffix == ext), None)
    start, end = publication_period(model)
    changes = diff_models(prev, model, keys, seen) if with_changes else None
    new_ids = set(changes.new_sources) if changes and not changes.new_situation else set()
    section = DigestSection(
        id=sid, slug=slug, headline=model.title, period=format_period_text(start, end),
        period_start=start, period_end=end, source_count=len(model.sources),
        outlets=list(dict.fromkeys(s.outlet for s in model.sources if s.outlet)),
        key_points=key_points_for(model), casualties=casualty_lines(model),
        link=link.relative_to(out_dir).as_posix() if link else "",
        importance=importance(model, newest), article_keys=[a.key for a in group],
        changes=changes, new_source_lines=[source_line(s) for s in model.sources if s.id in new_ids])
    state = SituationState(
        id=sid, slug=slug, article_keys=sorted(set(keys.values()) | set(prev.article_keys if prev else [])),
        source_keys=keys, signature=signature, last_seen=now.isoformat(), model=model)
    return section, state, paths

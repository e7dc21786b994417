"""Digest state across runs: each situation's last model, matched to today's groups, and what changed."""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date as Date
from pathlib import Path
from typing import Callable, Optional

from pydantic import Field

from briefing.atomic import write_text_atomic
from briefing.errors import InputError
from briefing.model import Record, SituationModel

STATE_VERSION = 1
INDEX_NAME = "index.json"
# Two signatures (unit term vectors of a situation's names and words) this similar are the same story.
SIGNATURE_MATCH = 0.2
SIGNATURE_SIZE = 40


class SituationState(Record):
    """What a run remembers about one situation."""

    id: str = Field(description="Stable situation id, kept across runs once assigned.")
    slug: str = Field(description="Folder name of its full briefing, kept stable across runs.")
    article_keys: list[str] = Field(default_factory=list, description="Keys of every article seen in it so far.")
    source_keys: dict[str, str] = Field(default_factory=dict, description="Source id (S1…) → article key in `model`.")
    signature: dict[str, float] = Field(default_factory=dict, description="Its most telling terms, unit length.")
    last_seen: str = Field("", description="When a run last saw articles of this situation (ISO 8601).")
    model: SituationModel = Field(description="The situation model as of the last run.")


class ItemChange(Record):
    """A finding that is new since the last run."""

    kind: str = Field(description="event, reaction or move.")
    text: str = Field(description="What it says.")
    date: Optional[Date] = Field(None, description="When, if known.")
    sources: list[str] = Field(default_factory=list, description="Source ids (S1…) in the current model.")


class FigureChange(Record):
    """A casualty figure that changed: old → new, with the sources of the new values."""

    outcome: str = Field(description="killed, injured, missing or captured.")
    old: str = Field(description="Figures reported last time, or 'none reported'.")
    new: str = Field(description="Figures reported now.")
    sources: list[str] = Field(default_factory=list, description="Sources of the values that are new.")


class Changes(Record):
    """Everything new in a situation since the previous run."""

    new_situation: bool = Field(False, description="No earlier run saw this situation.")
    new_sources: list[str] = Field(default_factory=list, description="Source ids of articles not seen before.")
    events: list[ItemChange] = Field(default_factory=list)
    figures: list[FigureChange] = Field(default_factory=list)
    reactions: list[ItemChange] = Field(default_factory=list)
    moves: list[ItemChange] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing at all changed."""
        return not (self.new_situation or self.new_sources or self.events or self.figures
                    or self.reactions or self.moves)


def new_situation_id(article_keys: list[str]) -> str:
    """An id derived from the articles a situation was first seen with."""
    return "s" + hashlib.sha1("\n".join(sorted(article_keys)).encode()).hexdigest()[:10]


def load_state(state_dir: Optional[Path]) -> dict[str, SituationState]:
    """Read the previous run's situations (empty when there is no state yet)."""
    if not state_dir:
        return {}
    index_path = Path(state_dir) / INDEX_NAME
    if not index_path.is_file():
        return {}
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        states = {}
        for sid, file_name in sorted(index.get("situations", {}).items()):
            path = Path(state_dir) / file_name
            states[sid] = SituationState.model_validate_json(path.read_bytes())
    except (OSError, ValueError, AttributeError) as exc:  # pydantic's ValidationError is a ValueError
        raise InputError(f"{state_dir}: unreadable digest state ({str(exc).splitlines()[0]}); "
                         "remove the folder to start afresh") from exc
    return states


def save_state(state_dir: Path, states: dict[str, SituationState]) -> Path:
    """Write one file per situation (named by content), then swap the index atomically, then tidy up.

    A run interrupted at any point leaves the previous index and every file it names intact.
    """
    state_dir = Path(state_dir)
    files = {}
    for sid, st in sorted(states.items()):
        body = st.model_dump_json(indent=1) + "\n"
        name = f"{sid}.{hashlib.sha1(body.encode()).hexdigest()[:8]}.json"
        if not (state_dir / name).is_file():
            write_text_atomic(state_dir / name, body)
        files[sid] = name
    index = {"state_version": STATE_VERSION, "situations": files}
    path = write_text_atomic(state_dir / INDEX_NAME, json.dumps(index, indent=1, sort_keys=True) + "\n")
    for old in state_dir.glob("s*.json"):
        if old.name not in files.values():
            old.unlink(missing_ok=True)
    return path


def signature_similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit signatures."""
    return sum(v * b[t] for t, v in sorted(a.items()) if t in b)


def match_previous(groups: list[tuple[list[str], dict[str, float]]], previous: dict[str, SituationState],
                   closeness: Optional[Callable[[int, SituationState], float]] = None) -> list[Optional[str]]:
    """For each (article keys, signature) group, the previous situation id it continues, or None.

    Shared articles decide first; groups with none shared are matched by signature, scaled by
    `closeness(group index, previous)` (e.g. how near their dates are). Each previous situation
    continues at most one group; ties break on group position and id, never on input order.
    """
    candidates = []
    for gi, (keys, signature) in enumerate(groups):
        for sid, st in previous.items():
            shared = len(set(keys) & set(st.article_keys))
            sim = signature_similarity(signature, st.signature) * (closeness(gi, st) if closeness else 1.0)
            if shared or sim >= SIGNATURE_MATCH:
                candidates.append((-shared, -round(sim, 9), gi, sid))
    result: list[Optional[str]] = [None] * len(groups)
    used: set[str] = set()
    for _, _, gi, sid in sorted(candidates):
        if result[gi] is None and sid not in used:
            result[gi], used = sid, used | {sid}
    return result


def summarise_figures(model: SituationModel) -> dict[str, dict[str, list[str]]]:
    """Per outcome, each distinct reported figure with the sources that give it."""
    out: dict[str, dict[str, list[str]]] = {}
    for c in model.casualties:
        if c.count is None:
            continue
        value = f"{c.count}" if c.count_max in (None, c.count) else f"{c.count}–{c.count_max}"
        if c.qualifier:
            value = f"{c.qualifier} {value}"
        srcs = out.setdefault(c.outcome, {}).setdefault(value, [])
        srcs.extend(s for s in sorted({x.source for x in c.citations}, key=source_order) if s not in srcs)
    return out


def source_order(source_id: str) -> tuple[int, str]:
    """Sort S2 before S10."""
    m = re.fullmatch(r"S(\d+)", source_id)
    return (int(m[1]), "") if m else (10**9, source_id)


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def item_identity(kind: str, item) -> tuple:
    """What makes two findings the same thing, whichever sources report them."""
    if kind == "event":
        return (kind, item.date, _norm(item.text)[:80])
    if kind == "reaction":
        return (kind, _norm(item.actor), item.stance)
    return (kind, _norm(item.actor), _norm(item.action), _norm(item.target))


STANCE_WORDS = {"condemn": "condemned", "concern": "expressed concern", "call_for_restraint": "called for restraint",
                "mediate": "offered to mediate", "support": "expressed support", "other": "reacted"}


def change_text(kind: str, item) -> str:
    """A short line for a new finding: the event as reported, `actor: action → target` for moves."""
    if kind == "move":
        return f"{item.actor}: {item.action}" + (f" → {item.target}" if item.target else "")
    if kind == "reaction":
        return f"{item.actor} {STANCE_WORDS.get(item.stance, item.stance)}"
    return item.text


def diff_models(previous: Optional[SituationState], model: SituationModel, source_keys: dict[str, str],
                seen_elsewhere: frozenset[str] = frozenset()) -> Changes:
    """What `model` adds to the previous run's model: findings backed only by unseen articles, changed figures.

    Articles an earlier run filed under another situation (`seen_elsewhere`) are not new either.
    """
    if previous is None:
        return Changes(new_situation=True, new_sources=[s.id for s in model.sources])
    seen = set(previous.article_keys) | seen_elsewhere
    new_ids = {sid for sid, key in source_keys.items() if key not in seen}
    changes = Changes(new_sources=sorted(new_ids, key=source_order))
    facets = (("event", "chronology", changes.events), ("reaction", "international_reactions", changes.reactions),
              ("move", "diplomatic_moves", changes.moves))
    for kind, attr, bucket in facets:
        known = {item_identity(kind, x) for x in getattr(previous.model, attr)}
        for item in getattr(model, attr):
            cited = {c.source for c in item.citations}
            if not cited or not cited <= new_ids or item_identity(kind, item) in known:
                continue
            text = change_text(kind, item)
            bucket.append(ItemChange(kind=kind, text=text, date=getattr(item, "date", None),
                                     sources=sorted(cited, key=source_order)))
    old_figs, new_figs = summarise_figures(previous.model), summarise_figures(model)
    for outcome in sorted(set(old_figs) | set(new_figs)):
        old, new = old_figs.get(outcome, {}), new_figs.get(outcome, {})
        if set(old) == set(new):
            continue
        added = [s for value in new if value not in old for s in new[value]]
        changes.figures.append(FigureChange(
            outcome=outcome, old="; ".join(old) or "none reported", new="; ".join(new) or "none reported",
            sources=sorted(set(added), key=source_order)))
    return changes

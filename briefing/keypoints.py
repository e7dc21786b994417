"""Key points: 3–5 cited statements that sum the situation up, chosen from the merged model."""
from __future__ import annotations

from briefing.model import Citation, Cited, KeyPoint, SituationModel

MAX_POINTS = 5
# Beyond this many actors with one stance (or values in a disagreement), a point names the first few and
# counts the rest: the sections below list them all.
MAX_NAMES_PER_STANCE = 6
STANCE_PHRASES = {
    "condemn": "condemned", "concern": "expressed concern", "call_for_restraint": "called for restraint",
    "mediate": "offered to mediate", "support": "voiced support", "other": "responded",
}


def _first_quote(item: Cited) -> str:
    return item.citations[0].quote if item.citations else ""


def _by_weight(items: list[Cited]) -> list[Cited]:
    """Most corroborated first; among equals, what articles say earliest (ledes sum a story up)."""
    return sorted(items, key=lambda x: (-x.corroboration, min((c.start for c in x.citations), default=0)))


def _lower_first(text: str) -> str:
    """'At least 11 killed' → 'at least 11 killed', leaving names and acronyms ('UN', 'Iran') alone."""
    first_word = text.split(" ", 1)[0]
    common = first_word[1:].islower() and first_word.lower() in ("at", "about", "more", "up", "people", "some",
                                                                 "nearly", "around", "over", "no", "close")
    return text[:1].lower() + text[1:] if common else text


def _join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _unique_citations(citations: list[Citation]) -> list[Citation]:
    seen, out = set(), []
    for c in citations:
        if (c.source, c.start, c.end) not in seen:
            seen.add((c.source, c.start, c.end))
            out.append(c)
    return out


def discrepancy_point(model: SituationModel) -> KeyPoint | None:
    """'Sources disagree on …: A (who) vs B (who)' for the first discrepancy, citing each side."""
    if not model.discrepancies:
        return None
    # A real contradiction matters more to a reader than a toll that was revised upwards.
    d = min(model.discrepancies, key=lambda x: x.kind != "conflict")
    sides = [f"{_lower_first(c.value)} ({c.reported_by or 'unattributed'})" for c in d.claims]
    if len(sides) > MAX_NAMES_PER_STANCE:  # the disagreements section lists every value
        sides = sides[:MAX_NAMES_PER_STANCE - 1] + [f"{len(sides) - MAX_NAMES_PER_STANCE + 1} other values"]
    about = _lower_first(d.about)
    if d.kind == "change":
        text = f"The figure changed over time ({about}): " + " → ".join(sides) + "."
    else:
        text = f"Sources disagree on {about}: " + " vs ".join(sides) + "."
    return KeyPoint(text=text, citations=_unique_citations([c for cl in d.claims for c in cl.citations]))


def reactions_point(model: SituationModel) -> KeyPoint | None:
    """One sentence grouping third-party reactions by stance."""
    by_stance: dict[str, list] = {}
    for r in model.international_reactions:
        by_stance.setdefault(r.stance, []).append(r)
    if not by_stance:
        return None
    # "X responded" says little in a summary; the full list stays in the reactions section.
    if len(by_stance) > 1:
        by_stance.pop("other", None)
    parts, cites = [], []
    for stance, items in sorted(by_stance.items(), key=lambda kv: -len(kv[1])):
        names = _named_first(items)
        parts.append(f"{_join_names(names)} {STANCE_PHRASES[stance]}")
        cites += [r.citations[0] for r in items if r.citations]
    text = "International reactions: " + "; ".join(parts) + "."
    return KeyPoint(text=text, citations=_unique_citations(cites))


def _named_first(items: list) -> list[str]:
    """The reacting actors to name, in model order; with many, the best-cited few and "K others"."""
    names = list(dict.fromkeys(r.actor for r in items))
    if len(names) <= MAX_NAMES_PER_STANCE:
        return names
    support: dict[str, int] = {}
    for r in items:
        support[r.actor] = support.get(r.actor, 0) + r.corroboration
    position = {name: i for i, name in enumerate(names)}
    shown = set(sorted(names, key=lambda n: (-support[n], position[n]))[:MAX_NAMES_PER_STANCE - 1])
    rest = len(names) - len(shown)
    return [n for n in names if n in shown] + [f"{rest} others"]


def sentence_point(item: Cited) -> KeyPoint | None:
    """A key point that is the source sentence of a finding, with all its citations."""
    quote = _first_quote(item)
    return KeyPoint(text=quote, citations=_unique_citations(item.citations)) if quote else None


def select_key_points(model: SituationModel) -> list[KeyPoint]:
    """Pick the lead events, the casualty picture, the diplomatic fallout and reactions (3–5 points)."""
    candidates: list[KeyPoint | None] = []
    events = _by_weight(model.chronology)
    # The most corroborated happening leads.
    candidates.append(sentence_point(events[0]) if events else None)
    # The casualty picture: a disagreement if sources differ, else the best-backed figure.
    candidates.append(discrepancy_point(model)
                      or (sentence_point(_by_weight(model.casualties)[0]) if model.casualties else None))
    # The diplomatic fallout.
    moves = _by_weight(model.diplomatic_moves)
    candidates.append(sentence_point(moves[0]) if moves else None)
    candidates.append(reactions_point(model))
    # Fill up with further well-backed events.
    candidates += [sentence_point(e) for e in events[1:4]]
    points, seen = [], set()
    for kp in candidates:
        if kp and kp.text not in seen:
            seen.add(kp.text)
            points.append(kp)
        if len(points) == MAX_POINTS:
            break
    return points

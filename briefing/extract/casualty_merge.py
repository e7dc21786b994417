"""Merging casualty figures across sources: corroborated figures once, disagreeing figures side by side.

Items are blocked by outcome. The same value for compatible victims and incident becomes one item citing
every source; differing values for compatible figures become a `Discrepancy` listing each value with its
reporters, never averaged. Two figures are *compatible* when their victims' nations and classes do not
clash (briefing/data/casualties_lexicon.json `victim_classes`; "N Israelis" vs "N militants" clash, and a
plain toll vs a named group needs a shared place or incident word), their incident words and places do
not differ, and their dates are at most a day apart (a week with a shared incident word or place).

A toll that changed over time is one `Discrepancy` of kind "change" with its values in the order they were
reported: compatible figures that are each later and higher, from one voice (the same or overlapping
reporters, or an outlet's own figure) in different articles, or saying so ("had earlier said three", "rose to nine,
up from seven", "now"). "at least 24" on Friday, 46 on Sunday and 59 on Monday make one change although
"at least 24" does not contradict 46. Rival named claimants, figures framed as a claim ("a claim by …
that", "alleged") and falling figures stay kind "conflict";
nothing is ever averaged.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from briefing.extract.casualty_figures import Features, compatible, disagree, nationalities, same_figure
from briefing.extract.quantities import LEXICON
from briefing.model import Casualty, Claim, Discrepancy

PERSON_NOUNS = set(LEXICON["person_nouns"])
INCREMENTAL = set(LEXICON["incremental"])


def _unattributed(item: Casualty) -> str:
    return "unattributed in " + ", ".join(sorted({c.source for c in item.citations}))


def _absorb(target: Casualty, item: Casualty) -> None:
    """Add another source's copy of the same figure: citations, reporters, missing details."""
    if target.reported_by or item.reported_by:
        # Say who gives the figure in each source; an unattributed copy is not the other's claim.
        reporters = [r for r in target.reported_by.split("; ") if r] or [_unattributed(target)]
        voice = item.reported_by or _unattributed(item)
        if voice not in reporters:
            target.reported_by = "; ".join([*reporters, voice])
    seen = {(c.source, c.start, c.end) for c in target.citations}
    target.citations += [c for c in item.citations if (c.source, c.start, c.end) not in seen]
    if item.victims and target.victims and item.victims.lower() not in target.victims.lower():
        target.victims = f"{target.victims} / {item.victims}"
    for field in ("victims", "location", "date", "supersedes"):
        if not getattr(target, field) and getattr(item, field):
            setattr(target, field, getattr(item, field))


def _claim_value(item: Casualty) -> str:
    """How a figure reads in a discrepancy: "at least 80 people killed", "no casualties"."""
    if item.count == 0 and not re.fullmatch(r"\W*\w+\W*", item.figure):
        return item.figure
    victims = "" if item.parts or not item.victims else f" {item.victims}"
    return f"{item.figure}{victims} {item.outcome}"


def merge_casualties(items: list[Casualty]) -> tuple[list[Casualty], list[Discrepancy]]:
    """One item per distinct figure (corroborated across sources) and discrepancies between figures.

    Items are blocked by outcome. The same value (count and upper bound) for compatible victims and
    incident becomes one item citing every source ("no …" figures also need the same nations named).
    Differing values for compatible figures become one Discrepancy listing each value with its
    reporters, never averaged; an exact value inside the other's range ("64" vs "more than 60") and a
    rising toll (`supersedes`) are not disagreements. Compatible: victims' nations and classes and
    incident words do not clash, and dates are at most a day apart (up to a week with a shared
    incident word or place).
    """
    _WHEN.clear()
    by_outcome: dict[str, list[Casualty]] = defaultdict(list)
    for item in items:
        by_outcome[item.outcome].append(item)
    merged: list[tuple[Casualty, Features]] = []
    discrepancies: list[Discrepancy] = []
    for outcome, group in by_outcome.items():
        distinct: list[tuple[Casualty, Features]] = []
        by_value: dict[tuple, _ValueBucket] = defaultdict(_ValueBucket)
        for item in group:
            feats = Features(item)
            bucket = by_value[(item.count, item.count_max)]
            for index in bucket.candidates(item, feats):
                other, other_feats = distinct[index]
                if same_figure(item, feats, other, other_feats):
                    _absorb(other, item)
                    bucket.sources_changed(index, other)
                    break
            else:
                bucket.add(len(distinct), item, feats)
                distinct.append((item, feats))
        merged += distinct
        # An increment ("four more died") is not a rival of the totals around it.
        discrepancies += _find_discrepancies([p for p in distinct if p[0].qualifier not in INCREMENTAL])
    discrepancies += _missing_versus_held(merged)
    order = {id(item): i for i, item in enumerate(items)}
    return [item for item, _ in sorted(merged, key=lambda p: order[id(p[0])])], discrepancies


def _sources(item: Casualty) -> frozenset[str]:
    return frozenset(c.source for c in item.citations)


class _ValueBucket:
    """The distinct figures of one value, indexed by what `same_figure` can match.

    Two dated figures more than a week apart are never compatible; only figures from exactly the same
    articles are the same figure regardless of dates. So a dated figure is compared with the undated ones,
    those within a week of it and those citing exactly its articles; an undated one with all."""

    def __init__(self) -> None:
        self.members: list[int] = []
        self.undated: list[int] = []
        self.by_day: dict[int, list[int]] = defaultdict(list)
        self.by_sources: dict[frozenset[str], set[int]] = defaultdict(set)
        self.sources_of: dict[int, frozenset[str]] = {}

    def add(self, index: int, item: Casualty, feats: Features) -> None:
        """Index a new distinct figure."""
        self.members.append(index)
        if feats.date is None:
            self.undated.append(index)
        else:
            self.by_day[feats.date.toordinal()].append(index)
        self.sources_of[index] = _sources(item)
        self.by_sources[self.sources_of[index]].add(index)

    def sources_changed(self, index: int, item: Casualty) -> None:
        """Re-index a figure that absorbed another source's copy."""
        self.by_sources[self.sources_of[index]].discard(index)
        self.sources_of[index] = _sources(item)
        self.by_sources[self.sources_of[index]].add(index)

    def candidates(self, item: Casualty, feats: Features) -> list[int]:
        """The figures that may be the same as `item`, in the order they were found."""
        if feats.date is None:
            return self.members
        day = feats.date.toordinal()
        found = set(self.undated) | self.by_sources.get(_sources(item), set())
        for near in range(day - 7, day + 8):
            found.update(self.by_day.get(near, ()))
        return sorted(found)


def _missing_versus_held(merged: list[tuple[Casualty, Features]]) -> list[Discrepancy]:
    """"No troops are missing" against "ten soldiers were freed/captured" for the same people: a claim that
    nobody is unaccounted for contradicts a report of people held, though the outcomes differ."""
    out = []
    for zero, fz in merged:
        if zero.outcome != "missing" or zero.count != 0:
            continue
        held = [item for item, f in merged if item.outcome == "captured" and item.count and fz.nations
                and f.nations & fz.nations and compatible(fz, f)]
        if held:
            members = [zero, *sorted(held, key=lambda it: it.count or 0)]
            about = f"{zero.victims or 'people'} missing or held"
            out.append(Discrepancy(about=about[:1].upper() + about[1:], claims=[
                Claim(value=_claim_value(m), count=m.count, reported_by=m.reported_by,
                      citations=[c.model_copy() for c in m.citations]) for m in members]))
    return out


MAX_CLAIMS = 12


def _find_discrepancies(distinct: list[tuple[Casualty, Features]]) -> list[Discrepancy]:
    """Groups of disagreeing figures of one outcome in which every two figures are compatible.

    Candidates are compared within a week of each other (undated ones with all); closest pairs join first,
    and two groups join only when all their members are compatible (no chaining from "2 Israelis" via
    "15 militants" to "26 Palestinians")."""
    dated = sorted((i for i, (it, _) in enumerate(distinct) if it.date), key=lambda i: distinct[i][0].date)
    undated = [i for i, (it, _) in enumerate(distinct) if not it.date]
    candidates = []
    for n, i in enumerate(dated):
        for j in dated[n + 1:]:
            gap = (distinct[j][0].date - distinct[i][0].date).days
            if gap > 7:
                break
            candidates.append((gap, i, j))
    undated_set = set(undated)
    candidates += [(8, i, j) for i in undated for j in range(len(distinct))
                   if j != i and (j not in undated_set or j > i)]
    group_of = {i: [i] for i in range(len(distinct))}
    def affinity(i: int, j: int) -> int:
        a, b = distinct[i][1], distinct[j][1]
        return (len(a.places & b.places) + len(a.incidents & b.incidents) + len(a.classes & b.classes)
                + len(a.nations & b.nations))

    # Closest first: most in common (place, incident, victims), then nearest in time.
    for _, _, i, j in sorted((-affinity(i, j), gap, i, j) for gap, i, j in candidates):
        gi, gj = group_of[i], group_of[j]
        if gi is gj or len(gi) + len(gj) > MAX_CLAIMS:
            continue
        (a, fa), (b, fb) = distinct[i], distinct[j]
        if not (compatible(fa, fb) and disagree(a, b)):
            continue
        if all(compatible(distinct[x][1], distinct[y][1]) for x in gi for y in gj):
            gi.extend(gj)
            for y in gj:
                group_of[y] = gi
    groups = list({id(g): g for g in group_of.values()}.values())
    out = []
    conflicts = []
    for g in groups:
        members = [distinct[i][0] for i in g]
        if len(members) > 1 and not _rising(members):
            conflicts.append(members)
    conflicted = {i for g in groups if len(g) > 1 and not _rising([distinct[i][0] for i in g]) for i in g}
    rising = [g for g in groups if len(g) > 1 and _rising([distinct[i][0] for i in g])]
    for chain in _change_chains(distinct, rising, conflicted):
        out.append(_change_discrepancy(chain))
    for members in conflicts:
        members.sort(key=lambda it: (it.count or 0, it.count_max or 0))
        about = _about(members)
        out.append(Discrepancy(about=about[:1].upper() + about[1:], claims=[
            Claim(value=_claim_value(m), count=m.count, reported_by=m.reported_by,
                  citations=[c.model_copy() for c in m.citations]) for m in members]))
    return out


def _about(members: list[Casualty], suffix: str = "") -> str:
    """What a casualty discrepancy is about: "Indian soldiers killed (Ladakh region)"."""
    victims = next((m.victims for m in members if m.victims and not m.parts
                    and m.victims.split()[-1].lower() in PERSON_NOUNS), "people")
    place = next((m.location for m in members if m.location), "")
    about = f"{victims} {members[0].outcome}" + (f" ({place})" if place else "") + suffix
    return about[:1].upper() + about[1:]


# Cues that a figure is an earlier or a later report of a toll ("had earlier said three", "rose to 20").
EARLIER_CUE = re.compile(r"\b(?:earlier|initially|initial|previously|previous|first|preliminary|originally)\b",
                         re.IGNORECASE)
LATER_CUE = re.compile(r"\b(?:rose|risen|rises|rising|climbed|climbs|increased|jumped|mounted|now|updated|latest|"
                       r"later|revised|new\s+toll|has\s+since)\b", re.IGNORECASE)


_WHEN: dict[int, tuple[date, int]] = {}  # per merge call (cleared there): items outlive no call


def _when(item: Casualty) -> tuple[date, int]:
    """When a figure was reported: its date, then -1/0/+1 for an earlier/plain/later cue around the figure."""
    if id(item) not in _WHEN:
        _WHEN[id(item)] = _reported_when(item)
    return _WHEN[id(item)]


def _reported_when(item: Casualty) -> tuple[date, int]:
    quote = item.citations[0].quote if item.citations else ""
    at = quote.find(item.figure) if item.figure else -1
    window = quote[max(0, at - 60):at + len(item.figure) + 30] if at >= 0 else quote
    cue = 1 if LATER_CUE.search(window[:60 if at >= 0 else None]) else -1 if EARLIER_CUE.search(window) else 0
    return (item.date or date.min, cue)


GENERIC_REPORTERS = {"officials", "official", "sources", "source", "said", "according", "government",
                     "authorities", "spokesperson", "spokesman", "spokeswoman", "media", "reports", "state", "news",
                     "familiar", "matter", "with", "the", "of", "and", "a", "an", "its", "their"}


def _voices(item: Casualty) -> tuple[set[str], set[str], bool]:
    """Who gives a figure: the distinctive words and nations of its reporters, and whether any reporter is
    named in the cited sentence (else the figure is only the outlet's, unattributed)."""
    reporters = [r for r in item.reported_by.split("; ") if r]
    words = {w for r in reporters for w in re.findall(r"[a-z]{3,}", r.lower())} - GENERIC_REPORTERS
    quotes = " ".join(c.quote for c in item.citations)
    named = any(r in quotes for r in reporters)
    return words, nationalities(item.reported_by), named


def _one_voice(a: Casualty, b: Casualty) -> bool:
    """Whether two figures can be one body's toll revised (the same or overlapping reporters, or at least
    one of them only an outlet's own figure); two different named claimants give rival figures."""
    (wa, na, named_a), (wb, nb, named_b) = _voices(a), _voices(b)
    return bool(wa & wb or na & nb) or not (named_a and named_b)


def _rising(members: list[Casualty]) -> bool:
    """True when figures, in the order they were reported, each come later and are higher than the one
    before and read as one voice's revision in another article (or say so: "earlier", "rose to", "now"): a
    toll that changed over time, not rival values. A falling figure stays a disagreement."""
    ordered = sorted(members, key=lambda it: (_when(it), it.count or 0))
    return len(ordered) > 1 and not any(map(_contested, ordered)) and all(
        _when(a) < _when(b) and (a.count or 0) < (b.count or 0)
        and (_when(a)[1] < 0 or _when(b)[1] > 0 or b.supersedes == a.count
             or (_one_voice(a, b) and not _one_article(a, b))) for a, b in zip(ordered, ordered[1:]))


CONTESTED = re.compile(r"\b(?:claims?\s+(?:by|from|that|of)|claimed\s+that|alleg\w*|unverified|disputed)\b",
                       re.IGNORECASE)


def _contested(item: Casualty) -> bool:
    """Whether a figure is framed as someone's contested claim ("a claim by … that close to 100 had died",
    "alleged"): a rival figure, never just a later revision of a toll."""
    quote = item.citations[0].quote if item.citations else ""
    at = quote.find(item.figure) if item.figure else -1
    return bool(CONTESTED.search(quote[max(0, at - 120):at] if at >= 0 else quote))


def _one_article(a: Casualty, b: Casualty) -> bool:
    """Whether two figures come from one and the same article: there a later, higher figure is usually
    another day's incident ("three died on Monday … ten on Tuesday"), a revision only when it says so."""
    sources = {c.source for c in a.citations} | {c.source for c in b.citations}
    return len(sources) == 1


def _change_chains(distinct: list[tuple[Casualty, Features]], rising: list[list[int]],
                   in_conflict: set[int]) -> list[list[Casualty]]:
    """Tolls over time: rising clusters, extended (and new chains formed) with figures that did not
    disagree with them ("at least 24" on Friday, 46 on Sunday, 59 on Monday). A figure joins a chain only
    when it is compatible with every member, shares a place, incident word, victim class, nation or
    reporter with one of them, and keeps the chain rising."""
    unit_of: dict[int, list[int]] = {}
    for g in rising:
        for i in g:
            unit_of[i] = g
    for i in range(len(distinct)):
        unit_of.setdefault(i, [i])
    def related(i: int, j: int) -> int:
        (a, fa), (b, fb) = distinct[i], distinct[j]
        shared = (len(fa.places & fb.places) + len(fa.incidents & fb.incidents) + len(fa.classes & fb.classes)
                  + len(fa.nations & fb.nations))
        return shared + (1 if a.reported_by and a.reported_by == b.reported_by else 0)
    pairs = []
    dated = sorted((i for i, (it, _) in enumerate(distinct) if it.date and it.count), key=lambda i: distinct[i][0].date)
    for n, i in enumerate(dated):
        for j in dated[n + 1:]:  # within a week of each other, like the conflicts
            a, b = distinct[i][0], distinct[j][0]
            gap = (b.date - a.date).days
            if gap > 7:
                break
            if a.count != b.count and _when(a) != _when(b):
                affinity = related(i, j)
                if affinity:
                    pairs.append((-affinity, gap, min(i, j), max(i, j)))
    for _, _, i, j in sorted(pairs):
        ui, uj = unit_of[i], unit_of[j]
        if ui is uj or len(ui) + len(uj) > MAX_CLAIMS or in_conflict & {i, j}:
            continue
        if not all(compatible(distinct[x][1], distinct[y][1], dates=False) for x in ui for y in uj):
            continue
        chain = sorted(ui + uj, key=lambda x: (_when(distinct[x][0]), distinct[x][0].count or 0))
        if not all(compatible(distinct[x][1], distinct[y][1]) for x, y in zip(chain, chain[1:])):
            continue  # each report is compatible with the one before it
        if not _rising([distinct[x][0] for x in chain]):
            continue
        ui.extend(uj)
        for y in uj:
            unit_of[y] = ui
    chains = [[distinct[i][0] for i in u] for u in {id(u): u for u in unit_of.values()}.values() if len(u) > 1]
    # A lone "rose to nine, up from seven" is a change within one report.
    chains += [[it] for k, (it, _) in enumerate(distinct) if it.supersedes and it.count
               and it.supersedes < it.count and len(unit_of[k]) == 1 and k not in in_conflict]
    return chains


def _change_discrepancy(members: list[Casualty]) -> Discrepancy:
    """One kind="change" discrepancy: the toll's values in the order they were reported, each with its
    sources; an earlier figure a report says was superseded ("up from seven") comes first."""
    ordered = sorted(members, key=lambda it: (_when(it), it.count or 0))
    claims = []
    first = ordered[0]
    if first.supersedes and first.supersedes < (first.count or 0):
        claims.append(Claim(value=f"{first.supersedes} {first.outcome} (earlier figure)", count=first.supersedes,
                            reported_by=first.reported_by, citations=[c.model_copy() for c in first.citations[:1]]))
    for m in ordered:
        when = f" (as of {m.date.day} {m.date:%B %Y})" if m.date and len(ordered) > 1 else ""
        claims.append(Claim(value=_claim_value(m) + when, count=m.count, reported_by=m.reported_by,
                            citations=[c.model_copy() for c in m.citations]))
    return Discrepancy(about=_about(ordered, ", toll over time"), kind="change", claims=claims)

"""Merging actors across articles: one per entity, name variants, acronyms and aliases united."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from briefing.extract.actor_lexicon import KIND_ORDER, body_key, norm_text, surname
from briefing.model import Actor


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "the", "and", "for", "e", "al")]
    return "".join(w[0] for w in words).upper()


def _similar(a: str, b: str, ratio: float) -> bool:
    """Whether difflib's ratio() of the lower-cased strings reaches `ratio`."""
    a, b = a.lower(), b.lower()
    # difflib's real_quick_ratio() and quick_ratio(), upper bounds of ratio() computed without building a
    # matcher: cheap rejections that never change the answer.
    total = len(a) + len(b)
    if _difflib_ratio(min(len(a), len(b)), total) < ratio:
        return False
    if _difflib_ratio(len(_letter_multiset(a) & _letter_multiset(b)), total) < ratio:
        return False
    return SequenceMatcher(None, a, b).ratio() >= ratio


def _difflib_ratio(matches: int, length: int) -> float:
    """difflib's 2·M/T, the same float it computes."""
    return 2.0 * matches / length if length else 1.0


@lru_cache(maxsize=1 << 16)
def _letter_multiset(text: str) -> frozenset[tuple[str, int]]:
    """Each character with its occurrence number ("aba" → a1, b1, a2): intersecting two such sets counts the
    characters the strings share, as quick_ratio() does (memoised: names recur in many comparisons)."""
    seen: Counter = Counter()
    out = []
    for ch in text:
        seen[ch] += 1
        out.append((ch, seen[ch]))
    return frozenset(out)


def _same_person(name_a: str, name_b: str) -> bool:
    """Name variants of one person: same surname and near-identical first name, or the reverse."""
    na, nb = name_a.split(), name_b.split()
    if na == nb:
        return True
    if len(na) == 1 or len(nb) == 1:
        return False  # single names are joined to a unique full name separately
    first_a, last_a, first_b, last_b = na[0], surname(name_a), nb[0], surname(name_b)
    if last_a.lower() == last_b.lower():
        return _similar(first_a, first_b, 0.8) or first_a in nb or first_b in na
    return first_a.lower() == first_b.lower() and _similar(last_a, last_b, 0.85)


def _key(name: str) -> str:
    return norm_text(body_key(name))


@dataclass
class _Record:
    """Actors that always end up merged (same name, kind and affiliation), linked as one."""

    name: str
    kind: str
    affiliation: str
    aliases: set[str] = field(default_factory=set)

    def compatible(self, other: "_Record") -> bool:
        """Bodies of different states never merge ('Indian Foreign Ministry' vs 'Pakistani Foreign Ministry')."""
        return not (self.kind != "person" and self.affiliation and other.affiliation
                    and self.affiliation != other.affiliation)


class _Clusters:
    """Union-find over record indices."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _distinct_records(actors: list[Actor]) -> tuple[list[_Record], list[int]]:
    """Collapse actors the pairwise rules would unite anyway; returns the records and each actor's record."""
    records: list[_Record] = []
    owner: list[int] = []
    index: dict[tuple, int] = {}
    for i, a in enumerate(actors):
        if a.kind == "person":
            group = ("person", a.name)  # identical names always share the "exact" bucket
        elif _key(a.name) or len(a.name) > 8:
            group = (a.name, a.kind, a.affiliation)  # shared key, or the fuzzy bucket, unites them
        else:
            group = ("alone", i)
        if group not in index:
            index[group] = len(records)
            records.append(_Record(a.name, a.kind, a.affiliation))
        owner.append(index[group])
        records[index[group]].aliases.update(a.aliases)
    return records, owner


def merge_actors(actors: list[Actor]) -> list[Actor]:
    """Merge actors across articles: one per entity, aliases and citations united, most mentioned first."""
    records, owner = _distinct_records(actors)
    uf = _Clusters(len(records))
    _link(records, owner, uf)
    clusters: dict[int, list[Actor]] = {}
    for i, a in enumerate(actors):
        clusters.setdefault(uf.find(owner[i]), []).append(a)
    merged = [_merge_cluster(c) for c in clusters.values()]
    return sorted(merged, key=lambda a: (-a.mentions, KIND_ORDER.get(a.kind, 9), a.name))


def _link(records: list[_Record], owner: list[int], uf: _Clusters) -> None:
    """Unite records naming one entity: name variants, shared keys, acronyms, weak links, single names."""
    people = [i for i, r in enumerate(records) if r.kind == "person"]
    bodies = [i for i, r in enumerate(records) if r.kind != "person"]
    buckets: dict[tuple, list[int]] = {}
    for i in people:
        words = records[i].name.lower().split()
        buckets.setdefault(("exact", records[i].name.lower()), []).append(i)
        if len(words) > 1:
            buckets.setdefault(("last", surname(records[i].name).lower()), []).append(i)
            buckets.setdefault(("first", words[0]), []).append(i)
    name_key = {i: _key(records[i].name) for i in bodies}
    by_key: dict[str, list[int]] = {}
    for i in bodies:
        r = records[i]
        for n in {name_key[i], *(_key(x) for x in r.aliases)} - {""}:
            by_key.setdefault(n, []).append(i)
        buckets.setdefault(("fuzzy", r.kind, r.name.lower()[:4]), []).append(i)
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if uf.find(i) == uf.find(j):
                    continue  # already one entity: the pair would change nothing
                a, b = records[i], records[j]
                same = _same_person(a.name, b.name) if a.kind == "person" else (
                    a.kind == b.kind and len(a.name) > 8 and _similar(a.name, b.name, 0.9))
                if same and a.compatible(b):
                    uf.union(i, j)
    # Shared names or aliases: bodies with the same affiliation (or none on both sides) are one.
    for members in by_key.values():
        first_of: dict[str, int] = {}
        for i in members:
            uf.union(first_of.setdefault(records[i].affiliation, i), i)
    # Acronyms: "IRGC" joins "Islamic Revolutionary Guard Corps".
    by_initials: dict[str, set[int]] = {}
    for i in bodies:
        if len(records[i].name.split()) >= 2:
            by_initials.setdefault(_initials(records[i].name), set()).add(i)
    for i in bodies:
        for n in [records[i].name, *records[i].aliases]:
            if n.isupper() and 2 <= len(n) <= 6:
                for j in sorted(by_initials.get(n, ())):
                    if records[i].compatible(records[j]):
                        uf.union(i, j)
    _weak_links(records, owner, by_key, name_key, uf)
    _single_names(records, people, buckets, uf)


def _weak_links(records: list[_Record], owner: list[int], by_key: dict[str, list[int]],
                name_key: dict[int, str], uf: _Clusters) -> None:
    """An unaffiliated body joins the one cluster its name fits, checked at each of its articles in turn."""
    settled: set[int] = set()
    for i in owner:
        if i in settled or records[i].kind == "person" or records[i].affiliation:
            continue
        # Clusters only grow, so once fewer than two others fit, later occurrences change nothing.
        others = {uf.find(j) for j in by_key.get(name_key[i], ())} - {uf.find(i)}
        if len(others) == 1:
            uf.union(i, others.pop())
        if len(others) <= 1:
            settled.add(i)


def _single_names(records: list[_Record], people: list[int], buckets: dict[tuple, list[int]],
                  uf: _Clusters) -> None:
    """A single name ("Trump") joins the one person cluster whose surname it is."""
    by_surname: dict[str, list[int]] = {}
    for j in people:
        if " " in records[j].name:
            by_surname.setdefault(surname(records[j].name), []).append(j)
    for i in people:
        if " " not in records[i].name:
            single = records[i].name.lower()
            roots = {uf.find(j) for j in buckets.get(("last", single), ())}
            if not roots:  # "Zelensky" for "Volodymyr Zelenskyy"
                roots = {uf.find(j) for last, members in by_surname.items() if _similar(last, single, 0.88)
                         for j in members}
            if len(roots) == 1:
                uf.union(i, roots.pop())


def _merge_cluster(cluster: list[Actor]) -> Actor:
    """One actor from a cluster: most used full name, united aliases, deduplicated citations."""
    weight: dict[str, int] = {}
    for a in cluster:
        weight[a.name] = weight.get(a.name, 0) + a.mentions
    kinds = sorted({a.kind for a in cluster}, key=lambda k: KIND_ORDER.get(k, 9))
    name = max(weight, key=lambda n: (len(n.split()) > 1 if kinds[0] == "person" else 0, weight[n], len(n), n))
    aliases = sorted({x for a in cluster for x in [a.name, *a.aliases]} - {name})
    citations, seen = [], set()
    for a in cluster:
        for c in a.citations:
            if (c.source, c.start, c.end) not in seen:
                seen.add((c.source, c.start, c.end))
                citations.append(c)
    ranked = sorted(cluster, key=lambda a: -a.mentions)
    return Actor(name=name, kind=kinds[0], aliases=aliases, citations=citations,
                 role=next((a.role for a in ranked if a.role), ""),
                 affiliation=next((a.affiliation for a in ranked if a.affiliation), ""),
                 mentions=sum(a.mentions for a in cluster))

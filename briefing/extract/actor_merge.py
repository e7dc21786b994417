"""Merging actors across articles: one per entity, name variants, acronyms and aliases united."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from briefing.extract.actor_lexicon import KIND_ORDER, body_key, norm_text, surname
from briefing.model import Actor


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "the", "and", "for", "e", "al")]
    return "".join(w[0] for w in words).upper()


def _similar(a: str, b: str, ratio: float) -> bool:
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= ratio


def _same_person(a: Actor, b: Actor) -> bool:
    """Name variants of one person: same surname and near-identical first name, or the reverse."""
    na, nb = a.name.split(), b.name.split()
    if na == nb:
        return True
    if len(na) == 1 or len(nb) == 1:
        return False  # single names are joined to a unique full name separately
    first_a, last_a, first_b, last_b = na[0], surname(a.name), nb[0], surname(b.name)
    if last_a.lower() == last_b.lower():
        return _similar(first_a, first_b, 0.8) or first_a in nb or first_b in na
    return first_a.lower() == first_b.lower() and _similar(last_a, last_b, 0.85)


def _key(name: str) -> str:
    return norm_text(body_key(name))


def _compatible(a: Actor, b: Actor) -> bool:
    """Bodies of different states never merge ('Indian Foreign Ministry' vs 'Pakistani Foreign Ministry')."""
    return not (a.kind != "person" and a.affiliation and b.affiliation and a.affiliation != b.affiliation)


class _Clusters:
    """Union-find over actor indices."""

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


def merge_actors(actors: list[Actor]) -> list[Actor]:
    """Merge actors across articles: one per entity, aliases and citations united, most mentioned first."""
    uf = _Clusters(len(actors))
    people = [i for i, a in enumerate(actors) if a.kind == "person"]
    bodies = [i for i, a in enumerate(actors) if a.kind != "person"]
    buckets: dict[tuple, list[int]] = {}
    for i in people:
        words = actors[i].name.lower().split()
        buckets.setdefault(("exact", actors[i].name.lower()), []).append(i)
        if len(words) > 1:
            buckets.setdefault(("last", surname(actors[i].name).lower()), []).append(i)
            buckets.setdefault(("first", words[0]), []).append(i)
    by_key: dict[str, list[int]] = {}
    for i in bodies:
        a = actors[i]
        for n in {_key(x) for x in [a.name, *a.aliases]} - {""}:
            by_key.setdefault(n, []).append(i)
        buckets.setdefault(("fuzzy", a.kind, a.name.lower()[:4]), []).append(i)
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                a, b = actors[i], actors[j]
                same = _same_person(a, b) if a.kind == "person" else (
                    a.kind == b.kind and len(a.name) > 8 and _similar(a.name, b.name, 0.9))
                if same and _compatible(a, b):
                    uf.union(i, j)
    # Shared names or aliases: bodies with the same affiliation (or none on both sides) are one.
    for members in by_key.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if actors[i].affiliation == actors[j].affiliation:
                    uf.union(i, j)
    # Acronyms: "IRGC" joins "Islamic Revolutionary Guard Corps".
    by_initials: dict[str, set[int]] = {}
    for i in bodies:
        if len(actors[i].name.split()) >= 2:
            by_initials.setdefault(_initials(actors[i].name), set()).add(i)
    for i in bodies:
        for n in [actors[i].name, *actors[i].aliases]:
            if n.isupper() and 2 <= len(n) <= 6:
                for j in sorted(by_initials.get(n, ())):
                    if _compatible(actors[i], actors[j]):
                        uf.union(i, j)
    # Weak links: an unaffiliated body, or a single name ("Trump"), joins the one cluster it fits.
    for i in bodies:
        if not actors[i].affiliation:
            roots = {uf.find(j) for j in by_key.get(_key(actors[i].name), ())}
            if len(roots - {uf.find(i)}) == 1:
                uf.union(i, (roots - {uf.find(i)}).pop())
    full_names = [j for j in people if " " in actors[j].name]
    for i in people:
        if " " not in actors[i].name:
            single = actors[i].name.lower()
            roots = {uf.find(j) for j in buckets.get(("last", single), ())}
            if not roots:  # "Zelensky" for "Volodymyr Zelenskyy"
                roots = {uf.find(j) for j in full_names if _similar(surname(actors[j].name), single, 0.88)}
            if len(roots) == 1:
                uf.union(i, roots.pop())
    clusters: dict[int, list[Actor]] = {}
    for i, a in enumerate(actors):
        clusters.setdefault(uf.find(i), []).append(a)
    merged = [_merge_cluster(c) for c in clusters.values()]
    return sorted(merged, key=lambda a: (-a.mentions, KIND_ORDER.get(a.kind, 9), a.name))


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

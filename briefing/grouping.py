"""Grouping a mixed pile of articles into situations: topic terms, weighted vectors, similarity, clustering."""
from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter, defaultdict
from itertools import compress, repeat
from operator import itemgetter, mul
from datetime import date
from typing import Callable, Iterable, Optional

from briefing.model import Article, ArticleFindings

# Words that carry no topic: function words and the vocabulary of news writing itself.
STOPWORDS = frozenset("""
a about above across after again against all almost along already also although always am among an and
another any anyone are around as at away back be became because been before being below between both
but by came can cannot could did do does doing done down during each either else even ever every few
first for from further get gets got had has have having he her here hers him his how however i if in
including into is it its itself just last later least less like made make many may me more most much
must my near nearly never new next no nor not now of off often on once one only onto or other others
our out over own per perhaps put rather said same say saying says see seen several she should since so
some still such than that the their them then there these they this those though through thus to told
too toward towards under until up upon us very via was we were what when where whether which while who
whom whose why will with within without would yet you your
according added adding afp announced ap asked called comment comments day days early earlier later
local month months news official officials people published read reported reporters reporting reports
report reuters saturday sunday monday tuesday wednesday thursday friday statement time today tonight
two three four five six seven eight nine ten week weeks year years yesterday
january february march april june july august september october november december
mr mrs ms
""".split())
# Capitalised words that are titles or generic institutions, not names of a place, group or person.
TITLE_WORDS = frozenset("""
president prime minister ministry foreign defence defense interior secretary spokesman spokeswoman
spokesperson general chief head leader army police government office council minister's deputy
ambassador envoy commander colonel lieutenant major captain sergeant state department national
international united republic democratic people's party agency press news media tv television
king queen prince senator governor mayor director committee commission force forces military
""".split())

WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n\s*)$")

# Relative weights of the three kinds of evidence that two articles share a topic.
WEIGHT_WORD, WEIGHT_NAME, WEIGHT_ACTOR = 1.0, 2.0, 3.0
# Articles published within this many days can be about the same happening at full weight;
# beyond it, similarity fades with the square of the gap (a year apart: practically nothing).
DATE_WINDOW_DAYS = 21
# Average similarity two groups need to be merged (cosine of weighted term vectors, 0–1).
GROUP_THRESHOLD = 0.12
# A lone article left over joins the group holding its closest article when that link is at least
# ATTACH_THRESHOLD and ATTACH_MARGIN times its best link to any other group (an opening report
# often shares few words with the follow-ups, yet clearly more with them than with anything else).
ATTACH_THRESHOLD, ATTACH_MARGIN = 0.04, 2.0


def normalise_word(word: str) -> str:
    """Lower-case, drop possessives and fold regular plurals, so `strikes`/`strike`/`Iran's` meet."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s?$", "", w)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def article_terms(article: Article, actor_names: Optional[Iterable[str]] = None) -> Counter:
    """Topic terms of an article: content words, names (words written capitalised mid-sentence, and runs
    of them) and canonical actor names. A word used as a name anywhere in the article counts as a name
    everywhere in it, so a sentence-initial "Iran" and a mid-sentence "Iran" are the same term."""
    text = f"{article.title}\n\n{article.text}" if article.title else article.text
    tokens = []  # (word, capitalised, sentence-initial, joined to the previous token)
    last_end = 0
    for m in WORD.finditer(text):
        joined = text[last_end:m.start()].strip() in ("", "-") and bool(tokens)
        last_end = m.end()
        at_start = m.start() == 0 or bool(SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]))
        tokens.append((normalise_word(m.group()), m.group()[0].isupper(), at_start, joined))
    names = {w for w, cap, start, _ in tokens if cap and not start and w not in TITLE_WORDS}
    terms: Counter = Counter()
    run: list[str] = []
    for word, cap, _, joined in tokens + [("", False, False, False)]:
        content = len(word) > 2 and word not in STOPWORDS
        if run and not (joined and cap and word in names and content):
            if len(run) > 1:
                terms["N:" + " ".join(run)] += 1
            run = []
        if not content:
            continue
        if word in names:
            terms["N:" + word] += 1
            if cap:
                run.append(word)
        else:
            terms["W:" + word] += 1
        if "-" in word:
            terms.update("W:" + part for part in word.split("-") if len(part) > 2 and part not in STOPWORDS)
    for name in actor_names or ():
        terms["A:" + name.lower()] += 1
    return terms


def find_actor_names(article: Article) -> list[str]:
    """Canonical names of the non-state actors the extractor recognises (groups, bodies, people).

    States are left out: their names are already terms, and in international news the same few
    states turn up in many unrelated stories, so they say little about which story this is.
    """
    try:
        from briefing.extract.actors import find_actor_mentions
        return [m.name for m in find_actor_mentions(article.text) if m.name and m.kind != "state"]
    except Exception:  # the actor lexicon is optional for grouping; words still work without it
        return []


def actor_names_from(findings: ArticleFindings) -> list[str]:
    """Non-state actor names of extracted findings, once per mention (as find_actor_names gives them)."""
    return [a.name for a in findings.actors if a.kind != "state" for _ in range(max(1, a.mentions))]


def weighted_vectors(term_counts: list[Counter]) -> list[dict[str, float]]:
    """TF-IDF vectors (sublinear tf, smoothed idf, per-kind weight), each scaled to unit length."""
    n = len(term_counts)
    df = Counter(t for counts in term_counts for t in counts)
    kind_weight = {"W": WEIGHT_WORD, "N": WEIGHT_NAME, "A": WEIGHT_ACTOR}
    vectors = []
    for counts in term_counts:
        vec = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) * kind_weight[t[0]]
               for t, c in sorted(counts.items())}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors, summed in a fixed term order."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)  # vectors are built in sorted term order


def date_factor(a: Optional[date], b: Optional[date], window: int = DATE_WINDOW_DAYS) -> float:
    """1 when publication dates are close (or unknown); fades with the square of the gap beyond `window` days."""
    return 1.0 if a is None or b is None else gap_factor(abs((a - b).days), window)


def gap_factor(gap: int, window: int = DATE_WINDOW_DAYS) -> float:
    """`date_factor` of two dates `gap` days apart."""
    return 1.0 if gap <= window else (window / gap) ** 2


def article_vectors(articles: list[Article], actor_names: Optional[Callable[[Article], list[str]]] = None
                    ) -> list[dict[str, float]]:
    """Weighted term vectors of `articles`, idf taken over this pile."""
    names = actor_names or find_actor_names
    return weighted_vectors([article_terms(a, names(a)) for a in articles])


# Only pairs that can reach a threshold are ever compared. Articles sharing no term have similarity 0,
# so an inverted index over terms finds the candidates; each article indexes only the terms past a
# prefix of common, light ones whose combined contribution to any dot product stays under the
# threshold (prefix filtering), and only partners published close enough for the date factor to let
# the pair reach it. Candidates are then scored exactly as the dense computation would score them.

class PairIndex:
    """Term vectors and publication days of a pile, indexed to find the pairs that can reach a similarity."""

    def __init__(self, vectors: list[dict[str, float]], days: list[Optional[int]], window: int = DATE_WINDOW_DAYS):
        self.vectors, self.days, self.window = vectors, days, window
        vocabulary = {t: k for k, t in enumerate(sorted({t for v in vectors for t in v}))}
        self.dense = [0.0] * len(vocabulary)  # one article's weights spread out by term number (else 0.0)
        self.term_ids = [tuple(map(vocabulary.__getitem__, v)) for v in vectors]
        self.gather = [itemgetter(*ids) if len(ids) > 1 else (lambda d, k=ids: tuple(d[x] for x in k))
                       for ids in self.term_ids]
        self.keys = [tuple(v) for v in vectors]
        self.values = [tuple(v.values()) for v in vectors]
        self.max_norm = max((math.sqrt(sum(w * w for w in v)) for v in self.values), default=0.0)
        df: Counter = Counter(t for v in vectors for t in v)
        self.max_weight: dict[str, float] = defaultdict(float)
        for v in vectors:
            for t, w in v.items():
                self.max_weight[t] = max(self.max_weight[t], w)
        # Postings of every term: dated articles by day (then number), undated ones apart.
        self.order = sorted(range(len(vectors)), key=lambda i: (days[i] is not None, days[i] or 0, i))
        self.rank = [0] * len(vectors)
        self.dated_days: dict[str, list[int]] = defaultdict(list)
        self.dated_ids: dict[str, list[int]] = defaultdict(list)
        self.undated_ids: dict[str, list[int]] = defaultdict(list)
        for position, i in enumerate(self.order):
            self.rank[i] = position
            for t in vectors[i]:
                if days[i] is None:
                    self.undated_ids[t].append(i)
                else:
                    self.dated_days[t].append(days[i])
                    self.dated_ids[t].append(i)
        # Each article's terms, cheapest to leave unindexed first: little weight, many articles sharing it.
        self.ranked = [sorted(v, key=lambda t: (v[t] * self.max_weight[t] / df[t], t)) for v in vectors]

    def factor(self, i: int, j: int) -> float:
        """date_factor of two articles, from their day numbers."""
        di, dj = self.days[i], self.days[j]
        return 1.0 if di is None or dj is None else gap_factor(abs(di - dj), self.window)

    def cosines(self, i: int, others: Iterable[int]) -> list[float]:
        """cosine(i, j) for each j, bit for bit: the shared terms' products summed in term order."""
        dense, values, gather = self.dense, self.values, self.gather
        for k, w in zip(self.term_ids[i], self.values[i]):
            dense[k] = w
        found = []
        for j in others:
            mine = gather[j](dense)  # article i's weight of each term of j, 0.0 where i lacks it
            found.append(sum(map(mul, compress(mine, mine), compress(values[j], mine))))
        for k in self.term_ids[i]:
            dense[k] = 0.0
        return found

    def similarities(self, i: int, others: list[int]) -> list[float]:
        """cosine(i, j) × date_factor for each j, exactly as computed pair by pair."""
        return [c * self.factor(i, j) for j, c in zip(others, self.cosines(i, others))]

    def prefix_bounds(self, i: int) -> list[float]:
        """Upper bound of the dot product of article i with any article over each prefix of its ranked terms."""
        vec, bounds = self.vectors[i], []
        by_max = by_norm = 0.0
        for t in self.ranked[i]:
            w = vec[t]
            by_max += w * self.max_weight[t]
            by_norm += w * w
            bounds.append(min(by_max, math.sqrt(by_norm) * self.max_norm))
        return bounds

    def gap_tiers(self, floor: float) -> list[tuple[int, float]]:
        """(longest gap in days, cosine needed beyond the previous tier's gap): far apart, a pair needs a
        higher cosine to reach `floor`, so fewer of an article's terms need probing for it."""
        longest = int(self.window * max(self.max_norm, 1.0) / math.sqrt(floor)) + 1
        tiers, low = [(self.window, floor)], self.window
        while low < longest:
            high = min(longest, int(low * math.sqrt(2)) + 1)
            tiers.append((high, floor * (low / self.window) ** 2))
            low = high
        return tiers

    def candidates(self, i: int, floor: float, earlier: bool = False) -> set[int]:
        """Every article whose similarity with article i may reach `floor` (a superset that includes i);
        with `earlier`, only articles before i in (undated first, day, number) order."""
        floor *= 1 - 1e-9  # the bounds are sums in another order than the dot products: leave float slack
        bounds, day, ranked, found = self.prefix_bounds(i), self.days[i], self.ranked[i], set()
        for t in ranked[bisect.bisect_left(bounds, floor):]:
            found.update(self.undated_ids.get(t, ()))
            if day is None and not earlier:
                found.update(self.dated_ids.get(t, ()))
        if day is not None:
            # The tiers' indexed terms are nested, so each term is probed once, over the widest gap it serves.
            tiers = self.gap_tiers(floor)
            cuts = [bisect.bisect_left(bounds, min_cosine) for _, min_cosine in tiers] + [len(ranked)]
            for (high, _), start, stop in zip(tiers, cuts, cuts[1:]):
                last = day if earlier else day + high
                for t in ranked[start:stop]:
                    days, ids = self.dated_days.get(t, ()), self.dated_ids.get(t, ())
                    found.update(ids[bisect.bisect_left(days, day - high):bisect.bisect_right(days, last)])
        if earlier:
            rank = self.rank
            return {j for j in found if rank[j] < rank[i]}
        return found

    def pairs(self, floor: float) -> dict[tuple[int, int], float]:
        """Every pair i < j whose similarity reaches `floor` (> 0), with that similarity."""
        found = {}
        for i in self.order:
            others = sorted(self.candidates(i, floor, earlier=True))
            for j, s in zip(others, self.similarities(i, others)):
                if s >= floor:
                    found[(i, j) if i < j else (j, i)] = s
        return found

    def link_sum(self, left: list[int], right: list[int], right_sum: dict[str, float]) -> float:
        """Sum of the similarities of every article in `left` with every article in `right`, whose summed
        vector is `right_sum`: one dot product per article of `left`, corrected for pairs far apart in time."""
        dated = sorted(self.days[j] for j in right if self.days[j] is not None)
        total = 0.0
        for i in left:
            total += sum(map(mul, map(right_sum.get, self.keys[i], repeat(0.0)), self.values[i]))
            day = self.days[i]
            if day is None or not dated or (day - self.window <= dated[0] and dated[-1] <= day + self.window):
                continue
            far = [j for j in right if self.days[j] is not None and abs(self.days[j] - day) > self.window]
            total -= sum(c - c * self.factor(i, j) for j, c in zip(far, self.cosines(i, far)))
        return total


class GroupSums:
    """Summed term vectors and publication-day spans of the groups of a clustering, kept up to date on merges."""

    def __init__(self, index: PairIndex, clusters: dict[int, list[int]]):
        self.index, self.clusters = index, clusters
        self.sums: dict[int, dict[str, float]] = dict(enumerate(index.vectors))  # a lone article's is its own
        self.owned: set[int] = set()  # groups whose summed vector is a dict of their own, safe to add to
        self.spans = {i: (d, d) for i, d in enumerate(index.days) if d is not None}

    def dot(self, x: int, y: int) -> float:
        """Dot product of the summed vectors of groups x and y: their summed similarity, undamped by dates."""
        small, large = sorted((self.sums[x], self.sums[y]), key=len)
        return sum(map(mul, map(large.get, small, repeat(0.0)), small.values()))

    def link_sum(self, x: int, y: int) -> tuple[float, bool]:
        """Summed similarity of groups x and y when no pair is far apart in time, else an upper bound: (sum, exact)."""
        spans = [self.spans[c] for c in (x, y) if c in self.spans]
        close = max(s[1] for s in spans) - min(s[0] for s in spans) <= self.index.window if spans else True
        return self.dot(x, y), close

    def exact_link_sum(self, x: int, y: int) -> float:
        """Summed similarity of every article of group x with every article of group y."""
        small, large = sorted((x, y), key=lambda c: len(self.clusters[c]))
        return self.index.link_sum(self.clusters[small], self.clusters[large], self.sums[large])

    def merge(self, a: int, b: int) -> None:
        """Group b joins group a."""
        own = [(len(self.sums[c]), c) for c in (a, b) if c in self.owned]
        base = max(own)[1] if own else max((a, b), key=lambda c: len(self.sums[c]))
        into = self.sums.pop(base) if base in self.owned else dict(self.sums.pop(base))
        for t, w in self.sums.pop(b if base == a else a).items():
            into[t] = into.get(t, 0.0) + w
        self.sums[a] = into
        self.owned.discard(b)
        self.owned.add(a)
        spans = [self.spans.pop(c) for c in (a, b) if c in self.spans]
        if spans:
            self.spans[a] = (min(s[0] for s in spans), max(s[1] for s in spans))


def article_days(articles: list[Article]) -> list[Optional[int]]:
    """Publication dates as day numbers (None when unknown)."""
    return [a.published.toordinal() if a.published else None for a in articles]


def group_articles(articles: Iterable[Article], threshold: float = GROUP_THRESHOLD,
                   actor_names: Optional[Callable[[Article], list[str]]] = None,
                   vectors: Optional[dict[str, dict[str, float]]] = None) -> list[list[Article]]:
    """Average-linkage clustering of articles into situations; independent of input order.

    `vectors` (article key → term vector) can be passed in when the caller already has them.
    """
    ordered = sorted(articles, key=lambda a: a.key)
    if not ordered:
        return []
    vecs = [vectors[a.key] for a in ordered] if vectors else article_vectors(ordered, actor_names)
    index = PairIndex(vecs, article_days(ordered))
    clusters = average_linkage(index, threshold)
    attach_outliers(clusters, index)
    groups = [sorted((ordered[i] for i in members), key=lambda x: x.key) for members in clusters.values()]
    return sorted(groups, key=lambda g: g[0].key)


def average_linkage(index: PairIndex, threshold: float) -> dict[int, list[int]]:
    """Merge the most similar pair of groups (average link) while it reaches `threshold`.

    Links are sums of pairwise similarities, kept only between groups holding a pair of articles at or
    above `threshold`: the average of pairs all below it stays below it, so other groups never merge.
    When a merge links a group to one it had no such pair with, that part of the sum is only bounded
    (by `threshold` per pair) and computed when the bound could win. A heap with lazily dropped stale
    entries picks the best link; ties go to the smallest ids, and averages are rounded so that float
    noise cannot reorder equal links (sums agree with the dense computation up to float rounding).
    """
    n = len(index.vectors)
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    if threshold <= 0:  # every pair qualifies, even those sharing no term
        pairs = {(i, j): s for i in range(n)
                 for j, s in zip(range(i + 1, n), index.similarities(i, list(range(i + 1, n))))}
    else:
        pairs = index.pairs(threshold)
    # Per linked pair of groups: summed similarity, or an upper bound of it, and whether it is exact.
    links: dict[int, dict[int, tuple[float, bool]]] = {i: {} for i in range(n)}
    for (i, j), s in pairs.items():
        links[i][j] = links[j][i] = (s, True)
    heap = [(-round(s, 12), i, j) for (i, j), s in pairs.items()]
    heapq.heapify(heap)
    groups = GroupSums(index, clusters)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in clusters or b not in links[a]:
            continue  # stale: one side was merged away
        size_a, size_b = len(clusters[a]), len(clusters[b])
        total, exact = links[a][b]
        if round(total / (size_a * size_b), 12) != -neg:
            continue  # stale: the link changed since
        if not exact:  # only a bound so far: settle it, and let it compete again
            total, exact = groups.link_sum(a, b)
            if not exact:
                total = groups.exact_link_sum(a, b)
            links[a][b] = links[b][a] = (total, True)
            if total / (size_a * size_b) >= threshold:
                heapq.heappush(heap, (-round(total / (size_a * size_b), 12), a, b))
            continue
        for c in sorted((links[a].keys() | links[b].keys()) - {a, b}):
            # A group not linked to c has no pair reaching the threshold with it: bound its sum by that.
            sum_a, exact_a = links[a].get(c) or (threshold * size_a * len(clusters[c]), False)
            sum_b, exact_b = links[b].get(c) or (threshold * size_b * len(clusters[c]), False)
            links[a][c] = links[c][a] = (sum_a + sum_b, exact_a and exact_b)
            links[c].pop(b, None)
            merged = (sum_a + sum_b) / ((size_a + size_b) * len(clusters[c]))
            if merged >= threshold:
                heapq.heappush(heap, (-round(merged, 12), min(a, c), max(a, c)))
        groups.merge(a, b)
        clusters[a] += clusters.pop(b)
        del links[a][b], links[b]
    return clusters


def attach_outliers(clusters: dict[int, list[int]], index: PairIndex) -> None:
    """Give lone articles a group when one is clearly closest (decided on the groups as they were).

    A lone article joins the group holding its closest article when that link is at least
    ATTACH_THRESHOLD and ATTACH_MARGIN times its best link to any other group; two lone articles
    that are each other's clear choice in that sense pair up. Only links of at least
    ATTACH_THRESHOLD / ATTACH_MARGIN can decide that, so weaker ones are never computed.
    """
    owner = {i: cid for cid, members in clusters.items() for i in members}
    floor = min(ATTACH_THRESHOLD, ATTACH_THRESHOLD / ATTACH_MARGIN)
    choice: dict[int, int] = {}
    for c, members in clusters.items():
        if len(members) != 1:
            continue
        i = members[0]
        best: dict[int, float] = {}
        others = sorted(j for j in index.candidates(i, floor) if owner[j] != c)
        for j, s in zip(others, index.similarities(i, others)):
            if s >= floor and s > best.get(owner[j], -1.0):
                best[owner[j]] = s
        links = sorted(((s, cid) for cid, s in best.items()), key=lambda x: (-x[0], x[1]))
        if not links:
            continue
        second = links[1][0] if len(links) > 1 else 0.0
        if links[0][0] >= ATTACH_THRESHOLD and links[0][0] >= ATTACH_MARGIN * second:
            choice[c] = links[0][1]
    join_lone_articles(clusters, choice)


def join_lone_articles(clusters: dict[int, list[int]], choice: dict[int, int]) -> None:
    """Move each lone article's group into the group it chose; two lone articles choosing each other pair up."""
    for lone, target in sorted(choice.items()):
        if len(clusters.get(target, [])) > 1 and lone in clusters:
            clusters[target] += clusters.pop(lone)
        elif choice.get(target) == lone and lone < target and lone in clusters and target in clusters:
            clusters[lone] += clusters.pop(target)

"""Grouping a mixed pile of articles into situations: topic terms, weighted vectors, similarity, clustering."""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter
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
    if a is None or b is None:
        return 1.0
    gap = abs((a - b).days)
    return 1.0 if gap <= window else (window / gap) ** 2


def article_vectors(articles: list[Article], actor_names: Optional[Callable[[Article], list[str]]] = None
                    ) -> list[dict[str, float]]:
    """Weighted term vectors of `articles`, idf taken over this pile."""
    names = actor_names or find_actor_names
    return weighted_vectors([article_terms(a, names(a)) for a in articles])


def similarity_matrix(articles: list[Article], vectors: list[dict[str, float]]) -> list[list[float]]:
    """Pairwise topic similarity of articles, damped when their publication dates are far apart."""
    n = len(articles)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        sim[i][i] = 1.0
        for j in range(i + 1, n):
            s = cosine(vectors[i], vectors[j]) * date_factor(articles[i].published, articles[j].published)
            sim[i][j] = sim[j][i] = s
    return sim


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
    sim = similarity_matrix(ordered, vecs)
    clusters = average_linkage(sim, threshold)
    attach_outliers(clusters, sim)
    groups = [sorted((ordered[i] for i in members), key=lambda x: x.key) for members in clusters.values()]
    return sorted(groups, key=lambda g: g[0].key)


def average_linkage(sim: list[list[float]], threshold: float) -> dict[int, list[int]]:
    """Merge the most similar pair of groups (average link) while it reaches `threshold`.

    A heap with lazily dropped stale entries keeps this O(n² log n); ties go to the smallest ids,
    and similarities are rounded so that float noise cannot reorder equal links.
    """
    n = len(sim)
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    link = {(i, j): sim[i][j] for i in range(n) for j in range(i + 1, n)}
    heap = [(-round(s, 12), i, j) for (i, j), s in link.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters or round(link[(a, b)], 12) != -neg:
            continue  # stale: one side was merged away or the link changed since
        size_a, size_b = len(clusters[a]), len(clusters[b])
        clusters[a] += clusters.pop(b)
        for c in clusters:
            if c == a:
                continue
            ac, bc = (min(a, c), max(a, c)), (min(b, c), max(b, c))
            merged = (size_a * link.pop(ac) + size_b * link.pop(bc)) / (size_a + size_b)
            link[ac] = merged
            if merged >= threshold:
                heapq.heappush(heap, (-round(merged, 12), *ac))
        link.pop((a, b))
    return clusters


def attach_outliers(clusters: dict[int, list[int]], sim: list[list[float]]) -> None:
    """Give lone articles a group when one is clearly closest (decided on the groups as they were).

    A lone article joins the group holding its closest article when that link is at least
    ATTACH_THRESHOLD and ATTACH_MARGIN times its best link to any other group; two lone articles
    that are each other's clear choice in that sense pair up.
    """
    choice: dict[int, int] = {}
    for c, members in clusters.items():
        if len(members) != 1:
            continue
        i = members[0]
        links = sorted(((max(sim[i][j] for j in other), cid) for cid, other in clusters.items() if cid != c),
                       key=lambda x: (-x[0], x[1]))
        if not links:
            continue
        second = links[1][0] if len(links) > 1 else 0.0
        if links[0][0] >= ATTACH_THRESHOLD and links[0][0] >= ATTACH_MARGIN * second:
            choice[c] = links[0][1]
    for lone, target in sorted(choice.items()):
        if len(clusters.get(target, [])) > 1 and lone in clusters:
            clusters[target] += clusters.pop(lone)
        elif choice.get(target) == lone and lone < target and lone in clusters and target in clusters:
            clusters[lone] += clusters.pop(target)

"""Sparse grouping (inverted index, linked groups only) gives what the dense n×n clustering gave."""
from __future__ import annotations

import heapq
import random
from datetime import timedelta
from pathlib import Path

import pytest

from briefing import grouping
from briefing.grouping import (ATTACH_MARGIN, ATTACH_THRESHOLD, GROUP_THRESHOLD, PairIndex, article_days,
                               article_vectors, cosine, date_factor, group_articles)
from briefing.ingest import load_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def dense_similarity(articles, vectors):
    """The former full similarity matrix."""
    n = len(articles)
    sim = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            sim[i][j] = sim[j][i] = cosine(vectors[i], vectors[j]) * date_factor(articles[i].published,
                                                                                 articles[j].published)
    return sim


def dense_linkage(sim, threshold):
    """The former average linkage over every pair of groups."""
    n = len(sim)
    clusters = {i: [i] for i in range(n)}
    link = {(i, j): sim[i][j] for i in range(n) for j in range(i + 1, n)}
    heap = [(-round(s, 12), i, j) for (i, j), s in link.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters or round(link[(a, b)], 12) != -neg:
            continue
        size_a, size_b = len(clusters[a]), len(clusters[b])
        clusters[a] += clusters.pop(b)
        for c in clusters:
            if c != a:
                ac, bc = (min(a, c), max(a, c)), (min(b, c), max(b, c))
                link[ac] = (size_a * link.pop(ac) + size_b * link.pop(bc)) / (size_a + size_b)
                if link[ac] >= threshold:
                    heapq.heappush(heap, (-round(link[ac], 12), *ac))
        link.pop((a, b))
    return clusters


def dense_attach(clusters, sim):
    """The former outlier attachment, scanning every group for every lone article."""
    choice = {}
    for c, members in clusters.items():
        if len(members) != 1:
            continue
        i = members[0]
        links = sorted(((max(sim[i][j] for j in other), cid) for cid, other in clusters.items() if cid != c),
                       key=lambda x: (-x[0], x[1]))
        second = links[1][0] if len(links) > 1 else 0.0
        if links and links[0][0] >= ATTACH_THRESHOLD and links[0][0] >= ATTACH_MARGIN * second:
            choice[c] = links[0][1]
    grouping.join_lone_articles(clusters, choice)


def dense_groups(articles, threshold=GROUP_THRESHOLD):
    """Article keys per group as the dense clustering made them."""
    ordered = sorted(articles, key=lambda a: a.key)
    vectors = article_vectors(ordered, lambda a: [])
    sim = dense_similarity(ordered, vectors)
    clusters = dense_linkage(sim, threshold)
    dense_attach(clusters, sim)
    return sorted(sorted(ordered[i].key for i in members) for members in clusters.values())


@pytest.fixture(scope="module")
def spread_pile():
    """Corpus and seed articles, each several times over: publication days spread from the same day to
    years apart, some undated, some exact copies (equal links), so every date tier and tie is exercised."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir() or not (SHARED / "seeds").is_dir():
        pytest.skip("../shared corpus/seeds not present")
    articles, _ = load_articles(sorted(p for p in corpus.iterdir() if p.is_dir()) + [SHARED / "seeds"])
    rng = random.Random(7)
    pile = []
    for copy in range(6):
        for a in articles:
            shift = rng.choice([0, 0, 3, 15, 22, 30, 45, 70, 150, 400, None])
            published = None if shift is None or a.published is None else a.published + timedelta(days=shift)
            pile.append(a.model_copy(update={"key": f"{a.key}-{copy}", "published": published}))
    return pile


def test_index_finds_exactly_the_pairs_reaching_a_floor(spread_pile):
    ordered = sorted(spread_pile, key=lambda a: a.key)
    vectors = article_vectors(ordered, lambda a: [])
    sim = dense_similarity(ordered, vectors)
    index = PairIndex(vectors, article_days(ordered))
    for floor in (0.02, GROUP_THRESHOLD, 0.3):
        expected = {(i, j): sim[i][j] for i in range(len(ordered)) for j in range(i + 1, len(ordered))
                    if sim[i][j] >= floor}
        assert index.pairs(floor) == expected  # same pairs, bit-identical similarities
        for i in range(0, len(ordered), 17):
            assert {j for j in range(len(ordered)) if j != i and sim[i][j] >= floor} <= index.candidates(i, floor)


@pytest.mark.parametrize("threshold", [0.0, 0.05, GROUP_THRESHOLD, 0.25])
def test_sparse_grouping_equals_dense_grouping(spread_pile, threshold):
    sparse = group_articles(spread_pile, threshold=threshold, actor_names=lambda a: [])
    assert sorted(sorted(a.key for a in g) for g in sparse) == dense_groups(spread_pile, threshold)


def test_link_sums_match_pairwise_sums(spread_pile):
    ordered = sorted(spread_pile, key=lambda a: a.key)
    vectors = article_vectors(ordered, lambda a: [])
    sim = dense_similarity(ordered, vectors)
    index = PairIndex(vectors, article_days(ordered))
    left, right = list(range(0, 40, 3)), list(range(50, 130, 7))
    groups = grouping.GroupSums(index, {0: [0], 50: [50]})
    for i in left[1:]:
        groups.merge(0, i)
    for j in right[1:]:
        groups.merge(50, j)
    groups.clusters.update({0: left, 50: right})
    expected = sum(sim[i][j] for i in left for j in right)
    assert groups.exact_link_sum(0, 50) == pytest.approx(expected, rel=1e-12)
    undamped = sum(cosine(vectors[i], vectors[j]) for i in left for j in right)
    assert groups.link_sum(0, 50)[0] == pytest.approx(undamped, rel=1e-12)  # an upper bound when far apart


def test_empty_and_single_piles():
    assert group_articles([]) == []
    from briefing.model import Article
    lone = Article(key="k", stem="s", text="Nothing much happened in Springfield today.")
    assert [[a.key for a in g] for g in group_articles([lone], actor_names=lambda a: [])] == [["k"]]

"""Syndicated copies: identical or near-identical articles are kept once, with every origin listed."""
from __future__ import annotations

import heapq
import re
import zlib
from collections import defaultdict

from briefing.model import Article

SHINGLE_WORDS = 5
NEAR_DUPLICATE = 0.9  # Jaccard similarity of word 5-gram shingles
SKETCH_SIZE = 8       # bottom-k sketch values used for candidate blocking
MAX_BUCKET = 200      # a shingle shared by more articles than this is too common to block on
CONTAINED = 0.9       # share of a shorter copy's shingles found in the longer one (a cut-down syndicated copy)
MIN_CONTAINED_WORDS = 50  # shorter texts must match by Jaccard: a short quote inside a long story is no copy
MAX_NEAR_WORDS = 100_000  # longer texts (book-length dumps) are only matched exactly: shingling them is slow
WORD = re.compile(r"\w+")
# Number words: two near copies that differ in a figure (an updated toll) are different reports.
NUMBER_WORDS = set("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
thousand thousands million millions billion dozen dozens""".split())


def words_of(text: str) -> list[str]:
    """Lower-cased words: punctuation, quote styles and spacing do not matter for duplicate detection."""
    return WORD.findall(text.lower())


def shingles(words: list[str]) -> frozenset[int]:
    """Hashes of the word 5-grams (the whole text when it is shorter)."""
    if len(words) > MAX_NEAR_WORDS:
        return frozenset()
    if len(words) <= SHINGLE_WORDS:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode())
                     for i in range(len(words) - SHINGLE_WORDS + 1))


def figures(words: list[str]) -> frozenset[str]:
    """The numbers an article states, as digits or number words."""
    return frozenset(w for w in words if w in NUMBER_WORDS or any(c.isdigit() for c in w))


def is_copy(a: frozenset[int], b: frozenset[int]) -> bool:
    """Near-identical (Jaccard ≥ 0.9), or the shorter text, if substantial, lies ≥ 90 % inside the longer."""
    if not a or not b:
        return False
    common = len(a & b)
    if common / (len(a) + len(b) - common) >= NEAR_DUPLICATE:
        return True
    shorter = min(len(a), len(b))
    return shorter >= MIN_CONTAINED_WORDS - SHINGLE_WORDS + 1 and common / shorter >= CONTAINED


def same_figures(a: list[str], b: list[str]) -> bool:
    """The longer copy states every figure of the shorter one (an added timestamp is fine, a changed toll is not)."""
    shorter, longer = sorted((a, b), key=len)
    return figures(shorter) <= figures(longer)


def preference(article: Article) -> tuple:
    """Which copy is kept: the most words (a near copy may add a line), then most metadata, then smallest origin."""
    filled = sum(bool(v) for v in (article.published, article.title, article.outlet, article.url, article.author))
    return (-len(words_of(article.text)), -filled, article.origins[0] if article.origins else "")


def merge_group(group: list[Article]) -> Article:
    """Keep the preferred copy; fill its missing metadata from the others; list every origin."""
    ordered = sorted(group, key=preference)
    best = ordered[0]
    updates = {}
    for field in ("title", "outlet", "url", "published", "author"):
        if not getattr(best, field):
            updates[field] = next((getattr(a, field) for a in ordered[1:] if getattr(a, field)), getattr(best, field))
    origins = sorted({o for a in group for o in a.origins})
    first = best.origins[0] if best.origins else ""
    return best.model_copy(update={**updates, "origins": [first, *(o for o in origins if o != first)] if first else origins})


def unite_articles(articles: list[Article]) -> list[tuple[Article, list[int]]]:
    """Copies united: (merged article, indices of its copies with the preferred copy first), in a stable order.

    Exact copies share a word fingerprint. Near copies have ≥ 0.9 Jaccard overlap of word 5-gram shingles,
    or the shorter (≥ 50 words) lies ≥ 90 % inside the longer; either way the longer must state every figure
    of the shorter. Candidates share one of the few smallest shingle hashes (bottom-k blocking): near-linear.
    """
    exact: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        exact[" ".join(words_of(article.text)) or article.key].append(i)
    fingerprints = sorted(exact)
    parent = list(range(len(fingerprints)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [fp.split() for fp in fingerprints]
    sets = [shingles(w) for w in words]
    sketches = [heapq.nsmallest(SKETCH_SIZE, shingle_set) for shingle_set in sets]  # a copy holds most of these
    sketched = set().union(*sketches)
    postings: dict[int, list[int]] = defaultdict(list)  # sketch value → every text containing it
    for i, shingle_set in enumerate(sets):
        for value in shingle_set & sketched:
            postings[value].append(i)
    checked: set[tuple[int, int]] = set()
    for i, sketch in enumerate(sketches):
        candidates: set[int] = set()
        for value in sketch:
            if len(postings[value]) <= MAX_BUCKET:
                candidates.update(postings[value])
        for j in sorted(candidates - {i}):
            pair = (min(i, j), max(i, j))
            if pair in checked or root(i) == root(j):
                continue
            checked.add(pair)
            if is_copy(sets[i], sets[j]) and same_figures(words[i], words[j]):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = defaultdict(list)
    for i, fp in enumerate(fingerprints):
        groups[root(i)].extend(exact[fp])
    united = []
    for members in groups.values():
        members.sort(key=lambda i: preference(articles[i]))
        united.append((merge_group([articles[i] for i in members]), members))
    return united


def merge_duplicates(articles: list[Article]) -> list[Article]:
    """Each article once, syndicated and near-identical copies merged with all their origins."""
    return [merged for merged, _ in unite_articles(articles)]

"""Syndicated copies: identical or near-identical articles are kept once, with every origin listed."""
from __future__ import annotations

import re
import zlib
from collections import defaultdict
from itertools import accumulate, filterfalse
from typing import Iterator

from briefing.model import Article

SHINGLE_WORDS = 5
NEAR_DUPLICATE = 0.9  # Jaccard similarity of word 5-gram shingles
SKETCH_SIZE = 8       # bottom-k sketch values used for candidate blocking
MAX_BUCKET = 200      # a shingle shared by more articles than this is too common to block on
CONTAINED = 0.9       # share of a shorter copy's shingles found in the longer one (a cut-down syndicated copy)
MIN_CONTAINED_WORDS = 50  # shorter texts must match by Jaccard: a short quote inside a long story is no copy
MAX_NEAR_WORDS = 100_000  # longer texts (book-length dumps) are only matched exactly: shingling them is slow
PROBE_SIZE = 2        # probe size, in multiples of the shingles a copy may miss (see `Shingled`)
WORD = re.compile(r"\w+")
# Number words: two near copies that differ in a figure (an updated toll) are different reports.
NUMBER_WORDS = set("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
thousand thousands million millions billion dozen dozens""".split())


def words_of(text: str) -> list[str]:
    """Lower-cased words: punctuation, quote styles and spacing do not matter for duplicate detection."""
    return WORD.findall(text.lower())


def shingles(words: list[str], interned: dict[int, int] | None = None, text: str | None = None) -> frozenset[int]:
    """Hashes (CRC-32 of the UTF-8 text) of the word 5-grams (the whole text when it is shorter).

    With `interned`, equal hashes of different texts are one int object (set tests then compare by identity);
    `text`: the words already joined by single spaces.
    """
    if len(words) > MAX_NEAR_WORDS:
        return frozenset()
    if len(words) <= SHINGLE_WORDS:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    # Slices of one joined text instead of a join per 5-gram: the same strings, hashed in one C loop.
    starts = list(accumulate(map((1).__add__, map(len, words)), initial=0))  # offset of each word (+ past the end)
    if text is None or len(text) != starts[-1] - 1:
        text = " ".join(words)
    ends = [s - 1 for s in starts[SHINGLE_WORDS:]]
    encoded = text.encode()
    if len(encoded) == len(text):  # ASCII: character offsets are byte offsets
        hashes = list(map(zlib.crc32, map(encoded.__getitem__, map(slice, starts, ends))))
    else:
        hashes = list(map(zlib.crc32, map(str.encode, map(text.__getitem__, map(slice, starts, ends)))))
    return frozenset(hashes if interned is None else map(interned.setdefault, hashes, hashes))


def figures(words: list[str]) -> frozenset[str]:
    """The numbers an article states, as digits or number words."""
    distinct = set(words)
    # Only words that are not all letters can hold a digit (str.isdigit: also superscripts and the like).
    return frozenset(distinct & NUMBER_WORDS).union(w for w in filterfalse(str.isalpha, distinct)
                                                    if any(map(str.isdigit, w)))


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


def preference(article: Article, n_words: int | None = None) -> tuple:
    """Which copy is kept: the most words (a near copy may add a line), then most metadata, then smallest origin."""
    if n_words is None:
        n_words = len(words_of(article.text))
    filled = sum(bool(v) for v in (article.published, article.title, article.outlet, article.url, article.author))
    return (-n_words, -filled, article.origins[0] if article.origins else "")


def merge_group(group: list[Article], ordered: bool = False) -> Article:
    """Keep the preferred copy; fill its missing metadata from the others; list every origin.

    `ordered`: the group is already sorted by `preference` (saves counting words again).
    """
    if len(group) == 1 and len(group[0].origins) <= 1:
        return group[0]  # nothing to fill in or add
    ordered_group = group if ordered else sorted(group, key=preference)
    best = ordered_group[0]
    updates = {}
    for field in ("title", "outlet", "url", "published", "author"):
        if not getattr(best, field):
            updates[field] = next((getattr(a, field) for a in ordered_group[1:] if getattr(a, field)),
                                  getattr(best, field))
    origins = sorted({o for a in group for o in a.origins})
    first = best.origins[0] if best.origins else ""
    return best.model_copy(update={**updates, "origins": [first, *(o for o in origins if o != first)] if first else origins})


class Shingled:
    """One distinct text prepared for near-copy tests: figures, shingle set, bottom-k sketch and a probe.

    The probe is a fixed subset of the shingles (the smallest hashes, then the next ones). A copy needs
    at least 90 % of the shorter text's shingles inside the other text, so the shorter may miss at most
    `allowed` = 10 % of them (+1 against rounding); a probe that already misses more proves the pair is no
    copy. This exact pre-check turns away most related-but-different rewrites with small set intersections.
    """

    __slots__ = ("fingerprint", "n_words", "figures", "shingles", "sketch", "probe", "more_probe", "allowed")

    def __init__(self, fingerprint: str, interned: dict[int, int] | None = None):
        words = fingerprint.split()
        self.fingerprint = fingerprint
        self.n_words = len(words)
        self.figures = figures(words)
        self.shingles = shingles(words, interned, fingerprint if words else None)
        ordered = sorted(self.shingles)
        self.sketch = ordered[:SKETCH_SIZE]  # a copy holds most of these
        self.allowed = len(ordered) // 10 + 1
        self.probe = frozenset(ordered[:PROBE_SIZE * self.allowed])
        self.more_probe = frozenset(ordered[PROBE_SIZE * self.allowed:2 * PROBE_SIZE * self.allowed])

    def within(self, longer: Shingled) -> bool:
        """The probe test with this text as the shorter one: False proves the two are no copies."""
        misses = len(self.probe) - len(self.probe & longer.shingles)
        if misses > self.allowed:  # most rewrites of one story already fail here
            return False
        return misses + len(self.more_probe) - len(self.more_probe & longer.shingles) <= self.allowed

    def same_figures(self, other: Shingled) -> bool:
        """`same_figures` of the two texts (this one's words taken as the fewer when they are as many)."""
        few, many = (other, self) if other.n_words < self.n_words else (self, other)
        return few.figures <= many.figures


def candidate_pairs(texts: list[Shingled]) -> Iterator[tuple[int, int]]:
    """Each pair sharing a sketch value that at most MAX_BUCKET texts hold, once: (finder, other).

    The finder is the text whose sketch value finds the other, the first one in order if both do.
    """
    sketched = set().union(*(t.sketch for t in texts))
    postings: dict[int, list[int]] = defaultdict(list)  # sketch value → every text containing it
    for i, text in enumerate(texts):
        for value in text.shingles & sketched:
            postings[value].append(i)
    blocks = {value: members for value, members in postings.items() if len(members) <= MAX_BUCKET}
    found: list[set[int]] = []
    for text in texts:
        candidates: set[int] = set()
        for value in text.sketch:
            candidates.update(blocks.get(value, ()))
        found.append(candidates)
    for i, candidates in enumerate(found):
        for j in candidates:
            if j > i or (j < i and i not in found[j]):
                yield i, j


CopyFeatures = tuple[str, int, Shingled]


def copy_features(article: Article) -> CopyFeatures:
    """What duplicate detection needs of one article: word fingerprint, word count, prepared shingles.

    Computed wherever the article is read (a worker process, say) and handed to `unite_articles`.
    """
    words = words_of(article.text)
    fingerprint = " ".join(words) or article.key
    return fingerprint, len(words), Shingled(fingerprint)


def unite_articles(articles: list[Article], features: list[CopyFeatures] | None = None
                   ) -> list[tuple[Article, list[int]]]:
    """Copies united: (merged article, indices of its copies with the preferred copy first), in a stable order.

    Exact copies share a word fingerprint. Near copies have ≥ 0.9 Jaccard overlap of word 5-gram shingles,
    or the shorter (≥ 50 words) lies ≥ 90 % inside the longer; either way the longer must state every figure
    of the shorter. Candidates share one of the few smallest shingle hashes (bottom-k blocking): near-linear.
    Every candidate pair is then tested exactly; the groups are the connected copies, whatever the test order.
    `features`: each article's `copy_features`, when already computed.
    """
    exact: dict[str, list[int]] = defaultdict(list)
    n_words = []
    prepared: dict[str, Shingled] = {}
    for i, article in enumerate(articles):
        if features is None:
            words = words_of(article.text)
            fingerprint, count = " ".join(words) or article.key, len(words)
        else:
            fingerprint, count, shingled = features[i]
            prepared.setdefault(fingerprint, shingled)
        n_words.append(count)
        exact[fingerprint].append(i)
    fingerprints = sorted(exact)
    parent = list(range(len(fingerprints)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    interned: dict[int, int] = {}
    texts = [prepared.get(fp) or Shingled(fp, interned) for fp in fingerprints]
    del interned, prepared
    size = [len(t.shingles) for t in texts]
    tests = []  # (longer, shorter, first, second): grouped by the longer text, whose set then stays in cache
    for first, second in candidate_pairs(texts):
        if texts[first].same_figures(texts[second]):  # the cheap necessary conditions first
            longer, shorter = (second, first) if size[first] <= size[second] else (first, second)
            tests.append((longer, shorter, first, second))
    tests.sort()
    for longer, shorter, first, second in tests:
        if not texts[shorter].within(texts[longer]):
            continue
        root_a, root_b = root(first), root(second)
        if root_a != root_b and is_copy(texts[first].shingles, texts[second].shingles):
            parent[max(root_a, root_b)] = min(root_a, root_b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, fp in enumerate(fingerprints):
        groups[root(i)].extend(exact[fp])
    united = []
    for members in groups.values():
        members.sort(key=lambda i: preference(articles[i], n_words[i]))
        united.append((merge_group([articles[i] for i in members], ordered=True), members))
    return united


def merge_duplicates(articles: list[Article]) -> list[Article]:
    """Each article once, syndicated and near-identical copies merged with all their origins."""
    return [merged for merged, _ in unite_articles(articles)]

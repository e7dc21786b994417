"""Where a person's name sits in a capitalised run: leading titles, stop words and listed names stripped, trailing
words that cannot belong to a name cut ("Donald Trump Administration" -> "Donald Trump")."""
from __future__ import annotations

import re
from functools import lru_cache

from briefing.extract.actor_lexicon import NOT_NAME, Lexicon, lexicon, name_at
from briefing.extract.gate import fold

SPACED_WORDS = re.compile(r"[\w.’'-]+(?: [\w.’'-]+)*")
OF_BEFORE = re.compile(r"\s(?:of|of the)\s+$")
FIRST_WORD = re.compile(r"\S+")

NAME_END_WORDS = {"Alias", "Administration", "Cabinet", "Campaign", "Foundation", "Institute", "University",
                  "Hospital", "Stadium", "Tower", "Doctrine", "Plan", "Era", "Presidency", "Jr", "Sr"}


def _cut_trailing(text: str, s: int, e: int, lex: Lexicon, titles_may_start: bool = True) -> int:
    """End a name before the first word that cannot belong to it ("Donald Trump Administration")."""
    words = text[s:e].split(" ")
    for k in range(1, len(words)):
        if titles_may_start:
            tail = " ".join(words[k:])
            if (" " in tail or "-" in tail) and lex.titles.fullmatch(tail):
                # "Nations Secretary-General": a name never ends in a compound title (single words may be
                # surnames: "Mehbooba Mufti").
                return s + len(" ".join(words[:k]))
        w = words[k]
        if w in NOT_NAME or w in NAME_END_WORDS or w in lex.surfaces or (
                titles_may_start and lex.titles.fullmatch(w) and k + 1 < len(words)):
            return s + len(" ".join(words[:k]))
    return e


def name_span(text: str, s: int, e: int, lex: Lexicon) -> tuple[int, int] | None:
    """Start and end of the name a capitalised run `text[s:e]` may hold; None when it holds none."""
    # (`office_of_before`'s first test, here: it moves the start only after "of" or "the" and a space.)
    if s >= 3 and text[s - 1].isspace() and (text[s - 2] in "fe" or text[s - 2].isspace()):
        s = office_of_before(text, s, e, lex)
    # The rest reads only the run, and whether a space follows it: the same runs recur, so it is cached. (Before the
    # run stands no letter, digit or '.': a run starts so, and the start moved past an office follows a space.)
    span = _name_span_in(text[s:e], text[e:e + 1] == " ")
    return span and (s + span[0], s + span[1])


def office_of_before(text: str, s: int, e: int, lex: Lexicon) -> int:
    """Where the name in the run `text[s:e]` may start: past its first word if that ends an office in "of"."""
    # Only after "of" or "the" and spaces: the letter before the spaces is an 'f' or an 'e'.
    if s < 3 or not text[s - 1].isspace() or not (text[s - 2] in "fe" or text[s - 2].isspace()):
        return s
    before = text[max(0, s - 12):s]
    if before.rstrip().endswith(("of", "the")) and OF_BEFORE.search(before):
        # "Chief of Staff Ron Klain": a title that began before the capitalised run ends in its first word.
        w0 = FIRST_WORD.match(text, s, e).end()
        window = text[max(0, s - 40):w0]
        if any(t.start() < len(window) - (w0 - s) and t.end() == len(window) for t in lex.titles.finditer(window)):
            return w0 + 1
    return s


def rank_may_end_before(text: str, s: int) -> bool:
    """Whether the text before the spaces before `s` ends like a rank, "President", "Chancellor" or "Comd"."""
    j = s
    while j and text[j - 1] == " ":
        j -= 1
    if j == s or not j:
        return False
    ends = _single_name_titles().get(text[j - 1])
    return bool(ends) and text.endswith(ends, 0, j)


@lru_cache(maxsize=1)
def _single_name_titles() -> dict[str, tuple[str, ...]]:
    """The last words of a title that let a single word be a name (`person_candidates`), by their last letter."""
    by_last: dict[str, list[str]] = {}
    for word in sorted(lexicon().ranks | {"President", "Chancellor", "Comd"}):
        by_last.setdefault(word[-1], []).append(word)
    return {last: tuple(words) for last, words in by_last.items()}


@lru_cache(maxsize=16384)
def lone_word_rejected(word: str) -> bool:
    """Whether a capitalised run without spaces can be no name ("The", "Iran", "Monday"), whatever surrounds it."""
    # Without a space inside, neither an inner title nor an office ending in "of" reads beyond the run.
    return _name_span_in(word, True) is None


@lru_cache(maxsize=16384)
def _name_span_in(run: str, space_after: bool) -> tuple[int, int] | None:
    """`name_span` past any office ending in 'of', in the run: strip leading titles and words, cut trailing ones."""
    lex = lexicon()
    # (The run between a space and what follows it: `_strip_leading` reads one character on each side.)
    snippet = f" {run}{' ' if space_after else ','}"
    s, e = 1, len(run) + 1
    # Most runs hold no word a title can start with: then no title regex is tried on them.
    titles_may_start = _titles_may_start(run)
    s = _strip_leading(snippet, s, e, lex, titles_may_start)
    e = _cut_trailing(snippet, s, e, lex, titles_may_start)
    name = snippet[s:e]
    words = name.split()
    # ("Dr" + "." may be a title although the run holds "Dr " or "Dr,": short names are always tried.)
    if not words or len(words) > 4 or (titles_may_start or len(name) < 3) and lex.titles.fullmatch(name + ".") \
            or name in lex.surfaces or words[-1] in lex.surfaces:
        return None
    return s - 1, e - 1


def _titles_may_start(run: str) -> bool:
    """Whether a title may match anywhere in a capitalised run: False only when `lex.titles` can match at no offset.

    A title starts where no letter, digit, '_' or '.' stands before: in a run, at its start or after a space,
    a hyphen or an apostrophe. There stand the first three letters of the title's first word (all of a shorter one)."""
    starts = _title_first_letters()
    if starts is None:
        return True
    threes, twos = starts
    run = fold(run)
    if run[:3] in threes or run[:2] in twos:
        return True
    for gap in " -'’":
        i = run.find(gap)
        while i >= 0:
            if run[i + 1:i + 4] in threes or run[i + 1:i + 3] in twos:
                return True
            i = run.find(gap, i + 1)
    return False


@lru_cache(maxsize=1)
def _title_first_letters() -> tuple[frozenset[str], frozenset[str]] | None:
    """The first three letters of the titles' first words, and those words of two letters (lower-case); None if a
    first word is not ASCII, or is shorter or does not start with a letter (the test would not be sure)."""
    lex = lexicon()
    # Every title's first word is one of these: a title of several words starts with an inner word, one of one word
    # is its own last word.
    first_words = set(lex.title_inner_words).union(*lex.title_ends.values())
    if not all(word.isascii() and len(word) >= 2 and word[0].isalpha() for word in first_words):
        return None
    return frozenset(word[:3] for word in first_words if len(word) > 2), \
        frozenset(word for word in first_words if len(word) == 2)


def _strip_leading(text: str, s: int, e: int, lex: Lexicon, titles_may_start: bool = True) -> int:
    """Move the start of a capitalised run past titles, stop words and known entities (reads text[s-1:e+1])."""
    titled = False
    # "European Council President X": the last title inside the run, followed by a name, ends the preamble.
    inner = titles_may_start and [
        t for t in lex.titles.finditer(text, s, e) if t.start() > s and text[t.start() - 1] == " "
        and text[t.end():t.end() + 1] == " "]
    if inner and SPACED_WORDS.fullmatch(text[s:inner[-1].start() - 1]):
        s = inner[-1].end() + 1
        titled = True
    while s < e:
        rest = text[s:e]
        word = rest.split(" ", 1)[0]
        # (Only a listed name of several words counts, which starts with the run's first word.)
        listed = word in _listed_first_words() and name_at(rest, lex)
        if listed and listed.end() < len(rest) and rest[listed.end()] == " " and " " in listed[1]:
            s += listed.end() + 1  # "United Nations Secretary-General": a listed name is no part of a person's
            continue
        t = titles_may_start and lex.titles.match(rest)
        if t and (len(rest) == t.end() or rest[t.end()] == " "):
            s += t.end() + 1
            titled = True
            continue
        if titles_may_start and "-" in word and all(lex.titles.fullmatch(part) for part in word.split("-")):
            s += len(word) + 1  # "Colonel-Major X"
            titled = True
            continue
        if titled and word in lex.surfaces and len(rest.split()) == 2 and rest.split()[1] not in lex.surfaces:
            break  # "Defence Minister Israel Katz": a first name that is also a country's name
        if word in NOT_NAME or (word[:-2] if word.endswith(("'s", "’s")) else word) in lex.surfaces:
            s += len(word) + 1  # (a listed name, or its possessive)
            continue
        break
    return s


@lru_cache(maxsize=1)
def _listed_first_words() -> frozenset[str]:
    """The first words of the listed names of several words ("United" of "United Nations")."""
    return frozenset(name.split(" ", 1)[0] for name in lexicon().surfaces if " " in name)

"""Collective subjects: "the bloc", "the two ministers", "Defence chiefs from X", "officers from the two sides"."""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from briefing.extract.diplomacy_clauses import ROLE_WORDS, ROLES, WORD, _is_only, _words
from briefing.extract.diplomacy_speakers import Agent

GROUP_WORDS = set(ROLES["group_words"]) | ROLE_WORDS
RANK_WORDS = set(ROLES["rank_words"])
PAIR_NOUNS = ROLES["pair_nouns"]
PAIR = re.compile(r"(?:the\s+two|both)\s+(%s)\b" % "|".join(PAIR_NOUNS), re.I)
PAIR_SUBJECT = re.compile(r"\s*(?:the\s+two|both)\s+(?:[\w-]+\s+){0,2}?(?:%s)\b" % "|".join(
    sorted(ROLES["pair_subject_nouns"], key=len, reverse=True)), re.I)
COLLECTIVE = re.compile(r"\s*the\s+(?:[\w-]+\s+){0,2}?(?:%s)\b" % "|".join(ROLES["collective_nouns"]), re.I)
HOLDER_LINK = re.compile(r"\s+(?:from|of)\s+")
# Words between a holder and the verb ("Defence chiefs from X member states begin …").
HOLDER_TAIL = set(ROLES["gap_words"]) | {"member", "states", "countries", "nations", "governments"}
PAIR_BREAK = re.compile(r"[,;:\"“”]")
LEADING_THE = re.compile(r"\s*(?:the\s+)?", re.I)
THE = re.compile(r"(?:the\s+)?")
HEAD_WORDS = GROUP_WORDS - {"of", "the"}  # what a group's name may start with
PAIR_WORDS = ("two", "both")  # the first word after LEADING_THE of every PAIR_SUBJECT match


def _pair_label(group: str, noun: str, states: list[str]) -> str:
    """Name officials of both sides: "senior Indian and Chinese military officers", "generals of the X and Y armies"."""
    from briefing.extract.actor_lexicon import lexicon
    demonyms = " and ".join(lexicon().demonym_of.get(s, s) for s in states)
    if PAIR_NOUNS.get(noun) == "body":
        return f"{group} of the {demonyms} {noun}"
    words = group.split()
    ranks = 0
    while ranks < len(words) - 1 and words[ranks].lower() in RANK_WORDS:
        ranks += 1
    return " ".join(words[:ranks] + [demonyms] + words[ranks:])


def collective(res, start: int, pos: int) -> Optional[Agent]:
    """"The (regional) bloc", "the alliance" opening a clause: the last organisation named before it."""
    m = COLLECTIVE.match(res.text, start, pos)
    if not m:
        return None
    orgs = [x for x in res.every_in(0, start) if x.kind == "organization"]
    return res.agent(orgs[-1]) if orgs else None


def pair_subject(res, start: int, pos: int) -> list[Agent]:
    """"The two ministers" / "both sides" opening a clause right before the verb: the article's two states."""
    m = PAIR_SUBJECT.match(res.text, start, pos)
    # "The two sides agreed to hold talks": a few verb words may separate the subject from the trigger.
    tail = res.text[m.end():pos] if m else ""
    if not m or PAIR_BREAK.search(tail) or len(_words(tail)) > 4 or len(pair_states(res)) != 2:
        return []
    return [Agent(state, state, "state") for state in pair_states(res)]


def group_agents(res, start: int, pos: int, tail: bool = True) -> list[Agent]:
    """Officials named by whom they belong to: "Defence chiefs from X", "officers from the two sides"."""
    key = (start, pos, tail)
    known = res._groups.get(key)
    if known is not None:
        return list(known)
    found, from_text = _group_agents(res, start, pos, tail)
    if from_text:
        res._groups[key] = tuple(found)
    return found


def _group_agents(res, start: int, pos: int, tail: bool) -> tuple[list[Agent], bool]:
    """`group_agents`, and whether the answer came from the text alone (no agent resolved: safe to keep)."""
    text = res.text
    g0 = LEADING_THE.match(text, start, pos).end()
    # The words before the first "from"/"of" must all be group words: the first word alone often rules it out.
    # A pair subject opens with "the two" or "both": that first word too.
    first_word = WORD.search(text, g0, pos)
    first = first_word.group(0).lower() if first_word else ""
    if tail and first in PAIR_WORDS:
        pair = pair_subject(res, start, pos)
        if pair:
            return pair, True
    if first not in HEAD_WORDS:
        return [], True
    for link in HOLDER_LINK.finditer(text, g0, pos):
        words = _words(text[g0:link.start()])
        if not words or words[0] in ("of", "the") or not all(w in GROUP_WORDS for w in words):
            return [], True
        group = text[g0:link.start()]
        pair = PAIR.match(text, link.end(), pos)
        if pair:
            states = pair_states(res)
            if len(states) == 2 and (not tail or _is_only(text[pair.end():pos], HOLDER_TAIL)):
                name = _pair_label(group, pair.group(1).lower(), states)
                return [Agent(name, state, "body") for state in states], True
            return [], True
        first = res.every_in(link.end(), pos)[:1]
        if not first or not THE.fullmatch(text[link.end():first[0].start]):
            continue
        # Resolving the holders teaches the resolver (officials' states, bodies): not kept, redone each time.
        holders = res.after(first[0].start, pos)
        last = [x for x in res.every_in(link.end(), pos) if x.kind != "person"][:len(holders)]
        if not holders or not last or (tail and not _is_only(text[last[-1].end:pos], HOLDER_TAIL)):
            return [], False
        name = text[g0:last[-1].end]
        return [Agent(name, h.entity, "body") for h in holders], False
    return [], True


def pair_states(res) -> list[str]:
    """The two states an article is about ("the two sides"): its two most-named states, most named first."""
    if not res._pair_states:
        counts = Counter(m.name for m in res.every if m.kind == "state" and getattr(m, "actor_like", True))
        top = [name for name, n in counts.most_common(3) if n >= 2]
        # A tie for second place leaves "the two sides" unresolved.
        if len(top) < 2 or (len(top) == 3 and counts[top[1]] == counts[top[2]]):
            top = []
        res._pair_states.append(top[:2])  # one list shared by the article's forks
    return res._pair_states[0]

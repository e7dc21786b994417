"""Recall-oriented reactions: a third party that says or deliberately does something, with no stance trigger."""
from __future__ import annotations

import re
from typing import Optional

from briefing.extract.diplomacy_clauses import CLAUSE_BREAK, GAP_WORDS, ROLE_WORDS, _is_only, _state_in, load_data
from briefing.extract.diplomacy_scan import ArticleScan, Scanned
from briefing.extract.diplomacy_speakers import Agent, Resolver

FALLBACK = load_data("diplomacy_fallback.json")
# Lower case only: "States" in "United States" is no verb.
STATEMENT = re.compile(r"\b(?:%s)\b" % "|".join(FALLBACK["statement_verbs"]))
ACTION = re.compile(r"\b(?:%s)\b" % "|".join(FALLBACK["action_verbs"]))
STATEMENT_SCAN, ACTION_SCAN = Scanned(STATEMENT), Scanned(ACTION)
FALLBACK_VERBS = (STATEMENT_SCAN, ACTION_SCAN)  # a sentence without a match of these has no fallback reaction
MILITARY = set(FALLBACK["military_words"])
NOT_DIPLOMATIC = MILITARY | set(FALLBACK["non_diplomatic_words"])
SUPPORT = re.compile("|".join(FALLBACK["support_cues"]), re.I)
CONCERN = re.compile("|".join(FALLBACK["concern_cues"]), re.I)
LIST_TAIL = re.compile(r"\s*,?\s*and\s+(?:the\s+)?(?:%s)\b" % "|".join(
    sorted(FALLBACK["coordination_tail"], key=len, reverse=True)), re.I)
GROUP_HEAD = re.compile(r"\s*(?:the\s+)?(?:[\w-]+\s+)?(?:%s)\s+(?:of|from)\s+" % "|".join(
    sorted(FALLBACK["speaker_groups"], key=len, reverse=True)), re.I)
LINK = re.compile(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?")
NEGATED = re.compile(r"\b(?:not|never|no longer|refused to|declined to|failed to)\s+(?:\w+\s+)?$|n['’]t\s+$", re.I)
HYPHENATED_WORD = re.compile(r"[\w-]+")
WORD = re.compile(r"[\w'’-]+")
LEADING_THE = re.compile(r"\s*(?:the\s+)?", re.I)
THE = re.compile(r"\s*(?:the\s+)?")
LIST_BREAK = re.compile(r"[,;:()\"“”]")
LIST_GAP_WORDS = GAP_WORDS | ROLE_WORDS  # what may stand between a listed group and its verb


def fallback_reactions(res: Resolver, sent, known: set[str], scan: Optional[ArticleScan] = None) -> list[tuple[Agent, str]]:
    """(agent, stance) for every actor subject of a statement or deliberate-action verb not in `known`.

    `scan` is the article's shared ArticleScan (one is made when not given)."""
    out: list[tuple[Agent, str]] = []
    seen = set(known)
    scan = scan or ArticleScan(res.text)
    for pattern, is_action in ((STATEMENT_SCAN, False), (ACTION_SCAN, True)):
        for m in scan.in_sentence(pattern, res.sentences, sent):
            if res.inside_quote(sent, m.start()):
                continue
            if is_action and NEGATED.search(res.text, max(sent.start, m.start() - 25), m.start()):
                continue
            if _non_diplomatic_subject(res, sent, m.start()):
                continue
            for agent in subject_agents(res, sent, m.start()):
                if agent.entity in seen or not _is_third_party_kind(agent) or named_after(agent.name, known):
                    continue
                seen.add(agent.entity)
                out.append((agent, clause_stance(res.text, m.start(), sent.end)))
    return out


def _non_diplomatic_subject(res: Resolver, sent, pos: int) -> bool:
    """A short subject phrase naming a firm or an army ("Niger's power company, X, said")."""
    start, _ = res.main_clause_start(sent.start, pos)
    words = {w.lower() for w in HYPHENATED_WORD.findall(res.text[start:pos])}
    return len(words) <= 8 and bool(NOT_DIPLOMATIC & words)


def named_after(name: str, sides: set[str]) -> bool:
    """A body named after a side ("Pakistani Foreign Office", "Confederation of All India Traders") is that side."""
    words = name.split()
    return len(words) > 1 and any(_state_in(f"{w} x") in sides for w in words if w[:1].isupper())


def _is_third_party_kind(agent: Agent) -> bool:
    """States, organisations, their bodies and affiliated officials react; a private person, a firm or an army does not."""
    if NOT_DIPLOMATIC & {w.lower() for w in HYPHENATED_WORD.findall(agent.name)}:
        return False
    if agent.kind == "person":
        return agent.entity != agent.name
    return agent.kind in ("state", "organization", "body")


def clause_stance(text: str, pos: int, end: int) -> str:
    """Stance of a clause without a lexicon trigger: solidarity → support, monitoring/worry → concern, else other."""
    stop = CLAUSE_BREAK.search(text, pos, end)
    clause = text[pos:stop.start() if stop else end]
    if SUPPORT.search(clause):
        return "support"
    if CONCERN.search(clause):
        return "concern"
    return "other"


def subject_agents(res: Resolver, sent, pos: int) -> list[Agent]:
    """The subject of the verb at `pos`: a listed group ("A, B and other countries"), else the plain subject."""
    start, _ = res.main_clause_start(sent.start, pos)
    listed = coordinated(res, start, pos)
    if listed:
        return listed
    # Only a subject right before the verb (or a named group): a recall-oriented rule must not guess
    # ('"Germany sent nothing," the minister said' is not Germany speaking).
    if res.group_agents(start, pos) or res.adjacent_subject(start, pos):
        return res.subjects(sent, pos)
    return []


def coordinated(res: Resolver, start: int, pos: int, verb_words: int = 0) -> list[Agent]:
    """"A, B and C", "the leaders of A, B and C", "A, B and other countries" opening the clause before `pos`.

    `verb_words` other words may stand between the list and `pos` ("A and B held emergency meetings")."""
    head = GROUP_HEAD.match(res.text, start, pos)
    cur = head.end() if head else start + LEADING_THE.match(res.text[start:pos]).end()
    chain = []
    for m in res.every_in(cur, pos):
        if not (LINK if chain else THE).fullmatch(res.text[cur:m.start]):
            break
        chain.append(m)
        cur = m.end
    tail = LIST_TAIL.match(res.text, cur, pos)
    if tail:
        cur = tail.end()
    if not chain or (len(chain) < 2 and not head and not tail):
        return []
    rest = res.text[cur:pos]
    if LIST_BREAK.search(rest) or len(WORD.findall(rest)) > verb_words and \
            not _is_only(rest, LIST_GAP_WORDS):
        return []
    return [_agent(res, m) for m in chain if m.kind in ("state", "organization")]


def _agent(res: Resolver, m) -> Agent:
    # A listed state stands for itself: "the leaders of France, Germany and Italy" are three states' reactions.
    return Agent(m.name, m.name, m.kind)


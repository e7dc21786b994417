"""Recall-oriented reactions: a third party that says or deliberately does something, with no stance trigger."""
from __future__ import annotations

import re
from typing import Optional

from briefing.extract.diplomacy_clauses import CLAUSE_BREAK, GAP_WORDS, ROLE_WORDS, _is_only, _state_in, load_data
from briefing.extract.diplomacy_scan import ArticleScan, Scanned, contained_literals
from briefing.extract.diplomacy_speakers import Agent, Resolver
from briefing.extract.scans import literal_finder

FALLBACK = load_data("diplomacy_fallback.json")
# Lower case only: "States" in "United States" is no verb.
STATEMENT = re.compile(r"\b(?:%s)\b" % "|".join(FALLBACK["statement_verbs"]))
ACTION = re.compile(r"\b(?:%s)\b" % "|".join(FALLBACK["action_verbs"]))
STATEMENT_SCAN, ACTION_SCAN = Scanned(STATEMENT), Scanned(ACTION)
FALLBACK_VERBS = (STATEMENT_SCAN, ACTION_SCAN)  # a sentence without a match of these has no fallback reaction
MILITARY = set(FALLBACK["military_words"])
NOT_DIPLOMATIC = MILITARY | set(FALLBACK["non_diplomatic_words"])
# Any of those words inside a lower-cased span: a span where none occurs holds no such word.
NOT_DIPLOMATIC_ANY = literal_finder(NOT_DIPLOMATIC)
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
# Literals one of which every match of the cue patterns holds: a clause without any is not searched.
SUPPORT_WORDS, CONCERN_WORDS, NEGATED_WORDS = map(contained_literals, (SUPPORT, CONCERN, NEGATED))
NEGATED_FINDER = literal_finder(NEGATED_WORDS)
SUPPORT_FINDER, CONCERN_FINDER = literal_finder(SUPPORT_WORDS), literal_finder(CONCERN_WORDS)
_not_diplomatic_names: dict[str, bool] = {}  # agent name -> it names a firm or an army (text alone decides)


def fallback_reactions(res: Resolver, sent, known: set[str], scan: Optional[ArticleScan] = None,
                       verbs: Optional[tuple[list, list]] = None) -> list[tuple[Agent, str]]:
    """(agent, stance) for every actor subject of a statement or deliberate-action verb not in `known`.

    `scan` is the article's shared ArticleScan (one is made when not given); `verbs`, the sentence's
    statement and action matches (`scan.in_sentence` of each) when the caller has them already."""
    out: list[tuple[Agent, str]] = []
    seen = set(known)
    scan = scan or ArticleScan(res.text)
    if verbs is None:
        verbs = tuple(scan.in_sentence(pattern, res.sentences, sent) for pattern in FALLBACK_VERBS)
    text = res.text
    # No quotation mark in the sentence: no verb of it is inside a quote.
    quoted = text.find('"', sent.start, sent.end) >= 0 or text.find("“", sent.start, sent.end) >= 0
    for matches, is_action in zip(verbs, (False, True)):
        for m in matches:
            pos = m.start()
            if quoted and res.inside_quote(sent, pos):
                continue
            if is_action and _negated(scan, max(sent.start, pos - 25), pos):
                continue
            if _non_diplomatic_subject(res, sent, pos, scan):
                continue
            for agent in subject_agents(res, sent, pos):
                if agent.entity in seen or not _is_third_party_kind(agent) or named_after(agent.name, known):
                    continue
                seen.add(agent.entity)
                out.append((agent, clause_stance(text, pos, sent.end, scan)))
    return out


def _negated(scan: ArticleScan, start: int, end: int) -> bool:
    """Whether a negation ends text[start:end]: searched only where one of its literals occurs."""
    if NEGATED_FINDER is not None and scan.aligned and NEGATED_FINDER.search(scan.folded, start, end) is None:
        return False
    return NEGATED.search(scan.text, start, end) is not None


def _non_diplomatic_subject(res: Resolver, sent, pos: int, scan: Optional[ArticleScan] = None) -> bool:
    """A short subject phrase naming a firm or an army ("Niger's power company, X, said")."""
    start, _ = res.main_clause_start(sent.start, pos)
    if scan is not None and scan.aligned and NOT_DIPLOMATIC_ANY.search(scan.folded, start, pos) is None:
        # Every character whose lower case is ASCII folds to it in place (tests/test_diplomacy_speed.py checks
        # all of Unicode), so a word lower-casing to one of those (ASCII) words leaves it in the folded span.
        return False
    if scan is not None and scan.ascii:
        # An ASCII text lower-cases character by character: its folded copy holds the lower-cased words.
        words = set(HYPHENATED_WORD.findall(scan.folded, start, pos))
    else:
        words = {w.lower() for w in HYPHENATED_WORD.findall(res.text[start:pos])}
    return len(words) <= 8 and not NOT_DIPLOMATIC.isdisjoint(words)


def named_after(name: str, sides: set[str]) -> bool:
    """A body named after a side ("Pakistani Foreign Office", "Confederation of All India Traders") is that side."""
    words = name.split()
    return len(words) > 1 and any(_state_in(f"{w} x") in sides for w in words if w[:1].isupper())


def _is_third_party_kind(agent: Agent) -> bool:
    """States, organisations, their bodies and affiliated officials react; a private person, a firm or an army does not."""
    military = _not_diplomatic_names.get(agent.name)
    if military is None:
        military = _not_diplomatic_names[agent.name] = \
            not NOT_DIPLOMATIC.isdisjoint({w.lower() for w in HYPHENATED_WORD.findall(agent.name)})
        if len(_not_diplomatic_names) > 50_000:  # a bound on memory over very long runs
            _not_diplomatic_names.clear()
    if military:
        return False
    if agent.kind == "person":
        return agent.entity != agent.name
    return agent.kind in ("state", "organization", "body")


def clause_stance(text: str, pos: int, end: int, scan: Optional[ArticleScan] = None) -> str:
    """Stance of a clause without a lexicon trigger: solidarity → support, monitoring/worry → concern, else other.

    `scan` (the article's, when given) rules out a cue pattern for a clause holding none of its literals."""
    stop = CLAUSE_BREAK.search(text, pos, end)
    stop_at = stop.start() if stop else end
    folded = scan.folded if scan is not None and scan.aligned else None
    if _may_hold(folded, SUPPORT_FINDER, pos, stop_at) and SUPPORT.search(text[pos:stop_at]):
        return "support"
    if _may_hold(folded, CONCERN_FINDER, pos, stop_at) and CONCERN.search(text[pos:stop_at]):
        return "concern"
    return "other"


def _may_hold(folded: Optional[str], finder: Optional[re.Pattern], start: int, end: int) -> bool:
    """False only when the folded text is known and folded[start:end] holds none of a pattern's required literals."""
    return folded is None or finder is None or finder.search(folded, start, end) is not None


def subject_agents(res: Resolver, sent, pos: int) -> list[Agent]:
    """The subject of the verb at `pos`: a listed group ("A, B and other countries"), else the plain subject."""
    start, _ = res.main_clause_start(sent.start, pos)
    listed = coordinated(res, start, pos)
    if listed:
        return listed
    # Only a subject right before the verb (or a named group): a recall-oriented rule must not guess
    # ('"Germany sent nothing," the minister said' is not Germany speaking).
    if res.group_agents(start, pos):
        return res.subjects(sent, pos)
    if res.adjacent_subject(start, pos):
        return res.subjects(sent, pos, no_group=True)
    return []


def coordinated(res: Resolver, start: int, pos: int, verb_words: int = 0) -> list[Agent]:
    """"A, B and C", "the leaders of A, B and C", "A, B and other countries" opening the clause before `pos`.

    `verb_words` other words may stand between the list and `pos` ("A and B held emergency meetings")."""
    inside = res.every_in(start, pos)
    if not inside:
        return []  # nothing to list
    text = res.text
    head = GROUP_HEAD.match(text, start, pos)
    cur = head.end() if head else LEADING_THE.match(text, start, pos).end()
    chain = []
    for m in inside:
        if m.start < cur:
            continue  # before the list: the mentions of [cur, pos) are those of [start, pos) from cur on
        if not (LINK if chain else THE).fullmatch(text, cur, m.start):  # (neither looks around: as on the slice)
            break
        chain.append(m)
        cur = m.end
    tail = LIST_TAIL.match(text, cur, pos)
    if tail:
        cur = tail.end()
    if not chain or (len(chain) < 2 and not head and not tail):
        return []
    rest = text[cur:pos]
    if LIST_BREAK.search(rest) or len(WORD.findall(rest)) > verb_words and \
            not _is_only(rest, LIST_GAP_WORDS):
        return []
    return [_agent(res, m) for m in chain if m.kind in ("state", "organization")]


def _agent(res: Resolver, m) -> Agent:
    # A listed state stands for itself: "the leaders of France, Germany and Italy" are three states' reactions.
    return Agent(m.name, m.name, m.kind)


"""Diplomatic moves (actor → action → target) and third-party reactions with a stance, in one article."""
from __future__ import annotations

import re
from bisect import bisect_right

from briefing.extract.diplomacy_clauses import CLAUSE_BREAK, LOCATIVE, ROLES
from briefing.extract.diplomacy_clauses import load_data as _load
from briefing.extract.diplomacy_fallback import FALLBACK_VERBS, coordinated, fallback_reactions
from briefing.extract.diplomacy_merge import STANCE_ORDER
from briefing.extract.diplomacy_scan import ArticleScan, Scanned, ScannedList, contained_literals
from briefing.extract.diplomacy_speakers import Agent, Resolver
from briefing.extract.gate import GatedPatterns, required_literals
from briefing.extract.scans import literal_finder
from briefing.extract.text import cite_sentence, split_sentences
from briefing.extract.words import tail_search
from briefing.model import DiplomaticMove, InternationalReaction


def _compile_moves() -> list[tuple[str, str, bool, re.Pattern]]:
    data = _load("diplomacy_moves.json")
    subs = data["placeholders"]
    out = []
    for move in data["moves"]:
        for pat in move["patterns"]:
            for key, val in subs.items():
                pat = pat.replace("{%s}" % key, val)
            out.append((move["label"], move.get("agent", "subject"), bool(move.get("talk")), re.compile(pat, re.I)))
    return out


def _compile_stances() -> list[tuple[str, str, re.Pattern]]:
    data = _load("diplomacy_stances.json")
    return [(stance, kind, re.compile(p, re.I)) for stance in data["order"]
            for kind in ("verb", "by", "cue", "quoted") for p in data["stances"][stance].get(kind, [])]


NEGATION = re.compile(r"\b(?:not|never|no longer|refused to|declined to|failed to|stopped short of)\s+(?:\w+\s+)?$|n['’]t\s+$",
                      re.I)
NEGATION_WORDS = contained_literals(NEGATION)  # one of which every negation holds
NEGATION_FINDER = literal_finder(NEGATION_WORDS)
MOVES = _compile_moves()
STANCES = _compile_stances()
MOVE_PATTERNS = GatedPatterns([move[3] for move in MOVES])
STANCE_PATTERNS = GatedPatterns([pattern for _, _, pattern in STANCES])
ATTACKS = [re.compile(p, re.I) for p in ROLES["attack_patterns"]]
CLAIMS = [re.compile(p, re.I) for p in ROLES["claim_patterns"]]
HOSTS = [re.compile(p, re.I) for p in ROLES["host_patterns"]]
NOMINAL_ATTACKS = [re.compile(p, re.I) for p in ROLES["nominal_attack_patterns"]]
MUTUAL_ATTACKS = [re.compile(p, re.I) for p in ROLES["mutual_attack_patterns"]]
MOVE_SCANS = ScannedList(MOVE_PATTERNS.patterns)
STANCE_SCANS = ScannedList(STANCE_PATTERNS.patterns)
ATTACK_SCANS = [Scanned(p) for p in ATTACKS]
MUTUAL_SCANS = [Scanned(p) for p in MUTUAL_ATTACKS]
CLAIM_SCANS = [Scanned(p) for p in CLAIMS]
# Words one of which a host clause or a nominal attack needs: without them those patterns are not tried.
HOST_WORDS = [required_literals(p) for p in HOSTS]
NOMINAL_WORDS = [required_literals(p) for p in NOMINAL_ATTACKS]
HOST_SCANS = list(zip(HOSTS, map(literal_finder, HOST_WORDS)))  # (pattern, finder of one of its literals or None)
PLACE_NAME = re.compile(r"(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2}")
PAIR_BEFORE_VERB = re.compile(r"\s*(?:the\s+two|both)\s+(?:[\w-]+\s+){1,3}?(?=[a-z]+ed\b|(?:have|had|will|would|are|were)\b)",
                              re.I)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")
BY_AFTER = re.compile(r"[^.;,]{0,40}?\bby\s+")  # _count_attack looks for its "by" in the next 42 characters first


class _Article:
    """What the moves, reactions and side-evidence extractors of one article share: built once, used thrice."""

    def __init__(self, ctx):
        self.ctx, self.text, self.mentions, self.sentences = ctx, ctx.article.text, ctx.mentions, ctx.sentences
        self.mention_count = len(ctx.mentions)
        self.scan = ArticleScan(self.text)
        self.resolver = Resolver(self.text, ctx.mentions, _sentences(ctx))
        self._attacks = None

    def fits(self, ctx) -> bool:
        return (ctx is self.ctx and ctx.article.text is self.text and ctx.mentions is self.mentions
                and ctx.sentences is self.sentences and len(ctx.mentions) == self.mention_count)

    def attacks(self) -> tuple[dict, dict, tuple]:
        """Attack and clash evidence as a fresh resolver finds it, with what that resolver remembers after."""
        if self._attacks is None:
            res = self.resolver.fork()
            agents, targets = _attack_evidence(res, self.scan, _sentences(self.ctx))
            self._attacks = (agents, targets, (dict(res.affiliation), dict(res.bodies)))
        return self._attacks


# The three extractors run one after the other on the same context: the last article's shared part is kept.
_last: list = [None]


def _article(ctx) -> _Article:
    shared = _last[0]
    if shared is None or not shared.fits(ctx):
        shared = _last[0] = _Article(ctx)
    return shared


def _hits_by_sentence(scan: ArticleScan, sentences, patterns: ScannedList, first_only: bool = False) -> dict[int, list]:
    """Scan the article once per pattern that can match it; group the matches by sentence, in pattern order."""
    starts = [s.start for s in sentences]
    hits: dict[int, list] = {}
    for n, matches in scan.list_matches(patterns):  # in pattern order: each sentence's list comes out sorted
        taken = set()
        for m in matches:
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or m.end() > sentences[i].end or (first_only and i in taken):
                continue
            taken.add(i)
            hits.setdefault(i, []).append((n, m))
    return hits


def _negated(scan: ArticleScan, start: int, end: int) -> bool:
    """Whether a negation ends text[start:end] ("did not", "refused to"): searched only where its literals occur."""
    if NEGATION_FINDER is not None and scan.aligned and NEGATION_FINDER.search(scan.folded, start, end) is None:
        return False
    return NEGATION.search(scan.text, start, end) is not None


def _date_of(ctx, sent, pos: int):
    """The resolved date phrase of the sentence nearest to the trigger at `pos`, or None."""
    dated = [d for d in ctx.dates_in(sent.start, sent.end) if d.date]
    if not dated:
        return None
    return min(dated, key=lambda d: (min(abs(d.start - pos), abs(d.end - pos)), d.start)).date


def _sentences(ctx):
    return ctx.sentences or split_sentences(ctx.article.text)


# ---------------------------------------------------------------- extraction


def extract_moves(ctx) -> list[DiplomaticMove]:
    """Diplomatic moves reported in one article."""
    shared = _article(ctx)
    res = shared.resolver.fork()
    moves: list[DiplomaticMove] = []
    seen: set[tuple] = set()
    sentences = _sentences(ctx)
    hits = _hits_by_sentence(shared.scan, sentences, MOVE_SCANS, first_only=True)
    for i, sent in enumerate(sentences):
        for n, m in hits.get(i, []):
            label, where, talk, _ = MOVES[n]
            if _negated(shared.scan, max(sent.start, m.start() - 25), m.start()):
                continue
            if "{obj}" in label:
                label = label.replace("{obj}", (m.groupdict().get("obj") or "").lower()).strip()
            agents = _move_agents(res, sent, m, where)
            for agent in agents:
                target = _target(res, sent, m, agent, talk or label in ("phone call", "spoke with"))
                # Two parties acting together ("X and Y agreed …") act towards each other; two bodies that
                # each "held emergency meetings" do not.
                if len({a.entity for a in agents}) == 2 and target in ("", agent.entity) and _mutual(label, talk):
                    target = next(a.entity for a in agents if a.entity != agent.entity)
                if talk and not target and label == "visited":
                    # A trip to a place the actor finder does not know ("would travel to <capital>").
                    place = PLACE_NAME.match(ctx.article.text[m.end():sent.end])
                    target = place.group(0) if place else ""
                if talk and not target:
                    continue
                key = (sent.start, agent.label, label)
                if key in seen:
                    continue
                seen.add(key)
                moves.append(DiplomaticMove(actor=agent.label, action=label, target=target,
                                            date=_date_of(ctx, sent, m.start()), text=sent.text,
                                            citations=[cite_sentence(ctx.article, sent)]))
    return moves


def _mutual(label: str, talk: bool) -> bool:
    """Moves two coordinated actors make towards each other: contacts, talks and agreements."""
    return talk or any(word in label for word in ("agree", "sign", "talks", "call", "spoke", "met", "ceasefire", "deal"))


def _move_agents(res: Resolver, sent, m: re.Match, where: str) -> list[Agent]:
    if where == "by":
        return res.by_agents(m, sent, chain=False)
    if where == "between":
        return res.group_agents(m.end(), sent.end, tail=False) or res.after(m.end(), sent.end)
    if where == "adjacent":
        start, _ = res.main_clause_start(sent.start, m.start())
        if not res.adjacent_subject(start, m.start()) and not res.collective(start, m.start()):
            return res.group_agents(start, m.start())
        return res.subjects(sent, m.start())
    if where == "before":
        ms = res.every_in(sent.start, m.start())
        if ms and m.start() - ms[-1].end <= 3:
            return [res.agent(ms[-1])]
        near = res.adjacent_subject(sent.start, m.start())
        return [near] if near else []
    # A trigger in a leading phrase ("After a phone call with X, Y condemned …"): Y acts.
    comma = res.leading_end(sent.start, sent.end)
    if 0 < comma and m.start() < comma:
        verb = _verb_after(res.text, comma + 1, sent.end)
        pair = res.pair_subject(comma + 1, verb) if verb else []
        if pair:
            return pair
        head = res.clause_head(comma + 1, sent.end)
        return [head] if head else []
    # "Britain, France and other countries flew staff out": one move per listed actor.
    start, _ = res.main_clause_start(sent.start, m.start())
    return coordinated(res, start, m.start(), verb_words=3) or res.subjects(sent, m.start())


def _verb_after(text: str, start: int, end: int) -> int:
    """Where the verb after a plural subject starts ("the two ministers agreed" → at "agreed"), or 0."""
    m = PAIR_BEFORE_VERB.match(text, start, end)
    return m.end() if m else 0


def _target(res: Resolver, sent, m: re.Match, agent: Agent, talk: bool = False) -> str:
    """Towards whom: the first other entity named after the trigger (a person only for calls and meetings)."""
    # Stay in the trigger's clause: "…, but the United States blocked …" names someone else's move.
    stop = CLAUSE_BREAK.search(res.text, m.end(), sent.end)
    end = stop.start() if stop else sent.end
    for x in res.every_in(m.start(), end):
        other = res.agent(x)
        if other.kind == "person" and other.entity == other.name and not talk:
            continue
        if other.entity != agent.entity and other.name != agent.name:
            return other.entity
    return ""


def extract_reactions(ctx) -> list[InternationalReaction]:
    """Reactions of any actor with a stance; the merge drops parties to the conflict."""
    shared = _article(ctx)
    res = shared.resolver.fork()
    out: list[InternationalReaction] = []
    sentences = _sentences(ctx)
    matches = _hits_by_sentence(shared.scan, sentences, STANCE_SCANS)
    statements, actions = (shared.scan.by_sentence(p, sentences) for p in FALLBACK_VERBS)
    # The fallback's own lookup of a sentence's verbs (`ArticleScan.in_sentence`) gives these very lists when
    # the resolver reads the same sentences and no two of them start at one offset; else it looks them up itself.
    verbs_known = res.sentences is sentences and len({s.start for s in sentences}) == len(sentences)
    fighting = None
    for i, sent in enumerate(sentences):
        if fighting is not None and i not in matches and sent.start not in statements and sent.start not in actions:
            continue  # neither a stance trigger nor a fallback verb: nothing to find
        found: dict[str, list[tuple[str, str]]] = {}
        for n, m in matches.get(i, ()):
            stance, kind, _ = STANCES[n]
            if _negated(shared.scan, max(sent.start, m.start() - 25), m.start()):
                continue
            if kind == "by":
                agents = res.by_agents(m, sent)
            elif kind == "quoted" and not res.inside_quote(sent, m.start()):
                continue
            elif kind in ("cue", "quoted"):
                kind = "cue"
                agents = [a for a in [res.speaker(sent, m.start())] if a]
            else:
                agents = res.subjects(sent, m.start())
            for agent in agents:
                found.setdefault(agent.entity, []).append((stance, kind))
        strong_stances = {st for hits in found.values() for st, k in hits if k != "cue"} if found else ()
        for entity, hits in found.items():
            hits = [(st, k) for st, k in hits if k != "cue" or st not in strong_stances]
            if not hits:
                continue
            stances = {s for s, k in hits if k != "cue"}
            cues = [s for s, k in hits if k == "cue"]
            if cues:
                stances.add(min(cues, key=STANCE_ORDER.index))
            stances = sorted(stances, key=STANCE_ORDER.index)
            for stance in stances:
                out.append(InternationalReaction(actor=entity, stance=stance, text=sent.text,
                                                 citations=[cite_sentence(ctx.article, sent)]))
        # No stance trigger: a third party that says or deliberately does something still reacts
        # (a side of the fighting in this article does not).
        if fighting is None:
            fighting = _fighting_sides(shared, res)
        if sent.start not in statements and sent.start not in actions:
            continue  # no statement or action verb: no fallback reaction
        verbs = (statements.get(sent.start, []), actions.get(sent.start, [])) if verbs_known else None
        for agent, stance in fallback_reactions(res, sent, set(found) | fighting, shared.scan, verbs):
            out.append(InternationalReaction(actor=agent.entity, stance=stance, text=sent.text,
                                             citations=[cite_sentence(ctx.article, sent)]))
    return out


# ---------------------------------------------------------------- sides of the conflict


def side_evidence(ctx) -> dict[str, list[int]]:
    """Per entity, [attack evidence as agent, as target] in one article (summed by conflict_parties)."""
    shared = _article(ctx)
    text, scan = shared.text, shared.scan
    sentences = _sentences(ctx)
    claims = any(scan.by_sentence(c, sentences) for c in CLAIM_SCANS)
    if claims:
        # A claim of responsibility is weighed between the attacks, on the same resolver: the plain walk.
        res = shared.resolver.fork()
        agents: dict[str, int] = {}
        targets: dict[str, int] = {}
        for sent in sentences:
            _sentence_attacks(res, scan, sent, agents, targets)
            for pattern in CLAIM_SCANS:
                m = scan.search(pattern, sent.start, sent.end)
                if m:
                    for a in res.after(m.end(), sent.end, chain=False) or [res.subject(sent, m.start(), verb=True)]:
                        if a:
                            agents[a.entity] = agents.get(a.entity, 0) + 2
    else:
        agents, targets, _ = shared.attacks()
        agents = dict(agents)
    if any(words is None or any(word in scan.folded for word in words) for words in NOMINAL_WORDS):
        for x in shared.resolver.every:
            if x.kind in ("state", "armed_group") and any(p.match(text, x.end) for p in NOMINAL_ATTACKS):
                agents[x.name] = agents.get(x.name, 0) + 1
    return {name: [agents.get(name, 0), targets.get(name, 0)] for name in sorted(set(agents) | set(targets))}


def _fighting_sides(shared: _Article, res: Resolver) -> set[str]:
    """Everyone an article shows attacking, being attacked or clashing."""
    if res.is_fresh():
        # A resolver that has learnt nothing yet finds what a fresh one found, and learns what it learnt.
        agents, targets, learnt = shared.attacks()
        res.recall(learnt)
    else:
        agents, targets = _attack_evidence(res, shared.scan, _sentences(shared.ctx))
    return set(agents) | set(targets)


def _attack_evidence(res: Resolver, scan: ArticleScan, sentences) -> tuple[dict, dict]:
    """Attack counts per agent and per target over the article, sentence by sentence."""
    agents: dict[str, int] = {}
    targets: dict[str, int] = {}
    busy = set().union(*(scan.by_sentence(p, sentences) for p in ATTACK_SCANS + MUTUAL_SCANS))
    for sent in sentences:
        if sent.start in busy:
            _sentence_attacks(res, scan, sent, agents, targets)
    return agents, targets


def _sentence_attacks(res: Resolver, scan: ArticleScan, sent, agents: dict, targets: dict) -> None:
    for pattern in ATTACK_SCANS:
        for m in scan.in_sentence(pattern, res.sentences, sent):
            _count_attack(res, sent, m, agents, targets, scan)
    for pattern in MUTUAL_SCANS:
        for m in scan.in_sentence(pattern, res.sentences, sent):
            _count_clash(res, sent, m, agents)


def _count_clash(res: Resolver, sent, m: re.Match, agents: dict) -> None:
    """Both sides of a clash: "X troops clashed with Y", "a clash with Y troops", "clashes between X and Y"."""
    after = [x for x in res.every_in(m.end(), min(sent.end, m.end() + 90)) if x.kind in ("state", "armed_group")]
    if m.group(0).lower().endswith("between"):
        sides = after[:2]
    else:
        before = [x for x in res.every_in(sent.start, m.start()) if x.kind in ("state", "armed_group")]
        sides = before[-1:] + after[:1]
    names = {res.agent(x).entity for x in sides}
    if len(names) == 2:
        # A clash names both sides at once: as strong as two separate attacks.
        for name in names:
            agents[name] = agents.get(name, 0) + 2


def _hosts(scan: ArticleScan, text: str, start: int, end: int) -> bool:
    """True when a host clause ("where", "which hosts") follows a mention ending at `start`: a place, not a target."""
    for pattern, finder in HOST_SCANS:
        # A match holds one of the pattern's literals: a clause without any is not searched.
        if (finder is None or not scan.aligned or finder.search(scan.folded, start, end)) and \
                pattern.search(text[start:end]):
            return True
    return False


def _count_attack(res: Resolver, sent, m: re.Match, agents: dict, targets: dict, scan: ArticleScan) -> None:
    """Count who attacks whom in one attack-verb match: "X struck Y", "… fired by X at Y"."""
    text = res.text
    if m.group(0).lower().endswith("from"):
        # "X came under fire from Y": Y attacks, X was hit.
        by_at, passive = m.end(), True
    else:
        # An auxiliary and at most an adverb end the text before a passive verb: only its last two chunks are read.
        passive = tail_search(PASSIVE_BEFORE, text[sent.start:m.start()], 2)
        # BY_AFTER reads at most 40 characters before its "by": without one there, it cannot match.
        near_by = text.find("by", m.end(), min(sent.end, m.end() + 42)) >= 0
        by = near_by and BY_AFTER.match(text[m.end():sent.end])
        by_at = m.end() + by.end() if by else 0
    if by_at:
        doer = res.after(by_at, sent.end, chain=False)
    elif passive:
        doer = []
    else:
        near = res.adjacent_subject(sent.start, m.start())
        doer = [near] if near else []
    doer = [d for d in doer if d.kind != "person"]
    if passive and by_at:
        # "bases where US troops are stationed were targeted … by Iran": the subject was hit.
        span = res.every_in(sent.start, m.start())
    else:
        span = res.every_in(m.end(), min(sent.end, m.end() + 90))
    victim = place = None
    for x in span:
        if x.kind == "person" or _hosts(scan, text, x.end, sent.end):
            continue
        if LOCATIVE.search(text[max(sent.start, x.start - 14):x.start]):
            place = place or res.agent(x)
            continue
        victim = res.agent(x)
        break
    # "strikes on terror camps in X": with no other target named, the territory's owner was hit.
    victim = victim or place
    if not doer or (victim and victim.entity == doer[0].entity):
        return
    agents[doer[0].entity] = agents.get(doer[0].entity, 0) + 1
    if victim:
        targets[victim.entity] = targets.get(victim.entity, 0) + 1

"""Diplomatic moves (actor → action → target) and third-party reactions with a stance."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from briefing.extract.text import cite_sentence, split_sentences
from briefing.model import DiplomaticMove, InternationalReaction

DATA = Path(__file__).resolve().parents[1] / "data"
ACTING_KINDS = {"state", "organization", "armed_group", "person"}
QUOTE_CHARS = "\"“”"
WORD = re.compile(r"[\w'’-]+")


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


ROLES = _load("diplomacy_roles.json")
ROLE_WORDS = set(ROLES["role_words"])
GAP_WORDS = set(ROLES["gap_words"])
LEAD_WORDS = set(ROLES["lead_words"])
REPORTING = re.compile(r"\b(?:%s)\b" % "|".join(ROLES["reporting_verbs"]))
PRONOUNS = ROLES["pronouns"]
LOCATIVE = re.compile(r"\b(?:%s)\s+(?:the\s+)?$" % "|".join(ROLES["locative_preps"]), re.I)
WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d+(?:st|nd|rd|th)?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                     r"Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")


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
            for kind in ("verb", "by", "cue") for p in data["stances"][stance][kind]]


MOVES = _compile_moves()
STANCES = _compile_stances()
STANCE_ORDER = _load("diplomacy_stances.json")["order"]
ATTACKS = [re.compile(p, re.I) for p in ROLES["attack_patterns"]]
CLAIMS = [re.compile(p, re.I) for p in ROLES["claim_patterns"]]
HOSTS = [re.compile(p, re.I) for p in ROLES["host_patterns"]]


@dataclass(frozen=True)
class Agent:
    """Who acts: the specific person or body, and the state or organisation it speaks for."""

    name: str
    entity: str
    kind: str

    @property
    def label(self) -> str:
        """Move label: "Liz Truss (United Kingdom)", "Iraqi Foreign Ministry (Iraq)" or just "India"."""
        return self.name if self.name == self.entity else f"{self.name} ({self.entity})"


# ---------------------------------------------------------------- who is acting


@lru_cache(maxsize=4096)
def _state_in(surface: str) -> Optional[str]:
    """The state or organisation named inside a phrase ("Iraqi Foreign Ministry" → Iraq)."""
    from briefing.extract.actors import find_actor_mentions
    words = surface.split()
    for n in range(len(words) - 1, 0, -1):
        for m in find_actor_mentions(" ".join(words[:n])):
            if m.kind in ("state", "organization"):
                return m.name
    return None


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _is_role_gap(text: str) -> bool:
    """True when `text` holds only title words ("'s Prime Minister", " Secretary of State ")."""
    text = re.sub(r"^['’]s\b", "", text.strip())
    if re.search(r"[,.;:()\"“”]", text):
        return False
    return all(w.lower() in ROLE_WORDS or w[:1].isupper() for w in WORD.findall(text))


class Resolver:
    """Per-article who-said/who-did logic over the actor mentions, with a little memory for pronouns."""

    def __init__(self, text: str, mentions):
        self.text = text
        self.every = [m for m in mentions if m.kind in ACTING_KINDS]
        self.mentions = [m for m in self.every if getattr(m, "actor_like", True)]
        self.affiliation: dict[str, str] = {}
        self.last_person: Optional[Agent] = None
        self.last_body: Optional[Agent] = None
        self.bodies: dict[str, Agent] = {}

    def in_span(self, start: int, end: int) -> list:
        """Acting mentions inside [start, end)."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def agent(self, m) -> Agent:
        """The Agent behind a mention: persons get their state, state bodies their full phrase."""
        if m.kind == "person":
            ent = getattr(m, "affiliation", "") or self.affiliation.get(m.name) or self._person_affiliation(m)
            if ent:
                self.affiliation[m.name] = ent
            agent = Agent(m.name, ent or m.name, "person")
            self.last_person = agent
            return agent
        if m.kind == "organization" and not m.surface.isupper():
            state = _state_in(m.surface)
            if state and state != m.name:
                return self._remember(Agent(m.surface, state, "body"))
        if m.kind in ("state", "organization"):
            phrase_end = self._body_tail(m.end)
            if phrase_end:
                return self._remember(Agent(self.text[m.start:phrase_end], m.name, "body"))
        agent = Agent(m.name, m.name, m.kind)
        self.last_body = agent
        return agent

    def _body_tail(self, end: int) -> Optional[int]:
        """End of a body named after a state ("'s Defence Ministry", " foreign ministers"), unless a person follows."""
        pos, last = end, None
        for i, w in enumerate(re.finditer(r"(?:['’]s)?\s+([\w-]+)(['’]s)?", self.text[end:end + 60])):
            word = w.group(1).lower()
            if i == 0 and w.group(0)[:1] not in "'’ " or word not in ROLE_WORDS or i > 4:
                break
            pos = end + w.end()
            if word not in ("of", "the", "for", "and"):
                last = end + w.start(1) + len(w.group(1))
            if w.group(2):
                break
        if last is None:
            return None
        if any(p.kind == "person" and p.start - pos <= 2 for p in self.in_span(pos, pos + 40)):
            return None
        return last

    def _remember(self, agent: Agent) -> Agent:
        for w in _words(agent.name):
            if w in ROLE_WORDS and w not in ("of", "the", "for", "and", "national", "state", "top", "senior"):
                self.bodies[w.replace("defense", "defence")] = agent
        self.last_body = agent
        return agent

    def _person_affiliation(self, m) -> Optional[str]:
        before = [p for p in self.mentions if p.end <= m.start and p.kind in ("state", "organization")]
        if before and m.start - before[-1].end <= 45 and _is_role_gap(self.text[before[-1].end:m.start]):
            return before[-1].name
        appos = re.match(r",\s+(?:the\s+|a\s+|an\s+)?([^,.;]{2,70})[,.]", self.text[m.end:m.end + 80])
        if appos:
            for p in self.in_span(m.end + appos.start(1), m.end + appos.end(1)):
                if p.kind in ("state", "organization"):
                    return p.name
        return None

    def body_word(self, text: str) -> Optional[Agent]:
        """An earlier state body named again without its state ("the ministry", "Ministry of Defense")."""
        for w in _words(text):
            agent = self.bodies.get(w.replace("defense", "defence"))
            if agent:
                return agent
        return None

    def pronoun(self, word: str) -> Optional[Agent]:
        """Resolve a subject pronoun to the last person or body that acted."""
        kind = PRONOUNS.get(word.lower())
        if kind == "person":
            return self.last_person
        if kind == "body":
            return self.last_body
        return None

    # ---- subjects

    def main_clause_start(self, s_start: int, pos: int) -> tuple[int, Optional[object]]:
        """Where the main clause begins (after "According to X," or a leading phrase) and the cited source."""
        head = self.text[s_start:pos]
        source = None
        lead = re.match(r"\s*[\w'’-]+", head)
        first = lead.group(0).strip().lower() if lead else ""
        comma = head.find(",")
        if first in LEAD_WORDS and comma >= 0:
            if first == "according":
                inside = self.in_span(s_start, s_start + comma)
                source = inside[0] if inside else None
            return s_start + comma + 1, source
        return s_start, source

    def subject(self, sent, pos: int, *, verb: bool) -> Optional[Agent]:
        """The actor of a trigger at `pos`: a quote's speaker, the verb's subject or the clause's speaker."""
        if self._inside_quote(sent, pos):
            return self.quote_speaker(sent, pos)
        start, source = self.main_clause_start(sent.start, pos)
        if verb:
            near = self._adjacent_subject(start, pos)
            if near:
                return near
        ms = [m for m in self.in_span(start, pos) if not LOCATIVE.search(self.text[max(0, m.start - 12):m.start])]
        if ms:
            return self.agent(ms[0])
        lead = re.match(r"\s*(?:the\s+)?([\w'’-]+)", self.text[start:pos])
        if lead:
            word = lead.group(1)
            agent = self.pronoun(word) or (self.body_word(self.text[start:start + 40])
                                           if word.lower() in ROLE_WORDS | {"the"} else None)
            if agent:
                return agent
        return self.agent(source) if source else None

    def _adjacent_subject(self, start: int, pos: int) -> Optional[Agent]:
        # A mention right before the verb is its subject even when tagged as a place.
        ms = [m for m in self.every if m.start >= start and m.end <= pos
              and not LOCATIVE.search(self.text[max(0, m.start - 12):m.start])]
        gap_text = self.text[ms[-1].end:pos] if ms else self.text[start:pos]
        if re.search(r"[\"“”]", gap_text):
            return None
        # "…, the prime minister, urged": drop appositives before testing the gap.
        gap = re.sub(r",[^,]{0,60},", " ", gap_text)
        words = WORD.findall(gap)
        pron = [w for w in words if w.lower() in PRONOUNS and PRONOUNS[w.lower()] != "speaker"]
        if ms and all(w.lower() in GAP_WORDS or w.lower() in ROLE_WORDS - {"and", "of", "for"} or w.lower() in ("which", "who") or WEEKDAY.fullmatch(w) or w.lower().endswith("ly")
                      or w in ("'s", "’s", "s") for w in words if not w.startswith(("'", "’"))):
            return self.agent(ms[-1])
        if pron and words and words[0].lower() == pron[0].lower() and all(
                w.lower() in GAP_WORDS or w.lower().endswith("ly") for w in words[1:]):
            return self.pronoun(pron[0])
        return None

    def _inside_quote(self, sent, pos: int) -> bool:
        before = self.text[sent.start:pos]
        straight = before.count('"') % 2 == 1
        curly = before.count("“") > before.count("”")
        return straight or curly

    def quote_speaker(self, sent, pos: int) -> Optional[Agent]:
        """Who is quoted at `pos`: "…," said X / X said: "…" / the sentence's subject."""
        rest = self.text[pos:sent.end]
        close = re.search(r"[\"”]\s*,?\s*(?:%s)\s+" % REPORTING.pattern, rest)
        if close:
            agent = self._inverted(pos + close.end(), sent.end)
            if agent:
                return agent
            word = re.match(r"(\w+)", rest[close.end():])
            if word and self.pronoun(word.group(1)):
                return self.pronoun(word.group(1))
        opening = max(self.text.rfind('"', sent.start, pos), self.text.rfind("“", sent.start, pos))
        if opening <= sent.start:
            return self.last_person or self.last_body
        # A quote inside a reported clause ('X would "impose …"'): the clause subject acts.
        inner = self._adjacent_subject(sent.start, opening)
        if inner:
            return inner
        said = list(REPORTING.finditer(self.text, sent.start, opening))
        return self.subject(sent, said[-1].start() if said else opening, verb=True)

    def _inverted(self, pos: int, limit: int) -> Optional[Agent]:
        """The speaker right after a reporting verb ("…, said NATO chief Jens Stoltenberg")."""
        after = self.in_span(pos, limit)
        if after and after[0].start - pos < 40 and _is_role_gap(self.text[pos:after[0].start]):
            return self.agent(after[0])
        return None

    def speaker(self, sent, pos: int) -> Optional[Agent]:
        """Whose words carry a stance cue at `pos`: the quoted or reporting speaker, else the subject."""
        if self._inside_quote(sent, pos):
            return self.quote_speaker(sent, pos)
        start, _ = self.main_clause_start(sent.start, pos)
        for r in REPORTING.finditer(self.text, start, sent.end):
            agent = self._inverted(r.end(), sent.end) if r.start() < pos else None
            if not agent and self.in_span(start, r.start()):
                agent = self.subject(sent, r.start(), verb=True)
            if agent:
                return agent
        return self.subject(sent, pos, verb=False)

    def after(self, end: int, limit: int, chain: bool = True) -> list[Agent]:
        """Mentions right after `end` ("… by the EU, France and Germany"), following a coordination."""
        out, pos = [], end
        for m in self.in_span(end, limit):
            gap = self.text[pos:m.start]
            if out and not re.fullmatch(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?", gap):
                break
            if not out and len(gap) > 45:
                break
            out.append(self.agent(m))
            pos = m.end
            if not chain:
                break
        return out


def _date_of(ctx, sent):
    for d in ctx.dates_in(sent.start, sent.end):
        if d.date:
            return d.date
    return None


def _sentences(ctx):
    return ctx.sentences or split_sentences(ctx.article.text)


# ---------------------------------------------------------------- extraction


def extract_moves(ctx) -> list[DiplomaticMove]:
    """Diplomatic moves reported in one article."""
    res = Resolver(ctx.article.text, ctx.mentions)
    moves: list[DiplomaticMove] = []
    seen: set[tuple] = set()
    for sent in _sentences(ctx):
        for label, where, talk, pattern in MOVES:
            m = pattern.search(ctx.article.text, sent.start, sent.end)
            if not m:
                continue
            for agent in _move_agents(res, sent, m, where):
                target = _target(res, sent, m, agent)
                if talk and not target:
                    continue
                key = (sent.start, agent.label, label)
                if key in seen:
                    continue
                seen.add(key)
                moves.append(DiplomaticMove(actor=agent.label, action=label, target=target,
                                            date=_date_of(ctx, sent), text=sent.text,
                                            citations=[cite_sentence(ctx.article, sent)]))
    return moves


def _move_agents(res: Resolver, sent, m: re.Match, where: str) -> list[Agent]:
    if where == "by":
        return res.after(m.end(), sent.end, chain=False)
    if where == "before":
        ms = res.in_span(sent.start, m.start())
        if ms and m.start() - ms[-1].end <= 3:
            return [res.agent(ms[-1])]
        near = res._adjacent_subject(sent.start, m.start())
        return [near] if near else []
    # A trigger opening the sentence ("After a phone call with X, Y condemned …"): Y acts.
    head = ctx_head = res.text[sent.start:m.start()]
    if not res.in_span(sent.start, m.start()) or not WORD.search(ctx_head.lower().replace("speaking", "")) \
            and head.strip() == "":
        comma = res.text.find(",", m.end(), sent.end)
        if comma > 0 and res.main_clause_start(sent.start, m.end())[0] > m.start():
            follow = [x for x in res.in_span(comma, sent.end)]
            if follow:
                return [res.agent(follow[0])]
    start, _ = res.main_clause_start(sent.start, m.start())
    if start > m.start():
        follow = res.in_span(start, sent.end)
        return [res.agent(follow[0])] if follow else []
    agent = res.subject(sent, m.start(), verb=True)
    return [agent] if agent else []


def _target(res: Resolver, sent, m: re.Match, agent: Agent) -> str:
    """Towards whom: the first other entity named after the trigger."""
    for x in res.in_span(m.start(), sent.end):
        other = res.agent(x)
        if other.entity != agent.entity and other.name != agent.name:
            return other.entity
    return ""


def extract_reactions(ctx) -> list[InternationalReaction]:
    """Reactions of any actor with a stance; the merge drops parties to the conflict."""
    res = Resolver(ctx.article.text, ctx.mentions)
    out: list[InternationalReaction] = []
    for sent in _sentences(ctx):
        found: dict[str, list[tuple[str, str]]] = {}
        for stance, kind, pattern in STANCES:
            for m in pattern.finditer(ctx.article.text, sent.start, sent.end):
                if kind == "by":
                    agents = res.after(m.end(), sent.end)
                    if not agents:
                        ms = res.in_span(sent.start, m.start())
                        if ms and m.start() - ms[-1].end <= 3:
                            agents = [res.agent(ms[-1])]
                else:
                    if kind == "cue":
                        agent = res.speaker(sent, m.start())
                    else:
                        agent = res.subject(sent, m.start(), verb=True)
                    agents = [agent] if agent else []
                for agent in agents:
                    found.setdefault(agent.entity, []).append((stance, kind))
        for entity, hits in found.items():
            strong = [s for s, k in hits if k != "cue"]
            stances = sorted(set(strong), key=STANCE_ORDER.index) if strong else \
                [min((s for s, _ in hits), key=STANCE_ORDER.index)]
            for stance in stances:
                out.append(InternationalReaction(actor=entity, stance=stance, text=sent.text,
                                                 citations=[cite_sentence(ctx.article, sent)]))
    return out


# ---------------------------------------------------------------- merge


def _date_key(item) -> tuple:
    return (item.date is None, item.date or "")


def merge_moves(items: list[DiplomaticMove]) -> list[DiplomaticMove]:
    """Same move from several sources becomes one item citing all of them."""
    merged: dict[tuple, DiplomaticMove] = {}
    for item in items:
        key = (_entity_of(item.actor), item.action, item.target)
        if key not in merged:
            merged[key] = item.model_copy(deep=True)
            continue
        kept = merged[key]
        _add_citations(kept, item)
        kept.date = kept.date or item.date
        # A person's name says more than the bare state: keep the more specific label.
        if "(" in item.actor and "(" not in kept.actor:
            kept.actor = item.actor
    return sorted(merged.values(), key=lambda m: (*_date_key(m), m.actor, m.action, m.target))


def merge_reactions(items: list[InternationalReaction], parties: set[str]) -> list[InternationalReaction]:
    """One reaction per third-party actor and stance; parties to the conflict are left out."""
    lowered = {p.lower() for p in parties}
    merged: dict[tuple, InternationalReaction] = {}
    for item in items:
        if item.actor.lower() in lowered:
            continue
        key = (item.actor, item.stance)
        if key in merged:
            _add_citations(merged[key], item)
        else:
            merged[key] = item.model_copy(deep=True)
    return sorted(merged.values(), key=lambda r: (r.actor, STANCE_ORDER.index(r.stance)))


def _entity_of(label: str) -> str:
    m = re.search(r"\(([^()]*)\)$", label)
    return m.group(1) if m else label


def _add_citations(kept, item) -> None:
    have = {(c.source, c.start, c.end) for c in kept.citations}
    for c in item.citations:
        if (c.source, c.start, c.end) not in have:
            kept.citations.append(c)
            have.add((c.source, c.start, c.end))


# ---------------------------------------------------------------- sides of the conflict


def conflict_parties(actors, findings) -> set[str]:
    """Names (and aliases) of the sides of the conflict, whose statements are not international reactions."""
    from briefing.extract.actors import find_actor_mentions
    agents: dict[str, int] = {}
    targets: dict[str, int] = {}
    for f in findings:
        text = f.article.text
        res = Resolver(text, find_actor_mentions(text))
        for sent in split_sentences(text):
            for pattern in ATTACKS:
                for m in pattern.finditer(text, sent.start, sent.end):
                    _count_attack(res, sent, m, agents, targets)
            for pattern in CLAIMS:
                m = pattern.search(text, sent.start, sent.end)
                if m:
                    for a in res.after(m.end(), sent.end, chain=False) or [res.subject(sent, m.start(), verb=True)]:
                        if a:
                            agents[a.entity] = agents.get(a.entity, 0) + 1
    sides = {e for e, n in agents.items() if n >= 1 and (n >= 2 or targets.get(e, 0) >= 1)}
    sides |= {e for e, n in targets.items() if n >= 2 and agents.get(e, 0) >= 1}
    names = set(sides)
    for actor in actors:
        if actor.name in sides or actor.affiliation in sides:
            names.add(actor.name)
            names.update(actor.aliases)
    return names


def _count_attack(res: Resolver, sent, m: re.Match, agents: dict, targets: dict) -> None:
    text = res.text
    passive = re.match(r"[^.;]{0,40}?\bby\s+", text[m.end():sent.end])
    if passive and re.search(r"\b(?:was|were|been|being|is|are)\s+\w*\s*$|\bfired\s*$|\blaunched\s*$",
                             text[sent.start:m.end()]):
        doer = res.after(m.end() + passive.end() - 1, sent.end, chain=False)
    else:
        doer = [res.subject(sent, m.start(), verb=True)] if res.in_span(sent.start, m.start()) else []
    doer = [d for d in doer if d and d.kind != "person"]
    victim = None
    for x in res.in_span(m.end(), min(sent.end, m.end() + 90)):
        if LOCATIVE.search(text[max(sent.start, x.start - 14):x.start]) or x.kind == "person":
            continue
        if any(h.search(text[x.end:sent.end]) for h in HOSTS):
            continue
        victim = res.agent(x)
        break
    for d in doer:
        if victim is None or victim.entity != d.entity:
            agents[d.entity] = agents.get(d.entity, 0) + 1
    if victim and doer and victim.entity != doer[0].entity:
        targets[victim.entity] = targets.get(victim.entity, 0) + 1

"""Diplomatic moves (actor → action → target) and third-party reactions with a stance."""
from __future__ import annotations

import json
import re
from bisect import bisect_right
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
PREPOSITION = re.compile(r"\b(?:in|at|within|of|with|from|to|for|by|on|into|near|across|throughout|against|under|over|"
                         r"inside|towards?|between|among)\s+(?:(?:the|a|an|its|their|his|her)\s+)?$", re.I)
CLAUSE_BREAK = re.compile(r",\s*(?:but|while|whereas|although|as)\b|;|\bwhile\b|\bbut\b")
DATELINE = re.compile(r"\s*[A-Z][\w.'’-]*(?:[ /,][A-Z][\w.'’-]*){0,4}(?:\s*\([A-Z][\w ]*\))?(?:,? [A-Z][a-z]{2} \d{1,2})?"
                      r"\s*(?:—|–|--|:|-)\s+")
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
NOMINAL_ATTACKS = [re.compile(p, re.I) for p in ROLES["nominal_attack_patterns"]]


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


def _is_only(text: str, allowed: set[str]) -> bool:
    """True when every word of `text` is allowed, an adverb in -ly, a date word or a possessive."""
    return all(w.lower() in allowed or w.lower().endswith("ly") or WEEKDAY.fullmatch(w) or w.lower() in ("s", "which", "who")
               for w in WORD.findall(text) if not w.startswith(("'", "’")))


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

    def __init__(self, text: str, mentions, sentences=None):
        self.text = text
        self.sentences = sentences if sentences is not None else split_sentences(text)
        self.every = [m for m in mentions if m.kind in ACTING_KINDS]
        self.mentions = [m for m in self.every if getattr(m, "actor_like", True)]
        self.affiliation: dict[str, str] = {}
        self.bodies: dict[str, Agent] = {}
        self.last_adjacent = None
        for m in self.every:
            if m.kind == "person" and m.name not in self.affiliation:
                aff = getattr(m, "affiliation", "") or self._person_affiliation(m)
                if aff:
                    self.affiliation[m.name] = aff

    def in_span(self, start: int, end: int) -> list:
        """Acting mentions inside [start, end)."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def agent(self, m) -> Agent:
        """The Agent behind a mention: persons get their state, state bodies their full phrase."""
        if m.kind == "person":
            ent = getattr(m, "affiliation", "") or self.affiliation.get(m.name) or self._person_affiliation(m)
            if ent:
                self.affiliation[m.name] = ent
            return Agent(m.name, ent or m.name, "person")
        if m.kind == "organization" and getattr(m, "affiliation", "") and m.affiliation != m.name:
            return self._remember(Agent(m.name, m.affiliation, "body"))
        if m.kind == "organization" and not m.surface.isupper():
            state = _state_in(m.surface) or (self.body_word(m.surface).entity if self.body_word(m.surface) else None)
            if state and state != m.name:
                return self._remember(Agent(m.surface, state, "body"))
        person = [p for p in self.every if p.kind == "person" and 0 <= p.start - m.end <= 45]
        if m.kind in ("state", "organization") and person and _is_role_gap(self.text[m.end:person[0].start]):
            return self.agent(person[0])
        if m.kind in ("state", "organization"):
            phrase_end = self._body_tail(m.end)
            if phrase_end:
                return self._remember(Agent(self.text[m.start:phrase_end], m.name, "body"))
        return Agent(m.name, m.name, m.kind)

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

    def pronoun(self, word: str, pos: int) -> Optional[Agent]:
        """Resolve a subject pronoun at `pos`: he/she → the last person named, it/they → the last body or state subject."""
        kind = PRONOUNS.get(word.lower())
        if kind == "person":
            people = [m for m in self.every if m.kind == "person" and m.end <= pos]
            return self.agent(people[-1]) if people else None
        if kind != "body":
            return None
        here = max((i for i, s in enumerate(self.sentences) if s.start <= pos), default=-1)
        # The subject of the current sentence before `pos`, then of earlier sentences.
        for i in range(here, max(-1, here - 4), -1):
            sent = self.sentences[i]
            start, _ = self.main_clause_start(sent.start, min(pos, sent.end))
            for m in self.in_span(start, min(pos, sent.end)):
                if m.kind != "person" and not LOCATIVE.search(self.text[max(0, m.start - 12):m.start]):
                    return self.agent(m)
        return None

    # ---- subjects

    def body_start(self, s_start: int) -> int:
        """Sentence start after a dateline ("KYIV, Ukraine (AP) — ", "United Nations : ")."""
        m = DATELINE.match(self.text, s_start)
        return m.end() if m else s_start

    def leading_end(self, s_start: int, s_end: int) -> int:
        """End (the comma) of a leading phrase ("After a call with X," "Speaking to Y,"), or -1."""
        start = self.body_start(s_start)
        lead = re.match(r"\s*([\w'’-]+)", self.text[start:s_end])
        comma = self.text.find(",", start, s_end)
        if lead and lead.group(1).lower() in LEAD_WORDS and comma > 0:
            return comma
        return -1

    def main_clause_start(self, s_start: int, pos: int) -> tuple[int, Optional[object]]:
        """Where the main clause begins (after "According to X," or a leading phrase) and the cited source."""
        start = self.body_start(s_start)
        comma = self.leading_end(s_start, pos)
        if comma < 0:
            return start, None
        source = None
        if self.text[start:comma].strip().lower().startswith("according"):
            inside = self.in_span(start, comma)
            source = inside[0] if inside else None
        return comma + 1, source

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
            agent = self.pronoun(word, start) or (self.body_word(self.text[start:start + 40])
                                           if word.lower() in ROLE_WORDS | {"the"} else None)
            if agent:
                return agent
        return self.agent(source) if source else None

    def subjects(self, sent, pos: int) -> list[Agent]:
        """The subject of a verb at `pos`, with the actors coordinated with it ("Egypt, Qatar and the UN were …")."""
        self.last_adjacent = None
        agent = self.subject(sent, pos, verb=True)
        if agent is None:
            return []
        chain = [self.last_adjacent] if self.last_adjacent and self.agent(self.last_adjacent) == agent else []
        while chain:
            prev = [p for p in self.every if p.end <= chain[0].start and p.start >= sent.start]
            if not prev or not re.fullmatch(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?", self.text[prev[-1].end:chain[0].start]):
                break
            chain.insert(0, prev[-1])
        return [self.agent(x) for x in chain] if len(chain) > 1 else [agent]

    def clause_head(self, start: int, end: int) -> Optional[Agent]:
        """The subject opening a clause at `start`: a pronoun or a mention after at most a few title words."""
        word = re.match(r"\s*([\w'’-]+)", self.text[start:end])
        if word and word.group(1).lower() in PRONOUNS:
            return self.pronoun(word.group(1), start)
        follow = self.in_span(start, end)
        if follow and follow[0].start - start <= 50 and _is_role_gap(re.sub(r"^\s*(?:the|a|an)\b", "", self.text[start:follow[0].start])):
            return self.agent(follow[0])
        return self.body_word(self.text[start:start + 40])

    def _adjacent_subject(self, start: int, pos: int) -> Optional[Agent]:
        """The mention right before a verb, separated only by auxiliaries, titles, time words or an appositive."""
        every = [m for m in self.every if m.start >= start and m.end <= pos]
        # "… a Danish contingent, which is itself pulling out": the relative clause's antecedent acts.
        rel = re.search(r",\s*(?:which|who)\s+(?:[\w'’-]+\s+){0,3}$", self.text[start:pos])
        if rel and every:
            head = [m for m in every if m.end <= start + rel.start()]
            if head and _is_only(self.text[head[-1].end:start + rel.start()], ROLE_WORDS):
                return self.agent(head[-1])
        # Mentions after a preposition are places or objects, not subjects.
        ms = [m for m in every if not PREPOSITION.search(self.text[max(0, m.start - 20):m.start])]
        gap_text = self.text[ms[-1].end:pos] if ms else self.text[start:pos]
        if re.search(r"[\"“”]", gap_text):
            return None
        # "…, the prime minister, urged": drop appositives before testing the gap.
        words = [w for w in WORD.findall(re.sub(r",[^,]{0,60},", " ", gap_text)) if not w.startswith(("'", "’"))]
        if ms and _is_only(" ".join(words), GAP_WORDS | (ROLE_WORDS - {"and", "of", "for"})):
            self.last_adjacent = ms[-1]
            return self.agent(ms[-1])
        if words and PRONOUNS.get(words[0].lower()) in ("person", "body") and _is_only(" ".join(words[1:]), GAP_WORDS):
            return self.pronoun(words[0], pos)
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
            if word and self.pronoun(word.group(1), pos):
                return self.pronoun(word.group(1), pos)
        opening = max(self.text.rfind('"', sent.start, pos), self.text.rfind("“", sent.start, pos))
        if opening <= sent.start:
            return self.pronoun("he", sent.start)
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

    def by_agents(self, m: re.Match, sent, chain: bool = True) -> list[Agent]:
        """Agents of a nominal trigger: after "by"/"from"/"of" ("condemnation … by the EU"), else right before it."""
        if re.search(r"\b(?:by|from|of)\s*$", m.group(0), re.I):
            return self.after(m.end(), sent.end, chain)
        by = re.search(r"\b(?:by|from)\s+", self.text[m.end():min(sent.end, m.end() + 80)])
        if by:
            return self.after(m.end() + by.end(), sent.end, chain)
        ms = self.in_span(sent.start, m.start())
        if ms and m.start() - ms[-1].end <= 3:
            return [self.agent(ms[-1])]
        return []

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


def _hits_by_sentence(text: str, sentences, patterns, first_only: bool = False) -> dict[int, list]:
    """Scan the article once per pattern; group the matches by sentence, in pattern order."""
    starts = [s.start for s in sentences]
    hits: dict[int, list] = {}
    for n, pattern in enumerate(patterns):
        taken = set()
        for m in pattern.finditer(text):
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or m.end() > sentences[i].end or (first_only and i in taken):
                continue
            taken.add(i)
            hits.setdefault(i, []).append((n, m))
    for found in hits.values():
        found.sort(key=lambda hit: hit[0])
    return hits


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
    res = Resolver(ctx.article.text, ctx.mentions, _sentences(ctx))
    moves: list[DiplomaticMove] = []
    seen: set[tuple] = set()
    sentences = _sentences(ctx)
    hits = _hits_by_sentence(ctx.article.text, sentences, [move[3] for move in MOVES], first_only=True)
    for i, sent in enumerate(sentences):
        for n, m in hits.get(i, []):
            label, where, talk, _ = MOVES[n]
            if "{obj}" in label:
                label = label.replace("{obj}", (m.groupdict().get("obj") or "").lower()).strip()
            for agent in _move_agents(res, sent, m, where):
                target = _target(res, sent, m, agent, talk or label in ("phone call", "spoke with"))
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


def _move_agents(res: Resolver, sent, m: re.Match, where: str) -> list[Agent]:
    if where == "by":
        return res.by_agents(m, sent, chain=False)
    if where == "before":
        ms = res.in_span(sent.start, m.start())
        if ms and m.start() - ms[-1].end <= 3:
            return [res.agent(ms[-1])]
        near = res._adjacent_subject(sent.start, m.start())
        return [near] if near else []
    # A trigger in a leading phrase ("After a phone call with X, Y condemned …"): Y acts.
    comma = res.leading_end(sent.start, sent.end)
    if 0 < comma and m.start() < comma:
        head = res.clause_head(comma + 1, sent.end)
        return [head] if head else []
    return res.subjects(sent, m.start())


def _target(res: Resolver, sent, m: re.Match, agent: Agent, talk: bool = False) -> str:
    """Towards whom: the first other entity named after the trigger (a person only for calls and meetings)."""
    # Stay in the trigger's clause: "…, but the United States blocked …" names someone else's move.
    stop = CLAUSE_BREAK.search(res.text, m.end(), sent.end)
    end = stop.start() if stop else sent.end
    for x in [x for x in res.every if x.start >= m.start() and x.end <= end]:
        other = res.agent(x)
        if other.kind == "person" and other.entity == other.name and not talk:
            continue
        if other.entity != agent.entity and other.name != agent.name:
            return other.entity
    return ""


def extract_reactions(ctx) -> list[InternationalReaction]:
    """Reactions of any actor with a stance; the merge drops parties to the conflict."""
    res = Resolver(ctx.article.text, ctx.mentions, _sentences(ctx))
    out: list[InternationalReaction] = []
    sentences = _sentences(ctx)
    matches = _hits_by_sentence(ctx.article.text, sentences, [p for _, _, p in STANCES])
    for i, sent in enumerate(sentences):
        found: dict[str, list[tuple[str, str]]] = {}
        for n, m in matches.get(i, []):
                stance, kind, _ = STANCES[n]
                if kind == "by":
                    agents = res.by_agents(m, sent)
                elif kind == "cue":
                    agents = [a for a in [res.speaker(sent, m.start())] if a]
                else:
                    agents = res.subjects(sent, m.start())
                for agent in agents:
                    found.setdefault(agent.entity, []).append((stance, kind))
        strong_stances = {st for hits in found.values() for st, k in hits if k != "cue"}
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
    return out


# ---------------------------------------------------------------- merge


def _date_key(item) -> tuple:
    return (item.date is None, item.date or "")


def merge_moves(items: list[DiplomaticMove]) -> list[DiplomaticMove]:
    """Same move from several sources becomes one item citing all of them."""
    merged: dict[tuple, DiplomaticMove] = {}
    for item in items:
        key = (_entity_of(item.actor), item.action)
        if key not in merged:
            merged[key] = item.model_copy(deep=True)
            continue
        kept = merged[key]
        _add_citations(kept, item)
        kept.date = kept.date or item.date
        kept.target = kept.target or item.target
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
    kept.citations.sort(key=lambda c: (len(c.source), c.source, c.start))


# ---------------------------------------------------------------- sides of the conflict


def conflict_parties(actors, findings) -> set[str]:
    """Names (and aliases) of the sides of the conflict, whose statements are not international reactions."""
    from briefing.extract.actors import find_actor_mentions
    agents: dict[str, int] = {}
    targets: dict[str, int] = {}
    for f in findings:
        text = f.article.text
        sentences = split_sentences(text)
        res = Resolver(text, find_actor_mentions(text), sentences)
        for sent in sentences:
            for pattern in ATTACKS:
                for m in pattern.finditer(text, sent.start, sent.end):
                    _count_attack(res, sent, m, agents, targets)
            for pattern in CLAIMS:
                m = pattern.search(text, sent.start, sent.end)
                if m:
                    for a in res.after(m.end(), sent.end, chain=False) or [res.subject(sent, m.start(), verb=True)]:
                        if a:
                            agents[a.entity] = agents.get(a.entity, 0) + 2
        for x in res.every:
            if x.kind in ("state", "armed_group") and any(p.match(text, x.end) for p in NOMINAL_ATTACKS):
                agents[x.name] = agents.get(x.name, 0) + 1
    sides = {e for e, n in agents.items() if n >= 2 or n + targets.get(e, 0) >= 2}
    names = set(sides)
    for actor in actors:
        if actor.name in sides or actor.affiliation in sides:
            names.add(actor.name)
            names.update(actor.aliases)
    return names


def _count_attack(res: Resolver, sent, m: re.Match, agents: dict, targets: dict) -> None:
    """Count who attacks whom in one attack-verb match: "X struck Y", "… fired by X at Y"."""
    text = res.text
    passive = re.search(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", text[sent.start:m.start()])
    if m.group(0).lower().endswith("from"):
        # "X came under fire from Y": Y attacks, X was hit.
        by_at, passive = m.end(), True
    else:
        by = re.match(r"[^.;,]{0,40}?\bby\s+", text[m.end():sent.end])
        by_at = m.end() + by.end() if by else 0
    if by_at:
        doer = res.after(by_at, sent.end, chain=False)
    elif passive:
        doer = []
    else:
        near = res._adjacent_subject(sent.start, m.start())
        doer = [near] if near else []
    doer = [d for d in doer if d.kind != "person"]
    if passive and by_at:
        # "bases where US troops are stationed were targeted … by Iran": the subject was hit.
        span = [x for x in res.every if sent.start <= x.start and x.end <= m.start()]
    else:
        span = [x for x in res.every if m.end() <= x.start and x.end <= min(sent.end, m.end() + 90)]
    victim = place = None
    for x in span:
        if x.kind == "person" or any(h.search(text[x.end:sent.end]) for h in HOSTS):
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

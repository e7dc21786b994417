"""Who acts or speaks in a sentence: subjects, quoted speakers, pronouns, officials and the state they speak for."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Optional

from briefing.extract.diplomacy_clauses import (
    FIRST_WORD, PRONOUNS, REPORTING, ROLE_WORDS, WORD, ClauseReader, _is_role_gap, _state_in, _words)

SUBJECT_REACH = 10  # words before the clause's (or reported clause's) first actor, beyond which it is no subject
FIRST_WORD_AFTER_THE = re.compile(r"\s*(?:the\s+)?([\w'’-]+)")
LIST_LINK = re.compile(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?")
AND_LINK = re.compile(r"\s*,?\s*and\s+(?:the\s+)?")
ARTICLE_START = re.compile(r"^\s*(?:the|a|an)\b")
QUOTE_CLOSE = re.compile(r"[\"”]\s*,?\s*(?:%s)\s+" % REPORTING.pattern)
PLAIN_WORD = re.compile(r"(\w+)")
ENDS_WITH_BY = re.compile(r"\b(?:by|from|of)\s*$", re.I)
BY_FROM = re.compile(r"\b(?:by|from)\s+")
BODY_LEAD_WORDS = ROLE_WORDS | {"the"}  # a clause opening with one of these may name an earlier body again
NOT_BODY_KEYS = ("of", "the", "for", "and", "national", "state", "top", "senior")


@lru_cache(maxsize=4096)
def _body_keys(name: str) -> tuple[str, ...]:
    """The title words of a body's name it can later be named by ("ministry", "defence"), in order."""
    return tuple(w.replace("defense", "defence") for w in _words(name) if w in ROLE_WORDS and w not in NOT_BODY_KEYS)


@lru_cache(maxsize=4096)
def _lookup_keys(text: str) -> tuple[str, ...]:
    """The words of `text` as `Resolver.bodies` keys them."""
    return tuple(w.replace("defense", "defence") for w in _words(text))


class Agent(NamedTuple):
    """Who acts: the specific person or body, and the state or organisation it speaks for."""

    # A named tuple (not a frozen dataclass): made tens of times per article, and as cheap to make as a tuple.

    name: str
    entity: str
    kind: str

    @property
    def label(self) -> str:
        """Move label: "Liz Truss (United Kingdom)", "Iraqi Foreign Ministry (Iraq)" or just "India"."""
        return self.name if self.name == self.entity else f"{self.name} ({self.entity})"


# diplomacy_groups needs Agent (above); bound here, its functions are looked up when first called.
import briefing.extract.diplomacy_groups as groups  # noqa: E402


class Resolver(ClauseReader):
    """Per-article who-said/who-did logic over the actor mentions, with a little memory for pronouns."""

    def __init__(self, text: str, mentions, sentences=None):
        super().__init__(text, mentions, sentences)
        self.affiliation: dict[str, str] = {}
        self.bodies: dict[str, Agent] = {}
        self.last_adjacent = None
        self._last_adjacent_agent: Optional[Agent] = None  # the agent `adjacent_subject` gave for `last_adjacent`
        for m in self.every:
            if m.kind == "person" and m.name not in self.affiliation:
                aff = getattr(m, "affiliation", "") or self._person_affiliation(m)
                if aff:
                    self.affiliation[m.name] = aff
        self._initial_affiliation = dict(self.affiliation)
        self._clause_subjects: dict[tuple[int, int], object] = {}

    def fork(self) -> "Resolver":
        """A resolver over the same article in the state a new one starts in (nothing remembered yet)."""
        twin = object.__new__(Resolver)
        twin.__dict__.update(self.__dict__)  # a shallow copy: the per-article caches are shared
        twin.affiliation, twin.bodies, twin.last_adjacent = dict(self._initial_affiliation), {}, None
        return twin

    def is_fresh(self) -> bool:
        """True while earlier calls taught the resolver nothing (officials' states, named bodies) a fork lacks."""
        return not self.bodies and self.affiliation == self._initial_affiliation

    def recall(self, memory: tuple[dict, dict]) -> None:
        """Take over a `memory` (copied): answers from then on are those of the resolver it was taken from."""
        self.affiliation, self.bodies = dict(memory[0]), dict(memory[1])

    def agent(self, m) -> Agent:
        """The Agent behind a mention: persons get their state, state bodies their full phrase."""
        kind = m.kind
        if kind == "person":
            ent = getattr(m, "affiliation", "") or self.affiliation.get(m.name) or self._person_affiliation(m)
            if ent:
                self.affiliation[m.name] = ent
            return Agent(m.name, ent or m.name, "person")
        if kind == "organization":
            affiliation = getattr(m, "affiliation", "")
            if affiliation and affiliation != m.name:
                return self._remember(Agent(m.name, affiliation, "body"))
            if not m.surface.isupper():
                state = _state_in(m.surface)
                if not state:
                    body = self.body_word(m.surface)
                    state = body.entity if body else None
                if state and state != m.name:
                    return self._remember(Agent(m.surface, state, "body"))
        elif kind != "state":
            return Agent(m.name, m.name, kind)
        # A state or organisation: the official or the body named right after it acts.
        follows = self._named_after.get(m.end)
        if follows is None:
            follows = self._named_after[m.end] = self._what_follows(m.end)
        how, what = follows
        if how == "person":
            return self.agent(what)
        if how == "body":
            return self._remember(Agent(self.text[m.start:what], m.name, "body"))
        return Agent(m.name, m.name, kind)

    def _remember(self, agent: Agent) -> Agent:
        for key in _body_keys(agent.name):
            self.bodies[key] = agent
        return agent

    def body_word(self, text: str) -> Optional[Agent]:
        """An earlier state body named again without its state ("the ministry", "Ministry of Defense")."""
        if not self.bodies:
            return None
        for key in _lookup_keys(text):
            agent = self.bodies.get(key)
            if agent:
                return agent
        return None

    def pronoun(self, word: str, pos: int) -> Optional[Agent]:
        """Resolve a subject pronoun at `pos`: he/she → the last person named, it/they → the last body or state subject."""
        kind = PRONOUNS.get(word.lower())
        if kind not in ("person", "body"):
            return None
        key = (kind, pos)
        if key not in self._pronoun_mentions:
            self._pronoun_mentions[key] = self._pronoun_mention(kind, pos)
        m = self._pronoun_mentions[key]
        return self.agent(m) if m is not None else None

    def subject(self, sent, pos: int, *, verb: bool) -> Optional[Agent]:
        """The actor of a trigger at `pos`: a quote's speaker, the verb's subject or the clause's speaker."""
        if self.inside_quote(sent, pos):
            return self.quote_speaker(sent, pos)
        start, source = self.main_clause_start(sent.start, pos)
        if verb:
            near = self.adjacent_subject(start, pos)
            if near:
                return near
        first = self.clause_subject(start, pos)
        if first is not None:
            return self.agent(first)
        collective = self.collective(start, pos)
        if collective:
            return collective
        lead = FIRST_WORD_AFTER_THE.match(self.text, start, pos)
        if lead:
            word = lead.group(1)
            agent = self.pronoun(word, start) or (self.body_word(self.text[start:start + 40])
                                           if word.lower() in BODY_LEAD_WORDS else None)
            if agent:
                return agent
        return self.agent(source) if source else None

    def clause_subject(self, start: int, pos: int):
        """The clause's first actor not after a preposition, if it opens the clause (text alone: kept per span)."""
        key = (start, pos)
        if key in self._clause_subjects:
            return self._clause_subjects[key]
        # The place tag of the actor finder is not trusted here: a preposition before the mention decides.
        ms = self.subject_mentions(start, pos)
        first = None
        # A name deep in the clause after an unnamed subject ("West African leaders on Sunday gave the junta … one
        # week to reinstate President X") is an object, not the subject: subjects open their clause.
        if ms:
            said = [r.end() for r in REPORTING.finditer(self.text, start, ms[0].start)]
            if len(WORD.findall(self.text[max([start, *said]):ms[0].start])) <= SUBJECT_REACH:
                first = ms[0]
        self._clause_subjects[key] = first
        return first

    def subjects(self, sent, pos: int, no_group: bool = False) -> list[Agent]:
        """The subject of a verb at `pos`, with the actors coordinated with it ("Egypt, Qatar and the UN were …").

        `no_group`: the caller just found `group_agents` empty for this clause (asked again, it stays empty)."""
        self.last_adjacent = None
        start, _ = self.main_clause_start(sent.start, pos)
        if not no_group:
            group = self.group_agents(start, pos)
            if group:
                return group
        agent = self.subject(sent, pos, verb=True)
        if agent is None:
            return []
        # `last_adjacent` is set only on the way to the answer just returned: its agent was made right before.
        chain = [self.last_adjacent] if self.last_adjacent and self._last_adjacent_agent == agent else []
        while chain:
            prev = self.every_in(start, chain[0].start)
            # "Egypt, Qatar and the UN": the link next to the subject must be "and".
            link = LIST_LINK if len(chain) > 1 else AND_LINK
            if not prev or not link.fullmatch(self.text[prev[-1].end:chain[0].start]):
                break
            chain.insert(0, prev[-1])
        return [self.agent(x) for x in chain] if len(chain) > 1 else [agent]

    def collective(self, start: int, pos: int) -> Optional[Agent]:
        """"The (regional) bloc" opening a clause: the last organisation named before it."""
        return groups.collective(self, start, pos)

    def pair_subject(self, start: int, pos: int) -> list[Agent]:
        """"The two ministers" / "both sides" right before the verb: the article's two states."""
        return groups.pair_subject(self, start, pos)

    def group_agents(self, start: int, pos: int, tail: bool = True) -> list[Agent]:
        """Officials named by whom they belong to: "Defence chiefs from X", "officers from the two sides"."""
        return groups.group_agents(self, start, pos, tail)

    def clause_head(self, start: int, end: int) -> Optional[Agent]:
        """The subject opening a clause at `start`: a pronoun or a mention after at most a few title words."""
        word = FIRST_WORD.match(self.text[start:end])
        if word and word.group(1).lower() in PRONOUNS:
            return self.pronoun(word.group(1), start)
        follow = self.every_in(start, end)
        if follow and follow[0].start - start <= 50 and _is_role_gap(ARTICLE_START.sub("", self.text[start:follow[0].start])):
            return self.agent(follow[0])
        return self.body_word(self.text[start:start + 40])

    def adjacent_subject(self, start: int, pos: int) -> Optional[Agent]:
        """The mention right before a verb, separated only by auxiliaries, titles, time words or an appositive."""
        key = (start, pos)
        found = self._adjacent.get(key)
        if found is None:
            found = self._adjacent[key] = self._adjacent_choice(start, pos)
        how, what = found
        if how == "mention":
            self.last_adjacent = what
            self._last_adjacent_agent = agent = self.agent(what)
            return agent
        if how == "antecedent":
            return self.agent(what)
        if how == "pronoun":
            return self.pronoun(what, pos)
        return None

    def quote_speaker(self, sent, pos: int) -> Optional[Agent]:
        """Who is quoted at `pos`: "…," said X / X said: "…" / the sentence's subject."""
        rest = self.text[pos:sent.end]
        close = QUOTE_CLOSE.search(rest)
        if close:
            agent = self._inverted(pos + close.end(), sent.end)
            if agent:
                return agent
            word = PLAIN_WORD.match(rest[close.end():])
            if word and self.pronoun(word.group(1), pos):
                return self.pronoun(word.group(1), pos)
        opening = max(self.text.rfind('"', sent.start, pos), self.text.rfind("“", sent.start, pos))
        if opening <= sent.start:
            return self.pronoun("he", sent.start)
        # A quote inside a reported clause ('X would "impose …"'): the clause subject acts.
        inner = self.adjacent_subject(sent.start, opening)
        if inner:
            return inner
        said = list(REPORTING.finditer(self.text, sent.start, opening))
        return self.subject(sent, said[-1].start() if said else opening, verb=True)

    def _inverted(self, pos: int, limit: int) -> Optional[Agent]:
        """The speaker right after a reporting verb ("…, said NATO chief Jens Stoltenberg")."""
        after = self.every_in(pos, limit)
        if after and after[0].start - pos < 40 and _is_role_gap(self.text[pos:after[0].start]):
            return self.agent(after[0])
        return None

    def speaker(self, sent, pos: int) -> Optional[Agent]:
        """Whose words carry a stance cue at `pos`: the quoted or reporting speaker, else the subject."""
        if self.inside_quote(sent, pos):
            return self.quote_speaker(sent, pos)
        start, _ = self.main_clause_start(sent.start, pos)
        for r in REPORTING.finditer(self.text, start, sent.end):
            agent = self._inverted(r.end(), sent.end) if r.start() < pos else None
            if not agent and self.every_in(start, r.start()):
                agent = self.subject(sent, r.start(), verb=True)
            if agent:
                return agent
        return self.subject(sent, pos, verb=False)

    def by_agents(self, m: re.Match, sent, chain: bool = True) -> list[Agent]:
        """Agents of a nominal trigger: after "by"/"from"/"of" ("condemnation … by the EU"), else right before it."""
        if ENDS_WITH_BY.search(m.group(0)):
            return self.after(m.end(), sent.end, chain)
        by = BY_FROM.search(self.text[m.end():min(sent.end, m.end() + 80)])
        if by:
            return self.after(m.end() + by.end(), sent.end, chain)
        ms = self.every_in(sent.start, m.start())
        if ms and m.start() - ms[-1].end <= 3:
            return [self.agent(ms[-1])]
        return []

    def after(self, end: int, limit: int, chain: bool = True) -> list[Agent]:
        """Mentions right after `end` ("… by the EU, France and Germany"), following a coordination."""
        out, pos = [], end
        for m in self.every_in(end, limit):
            gap = self.text[pos:m.start]
            if out and not LIST_LINK.fullmatch(gap):
                break
            if not out and len(gap) > 45:
                break
            out.append(self.agent(m))
            pos = m.end
            if not chain:
                break
        return out

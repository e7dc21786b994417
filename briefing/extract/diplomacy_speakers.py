"""Who acts or speaks in a sentence: subjects, quoted speakers, pronouns, officials and the state they speak for."""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from copy import copy
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from briefing.extract.text import split_sentences

DATA = Path(__file__).resolve().parents[1] / "data"
ACTING_KINDS = {"state", "organization", "armed_group", "person"}
WORD = re.compile(r"[\w'’-]+")


def load_data(name: str) -> dict:
    """A documented JSON lexicon from briefing/data."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


ROLES = load_data("diplomacy_roles.json")
ROLE_WORDS = set(ROLES["role_words"])
GAP_WORDS = set(ROLES["gap_words"])
LEAD_WORDS = set(ROLES["lead_words"])
SUBJECT_GAP_WORDS = GAP_WORDS | (ROLE_WORDS - {"and", "of", "for"})  # what may stand between a subject and its verb
REPORTING = re.compile(r"\b(?:%s)\b" % "|".join(ROLES["reporting_verbs"]))
PRONOUNS = ROLES["pronouns"]
SUBJECT_REACH = 10  # words before the clause's (or reported clause's) first actor, beyond which it is no subject
TITLE_END = {"minister", "secretary-general", "secretary", "president", "spokesman", "spokeswoman", "spokesperson",
             "chief", "ambassador", "envoy", "head", "commander", "chairman", "chair", "leader", "premier",
             "chancellor", "counterpart", "coordinator", "representative"}
LOCATIVE = re.compile(r"\b(?:%s)\s+(?:the\s+)?$" % "|".join(ROLES["locative_preps"]), re.I)
PREPOSITION = re.compile(r"\b(?:in|at|within|of|with|from|to|for|by|on|into|near|across|throughout|against|under|over|"
                         r"inside|towards?|between|among)\s+(?:(?:the|a|an|its|their|his|her)\s+)?$", re.I)
CLAUSE_BREAK = re.compile(r",\s*(?:and|but|while|whereas|although|as)\b|;|\bwhile\b|\bbut\b")
DATELINE = re.compile(r"\s*[A-Z][\w.'’-]*(?:(?:,?\s|/)[A-Z][\w.'’-]*){0,4}(?:\s*\([A-Z][\w ]*\))?"
                      r"(?:,? [A-Z][a-z]{2} \d{1,2})?\s*(?:—|–|--|:|-)\s+")
WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d+(?:st|nd|rd|th)?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                     r"Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")

# Compiled once (the re module's own cache is a lookup per call).
POSSESSIVE_START = re.compile(r"^['’]s\b")
GAP_PUNCTUATION = re.compile(r"[,.;:()\"“”]")
CAPITALISED_LEAD = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}$")
BODY_WORD = re.compile(r"(?:['’]s)?\s+([\w-]+)(['’]s)?")
TRAILING_COMMA = re.compile(r",\s*$")
APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?([^,.;]{2,70})[,.]")
SHOUTED = re.compile(r"\b[A-Z]{3,}\b|\(")
FIRST_WORD = re.compile(r"\s*([\w'’-]+)")
FIRST_WORD_AFTER_THE = re.compile(r"\s*(?:the\s+)?([\w'’-]+)")
LIST_LINK = re.compile(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?")
AND_LINK = re.compile(r"\s*,?\s*and\s+(?:the\s+)?")
ARTICLE_START = re.compile(r"^\s*(?:the|a|an)\b")
RELATIVE_TAIL = re.compile(r",\s*(?:which|who)\s+(?:[\w'’-]+\s+){0,3}$")
QUOTE_MARK = re.compile(r"[\"“”]")
PARTICIPLE = re.compile(r"\w+ing\b")
APPOSITIVE_INSIDE = re.compile(r",[^,]{0,60},")
QUOTE_CLOSE = re.compile(r"[\"”]\s*,?\s*(?:%s)\s+" % REPORTING.pattern)
PLAIN_WORD = re.compile(r"(\w+)")
ENDS_WITH_BY = re.compile(r"\b(?:by|from|of)\s*$", re.I)
BY_FROM = re.compile(r"\b(?:by|from)\s+")


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


@lru_cache(maxsize=4096)
def _is_role_gap(text: str) -> bool:
    """True when `text` holds only title words ("'s Prime Minister", " Secretary of State ")."""
    text = POSSESSIVE_START.sub("", text.strip())
    if GAP_PUNCTUATION.search(text):
        return False
    return all(w.lower() in ROLE_WORDS or w[:1].isupper() for w in WORD.findall(text))


def _title_as_body(text: str, m):
    """A title misread as a name ("[United] Nations Secretary-General") becomes the body it belongs to."""
    if m.kind != "person":
        return m
    words = _words(m.name)
    if not words or words[-1] not in ROLE_WORDS:
        return m
    lead = CAPITALISED_LEAD.search(text[max(0, m.start - 40):m.start])
    start = m.start - len(lead.group(0)) if lead else m.start
    body = _state_in(text[start:m.end])
    if not body:
        return m
    return replace(m, start=start, surface=text[start:m.end], name=body, kind="organization", affiliation="")


class Resolver:
    """Per-article who-said/who-did logic over the actor mentions, with a little memory for pronouns."""

    def __init__(self, text: str, mentions, sentences=None):
        self.text = text
        self.sentences = sentences if sentences is not None else split_sentences(text)
        self.every = sorted((_title_as_body(text, m) for m in mentions if m.kind in ACTING_KINDS),
                            key=lambda m: (m.start, m.end))
        self.mentions = [m for m in self.every if getattr(m, "actor_like", True)]
        self._mention_starts = [m.start for m in self.mentions]
        self._every_starts = [m.start for m in self.every]
        self.affiliation: dict[str, str] = {}
        self.bodies: dict[str, Agent] = {}
        self.last_adjacent = None
        self._affiliations_named: dict[tuple, Optional[str]] = {}
        for m in self.every:
            if m.kind == "person" and m.name not in self.affiliation:
                aff = getattr(m, "affiliation", "") or self._person_affiliation(m)
                if aff:
                    self.affiliation[m.name] = aff
        self._initial_affiliation = dict(self.affiliation)
        # Answers that depend on the text alone, kept per article and shared by every fork.
        self._after_preposition: dict[int, bool] = {}
        self._clause_starts: dict[tuple[int, int], tuple[int, Optional[object]]] = {}
        self._adjacent: dict[tuple[int, int], tuple[str, object]] = {}
        self._pronoun_mentions: dict[tuple[str, int], object] = {}
        self._named_after: dict[int, tuple[str, object]] = {}
        self._body_starts: dict[int, int] = {}

    def fork(self) -> "Resolver":
        """A resolver over the same article in the state a new one starts in (nothing remembered yet)."""
        twin = copy(self)
        twin.affiliation, twin.bodies, twin.last_adjacent = dict(self._initial_affiliation), {}, None
        return twin

    def is_fresh(self) -> bool:
        """True while earlier calls taught the resolver nothing (officials' states, named bodies) a fork lacks."""
        return not self.bodies and self.affiliation == self._initial_affiliation

    def recall(self, memory: tuple[dict, dict]) -> None:
        """Take over a `memory` (copied): answers from then on are those of the resolver it was taken from."""
        self.affiliation, self.bodies = dict(memory[0]), dict(memory[1])

    def after_preposition(self, m) -> bool:
        """True when a preposition stands right before the mention: a place or an object, not a subject."""
        found = self._after_preposition.get(m.start)
        if found is None:
            found = self._after_preposition[m.start] = bool(PREPOSITION.search(self.text[max(0, m.start - 20):m.start]))
        return found

    def every_in(self, start: int, end: int) -> list:
        """All mentions inside [start, end), also those tagged as places."""
        i = bisect_left(self._every_starts, start)
        return [m for m in self.every[i:bisect_left(self._every_starts, end, lo=i)] if m.end <= end]

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
        if m.kind in ("state", "organization"):
            if m.end not in self._named_after:
                self._named_after[m.end] = self._what_follows(m.end)
            how, what = self._named_after[m.end]
            if how == "person":
                return self.agent(what)
            if how == "body":
                return self._remember(Agent(self.text[m.start:what], m.name, "body"))
        return Agent(m.name, m.name, m.kind)

    def _what_follows(self, end: int) -> tuple[str, object]:
        """After a state or organisation: ("person", the official its title names), ("body", end of the body
        named after it) or ("", None)."""
        person = [p for p in self.every_in(end, end + 46) if p.kind == "person"]
        if person and _is_role_gap(self.text[end:person[0].start]):
            return "person", person[0]
        phrase_end = self._body_tail(end)
        return ("body", phrase_end) if phrase_end else ("", None)

    def _body_tail(self, end: int) -> Optional[int]:
        """End of a body named after a state ("'s Defence Ministry", " foreign ministers"), unless a person follows."""
        pos, last = end, None
        for i, w in enumerate(BODY_WORD.finditer(self.text[end:end + 60])):
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
        if any(p.kind == "person" and p.start - pos <= 2 for p in self.every_in(pos, pos + 40)):
            return None
        return last

    def _remember(self, agent: Agent) -> Agent:
        for w in _words(agent.name):
            if w in ROLE_WORDS and w not in ("of", "the", "for", "and", "national", "state", "top", "senior"):
                self.bodies[w.replace("defense", "defence")] = agent
        return agent

    def _person_affiliation(self, m) -> Optional[str]:
        """The state or organisation a person's title or appositive names (text alone: kept per mention)."""
        key = (m.start, m.end, m.name)
        if key not in self._affiliations_named:
            self._affiliations_named[key] = self._affiliation_named(m)
        return self._affiliations_named[key]

    def _affiliation_named(self, m) -> Optional[str]:
        # The last state or organisation (in mention order) ending before the person; mentions starting
        # after the person end after it too.
        before = None
        for i in range(bisect_right(self._mention_starts, m.start) - 1, -1, -1):
            p = self.mentions[i]
            if p.end <= m.start and p.kind in ("state", "organization"):
                before = p
                break
        if before and m.start - before.end <= 45:
            gap = self.text[before.end:m.start]
            if _is_role_gap(gap):
                return before.name
            # "the UN Secretary-General, Antonio Guterres": a comma only after a title.
            plain = TRAILING_COMMA.sub("", gap)
            title = _words(before.surface + plain)[-1:]
            if plain != gap and _is_role_gap(plain) and title and title[0] in TITLE_END:
                return before.name
        appos = APPOSITIVE.match(self.text[m.end:m.end + 80])
        if appos:
            for p in self.every_in(m.end + appos.start(1), m.end + appos.end(1)):
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
        if kind not in ("person", "body"):
            return None
        key = (kind, pos)
        if key not in self._pronoun_mentions:
            self._pronoun_mentions[key] = self._pronoun_mention(kind, pos)
        m = self._pronoun_mentions[key]
        return self.agent(m) if m is not None else None

    def _pronoun_mention(self, kind: str, pos: int):
        """The mention a person or body pronoun at `pos` stands for, or None."""
        if kind == "person":
            people = [m for m in self.every_in(0, pos) if m.kind == "person"]
            return people[-1] if people else None
        here = max((i for i, s in enumerate(self.sentences) if s.start <= pos), default=-1)
        # The subject of the current sentence before `pos`, then of earlier sentences.
        for i in range(here, max(-1, here - 4), -1):
            sent = self.sentences[i]
            start, _ = self.main_clause_start(sent.start, min(pos, sent.end))
            # Only the clause's subject (its first actor) can be "it"; a person there means look further back.
            first = [m for m in self.every_in(start, min(pos, sent.end)) if not self.after_preposition(m)][:1]
            if first and first[0].kind != "person":
                return first[0]
        return None

    # ---- subjects

    def body_start(self, s_start: int) -> int:
        """Sentence start after a dateline ("KYIV, Ukraine (AP) — ", "United Nations : ")."""
        found = self._body_starts.get(s_start)
        if found is None:
            found = self._body_starts[s_start] = self._body_start(s_start)
        return found

    def _body_start(self, s_start: int) -> int:
        m = DATELINE.match(self.text, s_start)
        # Datelines open an article (or its first paragraphs) or shout: "KYIV, Ukraine (AP) —".
        if m and (s_start <= self.sentences[min(1, len(self.sentences) - 1)].start
                  or SHOUTED.search(m.group(0))):
            return m.end()
        return s_start

    def leading_end(self, s_start: int, s_end: int) -> int:
        """End (the comma) of a leading phrase ("After a call with X," "Speaking to Y,"), or -1."""
        start = self.body_start(s_start)
        lead = FIRST_WORD.match(self.text[start:s_end])
        comma = self.text.find(",", start, s_end)
        if lead and lead.group(1).lower() in LEAD_WORDS and comma > 0:
            return comma
        return -1

    def main_clause_start(self, s_start: int, pos: int) -> tuple[int, Optional[object]]:
        """Where the main clause begins (after "According to X," or a leading phrase) and the cited source."""
        found = self._clause_starts.get((s_start, pos))
        if found is None:
            found = self._clause_starts[(s_start, pos)] = self._main_clause_start(s_start, pos)
        return found

    def _main_clause_start(self, s_start: int, pos: int) -> tuple[int, Optional[object]]:
        start = self.body_start(s_start)
        comma = self.leading_end(s_start, pos)
        if comma < 0:
            return start, None
        source = None
        if self.text[start:comma].strip().lower().startswith("according"):
            inside = self.every_in(start, comma)
            source = inside[0] if inside else None
        return comma + 1, source

    def subject(self, sent, pos: int, *, verb: bool) -> Optional[Agent]:
        """The actor of a trigger at `pos`: a quote's speaker, the verb's subject or the clause's speaker."""
        if self.inside_quote(sent, pos):
            return self.quote_speaker(sent, pos)
        start, source = self.main_clause_start(sent.start, pos)
        if verb:
            near = self.adjacent_subject(start, pos)
            if near:
                return near
        # The clause's first actor not after a preposition (the place tag of the actor finder is not trusted here).
        ms = [m for m in self.every_in(start, pos) if not self.after_preposition(m)]
        # A name deep in the clause after an unnamed subject ("West African leaders on Sunday gave the junta … one
        # week to reinstate President X") is an object, not the subject: subjects open their clause.
        if ms:
            said = [r.end() for r in REPORTING.finditer(self.text, start, ms[0].start)]
            if len(WORD.findall(self.text[max([start, *said]):ms[0].start])) <= SUBJECT_REACH:
                return self.agent(ms[0])
        collective = self.collective(start, pos)
        if collective:
            return collective
        lead = FIRST_WORD_AFTER_THE.match(self.text[start:pos])
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
        start, _ = self.main_clause_start(sent.start, pos)
        group = self.group_agents(start, pos)
        if group:
            return group
        agent = self.subject(sent, pos, verb=True)
        if agent is None:
            return []
        chain = [self.last_adjacent] if self.last_adjacent and self.agent(self.last_adjacent) == agent else []
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
        from briefing.extract.diplomacy_groups import collective
        return collective(self, start, pos)

    def pair_subject(self, start: int, pos: int) -> list[Agent]:
        """"The two ministers" / "both sides" right before the verb: the article's two states."""
        from briefing.extract.diplomacy_groups import pair_subject
        return pair_subject(self, start, pos)

    def group_agents(self, start: int, pos: int, tail: bool = True) -> list[Agent]:
        """Officials named by whom they belong to: "Defence chiefs from X", "officers from the two sides"."""
        from briefing.extract.diplomacy_groups import group_agents
        return group_agents(self, start, pos, tail)

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
        if key not in self._adjacent:
            self._adjacent[key] = self._adjacent_choice(start, pos)
        how, what = self._adjacent[key]
        if how == "mention":
            self.last_adjacent = what
            return self.agent(what)
        if how == "antecedent":
            return self.agent(what)
        if how == "pronoun":
            return self.pronoun(what, pos)
        return None

    def _adjacent_choice(self, start: int, pos: int) -> tuple[str, object]:
        """How `adjacent_subject` finds its agent: ("mention" | "antecedent", mention), ("pronoun", word) or ("", None)."""
        every = self.every_in(start, pos)
        # "… a Danish contingent, which is itself pulling out": the relative clause's antecedent acts.
        rel = RELATIVE_TAIL.search(self.text[start:pos])
        if rel and every:
            head = [m for m in every if m.end <= start + rel.start()]
            if head and _is_only(self.text[head[-1].end:start + rel.start()], ROLE_WORDS):
                return "antecedent", head[-1]
        # Mentions after a preposition are places or objects, not subjects.
        ms = [m for m in every if not self.after_preposition(m)]
        gap_text = self.text[ms[-1].end:pos] if ms else self.text[start:pos]
        if QUOTE_MARK.search(gap_text):
            return "", None
        # "…, warning that": a participle after a comma belongs to the main clause's subject.
        if ms and "," in gap_text and PARTICIPLE.match(self.text[pos:pos + 20]):
            return "", None
        # "…, the prime minister, urged": drop appositives before testing the gap.
        words = [w for w in WORD.findall(APPOSITIVE_INSIDE.sub(" ", gap_text)) if not w.startswith(("'", "’"))]
        if ms and _is_only(" ".join(words), SUBJECT_GAP_WORDS):
            return "mention", ms[-1]
        if words and PRONOUNS.get(words[0].lower()) in ("person", "body") and _is_only(" ".join(words[1:]), GAP_WORDS):
            return "pronoun", words[0]
        return "", None

    def inside_quote(self, sent, pos: int) -> bool:
        before = self.text[sent.start:pos]
        straight = before.count('"') % 2 == 1
        curly = before.count("“") > before.count("”")
        return straight or curly

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

"""The situation model: typed, documented records every stage exchanges (schema_version 1)."""
from __future__ import annotations

from datetime import date as Date
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

ActorKind = Literal["state", "armed_group", "organization", "person", "media", "other"]
Outcome = Literal["killed", "injured", "missing", "captured"]
Stance = Literal["condemn", "concern", "call_for_restraint", "mediate", "support", "other"]
DatePrecision = Literal["day", "month", "year", "approximate", "unknown"]


class Record(BaseModel):
    """Base of every model record: unknown fields are rejected, so typos in JSON fail loudly."""

    model_config = ConfigDict(extra="forbid")


class Citation(Record):
    """Where a statement comes from: an exact span of one source's cleaned text."""

    source: str = Field(description="Id of the cited source (`S1`…); during extraction, the article key.")
    quote: str = Field(description="The cited words, exactly `text[start:end]` of the source's cleaned text.")
    start: int = Field(ge=0, description="Character offset where the quote starts in the cleaned text.")
    end: int = Field(ge=0, description="Character offset just after the quote ends in the cleaned text.")


class Article(Record):
    """One ingested article: metadata plus the cleaned body every citation points into."""

    key: str = Field(description="Stable content-derived key, unique per distinct article.")
    stem: str = Field(description="Input file name without extension (or a record id for JSON/feeds).")
    title: str = Field("", description="Headline, empty when unknown.")
    outlet: str = Field("", description="Publishing outlet or site name, empty when unknown.")
    url: str = Field("", description="Address of the original page, empty when unknown.")
    published: Optional[Date] = Field(None, description="Publication date, null when unknown.")
    author: str = Field("", description="Byline, empty when unknown.")
    text: str = Field(description="Cleaned body: boilerplate dropped, whitespace normalised.")
    origins: list[str] = Field(default_factory=list, description="Every input (path or path#record) this article came from; more than one for syndicated copies.")


class Source(Record):
    """A cited article as listed at the end of a briefing."""

    id: str = Field(description="Short id used by citations: `S1`, `S2`, … in source order.")
    stem: str = Field(description="Input file name without extension.")
    title: str = Field("", description="Headline.")
    outlet: str = Field("", description="Publishing outlet.")
    url: str = Field("", description="Link to the original.")
    published: Optional[Date] = Field(None, description="Publication date (YYYY-MM-DD) or null.")
    origins: list[str] = Field(default_factory=list, description="Inputs this source was read from (several for syndicated copies).")


class Cited(Record):
    """Base for every finding: it carries the citations that support it."""

    citations: list[Citation] = Field(default_factory=list, description="Evidence; every quote is an exact span of its source.")

    @property
    def corroboration(self) -> int:
        """How many independent sources back this item."""
        return len({c.source for c in self.citations})


class KeyPoint(Cited):
    """One of the 3–5 sentences that sum the situation up."""

    text: str = Field(description="The point, in the briefing's words or a source sentence.")


class ChronologyEntry(Cited):
    """A dated happening."""

    date: Optional[Date] = Field(None, description="Resolved date (YYYY-MM-DD) or null when it cannot be worked out.")
    date_precision: DatePrecision = Field("day", description="How exact `date` is: day, month, year, approximate or unknown.")
    date_text: str = Field("", description="The date phrase as written (\"on Tuesday\", \"two days after …\").")
    text: str = Field(description="What happened.")


class Actor(Cited):
    """A state, armed group, organisation, person or outlet taking part in or reporting the situation."""

    name: str = Field(description="Canonical name.")
    kind: ActorKind = Field(description="state, armed_group, organization, person, media or other.")
    aliases: list[str] = Field(default_factory=list, description="Other spellings and metonyms found in the texts.")
    role: str = Field("", description="The actor's part in the situation, from the texts.")
    affiliation: str = Field("", description="State or body an official or unit belongs to, when stated.")
    mentions: int = Field(0, description="How many times the actor is mentioned across sources.")


class Casualty(Cited):
    """One reported figure of people killed, injured, missing or captured."""

    count: Optional[int] = Field(None, description="The figure (lower bound for \"at least N\"); 0 for an explicit \"no casualties\"; null when no number is given.")
    count_max: Optional[int] = Field(None, description="Upper bound for ranges (\"20 to 30\") and \"up to N\".")
    qualifier: str = Field("", description="Hedge as written: at least, more than, up to, about, dozens …")
    outcome: Outcome = Field(description="killed, injured, missing or captured.")
    victims: str = Field("", description="Who the victims were (\"soldiers\", \"three women and four children\").")
    location: str = Field("", description="Where, when stated.")
    reported_by: str = Field("", description="Who the figure is attributed to; the outlet when unattributed.")
    date: Optional[Date] = Field(None, description="Date of the incident or report, when known.")
    figure: str = Field("", description="The figure's wording in the text (\"at least nine\").")
    parts: list[int] = Field(default_factory=list, description="Breakdown that adds up to `count` (\"three women and four children\" → [3, 4]).")
    supersedes: Optional[int] = Field(None, description="Earlier figure this one replaces in a rising toll (\"rose to nine, up from seven\").")


class DiplomaticMove(Cited):
    """A step between governments: envoys recalled or summoned, talks, warnings, sanctions …"""

    actor: str = Field(description="Who acts.")
    action: str = Field(description="Normalised action label (\"recalled ambassador\", \"summoned envoy\", \"sanctions\" …).")
    target: str = Field("", description="Towards whom, when stated.")
    date: Optional[Date] = Field(None, description="When, or null.")
    text: str = Field("", description="The sentence that reports it.")


class InternationalReaction(Cited):
    """A third party's response, coded by stance."""

    actor: str = Field(description="The reacting state, organisation or person (not a party to the conflict).")
    stance: Stance = Field(description="condemn, concern, call_for_restraint, mediate, support or other.")
    text: str = Field("", description="The sentence that reports it.")


class Claim(Cited):
    """One side of a disagreement: a value and the sources that give it."""

    value: str = Field(description="The value as reported (\"at least 80 killed\").")
    count: Optional[int] = Field(None, description="The number in the value, when there is one.")
    reported_by: str = Field("", description="Who the claim is attributed to.")


class Discrepancy(Record):
    """Where sources (or one source over time) disagree; values side by side, never averaged."""

    about: str = Field(description="What the disagreement is about (\"people killed in …\").")
    kind: Literal["conflict", "change"] = Field("conflict", description="conflict: sources give different values at once; change: a figure revised over time (a rising toll), claims in time order.")
    claims: list[Claim] = Field(default_factory=list, description="Each distinct value with its sources.")


class Skipped(Record):
    """An input that could not be used, and why."""

    input: str = Field(description="The path (or path#record) that was skipped.")
    reason: str = Field(description="One-line reason.")


class ArticleFindings(Record):
    """Everything extracted from one article; citations use the article key as `source`."""

    article: Article = Field(description="The article the findings come from.")
    actors: list[Actor] = Field(default_factory=list, description="Actors mentioned.")
    chronology: list[ChronologyEntry] = Field(default_factory=list, description="Dated events.")
    casualties: list[Casualty] = Field(default_factory=list, description="Reported figures.")
    diplomatic_moves: list[DiplomaticMove] = Field(default_factory=list, description="Diplomatic steps.")
    international_reactions: list[InternationalReaction] = Field(default_factory=list, description="Third-party reactions.")
    side_evidence: dict[str, list[int]] = Field(default_factory=dict, description="Per canonical actor name: [attack evidence as agent, attack evidence as target] in this article; the merge sums these to find the sides of the conflict.")


class SituationModel(Record):
    """One situation across all sources: the JSON contract every renderer reads."""

    schema_version: int = Field(SCHEMA_VERSION, description="Version of this contract.")
    title: str = Field(description="Briefing title.")
    generated_at: str = Field(description="When the model was built (ISO 8601, UTC).")
    period_start: Optional[Date] = Field(None, description="Earliest event date.")
    period_end: Optional[Date] = Field(None, description="Latest event date.")
    sources: list[Source] = Field(default_factory=list, description="Cited articles, `S1`… in order.")
    key_points: list[KeyPoint] = Field(default_factory=list, description="3–5 cited points that sum the situation up.")
    chronology: list[ChronologyEntry] = Field(default_factory=list, description="Events ordered by date.")
    actors: list[Actor] = Field(default_factory=list, description="One entry per entity, aliases merged.")
    casualties: list[Casualty] = Field(default_factory=list, description="Reported figures, one per distinct figure.")
    diplomatic_moves: list[DiplomaticMove] = Field(default_factory=list, description="Diplomatic steps.")
    international_reactions: list[InternationalReaction] = Field(default_factory=list, description="Third-party reactions.")
    discrepancies: list[Discrepancy] = Field(default_factory=list, description="Conflicting figures side by side.")
    skipped: list[Skipped] = Field(default_factory=list, description="Inputs that were not used, with reasons.")

    def to_json_bytes(self) -> bytes:
        """The model as the JSON file holds it: indented UTF-8 ending in a newline (no intermediate str copy)."""
        return self.__pydantic_serializer__.to_json(self, indent=1) + b"\n"

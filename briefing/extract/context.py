"""What every extractor gets for one article: its text split into sentences, actor and date mentions."""
from __future__ import annotations

from dataclasses import dataclass, field

from briefing.extract.actors import Mention
from briefing.extract.dates import DateMention
from briefing.extract.text import Sentence
from briefing.model import Article


@dataclass
class ArticleContext:
    """An article with the mentions found in it, shared by the per-facet extractors."""

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Actor mentions inside [start, end)."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        """Date mentions inside [start, end)."""
        return [d for d in self.dates if d.start >= start and d.end <= end]

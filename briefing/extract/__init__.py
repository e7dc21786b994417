"""Extract: per-article findings, each with its exact evidence span. A pure function of the article."""
from __future__ import annotations

from briefing.extract.actors import extract_actors, find_actor_mentions
from briefing.extract.casualties import extract_casualties
from briefing.extract.context import ArticleContext
from briefing.extract.dates import find_dates
from briefing.extract.diplomacy import extract_moves, extract_reactions, side_evidence
from briefing.extract.events import extract_events
from briefing.extract.text import split_sentences
from briefing.model import Article, ArticleFindings


def extract_article(article: Article) -> ArticleFindings:
    """Find actors, dated events, casualties, diplomatic moves and reactions in one article."""
    ctx = ArticleContext(article=article, sentences=split_sentences(article.text))
    # Mentions first: every facet below reads them.
    ctx.mentions = find_actor_mentions(article.text)
    ctx.dates = find_dates(article.text, article.published)
    return ArticleFindings(
        article=article,
        actors=extract_actors(ctx),
        chronology=extract_events(ctx),
        casualties=extract_casualties(ctx),
        diplomatic_moves=extract_moves(ctx),
        international_reactions=extract_reactions(ctx),
        side_evidence=side_evidence(ctx),
    )

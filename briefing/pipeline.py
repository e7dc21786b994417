"""The recipe: ingest → extract → merge, one commented line per step."""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from briefing.errors import InputError
from briefing.extract import extract_article
from briefing.ingest import load_articles
from briefing.merge import merge_findings
from briefing.model import ArticleFindings, SituationModel, Skipped


def analyze_inputs(inputs: Iterable[str], progress: Optional[Callable[[int, int], None]] = None
                   ) -> tuple[list[ArticleFindings], list[Skipped]]:
    """Ingest inputs and extract findings per article (the shardable half of the pipeline)."""
    # Read and clean every article; broken inputs are reported, not fatal.
    articles, skipped = load_articles(list(inputs))
    if not articles:
        raise InputError(f"{', '.join(map(str, inputs)) or 'input'}: no readable articles"
                         + (f" ({len(skipped)} skipped)" if skipped else ""))
    # Extract findings article by article: a pure function of each article.
    findings = []
    for i, article in enumerate(articles, 1):
        findings.append(extract_article(article))
        if progress:
            progress(i, len(articles))
    return findings, skipped


def build_model(inputs: Iterable[str], title: Optional[str] = None,
                progress: Optional[Callable[[int, int], None]] = None) -> SituationModel:
    """Ingest, extract and merge inputs into one situation model."""
    inputs = list(inputs)
    # Per-article findings with exact evidence spans.
    findings, skipped = analyze_inputs(inputs, progress)
    # One model across sources: deduplicated, corroborated, conflicts side by side.
    return merge_findings(findings, title=title, skipped=skipped)

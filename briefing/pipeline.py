"""The recipe: ingest → extract → merge, one commented line per step."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional

from briefing.errors import InputError
from briefing.ingest import load_articles
from briefing.merge import merge_findings
from briefing.model import ArticleFindings, SituationModel, Skipped
from briefing.parallel import extract_all

Progress = Optional[Callable[[int, int], None]]


def analyze_inputs(inputs: Iterable[str], progress: Progress = None, jobs: int = 1
                   ) -> tuple[list[ArticleFindings], list[Skipped]]:
    """Ingest inputs and extract findings per article (the shardable half of the pipeline)."""
    inputs = list(inputs)
    # Read and clean every article; broken inputs are reported, not fatal.
    articles, skipped = load_articles(inputs)
    if not articles:
        raise InputError(f"{', '.join(map(str, inputs)) or 'input'}: no readable articles"
                         + (f" ({len(skipped)} skipped)" if skipped else ""))
    # Extract findings article by article (a pure function of each article), in `jobs` processes.
    return extract_all(articles, jobs=jobs, progress=progress), skipped


def build_model(inputs: Iterable[str], title: Optional[str] = None,
                progress: Progress = None, jobs: int = 1) -> SituationModel:
    """Ingest, extract and merge inputs into one situation model."""
    # Per-article findings with exact evidence spans.
    findings, skipped = analyze_inputs(inputs, progress, jobs=jobs)
    # One model across sources: deduplicated, corroborated, conflicts side by side.
    return merge_findings(findings, title=title, skipped=skipped)


def analyze_to_jsonl(inputs: Iterable[str], output: str | Path, progress: Progress = None,
                     jobs: int = 1) -> tuple[int, list[Skipped]]:
    """Analyze inputs and write their findings, one article per line; returns (articles, skipped)."""
    from briefing.findings_io import write_findings_jsonl

    findings, skipped = analyze_inputs(inputs, progress, jobs=jobs)
    write_findings_jsonl(output, findings, skipped)
    return len(findings), skipped


def merge_jsonl(paths: Iterable[str | Path], title: Optional[str] = None) -> SituationModel:
    """Build the model from findings files (shards); articles found in several shards count once."""
    from briefing.findings_io import load_findings

    paths = list(paths)
    # Read every shard in order; duplicate articles are united as ingest unites them.
    findings, skipped = load_findings(paths)
    if not findings:
        raise InputError(f"{', '.join(map(str, paths)) or 'input'}: no article findings")
    # Same merge as a single run, so sharding does not change the model.
    return merge_findings(findings, title=title, skipped=skipped)

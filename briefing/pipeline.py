"""The recipe: ingest → extract → merge, one commented line per step."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional

from briefing.errors import InputError
from briefing.merge import merge_findings
from briefing.model import Article, ArticleFindings, SituationModel, Skipped
from briefing.parallel import Workers, extract_stream, ingest_all, resolve_jobs, worker_pool

Progress = Optional[Callable[[int, int], None]]


def analyze_inputs(inputs: Iterable[str], progress: Progress = None, jobs: int = 1
                   ) -> tuple[list[ArticleFindings], list[Skipped]]:
    """Ingest inputs and extract findings per article (the shardable half of the pipeline)."""
    with worker_pool(resolve_jobs(jobs)) as workers:
        # Read and clean every article (in the workers); broken inputs are reported, not fatal.
        articles, skipped = ingest_inputs(inputs, workers)
        # Extract findings article by article (a pure function of each article), in `jobs` processes.
        return list(extract_stream(articles, workers, progress)), skipped


def ingest_inputs(inputs: Iterable[str], workers: Workers) -> tuple[list[Article], list[Skipped]]:
    """Articles and skipped inputs, or an input error when no article is readable."""
    inputs = list(inputs)
    articles, skipped = ingest_all(inputs, workers)
    if not articles:
        raise InputError(f"{', '.join(map(str, inputs)) or 'input'}: no readable articles"
                         + (f" ({len(skipped)} skipped)" if skipped else ""))
    return articles, skipped


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

    with worker_pool(resolve_jobs(jobs)) as workers:
        articles, skipped = ingest_inputs(inputs, workers)
        # Each line is written as its chunk arrives; the workers send the JSON text itself.
        lines = extract_stream(articles, workers, progress, as_json=True)
        write_findings_jsonl(output, lines, skipped)
    return len(articles), skipped


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

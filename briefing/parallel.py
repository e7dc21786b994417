"""Per-article extraction across worker processes, with results in input order."""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Callable, Optional, Sequence

from briefing.extract import extract_article
from briefing.model import Article, ArticleFindings

Progress = Optional[Callable[[int, int], None]]

# Below this many articles per worker, starting processes costs more than it saves.
MIN_ARTICLES_PER_JOB = 8
# Chunks small enough to balance load and report progress, big enough to amortise pickling.
MAX_CHUNK = 64


def resolve_jobs(jobs: int | None) -> int:
    """Number of worker processes for `--jobs`: 0 or None means one per CPU, at least 1."""
    if not jobs or jobs < 0:
        return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    return jobs


def chunk_size(n_articles: int, jobs: int) -> int:
    """Articles per task: about four tasks per worker, capped so progress stays live."""
    return max(1, min(MAX_CHUNK, -(-n_articles // (jobs * 4))))


def _extract_chunk(articles: list[Article]) -> list[ArticleFindings]:
    """Worker entry point: extract a chunk of articles in order."""
    return [extract_article(a) for a in articles]


def _mp_context():
    """Fork when it is safe (fast start, lexicons already loaded); otherwise the platform default."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def extract_all(articles: Sequence[Article], jobs: int = 1, progress: Progress = None) -> list[ArticleFindings]:
    """Extract findings for every article, in `jobs` processes; the result order is the input order."""
    total = len(articles)
    jobs = min(resolve_jobs(jobs), max(1, total // MIN_ARTICLES_PER_JOB))
    if jobs <= 1:
        findings = []
        for i, article in enumerate(articles, 1):
            findings.append(extract_article(article))
            if progress:
                progress(i, total)
        return findings
    size = chunk_size(total, jobs)
    chunks = [list(articles[i:i + size]) for i in range(0, total, size)]
    results: list[list[ArticleFindings] | None] = [None] * len(chunks)
    done = 0
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context()) as pool:
        pending = {pool.submit(_extract_chunk, chunk): i for i, chunk in enumerate(chunks)}
        try:
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = pending.pop(future)
                    results[index] = future.result()
                    done += len(chunks[index])
                    if progress:
                        progress(done, total)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return [f for chunk in results for f in chunk]

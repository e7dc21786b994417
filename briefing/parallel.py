"""Ingest and per-article extraction across worker processes, with results in input order.

With `jobs` > 1 one pool of workers (started once there is enough work) does both halves: they read and
clean the input files the parent lists, the parent unites duplicate articles (it needs them all), and
the workers extract the united articles. Findings travel back as UTF-8 JSON bytes, not as pickled pydantic objects;
for a JSON Lines file those bytes are written as each chunk arrives, never decoded.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Callable, Optional, Sequence, TypeVar

from briefing.extract import extract_article
from briefing.findings_io import findings_json
from briefing.ingest import parse_input, unite_and_sort
from briefing.ingest.dedupe import CopyFeatures, copy_features
from briefing.ingest.sources import FileToRead, RawInput, iter_inputs
from briefing.model import Article, ArticleFindings, Skipped

Progress = Optional[Callable[[int, int], None]]
Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many articles per worker, starting processes costs more than it saves.
MIN_ARTICLES_PER_JOB = 8
# Chunks small enough to balance load and report progress, big enough to amortise pickling.
MAX_CHUNK = 32
# Input files per reading task.
FILES_PER_CHUNK = 32


def resolve_jobs(jobs: int | None) -> int:
    """Number of worker processes for `--jobs`: 0 or None means one per CPU, at least 1."""
    if not jobs or jobs < 0:
        return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    return jobs


def guided_chunks(items: Sequence[Item], jobs: int) -> Iterator[list[Item]]:
    """Consecutive slices of `items` for `jobs` workers: each about a quarter of a worker's share of what is left,
    capped so progress stays live; they shrink towards the end, so the workers finish at about the same time."""
    start = 0
    while start < len(items):
        size = max(1, min(MAX_CHUNK, -(-(len(items) - start) // (jobs * 4))))
        yield list(items[start:start + size])
        start += size


def _extract_chunk_json(articles: list[Article]) -> list[bytes]:
    """Worker entry point: extract a chunk of articles, each as its JSON Lines bytes."""
    lines = [findings_json(extract_article(a)) for a in articles]
    global _settled
    if not _settled:
        # After a first chunk the lexicons, compiled patterns and warm caches are long-lived: moved out of the
        # collector's reach, the full collections of the rest of the run stop re-walking them.
        gc.freeze()
        _settled = True
    return lines


_settled = False  # per worker process: has the first chunk been extracted?


def _parse_chunk(items: list[RawInput | FileToRead | Skipped]
                 ) -> list[tuple[Article | Skipped, CopyFeatures | None]]:
    """Worker entry point: read a chunk of inputs into articles (with their copy features) and skipped records."""
    return [(result, None if isinstance(result, Skipped) else copy_features(result))
            for item in items for result in parse_input(item)]


def _mp_context():
    """Fork when it is safe (fast start, lexicons already loaded); otherwise the platform default."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class Workers:
    """Up to `jobs` worker processes, started by the first task big enough to need more than one."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.executor: Executor | None = None

    def pool(self, articles: int) -> Executor | None:
        """The process pool for about `articles` articles of work, or None when one process will do."""
        if self.executor is None:
            needed = min(self.jobs, articles // MIN_ARTICLES_PER_JOB)
            if needed <= 1:
                return None
            self.jobs = needed
            self.executor = ProcessPoolExecutor(max_workers=needed, mp_context=_mp_context())
        return self.executor


@contextmanager
def worker_pool(jobs: int) -> Iterator[Workers]:
    """`Workers` for `jobs` processes; on error their pending tasks are cancelled."""
    workers = Workers(jobs)
    try:
        yield workers
    except BaseException:
        if workers.executor is not None:
            workers.executor.shutdown(wait=True, cancel_futures=True)
        raise
    if workers.executor is not None:
        workers.executor.shutdown(wait=True)


def ordered_results(pool: Executor, work: Callable[[list[Item]], list[Result]],
                    chunks: Iterable[list[Item]]) -> Iterator[list[Result]]:
    """Submit every chunk as it comes and yield the results chunk by chunk in submission order, as soon as ready."""
    futures: dict[int, Future] = {}
    submitted = yielded = 0
    for chunk in chunks:
        futures[submitted] = pool.submit(work, chunk)
        submitted += 1
        while yielded in futures and futures[yielded].done():  # hand over what is ready, keep submitting
            yield futures.pop(yielded).result()
            yielded += 1
    while yielded < submitted:
        future = futures.pop(yielded)
        if not future.done():
            wait([future], return_when=FIRST_COMPLETED)
        yield future.result()
        yielded += 1


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest_all(paths: Iterable[str | os.PathLike], workers: Workers) -> tuple[list[Article], list[Skipped]]:
    """`load_articles` with the files read and cleaned by worker processes; duplicates united here."""
    items = list(iter_inputs(paths, defer_reading=workers.jobs > 1))  # the files are only listed
    pool = workers.pool(len(items)) if len(items) >= FILES_PER_CHUNK else None
    if pool is None:  # a few files: not worth a round trip to the workers
        return unite_and_sort(result for item in items for result in parse_input(item))
    results, features = [], []
    for chunk in ordered_results(pool, _parse_chunk, chunked(items, FILES_PER_CHUNK)):
        for result, prepared in chunk:
            results.append(result)
            if prepared is not None:
                features.append(prepared)
    return unite_and_sort(results, features)


def extract_stream(articles: Sequence[Article], workers: Workers, progress: Progress = None,
                   as_json: bool = False) -> Iterator[ArticleFindings | bytes]:
    """Findings of every article in input order (as UTF-8 JSON with `as_json`), extracted by the workers."""
    total = len(articles)
    pool = workers.pool(total)
    if pool is None:
        for i, article in enumerate(articles, 1):
            findings = extract_article(article)
            yield findings_json(findings) if as_json else findings
            if progress:
                progress(i, total)
        return
    done = 0
    # JSON crosses the process boundary: validating it here costs a third of unpickling pydantic objects.
    for results in ordered_results(pool, _extract_chunk_json, guided_chunks(articles, workers.jobs)):
        yield from results if as_json else map(ArticleFindings.model_validate_json, results)
        done += len(results)
        if progress:
            progress(done, total)


def extract_all(articles: Sequence[Article], jobs: int = 1, progress: Progress = None) -> list[ArticleFindings]:
    """Extract findings for every article, in `jobs` processes; the result order is the input order."""
    with worker_pool(resolve_jobs(jobs)) as workers:
        return list(extract_stream(articles, workers, progress))

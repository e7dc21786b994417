"""Findings files (JSON Lines): write per-article findings, read shards back, unite duplicate articles.

Each line is one `ArticleFindings` object. Inputs that could not be read are kept as lines of the
form `{"skipped": {"input": ..., "reason": ...}}` so a later `merge` still reports them. The last line,
`{"united": {"articles": N}}`, says the file's N articles were already united by ingest, so merging that one
file alone skips re-detecting duplicates; concatenated or cut files (two such lines, another count, lines after
it) are united again as usual.
"""
from __future__ import annotations

import gc
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Union

from pydantic import ValidationError

from briefing.atomic import atomic_writer
from briefing.errors import InputError
from briefing.model import ArticleFindings, Skipped


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: loading and merging findings create millions of objects but no
    reference cycles, and the collector's repeated passes over them cost more than the work itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# One article's findings as the UTF-8 bytes of `model_dump_json`, without decoding them to text.
findings_json = ArticleFindings.__pydantic_serializer__.to_json


def write_findings_jsonl(path: str | Path, findings: Iterable[Union[ArticleFindings, bytes]],
                         skipped: Iterable[Skipped] = ()) -> Path:
    """Stream findings (objects or their UTF-8 JSON), skipped inputs and the united trailer to a temporary
    file beside `path`, then rename it over `path`. The findings must be of distinct (united) articles."""
    written = 0
    with atomic_writer(path, "wb") as fh:
        for f in findings:
            fh.write(f if isinstance(f, bytes) else findings_json(f))
            fh.write(b"\n")
            written += 1
        for s in skipped:
            fh.write(json.dumps({"skipped": s.model_dump()}, ensure_ascii=False).encode("utf-8"))
            fh.write(b"\n")
        fh.write(json.dumps({"united": {"articles": written}}).encode("utf-8"))
        fh.write(b"\n")
    return Path(path)


def read_findings_jsonl(path: str | Path) -> tuple[list[ArticleFindings], list[Skipped]]:
    """Read one findings file; a malformed line is an input error naming the file and line."""
    return _read_findings(path)[:2]


def _read_findings(path: str | Path) -> tuple[list[ArticleFindings], list[Skipped], bool]:
    """(findings, skipped, united): united when the file ends with one trailer counting exactly its findings."""
    findings, skipped = [], []
    trailers: list[tuple[int, int]] = []  # (findings read before it, articles it counts)
    try:
        with open(path, encoding="utf-8") as fh, gc_paused():
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    head = line.lstrip()
                    if head.startswith('{"skipped"'):
                        skipped.append(Skipped.model_validate(json.loads(line)["skipped"]))
                    elif head.startswith('{"united"'):
                        trailers.append((len(findings), int(json.loads(line)["united"]["articles"])))
                    else:
                        findings.append(ArticleFindings.model_validate_json(line))
                except (ValidationError, ValueError, KeyError, TypeError) as exc:
                    first = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
                    raise InputError(f"{path}:{lineno}: not an article findings line ({first})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text") from exc
    # Joined files hold two trailers or findings after one; a cut file's trailer counts more than it holds.
    united = len(trailers) == 1 and trailers[0] == (len(findings), len(findings))
    return findings, skipped, united


def unite_duplicates(findings: Iterable[ArticleFindings]) -> list[ArticleFindings]:
    """Unite copies of one article across shards exactly as ingest does (same copy kept, all origins).

    When the united article differs from every shard's copy (metadata filled in from another copy),
    it is extracted again, so the findings are those a single run would have produced.
    """
    from briefing.extract import extract_article
    from briefing.ingest.dedupe import merge_duplicates

    findings = list(findings)
    merged = merge_duplicates([f.article for f in findings])
    if len(merged) == len(findings):
        return findings
    by_key: dict[str, list[ArticleFindings]] = {}
    for f in findings:
        by_key.setdefault(f.article.key, []).append(f)
    united = []
    for article in merged:
        same = _without_origins(article)
        match = next((f for f in by_key.get(article.key, []) if _without_origins(f.article) == same), None)
        if match is None:
            united.append(extract_article(article))
        else:
            united.append(match.model_copy(update={"article": article}))
    return united


def _without_origins(article) -> dict:
    return article.model_dump(exclude={"origins"})


def load_findings(paths: Iterable[str | Path]) -> tuple[list[ArticleFindings], list[Skipped]]:
    """Read findings files in the order given and unite articles that appear in several shards."""
    findings, skipped, files, united = [], [], 0, True
    for path in paths:
        more, more_skipped, more_united = _read_findings(path)
        findings.extend(more)
        skipped.extend(more_skipped)
        files, united = files + 1, united and more_united
    # Same order as ingest reports them, so a sharded run lists skipped inputs like a single run.
    skipped.sort(key=lambda s: (s.input, s.reason))
    # One file that ingest already united needs no second pass; shards may share articles.
    return (findings if files == 1 and united else unite_duplicates(findings)), skipped

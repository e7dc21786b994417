"""Ingest: read article files, folders and standard input into cleaned, deduplicated `Article` records.

Formats are recognised from content and extension: seed text (`date YYYY-MM-DD body`), a `key: value`
header block, Markdown with front matter, plain text, saved HTML pages, JSON / JSON Lines records and
RSS/Atom feeds. Every input that yields no article is reported as a `Skipped` with a one-line reason;
no input, however broken, raises.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from briefing.ingest.builder import article_key, make_article
from briefing.ingest.clean import clean_body
from briefing.ingest.dates import parse_date
from briefing.ingest.dedupe import CopyFeatures, unite_articles
from briefing.ingest.sources import FileToRead, RawInput, decode, iter_inputs, read_file
from briefing.model import Article, Skipped

__all__ = ["load_articles", "parse_input", "unite_and_sort", "parse_source", "clean_body", "parse_date",
           "article_key"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b|<head\b|<body\b)",
                        re.IGNORECASE | re.DOTALL)
FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE | re.DOTALL)


def detect_format(suffix: str, text: str) -> str:
    """html, feed, json, jsonl, markdown or text — from the content first, then the extension."""
    head = text[:4096]
    if FEED_START.match(head):
        return "feed"
    if HTML_START.match(head):
        return "html"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and head.lstrip()[:1] in ("{", "[")
                                   and looks_like_json(text)):
        return "json"
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"


def looks_like_json(text: str) -> bool:
    """Text that parses as JSON or whose first line is a JSON object (JSON Lines)."""
    import json

    from briefing.ingest.records import looks_like_json_lines

    try:
        json.loads(text)
        return True
    except (ValueError, RecursionError):
        return looks_like_json_lines(text)


def parse_source(source: RawInput) -> Iterator[Article | Skipped]:
    """Every article (or skipped record) in one input."""
    text, problem = decode(source.data)
    if text is None:
        yield Skipped(input=source.label, reason=problem)
        return
    kind = detect_format(source.suffix, text)
    if kind == "html":
        from briefing.ingest.html import parse_html
        yield parse_html(text, source.label, source.stem)
    elif kind == "feed":
        from briefing.ingest.records import parse_feed
        yield from parse_feed(source.data, text, source.label, source.stem)
    elif kind in ("json", "jsonl"):
        from briefing.ingest.records import parse_json
        yield from parse_json(text, source.label, source.stem, lines_hint=kind == "jsonl")
    else:
        from briefing.ingest.text import parse_text
        meta, body, markdown = parse_text(text, markdown=kind == "markdown")
        yield make_article(source.label, source.stem, meta, body, markdown=markdown)


def parse_input(item: RawInput | FileToRead | Skipped) -> list[Article | Skipped]:
    """Every article or skipped record of one input item; a parser failure becomes a Skipped."""
    if isinstance(item, FileToRead):
        item = read_file(item.path)
    if isinstance(item, Skipped):
        return [item]
    try:
        return list(parse_source(item))
    except Exception as exc:  # a parser bug or hostile input must never stop the run
        return [Skipped(input=item.label, reason=f"could not be parsed ({exc.__class__.__name__})")]


def unite_and_sort(results: Iterable[Article | Skipped], features: list[CopyFeatures] | None = None
                   ) -> tuple[list[Article], list[Skipped]]:
    """Parsed results (in input order) → articles with duplicates merged, in a stable order, and skipped inputs.

    `features`: the articles' `copy_features` (in the same order), when computed elsewhere.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for result in results:
        (skipped if isinstance(result, Skipped) else articles).append(result)
    merged = [article for article, _ in unite_articles(articles, features)]
    merged.sort(key=lambda a: (a.published is None, a.published or date.min, a.stem, a.key))
    skipped.sort(key=lambda s: (s.input, s.reason))
    return merged, skipped


def load_articles(paths: Iterable[str | Path]) -> tuple[list[Article], list[Skipped]]:
    """Read every input into articles; broken inputs are reported as skipped, duplicates merged, order stable."""
    return unite_and_sort(result for item in iter_inputs(paths) for result in parse_input(item))

"""Structured inputs: JSON objects or arrays, JSON Lines, and RSS/Atom feeds."""
from __future__ import annotations

import io
import json
import re
from typing import Iterator

from briefing.ingest.builder import make_article, safe_stem
from briefing.ingest.clean import html_fragment_text
from briefing.ingest.text import field_of
from briefing.model import Article, Skipped

FULL_TEXT_KEYS = ("text", "body", "content", "article", "full_text", "fulltext", "maintext", "article_text")
SUMMARY_KEYS = ("description", "summary", "abstract")
TEXT_KEYS = FULL_TEXT_KEYS + SUMMARY_KEYS
FEED_TEASER_END = re.compile(r"\s*(?:\[(?:…|\.\.\.)\]|(?:Read more|Read More|READ MORE|Continue reading)\s*(?:»|→|›|\.\.\.|…)?)\s*$",
                             re.MULTILINE)
TRUNCATION_MARK = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")  # news APIs cut `content` like this
LIST_KEYS = ("articles", "items", "data", "records", "entries", "results", "documents", "posts", "news")
HTML_HINT = re.compile(r"</?(?:p|div|br|span|a|em|strong|li|h[1-6]|blockquote)\b", re.IGNORECASE)

Result = Article | Skipped


def looks_like_json_lines(text: str) -> bool:
    """Several non-empty lines, the first of which is a JSON object by itself."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        return isinstance(json.loads(lines[0]), dict)
    except (ValueError, RecursionError):
        return False


def parse_json(text: str, label: str, stem: str, lines_hint: bool) -> Iterator[Result]:
    """A JSON document (one record or a list of records) or, if it is JSON Lines, one record per line."""
    if lines_hint:
        yield from parse_json_lines(text, label, stem)
        return
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        if looks_like_json_lines(text):
            yield from parse_json_lines(text, label, stem)
            return
        where = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        yield Skipped(input=label, reason=f"invalid JSON{where} (truncated or malformed)")
        return
    records = find_records(data)
    if records is None:
        yield Skipped(input=label, reason="JSON has no article records (objects with text, body or content)")
    elif isinstance(data, dict) and records == [data]:
        yield record_article(data, label, stem)
    else:
        if not records:
            yield Skipped(input=label, reason="JSON list is empty")
        for n, record in enumerate(records, 1):
            yield record_article(record, f"{label}#{n}", f"{stem}-{n}")


def parse_json_lines(text: str, label: str, stem: str) -> Iterator[Result]:
    """One record per non-empty line; a bad line is skipped on its own as `path#line`."""
    found = False
    for n, line in enumerate(text.split("\n"), 1):  # not splitlines(): JSON strings may hold U+2028
        if not line.strip():
            continue
        found = True
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            yield Skipped(input=f"{label}#{n}", reason="invalid JSON")
            continue
        yield record_article(record, f"{label}#{n}", f"{stem}-{n}")
    if not found:
        yield Skipped(input=label, reason="no JSON records")


def find_records(data: object) -> list | None:
    """The article records in a JSON document: the object itself, a list, or a list under `articles`, `items` …"""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if any(as_text(data[k]) for k in record_keys(data, TEXT_KEYS)):
            return [data]
        for key in record_keys(data, LIST_KEYS):
            if isinstance(data[key], list):
                return data[key]
    return None


def record_keys(record: dict, wanted: tuple[str, ...]) -> list[str]:
    """Keys of `record` matching `wanted` case-insensitively, in the order of `wanted`."""
    lower = {str(k).lower(): k for k in record}
    return [lower[w] for w in wanted if w in lower]


def as_text(value: object) -> str:
    """A text field: a string, or a list of paragraph strings joined by blank lines."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return ""


def record_article(record: object, origin: str, fallback_stem: str) -> Result:
    """One JSON record → article: text/body/content plus optional title, source, url, date, author."""
    if not isinstance(record, dict):
        return Skipped(input=origin, reason="record is not a JSON object")
    full = [as_text(record[k]) for k in record_keys(record, FULL_TEXT_KEYS)]
    summaries = [as_text(record[k]) for k in record_keys(record, SUMMARY_KEYS)]
    body = max((b for b in full if b.strip()), key=len, default=None) or next((b for b in summaries if b.strip()), None)
    if body is None:
        return Skipped(input=origin, reason="record has no text, body or content")
    meta: dict = {}
    for key, value in record.items():
        field = field_of(str(key)) or ("outlet" if str(key).lower() in ("source_name", "domain") else None)
        if field and field not in meta and value not in (None, "", []):
            meta[field] = value.get("name") or value.get("title") if isinstance(value, dict) else value
    if "author" in meta and isinstance(meta["author"], list):
        meta["author"] = [a.get("name", "") if isinstance(a, dict) else a for a in meta["author"]]
    body = TRUNCATION_MARK.sub("", body)
    if HTML_HINT.search(body):
        body = html_fragment_text(body)
    rid = record.get("id", record.get("_id"))
    stem = safe_stem(rid, fallback_stem) if isinstance(rid, (str, int)) and not isinstance(rid, bool) else fallback_stem
    return make_article(origin, stem, meta, body)


def parse_feed(data: bytes, text: str, label: str, stem: str) -> Iterator[Result]:
    """RSS/Atom entries with content or a summary → one article each (`path#n`)."""
    import feedparser  # imported only when a feed is present

    options = {"sanitize_html": True, "resolve_relative_uris": False}
    try:  # the raw bytes first, so the feed's own encoding declaration is honoured
        feed = feedparser.parse(io.BytesIO(data), **options)
    except Exception:  # feedparser trips over some broken declarations: use our decoding instead
        utf8 = re.sub(r"^\s*<\?xml[^>]*\?>", "", text).encode("utf-8", "replace")
        feed = feedparser.parse(io.BytesIO(utf8), **options)
    entries = list(getattr(feed, "entries", []) or [])
    if not entries:
        yield Skipped(input=label, reason="feed has no entries (or is not an RSS/Atom feed)")
        return
    outlet = (feed.get("feed") or {}).get("title", "")
    for n, entry in enumerate(entries, 1):
        origin = f"{label}#{n}"
        contents = [c.get("value", "") for c in entry.get("content", []) or [] if c.get("value")]
        body = max(contents, key=len) if contents else entry.get("summary", "") or entry.get("description", "")
        if not body or not body.strip():
            yield Skipped(input=origin, reason="feed entry has no content or summary")
            continue
        meta = {"title": html_fragment_text(entry.get("title", "")), "outlet": outlet, "url": entry.get("link", ""),
                "date": entry.get("published") or entry.get("updated") or entry.get("created") or "",
                "author": entry.get("author", "")}
        yield make_article(origin, f"{stem}-{n}", meta, FEED_TEASER_END.sub("", html_fragment_text(body)))

"""Ingest: read article files and folders into cleaned `Article` records."""
from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Iterable

from briefing.errors import InputError
from briefing.model import Article, Skipped

BOILERPLATE_LINE = re.compile(
    r"^\s*(advertis(e)?ment|sponsored( content)?|read more\b.*|share (this|on)\b.*|also read\b.*|"
    r"click here\b.*|subscribe\b.*)\s*$",
    re.IGNORECASE,
)
SEED_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+", re.IGNORECASE)
HEADER_LINE = re.compile(r"^(title|source|url|date|author)\s*:\s*(.*)$", re.IGNORECASE)
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}


def clean_body(raw: str) -> str:
    """Drop boilerplate lines and normalise whitespace; paragraphs are separated by one blank line."""
    paragraphs: list[str] = []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        if not line or BOILERPLATE_LINE.match(line):
            continue
        paragraphs.append(line)
    return "\n\n".join(paragraphs)


def parse_date(value: str) -> date | None:
    """Parse an ISO `YYYY-MM-DD` header date; None when missing or unknown."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def article_key(text: str) -> str:
    """Content-derived key: identical bodies share a key."""
    return hashlib.sha1(" ".join(text.split()).lower().encode("utf-8")).hexdigest()[:12]


def parse_text_article(raw: str, origin: str, stem: str) -> Article:
    """Parse the seed format (`date YYYY-MM-DD body`) or a `key: value` header block then body."""
    meta: dict[str, str] = {}
    seed = SEED_HEADER.match(raw)
    if seed:
        meta["date"] = seed[1]
        body = raw[seed.end():]
    else:
        lines = raw.lstrip("\ufeff").split("\n")
        i = 0
        while i < len(lines) and HEADER_LINE.match(lines[i].strip()):
            m = HEADER_LINE.match(lines[i].strip())
            meta[m[1].lower()] = m[2].strip()
            i += 1
        body = "\n".join(lines[i:]) if meta else raw
    text = clean_body(body)
    if not text:
        raise InputError(f"{origin}: no article text")
    return Article(
        key=article_key(text), stem=stem, title=meta.get("title", ""), outlet=meta.get("source", ""),
        url=meta.get("url", ""), published=parse_date(meta.get("date", "")), author=meta.get("author", ""),
        text=text, origins=[origin],
    )


def iter_input_files(paths: Iterable[str | Path]) -> Iterable[Path]:
    """Expand folders recursively in a stable (sorted) order; files are yielded as given."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith("."):
                    yield f
        else:
            yield p


def load_articles(paths: Iterable[str | Path]) -> tuple[list[Article], list[Skipped]]:
    """Read every input into articles; unreadable inputs are reported as skipped, duplicates merged."""
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    for f in iter_input_files(paths):
        try:
            raw = f.read_text(encoding="utf-8")
            art = parse_text_article(raw, str(f), f.stem)
        except (OSError, UnicodeDecodeError) as exc:
            skipped.append(Skipped(input=str(f), reason=str(exc)))
            continue
        except InputError as exc:
            skipped.append(Skipped(input=str(f), reason=str(exc).split(": ", 1)[-1]))
            continue
        if art.key in articles:
            articles[art.key].origins.extend(art.origins)
        else:
            articles[art.key] = art
    return list(articles.values()), skipped

"""Turn parsed metadata and a raw body into a validated `Article` (or a Skipped when nothing is left)."""
from __future__ import annotations

import hashlib
import re

from briefing.ingest.clean import clean_body, clean_line
from briefing.ingest.dates import parse_date
from briefing.model import Article, Skipped

MAX_META_CHARS = 500


def article_key(text: str) -> str:
    """Content-derived key: identical bodies (up to case and whitespace) share a key."""
    return hashlib.sha1(" ".join(text.split()).lower().encode("utf-8")).hexdigest()[:12]


def safe_stem(value: object, fallback: str) -> str:
    """A record id usable as a stem: one line, no path separators, not empty."""
    stem = re.sub(r"[\\/\s]+", "_", clean_line(value))[:120].strip("._")
    return stem or fallback


def meta_text(meta: dict, field: str) -> str:
    """A metadata field as one clean line (lists are joined with commas)."""
    value = meta.get(field)
    if isinstance(value, (list, tuple)):
        value = ", ".join(clean_line(v) for v in value if clean_line(v))
    return clean_line(value)[:MAX_META_CHARS]


def drop_repeated_title(text: str, title: str) -> str:
    """Remove a first paragraph that only repeats the headline (page <h1>, Markdown `# Title`)."""
    first, _, rest = text.partition("\n\n")
    if title and rest and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def make_article(origin: str, stem: str, meta: dict, body: str, markdown: bool = False) -> Article | Skipped:
    """Clean the body and assemble the article; a body with no text left is skipped."""
    text = drop_repeated_title(clean_body(body, markdown=markdown), meta_text(meta, "title"))
    if not text:
        return Skipped(input=origin, reason="no article text")
    url, outlet = meta_text(meta, "url"), meta_text(meta, "outlet")
    site = re.match(r"https?://(?:www\.)?([^/\s:]+)", outlet)
    if site:  # `source: https://…` — an address, not an outlet name
        url, outlet = url or outlet, site[1]
    return Article(
        key=article_key(text), stem=stem, title=meta_text(meta, "title"), outlet=outlet,
        url=url if " " not in url else "", published=parse_date(meta.get("date")),
        author=meta_text(meta, "author"), text=text, origins=[origin],
    )
